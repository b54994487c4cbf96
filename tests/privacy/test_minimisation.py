"""Data minimisation, checked on the models themselves (DSGVO Art. 5 (1) c).

Walks every model of the project and fails when a field
- holds a birth date (we store the age on the event day or an age group),
- can hold a file or binary blob, e.g. a scanned document (we record that a
  document was seen, never the document), unless FILE_ALLOWLIST says why not,
- is an identifier the festival does not need: an IP address, a user agent, an
  IBAN, a tax id, a passport or identity card number, an insurance or social
  security number, unless IDENTIFIER_ALLOWLIST says why it is needed,
and when a model that stores data about a person has a field nobody reviewed:
every field of a person model is listed in PERSON_FIELDS with its purpose, so a
new personal field fails here until someone writes down why it is needed.
"""

import re

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps
from django.utils import translation

# --- What was reviewed ----------------------------------------------------------------

# Files and blobs that are not personal documents.
FILE_ALLOWLIST = {
    "printing.PrintRun.pdf": "our own generated programme/list PDFs, built from "
    "the database; no upload, no scan",
    "cinema.Film.poster": "a film's poster for the programme; no person's document",
}

# Identifiers that look like the forbidden kinds but are needed.
IDENTIFIER_ALLOWLIST = {
    "charity_run.Run.iban": "the charity's receiving account printed on sponsors' "
    "letters (an association's account, not a person's)",
}

# Models that hold an e-mail address or a contact name but are not records about
# the people the festival serves; each reviewed elsewhere, with the reason.
NOT_A_PERSON_RECORD = {
    "auth.User": "staff accounts (login, password reset); Django's own model",
    "events.Festival": "the organiser's public contact for the notice and footer",
    "events.Partner": "a partner organisation's contact point, not a participant",
    "events.OutboxMail": "a mail on its way out (deleted on erasure and at the "
    "retention date)",
    "events.AuditEntry": "who did what: account name, object ids, no personal data",
    "volunteers.Shift": "coordinator_phone: the staff coordinator's phone on the "
    "day, shown to the shift's helpers",
}

_T = "the link token: the person's access, no password needed"
_CREATED = "when it was stored (access requests, retention)"
_UPDATED = "when it last changed (access requests, calendars)"
_LANG = "the language of the e-mails"

