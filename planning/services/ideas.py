"""Writes of the Denkfabrik: an idea's state, merging duplicates, ratings, turning an
accepted idea into a draft event or a new part of the week, and the plenary's CSV
import (parsed first for a preview, then stored).

Every refusal is a ValidationError with a code; nothing is written when one is raised.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events import roles
from events.models import Event, Festival, Partner, SubEvent, Venue
from events.services import event_create, sub_event_create
from planning.models import Criterion, Idea, Rating

State = Idea.State

# Where an idea may go from each state. Planned is normally reached through
# idea_convert (which also creates the event); merging has its own service.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.NEW: (State.REVIEW, State.PARKED, State.DECLINED),
    State.REVIEW: (State.ACCEPTED, State.PARKED, State.DECLINED),
    State.ACCEPTED: (State.PLANNED, State.PARKED, State.DECLINED),
    State.PLANNED: (State.DONE,),
    State.PARKED: (State.REVIEW,),
    State.DONE: (),
    State.DECLINED: (),
    State.MERGED: (),
}
# An idea that became (part of) the programme is not merged away any more.
MERGEABLE_STATES = (
    State.NEW,
    State.REVIEW,
    State.ACCEPTED,
    State.PARKED,
    State.DECLINED,
)
REASON_MAX = 500


def _locked(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().get(pk=idea.pk)


def _state_error(idea: Idea, state: str) -> ValidationError:
    return ValidationError(
        _("An idea that is “%(current)s” cannot become “%(wanted)s”.")
        % {
            "current": State(idea.state).label,
            "wanted": State(state).label if state in State.values else state,
        },
        code="idea_state",
    )


@transaction.atomic
def idea_state_change(*, idea: Idea, state: str, reason: str = "") -> Idea:
    """Move an idea along the pipeline (see TRANSITIONS); parking and declining need
    a reason. ValidationError "idea_state" for any other move, "reason_required" /
    "too_long" for the reason. Taking a parked idea up again keeps the old reason
    as a record of why it waited."""
    idea = _locked(idea)
    if state not in TRANSITIONS.get(idea.state, ()):
        raise _state_error(idea, state)
    reason = " ".join((reason or "").split())
    if state in Idea.REASON_STATES:
        if not reason:
            raise ValidationError(
                {
                    "reason": ValidationError(
                        _("Please give a reason the plenary can read later."),
                        code="reason_required",
                    )
                }
            )
        if len(reason) > REASON_MAX:
            raise ValidationError(
                {
                    "reason": ValidationError(
                        _("At most %(max)d characters, please.") % {"max": REASON_MAX},
                        code="too_long",
                    )
                }
            )
        idea.state_reason = reason
    idea.state = state
    idea.save(update_fields=["state", "state_reason", "updated_at"])
    return idea


@transaction.atomic
def idea_merge(*, idea: Idea, into: Idea) -> Idea:
    """Mark `idea` as a duplicate of `into`; its comments and ratings stay with it.

    Ideas merged into `idea` earlier move to `into`'s root too, so no chain forms.
    ValidationError "merge_self", "merge_into_merged", "merge_other_festival" or
    "idea_state" (planned, done or already merged ideas are not merged away).
    """
    # Lock both rows in id order so two merges of the same pair cannot deadlock.
    locked = {
        obj.pk: obj
        for obj in Idea.objects.select_for_update()
        .filter(pk__in=[idea.pk, into.pk])
        .order_by("pk")
    }
    idea, into = locked[idea.pk], locked[into.pk]
    if idea.pk == into.pk:
        raise ValidationError(
            _("An idea cannot be merged into itself."), code="merge_self"
        )
    if idea.festival_id != into.festival_id:
        raise ValidationError(
            _("Ideas of another festival cannot be merged."),
            code="merge_other_festival",
        )
    if into.state == State.MERGED:
        raise ValidationError(
            _(
                "Idea %(number)d is itself merged into another idea: please merge "
                "into that one."
            )
            % {"number": into.number},
            code="merge_into_merged",
        )
    if idea.state not in MERGEABLE_STATES:
        raise _state_error(idea, State.MERGED)
    Idea.objects.filter(merged_into=idea).update(merged_into=into)
    idea.state = State.MERGED
    idea.merged_into = into
    idea.save(update_fields=["state", "merged_into", "updated_at"])
    return idea


@transaction.atomic
def idea_rate(
    *,
    idea: Idea,
    reviewer: AbstractBaseUser,
    scores: Mapping[int, object],
) -> list[Rating]:
    """Store (or change) one reviewer's scores, {criterion id: 1..5}.

    ValidationError "criterion_unknown" for a criterion of another festival,
    "score_range" for a score outside 1–5, "idea_state" for a merged idea (its
    ratings stay as they were).
    """
    if idea.state == State.MERGED:
        raise ValidationError(
            _("A merged idea is rated on the idea it was merged into."),
            code="idea_state",
        )
    criteria = {
        c.pk: c
        for c in Criterion.objects.filter(festival_id=idea.festival_id, pk__in=scores)
    }
    cleaned: dict[int, int] = {}
    for criterion_id, raw in scores.items():
        if criterion_id not in criteria:
            raise ValidationError(
                _("This criterion does not exist."), code="criterion_unknown"
            )
        try:
            score = int(str(raw))
        except ValueError:
            score = 0
        if not Rating.SCORE_MIN <= score <= Rating.SCORE_MAX:
            raise ValidationError(
                {
                    f"criterion_{criterion_id}": ValidationError(
                        _("Please choose a score from 1 to 5."), code="score_range"
                    )
                }
            )
        cleaned[criterion_id] = score
    ratings = []
    for criterion_id, score in cleaned.items():
        rating, _created = Rating.objects.update_or_create(
            idea=idea,
            criterion=criteria[criterion_id],
            reviewer=reviewer,
            defaults={"score": score},
        )
        ratings.append(rating)
    return ratings


@transaction.atomic
def idea_convert(
    *,
    idea: Idea,
    user: AbstractBaseUser,
    to: str,
    sub_event: SubEvent | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    venue: Venue | None = None,
    name: str = "",
) -> Event | SubEvent:
    """Turn an accepted idea into a draft event (to="event") or a new part of the
    week (to="sub_event"); the idea becomes "planned" and keeps the link.

    The event takes the idea's title and description and its proposer as host.
    ValidationError "idea_state" unless accepted, "sub_event_scope" for a part of
    the week the user may not plan; the event service's errors (venue_conflict,
    end_before_start …) pass through unchanged, and nothing is written then.
    """
    idea = _locked(idea)
    if idea.state != State.ACCEPTED:
        raise _state_error(idea, State.PLANNED)
    created: Event | SubEvent
    if to == "event":
        if (
            sub_event is None
            or sub_event.festival_id != idea.festival_id
            or not roles.sub_events_for(user).filter(pk=sub_event.pk).exists()
        ):
            raise ValidationError(
                {
                    "sub_event": ValidationError(
                        _("You may not plan events in this part of the week."),
                        code="sub_event_scope",
                    )
                }
            )
        created = event_create(
            sub_event=sub_event,
            title=idea.title,
            description=idea.description,
            starts_at=starts_at,
            ends_at=ends_at,
            venue=venue,
            status=Event.Status.DRAFT,
            created_by=user,
            host_partners=[idea.proposer] if idea.proposer_id else None,
        )
        idea.event = created
    elif to == "sub_event":
        created = sub_event_create(
            festival=idea.festival,
            name=name or idea.title,
            description=idea.description,
            lead_partner=idea.proposer,
        )
        idea.created_sub_event = created
    else:
        raise ValueError(f"Unknown conversion target: {to}")
    idea.state = State.PLANNED
    idea.save(update_fields=["state", "event", "created_sub_event", "updated_at"])
    return created


# --- CSV import ---------------------------------------------------------------------

IMPORT_MAX_BYTES = 1024 * 1024
IMPORT_MAX_ROWS = 2000
DESCRIPTION_MAX = 5000
TEXT_MAX = 200
COST_MAX = Decimal("99999999.99")

# Normalised header → field. Headers are compared lower-case, without punctuation
# and units, so "Kosten (€)", "Nr." and "Part of the week" all match.
HEADERS = {
    "nr": "number",
    "nummer": "number",
    "number": "number",
    "no": "number",
    "titel": "title",
    "title": "title",
    "idee": "title",
    "beschreibung": "description",
    "description": "description",
    "vorgeschlagen von": "proposer",
    "vorschlag von": "proposer",
    "proposer": "proposer",
    "proposed by": "proposer",
    "teilveranstaltung": "sub_event",
    "teil der woche": "sub_event",
    "part of the week": "sub_event",
    "sub-event": "sub_event",
    "subevent": "sub_event",
    "kosten": "cost",
    "geschätzte kosten": "cost",
    "cost": "cost",
    "costs": "cost",
    "estimated cost": "cost",
    "reichweite": "reach",
    "reach": "reach",
}
NEW_SUB_EVENT = {"", "neu", "new", "-", "–"}


@dataclass
class ImportRow:
    """One line of the file as read, its cleaned values and its problems."""

    line: int
    raw: dict[str, str]
    values: dict[str, object] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    action: str = ""  # "create", "update", "unchanged" (set when previewed)


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    columns: list[str]

    @property
    def valid(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.errors]

    @property
    def invalid(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    def count(self, action: str) -> int:
        return sum(1 for row in self.valid if row.action == action)

    @property
    def summary(self) -> dict[str, int]:
        return {
            action: self.count(action) for action in ("create", "update", "unchanged")
        }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


def _refuse_file(message: str, code: str) -> ValidationError:
    return ValidationError({"file": ValidationError(message, code=code)})


def idea_import_decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM) or Windows-1252 (Excel's
    "CSV"). ValidationError "too_large", "empty" or "not_csv" (a binary file)."""
    if len(data) > IMPORT_MAX_BYTES:
        raise _refuse_file(
            _("The file is larger than %(max)d MB: please split it.")
            % {"max": IMPORT_MAX_BYTES // (1024 * 1024)},
            "too_large",
        )
    if not data.strip():
        raise _refuse_file(_("The file is empty."), "empty")
    not_csv = _refuse_file(
        _(
            "This does not look like a CSV file. In Excel or LibreOffice choose "
            "“Save as” and the type “CSV”."
        ),
        "not_csv",
    )
    if b"\x00" in data:  # UTF-16, spreadsheets, images, archives
        raise not_csv
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise not_csv from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    if controls:
        raise not_csv
    return text


def _header_key(name: str) -> str:
    name = re.sub(r"\(.*?\)|\[.*?\]|[€.:#*]", " ", name.strip().lower())
    return " ".join(w for w in name.split() if w not in {"eur", "euro", "in"})


def _delimiter(text: str) -> str:
    """The delimiter: the one the header line uses (column names hold neither ";"
    nor ","), else what csv.Sniffer finds in the first lines."""
    lines = text.splitlines()
    header = lines[0] if lines else ""
    counts = {d: header.count(d) for d in ";,\t"}
    if any(counts.values()):
        return max(counts, key=counts.get)
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=";,\t").delimiter
    except csv.Error:
        return ";"


