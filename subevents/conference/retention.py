"""The Bildungskonferenz's part of the retention period (see events.retention).

Submitters' contact data goes: name "—", e-mail erased-<pk>@invalid, their
needs, availability and any reason for declining (it may speak of them) are
emptied and the link token replaced. Title, abstract, organisation, format,
state and the reviews' scores stay for the figures.

Speakers keep their name, organisation and bio: the programme that named them is
published and stays readable as the festival's record, and they agreed to that
publication when they accepted. Their e-mail address ("for the mails only;
never shown") goes, once no festival still keeping its data lists them.
"""

from django.utils.translation import gettext_lazy as _

from events.models import Festival

from .models import Session, Speaker, Submission, _token

ERASED = "—"

LABELS = {
    "submitters": _("conference submitters (name, e-mail, needs)"),
    "speaker_emails": _("speakers' e-mail addresses"),
}


def _querysets(festival: Festival) -> tuple:
    submissions = Submission.objects.filter(sub_event__festival=festival).exclude(
        email__endswith="@invalid"
    )
    listed = Speaker.objects.filter(sessions__event__sub_event__festival=festival)
    # Listed by another festival that still keeps its data: that one's mails may
    # still need the address (one row per session and speaker, so exclude() is
    # exact here).
    kept = (
        Session.speakers.through.objects.filter(
            session__event__sub_event__festival__anonymised_at__isnull=True
        )
        .exclude(session__event__sub_event__festival=festival)
        .values("speaker_id")
    )
    speakers = (
        Speaker.objects.filter(pk__in=listed.values("pk"))
        .exclude(pk__in=kept)
        .exclude(email="")
    )
    return submissions, speakers


def retention_preview(festival: Festival) -> dict[str, int]:
    submissions, speakers = _querysets(festival)
    return {"submitters": submissions.count(), "speaker_emails": speakers.count()}


def retention_anonymise(festival: Festival) -> dict[str, int]:
    submissions, speakers = _querysets(festival)
    submissions = list(submissions.order_by("pk"))
    for submission in submissions:
        submission.name = ERASED
        submission.email = f"erased-{submission.pk}@invalid"
        submission.needs = ""
        submission.availability = ""
        submission.decline_reason = ""
        submission.token = _token()
    Submission.objects.bulk_update(
        submissions,
        ["name", "email", "needs", "availability", "decline_reason", "token"],
        batch_size=500,
    )
    speaker_emails = speakers.update(email="")
    return {"submitters": len(submissions), "speaker_emails": speaker_emails}