PERSON_FIELDS: dict[str, dict[str, str]] = {
    "registrations.Household": {
        "id": "row key",
        "email": "the family's confirmations, changes, its lost link",
        "name": "the contact person, for check-in and calls on the day",
        "phone": "optional: reaching the family at short notice",
        "language": _LANG,
        "token": _T,
        "created_at": _CREATED,
        "updated_at": _UPDATED,
    },
    "registrations.Registration": {
        "id": "row key",
        "household": "whose party it is",
        "event": "for which event",
        "status": "confirmed, waiting or cancelled (seats)",
        "token": "the check-in QR code and the link for one registration",
        "needs": "accessibility and diet ticks, so the place is ready",
        "needs_text": "needs in the family's words",
        "consent_privacy_version": "which notice was agreed to (Art. 7 (1))",
        "consent_privacy_text": "the notice's text agreed to (Art. 7 (1))",
        "created_at": "the order of the waiting list",
        "confirmed_at": "when the seats were given",
        "cancelled_at": "when the seats were freed",
        "reminder_sent_at": "that the reminder went out once",
        "sequence": "the calendar entry's revision",
        "updated_at": _UPDATED,
    },
    "registrations.Participant": {
        "id": "row key",
        "registration": "which party",
        "name": "first name only, for check-in",
        "age": "the age on the event day (age limits, FSK) – never a birth date",
        "takes_seat": "whether the person needs a seat (babies on laps)",
        "photo_consent": "consent to be photographed",
        "cancelled_at": "a person who no longer comes",
        "checked_in_at": "attendance on the day",
    },
    "volunteers.Volunteer": {
        "id": "row key",
        "festival": "which festival week",
        "name": "on the shift plan and badge",
        "email": "the link, confirmations, reminders",
        "phone": "reaching the helper on the day",
        "partner": "the organisation they come with",
        "tshirt_size": "the helper's T-shirt",
        "age_group": "youth protection limits – never a birth date",
        "guardian_name": "minors: the guardian who consented",
        "guardian_contact": "minors: reaching the guardian",
        "guardian_consent_at": "minors: when the consent was recorded",
        "language": _LANG,
        "consent_privacy_version": "which notice was agreed to (Art. 7 (1))",
        "notes": "the coordination's notes (exported to the person on request)",
        "token": _T,
        "created_at": _CREATED,
        "updated_at": _UPDATED,
        "erased_at": "when the personal data was erased (row kept for the hours)",
    },
    "volunteers.Qualification": {
        "id": "row key",
        "volunteer": "whose",
        "kind": "police certificate, first aid, hygiene, JuLeiCa",
        "issued_on": "validity is counted from the issue date",
        "valid_until": "a printed end date (JuLeiCa)",
        "sighted_on": "when the document was seen (not stored)",
        "sighted_by": "who saw it (§ 72a SGB VIII)",
        "created_at": _CREATED,
        "updated_at": _UPDATED,
    },
    "volunteers.Assignment": {
        "id": "row key",
        "shift": "which shift",
        "volunteer": "who",
        "assigned_by": "the coordinator who put them on, if not themselves",
        "created_at": "when they signed up",
        "withdrawn_at": "when they withdrew (row kept for the record)",
        "withdrawn_by": "the coordinator who took them off",
        "attendance": "present or absent on the day",
        "attendance_marked_at": "when it was marked",
        "reminder_sent_at": "that the reminder went out once",
    },
    "calendars.FeedToken": {
        "id": "row key",
        "household": "the family whose feed it is",
        "volunteer": "the volunteer whose feed it is",
        "token": "the secret feed address (revocable)",
        "created_at": "when the address was issued",
        "revoked_at": "when it stopped working",
    },
    "charity_run.Runner": {
        "id": "row key",
        "run": "which run",
        "team": "the class, club or company they run for",
        "first_name": "on the board and certificate",
        "last_name": "on the certificate, telling runners apart",
        "age_group": "age classes of the results – never a birth date",
        "guardian_name": "minors: the guardian who consented",
        "guardian_consent_at": "minors: when the consent was given",
        "tshirt_size": "the runner's T-shirt",
        "start_number": "counting laps",
        "email": "optional: the runner's link and certificate",
        "token": _T,
        "created_at": _CREATED,
    },
    "charity_run.Pledge": {
        "id": "row key",
        "run": "which run",
        "runner": "the runner sponsored",
        "team": "or the team sponsored",
        "sponsor_name": "on the letter and receipt",
        "sponsor_email": "optional: the sponsor's letter",
        "sponsor_address": "optional: the donation receipt",
        "kind": "per lap or fixed",
        "per_lap_cents": "the amount pledged",
        "cap_cents": "its upper limit",
        "fixed_cents": "a fixed amount",
        "source": "entered by the sponsor or the organisers",
        "entered_by": "the organiser who entered it",
        "received_cents": "the amount received",
        "received_at": "when it was received",
        "received_by": "the organiser who marked it",
        "created_at": _CREATED,
    },
    "charity_run.Team": {
        "id": "row key",
        "run": "which run",
        "name": "the class, club or company",
        "kind": "school class, club, company",
        "contact_name": "the team's contact person (teacher, coach)",
        "contact_email": "sending the team's join code and results",
        "block": "the team's block of start numbers",
        "join_code": "the code runners join the team with",
        "created_at": _CREATED,
    },
    "flea_market.Application": {
        "id": "row key",
        "market": "which market",
        "name": "the seller, on the pitch list",
        "email": "allocation, waiting list, the seller's link",
        "phone": "optional: reaching the seller on the day",
        "seller_kind": "private, association or commercial (fees)",
        "association": "the association a stand sells for",
        "pitch_type": "table, rail or car boot",
        "goods": "what is sold (the mix of the market)",
        "note": "the seller's note",
        "needs_electricity": "pitches with a socket",
        "status": "waiting, allocated, cancelled",
        "applied_at": "the order of allocation",
        "pitch": "the pitch given",
        "allocated_at": "when it was given",
        "fee_cents": "the fee due",
        "paid_cents": "the fee paid",
        "paid_at": "when it was paid",
        "paid_by": "the organiser who recorded the payment",
        "cancelled_at": "when it was cancelled",
        "token": _T,
        "updated_at": _UPDATED,
    },
    "conference.Speaker": {
        "id": "row key",
        "name": "in the published programme",
        "partner": "their partner organisation, in the programme",
        "organisation_text": "another organisation, in the programme",
        "bio": "the short bio in the programme",
        "email": "arranging the session; never shown",
    },
    "conference.Submission": {
        "id": "row key",
        "sub_event": "which conference",
        "name": "the person submitting",
        "organisation": "their organisation",
        "email": "the decision and the link",
        "title": "the proposal",
        "abstract": "the proposal",
        "format": "talk, workshop, …",
        "duration": "planning the grid",
        "audience": "planning the grid",
        "needs": "room and equipment needs",
        "availability": "when they can speak",
        "track": "the theme",
        "state": "under review, accepted, declined",
        "decline_reason": "the reason told to them",
        "session": "the session it became",
        "token": _T,
        "created_at": _CREATED,
    },
}

