"""The conference's reads: the grid (time × room), the detail line of a session,
the committee's ranking and per-criterion summaries, and the organisers' warnings.
Each runs a fixed number of queries."""

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.models import BERLIN, Event, Festival, SubEvent
from events.registry import GridData, GridRow
from events.scoring import weighted_mean
from events.selectors import Conflict, programme_version

from .models import Criterion, Review, Session, Submission

SLOT_MINUTES = 15
# A session "overruns" when it ends after this local time on its day, or when its
# length differs from the duration its proposal declared (see session_conflicts).
DAY_END = dt.time(18, 0)


def conference_sub_event(festival: Festival | None) -> SubEvent | None:
    """The festival's conference sub-event (the first of kind "conference")."""
    if festival is None:
        return None
    return (
        SubEvent.objects.filter(festival=festival, kind=SubEvent.Kind.CONFERENCE)
        .order_by("position", "pk")
        .first()
    )


def sessions_of(sub_event: SubEvent, *, public: bool = True) -> QuerySet[Session]:
    qs = (
        Session.objects.filter(event__sub_event=sub_event)
        .select_related("event", "event__venue", "track")
        .prefetch_related("speakers", "speakers__partner")
        .order_by("event__starts_at", "event__venue__name")
    )
    if public:
        qs = qs.filter(event__status=Event.Status.PUBLISHED)
    else:
        qs = qs.exclude(event__status=Event.Status.CANCELLED)
    return qs


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, BERLIN)


@dataclass
class GridCell:
    session: Session
    column: int  # 1-based, after the time column
    row_start: int  # 1-based grid line, after the header row
    row_end: int

    @property
    def speakers(self) -> str:
        return ", ".join(s.label() for s in self.session.speakers.all())


@dataclass
class GridDay:
    day: dt.date
    rooms: list = field(default_factory=list)
    slots: list[str] = field(default_factory=list)
    cells: list[GridCell] = field(default_factory=list)
    by_time: list[tuple[str, list[Session]]] = field(default_factory=list)


