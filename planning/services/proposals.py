"""Partners' event proposals: submit, change and withdraw (the partner), ask back,
schedule as a draft event, publish and decline (the organisers).

Every state change locks the proposal row and checks the state it starts from; a
change that is not allowed raises ValidationError(code="proposal_state") and writes
nothing. Mails go out after commit (planning.notifications).
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.inputs import multiline_clean, text_clean
from events.models import BERLIN, Audience, Event, Festival, Partner, SubEvent, Venue
from events.services import event_create, event_publish
from planning import notifications
from planning.models import Comment, Proposal
from planning.services.comments import comment_add

State = Proposal.State

DESCRIPTION_MAX = 5000
NEEDS_MAX = 2000
AGE_MAX = 120
PARTICIPANTS_MAX = 100_000
SUMMARY_MAX = Event._meta.get_field("summary").max_length
# A wish may lie a little before or after the week (a set-up day, a closing party).
WISH_MARGIN = dt.timedelta(days=7)

_TEXT_MESSAGES = {
    "invalid": gettext_lazy("Please enter a text."),
    "required": gettext_lazy("Please fill in this field."),
    "too_long": gettext_lazy("At most %(max)d characters, please."),
    "invalid_characters": gettext_lazy("The text contains characters we cannot store."),
}


@dataclass(frozen=True)
class ProposalInput:
    """What a partner proposes (the form's cleaned data)."""

    title: str
    description: str
    wished_starts_at: dt.datetime
    wished_ends_at: dt.datetime
    sub_event: SubEvent | None = None
    audiences: Iterable[Audience] = field(default_factory=tuple)
    min_age: int | None = None
    max_age: int | None = None
    wished_venue: Venue | None = None
    venue_note: str = ""
    expected_participants: int | None = None
    needs: str = ""


def _refuse_state(proposal: Proposal) -> ValidationError:
    return ValidationError(
        _("This is not possible while the proposal is “%(state)s”.")
        % {"state": proposal.get_state_display()},
        code="proposal_state",
    )


def _lock(proposal: Proposal, *allowed: str) -> Proposal:
    """The proposal's row, locked and fresh; proposal_state unless in `allowed`."""
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("festival", "partner", "submitted_by", "event")
        .get(pk=proposal.pk)
    )
    if locked.state not in allowed:
        raise _refuse_state(locked)
    return locked


def _fields_clean(*, festival: Festival, data: ProposalInput) -> dict:
    """The proposal's own fields, cleaned; ValidationError (a dict by field)."""
    errors: dict[str, list[ValidationError]] = {}
    values: dict = {}

    def run(name: str, clean, *args, **kwargs) -> None:
        try:
            values[name] = clean(*args, **kwargs)
        except ValidationError as exc:
            for key, errs in exc.error_dict.items():
                errors.setdefault(key, []).extend(errs)

    run(
        "title",
        text_clean,
        data.title,
        field="title",
        max_length=200,
        messages=_TEXT_MESSAGES,
    )
    run(
        "description",
        multiline_clean,
        data.description,
        field="description",
        max_length=DESCRIPTION_MAX,
        messages=_TEXT_MESSAGES,
    )
    values["venue_note"] = " ".join((data.venue_note or "").split())
    if len(values["venue_note"]) > 300:
        errors.setdefault("venue_note", []).append(
            ValidationError(
                _("At most %(max)d characters, please.") % {"max": 300}, code="too_long"
            )
        )
    values["needs"] = (data.needs or "").strip()
    if len(values["needs"]) > NEEDS_MAX:
        errors.setdefault("needs", []).append(
            ValidationError(
                _("At most %(max)d characters, please.") % {"max": NEEDS_MAX},
                code="too_long",
            )
        )
    start, end = data.wished_starts_at, data.wished_ends_at
    if start is None:
        errors.setdefault("wished_starts_at", []).append(
            ValidationError(_("Please enter when it should start."), code="required")
        )
    if end is None:
        errors.setdefault("wished_ends_at", []).append(
            ValidationError(_("Please enter when it should end."), code="required")
        )
    if start and end and end <= start:
        errors.setdefault("wished_ends_at", []).append(
            ValidationError(
                _("The end must be after the start."), code="end_before_start"
            )
        )
    if start:
        first = dt.datetime.combine(festival.start_date, dt.time.min, tzinfo=BERLIN)
        last = dt.datetime.combine(festival.end_date, dt.time.max, tzinfo=BERLIN)
        if not (first - WISH_MARGIN <= start <= last + WISH_MARGIN):
            errors.setdefault("wished_starts_at", []).append(
                ValidationError(
                    _("Please choose a time during the festival week."),
                    code="outside_festival",
                )
            )
    for name in ("min_age", "max_age"):
        age = getattr(data, name)
        if age is not None and not 0 <= age <= AGE_MAX:
            errors.setdefault(name, []).append(
                ValidationError(
                    _("Please enter an age up to 120."), code="age_out_of_range"
                )
            )
    if (
        data.min_age is not None
        and data.max_age is not None
        and data.min_age > data.max_age
    ):
        errors.setdefault("min_age", []).append(
            ValidationError(
                _("The minimum age is above the maximum age."), code="age_range"
            )
        )
    count = data.expected_participants
    if count is not None and not 0 < count <= PARTICIPANTS_MAX:
        errors.setdefault("expected_participants", []).append(
            ValidationError(_("Please enter a number of people."), code="invalid")
        )
    if data.sub_event is not None and data.sub_event.festival_id != festival.pk:
        errors.setdefault("sub_event", []).append(
            ValidationError(_("Please choose a part of this festival."), code="invalid")
        )
    if errors:
        raise ValidationError(errors)
    values.update(
        sub_event=data.sub_event,
        min_age=data.min_age,
        max_age=data.max_age,
        wished_starts_at=start,
        wished_ends_at=end,
        wished_venue=data.wished_venue,
        expected_participants=count,
    )
    return values