# --- The checks (functions, so their own test can feed them a model) ------------------

BIRTH = re.compile(r"birth|geburt|(^|[^a-z])dob([^a-z]|$)", re.IGNORECASE)
IDENTIFIER_WORDS = re.compile(
    r"(^|[^a-z])ip([^a-z]|$)|ip.?address|user.?agent|iban|tax.?id|tax.?number|"
    r"steuer|passport|reisepass|id.?card|identity.?card|ausweis|insurance|"
    r"versicherung|social.?security|sozialversicherung",
    re.IGNORECASE,
)


def _path(model: type[models.Model], field: models.Field) -> str:
    return f"{model._meta.label}.{field.name}"


def _names(field: models.Field) -> list[str]:
    """The field's name and its verbose name in English and German."""
    names = [field.name]
    for language in ("en", "de"):
        with translation.override(language):
            names.append(str(field.verbose_name))
    return names


def birth_date_problems(all_models: list[type[models.Model]]) -> list[str]:
    problems = []
    for model in all_models:
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False):
                continue
            looks_like = any(BIRTH.search(name) for name in _names(field))
            if looks_like:
                problems.append(
                    f"{_path(model, field)} looks like a birth date "
                    f"({_names(field)[1]!r}). Do not store birth dates: store the "
                    "age on the event day (like registrations.Participant.age) or "
                    "an age group (like volunteers.Volunteer.age_group)."
                )
    return problems


FILE_FIELDS = (models.FileField, models.BinaryField)  # ImageField is a FileField


def file_problems(all_models: list[type[models.Model]]) -> list[str]:
    problems = []
    for model in all_models:
        for field in model._meta.concrete_fields:
            if isinstance(field, FILE_FIELDS) and (
                _path(model, field) not in FILE_ALLOWLIST
            ):
                problems.append(
                    f"{_path(model, field)} ({type(field).__name__}) can hold a "
                    "scanned document. Record that a document was seen (like "
                    "volunteers.Qualification: issued_on, sighted_on, sighted_by) "
                    "instead of keeping it; if the file is no personal document, "
                    "add it to FILE_ALLOWLIST in tests/privacy/test_minimisation.py "
                    "with the reason."
                )
    return problems


def identifier_problems(all_models: list[type[models.Model]]) -> list[str]:
    problems = []
    for model in all_models:
        for field in model._meta.concrete_fields:
            path = _path(model, field)
            if path in IDENTIFIER_ALLOWLIST:
                continue
            if isinstance(field, models.GenericIPAddressField) or any(
                IDENTIFIER_WORDS.search(name) for name in _names(field)
            ):
                problems.append(
                    f"{path} ({_names(field)[1]!r}) is an identifier the festival "
                    "does not need (IP address, user agent, IBAN, tax id, passport "
                    "or identity card, insurance or social security number). "
                    "Remove it; if it is really needed, add it to "
                    "IDENTIFIER_ALLOWLIST in tests/privacy/test_minimisation.py "
                    "with the reason."
                )
    return problems


PERSONAL_NAMES = re.compile(
    r"(^|_)(e?mail|phone|first_name|last_name|guardian\w*|address)($|_)"
)