def conference_grid(sub_event: SubEvent, *, public: bool = True) -> list[GridDay]:
    """The sessions per day as a grid: rooms as columns, 15-minute rows."""
    sessions = [s for s in sessions_of(sub_event, public=public) if s.event.venue_id]
    days: dict[dt.date, list[Session]] = {}
    for session in sessions:
        days.setdefault(_local(session.event.starts_at).date(), []).append(session)
    grid = []
    for day, day_sessions in sorted(days.items()):
        rooms = sorted(
            {s.event.venue for s in day_sessions}, key=lambda v: (v.name, v.pk)
        )
        first = min(_local(s.event.starts_at) for s in day_sessions)
        last = max(_local(s.event.ends_at) for s in day_sessions)
        origin = first.replace(minute=first.minute - first.minute % SLOT_MINUTES)

        def line(moment: dt.datetime, origin: dt.datetime = origin) -> int:
            minutes = (_local(moment) - origin).total_seconds() / 60
            return 2 + int(minutes // SLOT_MINUTES)

        slots = []
        moment = origin
        while moment < last:
            slots.append(moment.strftime("%H:%M"))
            moment += dt.timedelta(minutes=SLOT_MINUTES)
        cells = [
            GridCell(
                session=s,
                column=2 + rooms.index(s.event.venue),
                row_start=line(s.event.starts_at),
                row_end=max(line(s.event.ends_at), line(s.event.starts_at) + 1),
            )
            for s in day_sessions
        ]
        by_time: dict[str, list[Session]] = {}
        for s in day_sessions:
            by_time.setdefault(_local(s.event.starts_at).strftime("%H:%M"), []).append(
                s
            )
        grid.append(
            GridDay(
                day=day,
                rooms=rooms,
                slots=slots,
                cells=cells,
                by_time=sorted(by_time.items()),
            )
        )
    return grid


def _print_cell(session: Session) -> str:
    """'Title\n09:00–10:30\nWorkshop · Track\nSpeaker, Speaker' (no empty lines)."""
    event = session.event
    lines = [
        event.title,
        f"{_local(event.starts_at):%H:%M}–{_local(event.ends_at):%H:%M}",
        " · ".join(
            part
            for part in (
                session.get_format_display(),
                session.track.name if session.track_id else "",
            )
            if part
        ),
        ", ".join(s.label() for s in session.speakers.all()),
    ]
    return "\n".join(line for line in lines if line)


def print_grid_data(festival: Festival | None) -> GridData | None:
    """Registry print grid: the published sessions as a table for printing, the
    rooms as columns and one row per start time (the day in the label when the
    conference has more than one); None when there is nothing to print.
    Three queries (the sub-event, the sessions, their speakers)."""
    sub_event = conference_sub_event(festival)
    if sub_event is None:
        return None
    sessions = [s for s in sessions_of(sub_event) if s.event.venue_id]
    if not sessions:
        return None
    rooms = sorted({s.event.venue for s in sessions}, key=lambda v: (v.name, v.pk))
    days = sorted({_local(s.event.starts_at).date() for s in sessions})
    starts: dict[dt.datetime, list[Session]] = {}
    for session in sessions:
        starts.setdefault(_local(session.event.starts_at), []).append(session)
    rows = []
    for moment, starting in sorted(starts.items()):
        cells: list[str | None] = [None] * len(rooms)
        for session in starting:
            column = rooms.index(session.event.venue)
            text = _print_cell(session)
            cells[column] = f"{cells[column]}\n\n{text}" if cells[column] else text
        label = moment.strftime("%H:%M")
        if len(days) > 1:
            label = f"{date_format(moment.date(), 'D j.n.')}\n{label}"
        rows.append(GridRow(label=label, cells=cells))
    when = " – ".join(
        dict.fromkeys(date_format(day, "l, j. F Y") for day in (days[0], days[-1]))
    )
    return GridData(
        title=f"{sub_event.name}: {_('Programme grid')}",
        subtitle=when,
        columns=[room.name for room in rooms],
        rows=rows,
    )


def print_grid_fingerprint(festival: Festival | None) -> str:
    """The grid changes with the programme (the module's models bump its version)."""
    return f"{programme_version()}:{festival.pk if festival else '-'}"


def session_detail_line(session: Session) -> str:
    """'Workshop · Frühe Bildung · Professionals · Deutsch · Introductory · with …'"""
    parts = [session.get_format_display()]
    if session.track_id:
        parts += [session.track.name, session.track.get_audience_display()]
    parts += [session.language, session.get_level_display()]
    speakers = ", ".join(s.label() for s in session.speakers.all())
    if speakers:
        parts.append(_("with %(speakers)s") % {"speakers": speakers})
    return " · ".join(p for p in parts if p)


def detail_lines(events: list[Event]) -> dict[int, list[str]]:
    """Registry detail provider: each session's line, none for other events.

    The lines of all sessions are built at once and cached per programme version
    and language (the module's models bump the version, see apps.py), so pages,
    feeds and the booklet pay at most one query for any number of events."""
    key = f"conference:details:{programme_version()}:{get_language()}"
    lines = cache.get(key)
    if lines is None:
        lines = {
            session.event_id: session_detail_line(session)
            for session in Session.objects.select_related("track").prefetch_related(
                "speakers", "speakers__partner"
            )
        }
        cache.set(key, lines, timeout=24 * 3600)
    return {event.pk: [lines[event.pk]] for event in events if lines.get(event.pk)}


# --- the committee ---------------------------------------------------------------


@dataclass
class CriterionSummary:
    criterion: Criterion
    scores: list[int]

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return round(statistics.fmean(self.scores), 2) if self.scores else None

    @property
    def spread(self) -> int | None:
        """The range of the scores (highest minus lowest)."""
        return max(self.scores) - min(self.scores) if self.scores else None


def weighted_score(reviews: list[Review], criteria: list[Criterion]) -> float | None:
    """The criteria's mean scores weighted by their weights (criteria nobody has
    scored yet are left out); None before the first review."""
    means = []
    for criterion in criteria:
        scores = [r.score for r in reviews if r.criterion_id == criterion.pk]
        means.append((criterion.weight, statistics.fmean(scores) if scores else None))
    score = weighted_mean(means)
    return round(score, 2) if score is not None else None


def criterion_summaries(
    submission: Submission, criteria: list[Criterion]
) -> list[CriterionSummary]:
    reviews = list(submission.reviews.all())
    return [
        CriterionSummary(
            criterion=c, scores=[r.score for r in reviews if r.criterion_id == c.pk]
        )
        for c in criteria
    ]


def submission_list(
    sub_event: SubEvent,
    *,
    state: str = "",
    format: str = "",
    track: str = "",
    sort: str = "score",
) -> list[Submission]:
    """The submissions with `.score` (weighted mean) and `.reviewer_count`, filtered;
    sorted by score (best first, unscored last) or by date."""
    criteria = list(Criterion.objects.filter(sub_event=sub_event))
    qs = Submission.objects.filter(sub_event=sub_event).select_related("track")
    if state:
        qs = qs.filter(state=state)
    if format:
        qs = qs.filter(format=format)
    if track:
        qs = qs.filter(track_id=track)
    qs = qs.prefetch_related(Prefetch("reviews", queryset=Review.objects.all()))
    submissions = list(qs)
    for submission in submissions:
        reviews = list(submission.reviews.all())
        submission.score = weighted_score(reviews, criteria)
        submission.reviewer_count = len({r.reviewer_id for r in reviews})
    if sort == "score":
        submissions.sort(key=lambda s: (s.score is None, -(s.score or 0), s.created_at))
    return submissions


def state_counts(sub_event: SubEvent) -> list[tuple[str, str, int]]:
    counts = dict.fromkeys(Submission.State.values, 0)
    for state in Submission.objects.filter(sub_event=sub_event).values_list(
        "state", flat=True
    ):
        counts[state] += 1
    return [(s, label, counts[s]) for s, label in Submission.State.choices]


# --- warnings ----------------------------------------------------------------------


def _admin(session: Session) -> str:
    return reverse("admin:events_event_change", args=[session.event_id])


def _span(event: Event) -> str:
    return f"{_local(event.starts_at):%d.%m. %H:%M}–{_local(event.ends_at):%H:%M}"


def session_conflicts(festival: Festival) -> list[Conflict]:
    """Registry conflict provider: speakers in two sessions at once, sessions that
    overrun (longer or shorter than declared, or past DAY_END), rooms over capacity.
    Three queries."""
    sessions = list(
        Session.objects.filter(event__sub_event__festival=festival)
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event", "event__venue")
        .prefetch_related("speakers")
        .order_by("event__starts_at", "pk")
    )
    declared = dict(
        Submission.objects.filter(session__in=sessions).values_list(
            "session_id", "duration"
        )
    )
    conflicts: list[Conflict] = []
    for i, a in enumerate(sessions):
        for b in sessions[i + 1 :]:
            if b.event.starts_at >= a.event.ends_at:
                break
            shared = {s.pk: s for s in a.speakers.all()}.keys() & {
                s.pk for s in b.speakers.all()
            }
            for speaker in [s for s in a.speakers.all() if s.pk in shared]:
                conflicts.append(
                    Conflict(
                        kind="speaker_double_booked",
                        message=_(
                            "%(speaker)s speaks in “%(a)s” (%(a_when)s) and "
                            "“%(b)s” (%(b_when)s) at the same time."
                        )
                        % {
                            "speaker": speaker.name,
                            "a": a.event.title,
                            "a_when": _span(a.event),
                            "b": b.event.title,
                            "b_when": _span(b.event),
                        },
                        event_ids=(a.event_id, b.event_id),
                        fix_url=_admin(b),
                        severity="high",
                        fix_label=_("Move a session"),
                        sub_event_ids=(a.event.sub_event_id,),
                    )
                )
    for s in sessions:
        event = s.event
        minutes = int((event.ends_at - event.starts_at).total_seconds() // 60)
        wanted = declared.get(s.pk)
        if wanted is not None and wanted != minutes:
            message = _(
                "“%(title)s” is scheduled for %(minutes)d minutes but was proposed "
                "for %(wanted)d."
            ) % {"title": event.title, "minutes": minutes, "wanted": wanted}
        elif _local(event.ends_at).time() > DAY_END or (
            _local(event.ends_at).date() != _local(event.starts_at).date()
        ):
            message = _("“%(title)s” runs past the end of the day (%(end)s).") % {
                "title": event.title,
                "end": DAY_END.strftime("%H:%M"),
            }
        else:
            message = ""
        if message:
            conflicts.append(
                Conflict(
                    kind="session_overrun",
                    message=message,
                    event_ids=(event.pk,),
                    fix_url=_admin(s),
                    severity="medium",
                    fix_label=_("Change the times"),
                    sub_event_ids=(event.sub_event_id,),
                )
            )
        venue = event.venue
        if (
            venue
            and venue.capacity
            and event.capacity
            and event.capacity > venue.capacity
        ):
            conflicts.append(
                Conflict(
                    kind="room_over_capacity",
                    message=_(
                        "“%(title)s” offers %(seats)d seats but %(room)s holds "
                        "%(capacity)d."
                    )
                    % {
                        "title": event.title,
                        "seats": event.capacity,
                        "room": venue.name,
                        "capacity": venue.capacity,
                    },
                    event_ids=(event.pk,),
                    fix_url=_admin(s),
                    severity="medium",
                    fix_label=_("Lower the capacity"),
                    sub_event_ids=(event.sub_event_id,),
                )
            )
    return conflicts
