"""events.audit itself: who an entry names when the service is not told, the
suppressed block, and the demo loader that runs inside it."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from events.audit import AuditMiddleware, audit_record, audit_suppressed
from events.demo import demo_load
from events.models import AuditEntry, Event
from registrations.models import Registration
from tests.audit.helpers import entries
from tests.planning.factories import staff

pytestmark = pytest.mark.django_db


def in_request(user, **attributes):
    """Run audit_record inside a request of `user`, as the middleware sees it."""
    request = RequestFactory().get("/")
    request.user = user
    for name, value in attributes.items():
        setattr(request, name, value)
    return AuditMiddleware(lambda r: audit_record(action="x.y", link_via="family"))(
        request
    )


def test_outside_a_request_the_system_acts():
    audit_record(action="x.y")

    assert entries() == [("x.y", "", "", "", "system")]


def test_in_a_request_its_user_acts():
    in_request(staff("anna"))

    assert entries() == [("x.y", "", "", "anna", "staff")]


def test_a_request_with_an_api_token_says_api():
    in_request(staff("anna"), auth="a token")

    assert entries() == [("x.y", "", "", "anna", "api")]


def test_an_anonymous_request_came_through_the_personal_link():
    in_request(AnonymousUser())

    assert entries() == [("x.y", "", "", "", "family")]


def test_the_request_is_forgotten_after_the_response():
    in_request(staff("anna"))
    audit_record(action="after")

    assert entries()[-1] == ("after", "", "", "", "system")


def test_system_wins_over_the_request_user():
    request = RequestFactory().get("/")
    request.user = staff("anna")
    AuditMiddleware(lambda r: audit_record(action="x.y", via="system"))(request)

    assert entries() == [("x.y", "", "", "", "system")]


def test_an_explicit_actor_wins_over_the_request_user():
    bert = staff("bert")
    request = RequestFactory().get("/")
    request.user = staff("anna")
    AuditMiddleware(lambda r: audit_record(action="x.y", actor=bert))(request)

    assert entries() == [("x.y", "", "", "bert", "staff")]


def test_the_account_name_stays_when_the_account_is_deleted():
    anna = staff("anna")
    audit_record(action="x.y", actor=anna, summary="s" * 400)
    anna.delete()

    entry = AuditEntry.objects.get()
    assert (entry.actor_id, entry.actor_name, len(entry.summary)) == (None, "anna", 300)


def test_nothing_is_written_while_suppressed_and_again_afterwards():
    with audit_suppressed():
        assert audit_record(action="hidden") is None
    audit_record(action="seen")

    assert entries() == [("seen", "", "", "", "system")]


def test_the_demo_loader_writes_no_entries():
    result = demo_load(start=dt.date(2027, 6, 14), with_accounts=False)

    assert result.created > 0
    assert Registration.objects.exists()
    assert Event.objects.exists()
    assert entries() == []