@transaction.atomic
def proposal_submit(
    *,
    festival: Festival,
    partner: Partner,
    submitted_by: AbstractBaseUser | None,
    data: ProposalInput,
) -> Proposal:
    """A partner's new proposal, "submitted"; the Orga-Team and the partner are
    mailed. ValidationError (by field) for bad input."""
    values = _fields_clean(festival=festival, data=data)
    proposal = Proposal.objects.create(
        festival=festival, partner=partner, submitted_by=submitted_by, **values
    )
    proposal.audiences.set(data.audiences)
    notifications.proposal_submitted(proposal)
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, data: ProposalInput) -> Proposal:
    """The partner changes their proposal while it is submitted or asked about."""
    proposal = _lock(proposal, *Proposal.OPEN_STATES)
    values = _fields_clean(festival=proposal.festival, data=data)
    for name, value in values.items():
        setattr(proposal, name, value)
    proposal.save()
    proposal.audiences.set(data.audiences)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal) -> Proposal:
    """The partner takes back a proposal still under review; the Orga-Team is told."""
    proposal = _lock(proposal, *Proposal.OPEN_STATES)
    proposal.state = State.WITHDRAWN
    proposal.save(update_fields=["state", "updated_at"])
    notifications.proposal_withdrawn(proposal)
    return proposal


@transaction.atomic
def proposal_ask(
    *, proposal: Proposal, author: AbstractBaseUser, text: object
) -> Comment:
    """An organiser asks the partner something: a comment the partner sees, state
    "questions", the partner is mailed."""
    proposal = _lock(proposal, *Proposal.OPEN_STATES)
    comment = comment_add(author=author, text=text, proposal=proposal)
    proposal.state = State.QUESTIONS
    proposal.save(update_fields=["state", "updated_at"])
    notifications.proposal_question(proposal, comment)
    return comment


@transaction.atomic
def proposal_comment_orga(
    *, proposal: Proposal, author: AbstractBaseUser, text: object, internal: bool
) -> Comment:
    """An organiser's comment: an internal note, or a message the partner is
    mailed (the state stays)."""
    proposal = _lock(proposal, *State.values)
    comment = comment_add(
        author=author, text=text, proposal=proposal, internal=internal
    )
    if not internal:
        notifications.proposal_message(proposal, comment)
    return comment