def parse_decimal(value: str) -> Decimal | None:
    """A German or English amount: "1.200,50", "1200.50", "1200 €", "1,5"."""
    text = re.sub(r"(?i)€|eur|euro|ca\.|~|\s|\u00a0", "", value)
    if not text:
        return None
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise ValueError(value)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None


def parse_count(value: str) -> int | None:
    """A whole number of people: "1.500", "1,500", "ca. 200"."""
    text = re.sub(r"(?i)ca\.|~|\s|\u00a0|personen|people", "", value)
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    if not text.isdigit():
        raise ValueError(value)
    return int(text)


def idea_import_parse(*, festival: Festival, text: str) -> ImportPreview:
    """Read the plenary's list (German or English headers, ";" or "," separated)
    and check every row without writing anything.

    ValidationError on the file ("no_header", "too_many_rows"); a row's problems
    are listed on the row.
    """
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        header = []
    columns = [HEADERS.get(_header_key(name), "") for name in header]
    if "title" not in columns or "number" not in columns:
        raise _refuse_file(
            _(
                "The first line must name the columns, at least “Nr” and “Titel” "
                "(or “Number” and “Title”)."
            ),
            "no_header",
        )
    sub_events = list(SubEvent.objects.filter(festival=festival))
    by_key = {s.slug.lower(): s for s in sub_events} | {
        s.name.casefold(): s for s in sub_events
    }
    partners = {p.name.casefold(): p for p in Partner.objects.all()}
    existing = {idea.number: idea for idea in Idea.objects.filter(festival=festival)}
    rows: list[ImportRow] = []
    seen: set[int] = set()
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= IMPORT_MAX_ROWS:
                raise _refuse_file(
                    _("The file has more than %(max)d rows: please split it.")
                    % {"max": IMPORT_MAX_ROWS},
                    "too_many_rows",
                )
            raw = {
                column: cell.strip()
                for column, cell in zip(columns, record, strict=False)
                if column
            }
            row = ImportRow(line=reader.line_num, raw=raw)
            _row_check(row, by_key=by_key, partners=partners, seen=seen)
            if not row.errors:
                row.action = _row_action(existing.get(row.values["number"]), row)
            rows.append(row)
    except csv.Error:
        raise _refuse_file(
            _("The file could not be read as CSV (line %(line)d).")
            % {"line": reader.line_num},
            "not_csv",
        ) from None
    return ImportPreview(rows=rows, columns=[c for c in columns if c])


