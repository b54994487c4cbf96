"""The e-mails volunteers and coordinators get, in the recipient's language.

Each function renders templates/volunteers/mail/<name>_{subject,body}.txt and
_body.html through events.notifications.mail_send, which sends after commit.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from events import roles
from events.models import Event, Festival
from events.notifications import mail_send
from volunteers.models import Assignment, Shift, Volunteer

_muted: ContextVar[bool] = ContextVar("volunteer_mails_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No volunteer mail is rendered or sent inside. For the demo loader: a hundred
    welcome and confirmation mails to example.org would bury the dev outbox and
    slow `make run`."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _page_url(volunteer: Volunteer) -> str:
    return settings.SITE_URL + volunteer.get_absolute_url()


def _send(volunteer: Volunteer, name: str, **context) -> None:
    if _muted.get():
        return
    mail_send(
        to=[volunteer.email],
        template=f"volunteers/mail/{name}",
        context={"volunteer": volunteer, "page_url": _page_url(volunteer), **context},
        language=volunteer.language,
    )


def _shift_context(assignment: Assignment) -> dict:
    shift = assignment.shift
    return {"assignment": assignment, "shift": shift, "role": shift.role}


def volunteer_welcome(volunteer: Volunteer) -> None:
    """After self-registration (or being added): the personal link."""
    _send(volunteer, "welcome")


def volunteer_link(volunteer: Volunteer) -> None:
    """The personal link again (asked for, or registered twice)."""
    _send(volunteer, "link")


def assignment_confirmed(assignment: Assignment) -> None:
    _send(assignment.volunteer, "assigned", **_shift_context(assignment))


def assignment_withdrawn(assignment: Assignment) -> None:
    _send(assignment.volunteer, "withdrawn", **_shift_context(assignment))


def shift_changed(assignment: Assignment) -> None:
    _send(assignment.volunteer, "shift_changed", **_shift_context(assignment))


def assignment_reminder(assignment: Assignment) -> None:
    _send(assignment.volunteer, "reminder", **_shift_context(assignment))


def shift_message(
    assignment: Assignment, *, subject: str, body: str, by: AbstractBaseUser
) -> None:
    """A coordinator's message to everyone on a shift."""
    _send(
        assignment.volunteer,
        "message",
        subject=subject,
        body=body,
        sender=by.get_full_name() or by.get_username(),
        **_shift_context(assignment),
    )


def _coordination_lists(shifts: list[Shift]) -> dict[str, list[Shift]]:
    """Who hears about which shifts: the volunteer coordination about all of them,
    every other shift coordinator about their own."""
    user_model = get_user_model()
    team = {
        user.email
        for user in user_model.objects.filter(
            is_active=True, groups__name=roles.VOLUNTEER_COORDINATION
        )
        if user.email
    }
    lists: dict[str, list[Shift]] = {email: list(shifts) for email in team}
    for shift in shifts:
        coordinator = shift.coordinator
        if coordinator is None or not coordinator.is_active or not coordinator.email:
            continue
        if coordinator.email not in team:
            lists.setdefault(coordinator.email, []).append(shift)
    return lists


def _board_url() -> str:
    return settings.SITE_URL + reverse("volunteers-orga:coverage")


def coordinator_digest(festival: Festival, shifts: list[Shift]) -> None:
    """The day's understaffed shifts: all of them to the volunteer coordination,
    and to each other shift coordinator the shifts they coordinate."""
    if _muted.get():
        return
    for email, own in sorted(_coordination_lists(shifts).items()):
        mail_send(
            to=[email],
            template="volunteers/mail/digest",
            context={"festival": festival, "shifts": own, "board_url": _board_url()},
        )


def event_changed_for_shifts(event: Event, shifts: list[Shift]) -> None:
    """An event that shifts serve was moved or cancelled: the coordinators decide
    what happens to those shifts (the people on them are not told automatically:
    a set-up crew may still be needed for a cancelled concert)."""
    if _muted.get():
        return
    for email, own in sorted(_coordination_lists(shifts).items()):
        mail_send(
            to=[email],
            template="volunteers/mail/event_changed",
            context={
                "event": event,
                "cancelled": event.status == Event.Status.CANCELLED,
                "shifts": own,
                "board_url": _board_url(),
                "shift_urls": {
                    shift.pk: settings.SITE_URL
                    + reverse("volunteers-orga:shift", kwargs={"pk": shift.pk})
                    for shift in own
                },
            },
        )


def release_changes(
    volunteer: Volunteer, *, release_name: str, items: list[tuple[Assignment, bool]]
) -> None:
    """One mail about a programme release: the volunteer's shifts at events that
    were moved or cancelled, as (assignment, cancelled) pairs. The shifts keep
    their times; the coordination decides what happens and gets in touch."""
    _send(
        volunteer,
        "release_changes",
        release_name=release_name,
        items=[
            {
                "assignment": assignment,
                "shift": assignment.shift,
                "role": assignment.shift.role,
                "event": assignment.shift.event,
                "cancelled": cancelled,
            }
            for assignment, cancelled in items
        ],
    )