def unreviewed_person_models(all_models: list[type[models.Model]]) -> list[str]:
    """Models that store a contact detail but are neither a reviewed person model
    nor listed as no record about a person."""
    problems = []
    for model in all_models:
        label = model._meta.label
        if label in PERSON_FIELDS or label in NOT_A_PERSON_RECORD:
            continue
        personal = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.EmailField) or PERSONAL_NAMES.search(field.name)
        ]
        if personal:
            problems.append(
                f"{label} stores {', '.join(personal)}: it looks like a record about "
                "a person. Add it to PERSON_FIELDS in "
                "tests/privacy/test_minimisation.py with one line per field saying "
                "why it is needed (and to the export and erasure), or to "
                "NOT_A_PERSON_RECORD with the reason."
            )
    return problems


def _fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields] + [
        f.name for f in model._meta.many_to_many
    ]


# --- The tests ------------------------------------------------------------------------


def _none(problems: list[str]) -> None:
    """Fail with every problem on its own line, each saying what to do."""
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_no_model_stores_a_birth_date():
    _none(birth_date_problems(apps.get_models()))


def test_no_model_stores_a_document_scan_or_other_file():
    _none(file_problems(apps.get_models()))


def test_no_model_stores_an_identifier_it_does_not_need():
    _none(identifier_problems(apps.get_models()))


def test_every_model_with_contact_details_is_reviewed():
    _none(unreviewed_person_models(apps.get_models()))


def test_every_field_of_a_person_model_has_a_stated_purpose():
    problems = []
    for label, reviewed in PERSON_FIELDS.items():
        fields = _fields(apps.get_model(label))
        problems += [
            f"{label}.{name} is a new field on a model about a person and nobody "
            "said why it is needed. Add it to PERSON_FIELDS in "
            "tests/privacy/test_minimisation.py with its purpose in one line (and "
            "to the person's data export and erasure) – or do not store it."
            for name in fields
            if name not in reviewed
        ]
        problems += [
            f"{label}.{name} is listed in PERSON_FIELDS but no longer exists: "
            "remove the entry."
            for name in reviewed
            if name not in fields
        ]
        problems += [
            f"{label}.{name}: the purpose is empty; say in one line why it is needed."
            for name, purpose in reviewed.items()
            if not purpose.strip()
        ]
    _none(problems)


def test_every_allowlist_entry_still_names_a_field():
    stale = []
    for path in (*FILE_ALLOWLIST, *IDENTIFIER_ALLOWLIST):
        app_model, _, name = path.rpartition(".")
        if name not in _fields(apps.get_model(app_model)):
            stale.append(f"{path} is allowlisted but no longer exists: remove it.")
    for label in NOT_A_PERSON_RECORD:
        apps.get_model(label)  # LookupError names a stale entry
    _none(stale)


@isolate_apps("registrations")
def test_the_checks_find_what_they_look_for():
    class Child(models.Model):
        name = models.CharField(max_length=10)
        birthday = models.DateField()
        geboren = models.DateField("Geburtsdatum")
        scan = models.FileField()
        client_ip = models.GenericIPAddressField()
        iban = models.CharField(max_length=34)
        user_agent = models.TextField()
        email = models.EmailField()

        class Meta:
            app_label = "registrations"

        def __str__(self) -> str:
            return self.name

    assert [p.split(" ")[0] for p in birth_date_problems([Child])] == [
        "registrations.Child.birthday",
        "registrations.Child.geboren",
    ]
    assert file_problems([Child]) == [
        "registrations.Child.scan (FileField) can hold a scanned document. Record "
        "that a document was seen (like volunteers.Qualification: issued_on, "
        "sighted_on, sighted_by) instead of keeping it; if the file is no personal "
        "document, add it to FILE_ALLOWLIST in tests/privacy/test_minimisation.py "
        "with the reason."
    ]
    assert [p.split(" ")[0] for p in identifier_problems([Child])] == [
        "registrations.Child.client_ip",
        "registrations.Child.iban",
        "registrations.Child.user_agent",
    ]
    assert [p.split(" ")[0] for p in unreviewed_person_models([Child])] == [
        "registrations.Child"
    ]