@transaction.atomic
def proposal_comment_partner(
    *, proposal: Proposal, author: AbstractBaseUser, text: object
) -> Comment:
    """The partner writes (answers a question): a question asked puts the proposal
    back to "submitted"; the Orga-Team is mailed. Not on a withdrawn proposal."""
    allowed = [s for s in State.values if s != State.WITHDRAWN]
    proposal = _lock(proposal, *allowed)
    comment = comment_add(author=author, text=text, proposal=proposal)
    if proposal.state == State.QUESTIONS:
        proposal.state = State.SUBMITTED
        proposal.save(update_fields=["state", "updated_at"])
    notifications.proposal_answered(proposal, comment)
    return comment


# A full stop after these is no sentence's end ("z. B.", "ca.", "am 3. Juni").
_ABBREVIATIONS = {
    *("bzw.", "ca.", "dr.", "etc.", "evtl.", "ggf.", "inkl.", "max.", "min."),
    *("nr.", "std.", "str.", "tel.", "usw.", "vgl.", "zzgl."),
}
_NO_END = re.compile(r"(\w\.)+|\d+\.")


def summary_from(description: str) -> str:
    """The description's first sentence, for the programme overview."""
    text = " ".join(description.split())
    sentence = text
    for match in re.finditer(r"[.!?…](?=\s|$)", text):
        word = text[: match.end()].split()[-1].lower()
        if match.group() == "." and (word in _ABBREVIATIONS or _NO_END.fullmatch(word)):
            continue
        sentence = text[: match.end()]
        break
    if len(sentence) > SUMMARY_MAX:
        sentence = sentence[: SUMMARY_MAX - 1].rstrip() + "…"
    return sentence


@transaction.atomic
def proposal_schedule(
    *,
    proposal: Proposal,
    by: AbstractBaseUser,
    sub_event: SubEvent,
    venue: Venue,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int | None = None,
) -> Proposal:
    """Turn the proposal into a draft event hosted by the partner (through
    events.services: a venue conflict is refused with its reason, and nothing is
    stored); state "scheduled"; the partner is mailed with time and place."""
    proposal = _lock(proposal, *Proposal.OPEN_STATES)
    if sub_event.festival_id != proposal.festival_id:
        raise ValidationError(
            {
                "sub_event": ValidationError(
                    _("Please choose a part of this festival."), code="invalid"
                )
            }
        )
    event = event_create(
        sub_event=sub_event,
        title=proposal.title,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=by,
        status=Event.Status.DRAFT,
        audiences=list(proposal.audiences.all()),
        host_partners=[proposal.partner],
        venue=venue,
        capacity=capacity,
        description=proposal.description,
        summary=summary_from(proposal.description),
        min_age=proposal.min_age,
        max_age=proposal.max_age,
    )
    proposal.event = event
    proposal.sub_event = sub_event
    proposal.state = State.SCHEDULED
    proposal.save(update_fields=["event", "sub_event", "state", "updated_at"])
    notifications.proposal_scheduled(proposal)
    return proposal


@transaction.atomic
def proposal_publish(*, proposal: Proposal) -> Proposal:
    """Publish the scheduled proposal's event; state "published"; the partner is
    mailed. The event service's refusals (a venue taken meanwhile) pass through."""
    proposal = _lock(proposal, State.SCHEDULED)
    if proposal.event is None:
        raise ValidationError(
            _("This proposal has no event to publish any more."), code="proposal_state"
        )
    proposal.event = event_publish(event=proposal.event)
    proposal.state = State.PUBLISHED
    proposal.save(update_fields=["state", "updated_at"])
    notifications.proposal_published(proposal)
    return proposal


@transaction.atomic
def proposal_decline(*, proposal: Proposal, reason: object) -> Proposal:
    """Decline a proposal under review with a reason the partner is mailed."""
    proposal = _lock(proposal, *Proposal.OPEN_STATES)
    reason = text_clean(
        reason,
        field="reason",
        max_length=Proposal._meta.get_field("decline_reason").max_length,
        messages={
            **_TEXT_MESSAGES,
            "invalid": _("Please give a reason."),
            "required": _("Please give a reason."),
        },
    )
    proposal.state = State.DECLINED
    proposal.decline_reason = reason
    proposal.save(update_fields=["state", "decline_reason", "updated_at"])
    notifications.proposal_declined(proposal)
    return proposal