def _row_check(
    row: ImportRow,
    *,
    by_key: dict[str, SubEvent],
    partners: dict[str, Partner],
    seen: set[int],
) -> None:
    raw, values, errors = row.raw, row.values, row.errors
    number = raw.get("number", "").rstrip(".")
    if not number.isdigit() or int(number) == 0:
        errors.append(_("The number is missing or not a whole number."))
    elif int(number) in seen:
        errors.append(_("Number %(number)s appears twice.") % {"number": number})
    else:
        values["number"] = int(number)
        seen.add(int(number))
    title = " ".join(raw.get("title", "").split())
    if not title:
        errors.append(_("The title is missing."))
    elif len(title) > TEXT_MAX:
        errors.append(_("The title is longer than %(max)d characters.") % {"max": 200})
    values["title"] = title
    description = raw.get("description", "").replace("\r\n", "\n").strip()
    if len(description) > DESCRIPTION_MAX:
        errors.append(
            _("The description is longer than %(max)d characters.")
            % {"max": DESCRIPTION_MAX}
        )
    values["description"] = description
    proposer = " ".join(raw.get("proposer", "").split())
    if len(proposer) > TEXT_MAX:
        errors.append(
            _("“Proposed by” is longer than %(max)d characters.") % {"max": TEXT_MAX}
        )
    partner = partners.get(proposer.casefold()) if proposer else None
    values["proposer"] = partner
    values["proposer_text"] = "" if partner else proposer
    part = " ".join(raw.get("sub_event", "").split())
    if part.casefold() in NEW_SUB_EVENT:
        values["sub_event"] = None
    elif part.casefold() in by_key:
        values["sub_event"] = by_key[part.casefold()]
    else:
        errors.append(
            _("Unknown part of the week “%(name)s” (write its name or “neu”).")
            % {"name": part}
        )
    try:
        cost = parse_decimal(raw.get("cost", ""))
        if cost is not None and cost > COST_MAX:
            raise ValueError(cost)
        values["estimated_cost"] = cost
    except ValueError:
        errors.append(
            _("The cost “%(value)s” is not an amount.") % {"value": raw.get("cost")}
        )
    try:
        reach = parse_count(raw.get("reach", ""))
        if reach is not None and reach > 2_000_000_000:
            raise ValueError(reach)
        values["reach"] = reach
    except ValueError:
        errors.append(
            _("The reach “%(value)s” is not a whole number.")
            % {"value": raw.get("reach")}
        )


