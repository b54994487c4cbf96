"""The conference's writes: the call for proposals, the committee's reviews and
decisions, turning an accepted submission into a session, and the household rule
"one session per time slot"."""

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import BERLIN, Event, SubEvent, Venue
from events.notifications import mail_send
from events.services import event_create
from events.tokens import token_lookup

from .models import Criterion, Review, ReviewComment, Session, Speaker, Submission

State = Submission.State


def _clock(moment: dt.datetime) -> str:
    return timezone.localtime(moment, BERLIN).strftime("%H:%M")


def session_overlap_check(event: Event, held_events: list[Event]) -> None:
    """Household rule: one conference session per time slot (keynotes count).

    ValidationError code "session_overlap" naming the other session and its time.
    Events that are not sessions (or are back to back) are ignored.
    """
    overlapping = [
        e.pk
        for e in held_events
        if e.starts_at < event.ends_at and event.starts_at < e.ends_at
    ]
    if not overlapping or not Session.objects.filter(event=event).exists():
        return
    other = (
        Event.objects.filter(pk__in=overlapping, conference_session__isnull=False)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    if other is None:
        return
    raise ValidationError(
        _(
            "You are already registered for “%(title)s” at %(start)s–%(end)s at "
            "that time."
        )
        % {
            "title": other.title,
            "start": _clock(other.starts_at),
            "end": _clock(other.ends_at),
        },
        code="session_overlap",
    )


def _committee_emails(sub_event: SubEvent) -> list[str]:
    email = sub_event.festival.contact_email
    return [email] if email else []


@transaction.atomic
def submission_create(
    *,
    sub_event: SubEvent,
    name: str,
    email: str,
    title: str,
    abstract: str,
    format: str,
    duration: int,
    audience: str,
    organisation: str = "",
    needs: str = "",
    availability: str = "",
) -> Submission:
    """Store a proposal ("submitted"); mail the submitter and the committee."""
    submission = Submission(
        sub_event=sub_event,
        name=name.strip(),
        email=email.strip(),
        title=title.strip(),
        abstract=abstract.strip(),
        format=format,
        duration=duration,
        audience=audience,
        organisation=organisation.strip(),
        needs=needs.strip(),
        availability=availability.strip(),
    )
    submission.full_clean()
    submission.save()
    context = {"submission": submission, "festival": sub_event.festival}
    mail_send(
        to=[submission.email], template="conference/mail/received", context=context
    )
    committee = _committee_emails(sub_event)
    if committee:
        mail_send(to=committee, template="conference/mail/committee", context=context)
    return submission


@transaction.atomic
def submission_withdraw(*, token: str) -> Submission:
    """The submitter withdraws; ValidationError "not_withdrawable" once decided."""
    submission = token_lookup(Submission.objects.select_for_update(), token)
    if submission is None:
        raise Submission.DoesNotExist
    if submission.state not in (State.SUBMITTED, State.IN_REVIEW):
        raise ValidationError(
            _("This proposal has already been decided on."), code="not_withdrawable"
        )
    submission.state = State.WITHDRAWN
    submission.save(update_fields=["state"])
    return submission


@transaction.atomic
def review_save(
    *,
    submission: Submission,
    reviewer: AbstractBaseUser,
    scores: dict[int, int],
    comment: str = "",
) -> list[Review]:
    """Store a reviewer's scores (criterion id → 1..5), one row per criterion.

    Every criterion of the module must be scored; ValidationError "score_missing"
    or "score_range". A submitted proposal moves to "in review".
    """
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state not in (State.SUBMITTED, State.IN_REVIEW):
        raise ValidationError(
            _("This proposal has already been decided on."), code="already_decided"
        )
    criteria = list(Criterion.objects.filter(sub_event=submission.sub_event_id))
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is None:
            raise ValidationError(
                _("Please score “%(name)s”.") % {"name": criterion.name},
                code="score_missing",
            )
        if not 1 <= int(score) <= 5:
            raise ValidationError(_("Scores go from 1 to 5."), code="score_range")
    reviews = [
        Review.objects.update_or_create(
            submission=submission,
            reviewer=reviewer,
            criterion=criterion,
            defaults={"score": int(scores[criterion.pk])},
        )[0]
        for criterion in criteria
    ]
    ReviewComment.objects.update_or_create(
        submission=submission, reviewer=reviewer, defaults={"text": comment.strip()}
    )
    if submission.state == State.SUBMITTED:
        submission.state = State.IN_REVIEW
        submission.save(update_fields=["state"])
    return reviews


def _decide(submission: Submission) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state not in (State.SUBMITTED, State.IN_REVIEW):
        raise ValidationError(
            _("This proposal has already been decided on."), code="already_decided"
        )
    return submission


@transaction.atomic
def submission_accept(*, submission: Submission) -> Submission:
    """Accept a proposal and tell the submitter."""
    submission = _decide(submission)
    submission.state = State.ACCEPTED
    submission.save(update_fields=["state"])
    context = {"submission": submission, "festival": submission.sub_event.festival}
    mail_send(
        to=[submission.email], template="conference/mail/accepted", context=context
    )
    return submission


@transaction.atomic
def submission_decline(*, submission: Submission, reason: str) -> Submission:
    """Decline with a reason (ValidationError "reason_required") and tell them."""
    if not reason.strip():
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Please give a reason."), code="reason_required"
                )
            }
        )
    submission = _decide(submission)
    submission.state = State.DECLINED
    submission.decline_reason = reason.strip()
    submission.save(update_fields=["state", "decline_reason"])
    context = {"submission": submission, "festival": submission.sub_event.festival}
    mail_send(
        to=[submission.email], template="conference/mail/declined", context=context
    )
    return submission


@transaction.atomic
def submission_schedule(
    *,
    submission: Submission,
    venue: Venue,
    starts_at: dt.datetime,
    created_by: AbstractBaseUser | None = None,
) -> Session:
    """Turn an accepted proposal into a session: a draft event of the conference
    with the proposal's duration, the submitter as its speaker.

    ValidationError "not_accepted", or the core's codes (venue_conflict, ...);
    nothing is written on refusal.
    """
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state != State.ACCEPTED:
        raise ValidationError(
            _("Only an accepted proposal can become a session."), code="not_accepted"
        )
    event = event_create(
        sub_event=submission.sub_event,
        title=submission.title,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=submission.duration),
        created_by=created_by,
        venue=venue,
        summary=submission.abstract[:300],
        description=submission.abstract,
    )
    session = Session.objects.create(
        event=event, track=submission.track, format=submission.format
    )
    speaker = Speaker.objects.filter(email__iexact=submission.email).first()
    if speaker is None:
        speaker = Speaker.objects.create(
            name=submission.name,
            organisation_text=submission.organisation,
            email=submission.email,
        )
    session.speakers.add(speaker)
    submission.session = session
    submission.state = State.SCHEDULED
    submission.save(update_fields=["session", "state"])
    return session