IMPORTED_FIELDS = (
    "title",
    "description",
    "proposer",
    "proposer_text",
    "sub_event",
    "estimated_cost",
    "reach",
)


def _differs(idea: Idea, values: dict) -> list[str]:
    changed = []
    for name in IMPORTED_FIELDS:
        value = values[name]
        if name in ("proposer", "sub_event"):
            current = getattr(idea, f"{name}_id")
            wanted = value.pk if value is not None else None
        else:
            current, wanted = getattr(idea, name), value
        if current != wanted:
            changed.append(name)
    return changed


def _row_action(idea: Idea | None, row: ImportRow) -> str:
    if idea is None:
        return "create"
    return "update" if _differs(idea, row.values) else "unchanged"


@transaction.atomic
def idea_import(*, festival: Festival, text: str) -> ImportResult:
    """Create or update the file's valid rows by number (rows with problems are
    skipped); importing the same file again changes nothing. The file is parsed
    again here, so what is stored is checked against the data as it is now."""
    preview = idea_import_parse(festival=festival, text=text)
    existing = {
        idea.number: idea
        for idea in Idea.objects.select_for_update().filter(festival=festival)
    }
    result = ImportResult(skipped=len(preview.invalid))
    for row in preview.valid:
        values = row.values
        idea = existing.get(values["number"])
        if idea is None:
            Idea.objects.create(
                festival=festival,
                number=values["number"],
                **{name: values[name] for name in IMPORTED_FIELDS},
            )
            result.created += 1
            continue
        changed = _differs(idea, values)
        if not changed:
            result.unchanged += 1
            continue
        for name in changed:
            setattr(idea, name, values[name])
        idea.save(update_fields=[*changed, "updated_at"])
        result.updated += 1
    return result
