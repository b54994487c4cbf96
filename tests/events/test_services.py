"""The core's write rules: the venue rule (buffers, shared venues, cancellations,
moves, venue changes), field validation, and the cancellation mail."""

import datetime as dt
import itertools

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import services
from events.models import Event, Venue, VenueBooking
from tests.events.factories import (
    EventFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
    error_codes,
)

pytestmark = pytest.mark.django_db


def bookings() -> list[tuple[str, str, dt.datetime, dt.datetime]]:
    """Every venue booking as (venue slug, event slug, from, until), in time order."""
    return [
        (b.venue.slug, b.event.slug, b.blocked_from, b.blocked_until)
        for b in VenueBooking.objects.select_related("venue", "event").order_by(
            "blocked_from", "venue__slug"
        )
    ]


def create(venue: Venue, start: dt.datetime, end: dt.datetime, **fields) -> Event:
    fields.setdefault("sub_event", SubEventFactory())
    fields.setdefault("title", "Programmpunkt")
    return services.event_create(venue=venue, starts_at=start, ends_at=end, **fields)


@pytest.fixture
def aula() -> Venue:
    return VenueFactory(name="Aula", slug="aula")


# --- The venue rule -------------------------------------------------------------------
def test_overlapping_event_is_refused_and_nothing_is_written(aula):
    EventFactory(
        slug="a",
        title="Bilderbuchkino",
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        teardown_minutes=30,
    )

    with translation.override("en"), pytest.raises(ValidationError) as err:
        create(aula, at(0, 11), at(0, 13), slug="b")

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    with translation.override("en"):
        assert err.value.message_dict["venue"] == [
            "Aula is already taken from Mon, 14.06. 10:00 to Mon, 14.06. 12:30 by "
            "“Bilderbuchkino” (set-up and tear-down included)."
        ]
    assert list(Event.objects.values_list("slug", flat=True)) == ["a"]
    assert bookings() == [("aula", "a", at(0, 10), at(0, 12, 30))]


def test_overlapping_update_is_refused_and_the_old_values_stay(aula):
    EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))
    b = EventFactory(slug="b", venue=aula, starts_at=at(0, 13), ends_at=at(0, 14))

    with pytest.raises(ValidationError) as err:
        services.event_update(event=b, starts_at=at(0, 11), ends_at=at(0, 12))

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    b.refresh_from_db()
    assert (b.starts_at, b.ends_at) == (at(0, 13), at(0, 14))
    assert bookings() == [
        ("aula", "a", at(0, 10), at(0, 12)),
        ("aula", "b", at(0, 13), at(0, 14)),
    ]


def test_an_event_does_not_clash_with_itself_when_it_is_moved_within_its_slot(aula):
    a = EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))

    services.event_update(event=a, starts_at=at(0, 11), ends_at=at(0, 13))

    assert bookings() == [("aula", "a", at(0, 11), at(0, 13))]


def test_teardown_buffer_blocks_the_venue(aula):
    EventFactory(
        slug="a",
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        teardown_minutes=30,
    )

    with pytest.raises(ValidationError) as err:
        create(aula, at(0, 12, 15), at(0, 13), slug="too-early")
    create(aula, at(0, 12, 30), at(0, 13), slug="b")

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert bookings() == [
        ("aula", "a", at(0, 10), at(0, 12, 30)),
        ("aula", "b", at(0, 12, 30), at(0, 13)),
    ]


def test_setup_buffer_blocks_the_venue(aula):
    EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))

    with pytest.raises(ValidationError) as err:
        create(aula, at(0, 12, 15), at(0, 13), slug="too-early", setup_minutes=30)
    create(aula, at(0, 12, 30), at(0, 13), slug="b", setup_minutes=30)

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert bookings() == [
        ("aula", "a", at(0, 10), at(0, 12)),
        ("aula", "b", at(0, 12), at(0, 13)),
    ]


def test_setup_buffer_of_an_earlier_slot_reaches_back(aula):
    EventFactory(
        slug="a", venue=aula, starts_at=at(0, 14), ends_at=at(0, 15), setup_minutes=60
    )

    with pytest.raises(ValidationError) as err:
        create(aula, at(0, 12), at(0, 13, 1), slug="b")
    create(aula, at(0, 12), at(0, 13), slug="c")

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert bookings() == [
        ("aula", "c", at(0, 12), at(0, 13)),
        ("aula", "a", at(0, 13), at(0, 15)),
    ]


def test_touching_events_are_allowed(aula):
    EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))
    EventFactory(slug="b", venue=aula, starts_at=at(0, 12), ends_at=at(0, 13))
    EventFactory(slug="c", venue=aula, starts_at=at(0, 9), ends_at=at(0, 10))

    assert bookings() == [
        ("aula", "c", at(0, 9), at(0, 10)),
        ("aula", "a", at(0, 10), at(0, 12)),
        ("aula", "b", at(0, 12), at(0, 13)),
    ]


def test_an_event_inside_another_is_refused(aula):
    EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 14))

    with pytest.raises(ValidationError) as err:
        create(aula, at(0, 11), at(0, 12), slug="b")

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert Event.objects.count() == 1


def test_same_time_at_another_venue_is_allowed(aula):
    EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))
    EventFactory(
        slug="b",
        venue=VenueFactory(slug="turnhalle"),
        starts_at=at(0, 10),
        ends_at=at(0, 12),
    )

    assert bookings() == [
        ("aula", "a", at(0, 10), at(0, 12)),
        ("turnhalle", "b", at(0, 10), at(0, 12)),
    ]


def test_shared_venue_allows_overlaps_and_holds_no_bookings():
    park = VenueFactory(slug="park", shared=True)
    EventFactory(slug="a", venue=park, starts_at=at(0, 10), ends_at=at(0, 12))
    EventFactory(slug="b", venue=park, starts_at=at(0, 11), ends_at=at(0, 13))

    assert sorted(Event.objects.values_list("slug", flat=True)) == ["a", "b"]
    assert bookings() == []


def test_a_draft_holds_its_venue(aula):
    EventFactory(
        slug="a",
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        status=Event.Status.DRAFT,
    )

    with pytest.raises(ValidationError) as err:
        create(aula, at(0, 11), at(0, 12), slug="b")

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}


def test_an_event_without_venue_books_nothing():
    services.event_create(
        sub_event=SubEventFactory(),
        title="Ort folgt",
        starts_at=at(0, 10),
        ends_at=at(0, 11),
    )

    assert Event.objects.get().venue is None
    assert bookings() == []


def test_cancelling_frees_the_venue_and_republishing_into_a_taken_slot_is_refused(
    aula,
):
    a = EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))

    services.event_cancel(event=a, reason="Krankheit")
    assert bookings() == []
    create(aula, at(0, 11), at(0, 13), slug="b", status=Event.Status.PUBLISHED)

    with pytest.raises(ValidationError) as err:
        services.event_publish(event=a)

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    a.refresh_from_db()
    assert (a.status, a.cancel_reason) == (Event.Status.CANCELLED, "Krankheit")
    assert bookings() == [("aula", "b", at(0, 11), at(0, 13))]


def test_republishing_a_cancelled_event_into_a_free_slot_books_the_venue_again(aula):
    a = EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))
    services.event_cancel(event=a, reason="Krankheit")

    services.event_publish(event=a)

    a.refresh_from_db()
    assert (a.status, a.cancel_reason) == (Event.Status.PUBLISHED, "")
    assert bookings() == [("aula", "a", at(0, 10), at(0, 12))]


def test_publishing_a_draft_keeps_its_booking(aula):
    a = EventFactory(
        slug="a",
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        status=Event.Status.DRAFT,
    )

    services.event_publish(event=a)

    assert Event.objects.get().status == Event.Status.PUBLISHED
    assert bookings() == [("aula", "a", at(0, 10), at(0, 12))]


def test_publishing_without_venue_is_refused():
    a = services.event_create(
        sub_event=SubEventFactory(),
        title="Ort folgt",
        starts_at=at(0, 10),
        ends_at=at(0, 11),
    )

    with pytest.raises(ValidationError) as err:
        services.event_publish(event=a)

    assert error_codes(err.value) == {"venue": ["venue_required"]}
    assert Event.objects.get().status == Event.Status.DRAFT


def test_moving_an_event_to_another_venue_and_time_moves_its_booking(aula):
    turnhalle = VenueFactory(slug="turnhalle")
    a = EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))

    services.event_update(
        event=a, venue=turnhalle, starts_at=at(1, 15), ends_at=at(1, 16)
    )
    create(aula, at(0, 10), at(0, 12), slug="b")

    assert bookings() == [
        ("aula", "b", at(0, 10), at(0, 12)),
        ("turnhalle", "a", at(1, 15), at(1, 16)),
    ]


def test_moving_an_event_into_a_taken_slot_is_refused_and_it_stays(aula):
    turnhalle = VenueFactory(slug="turnhalle")
    EventFactory(slug="t", venue=turnhalle, starts_at=at(1, 15), ends_at=at(1, 17))
    a = EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))

    with pytest.raises(ValidationError) as err:
        services.event_update(
            event=a, venue=turnhalle, starts_at=at(1, 16), ends_at=at(1, 18)
        )

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    a.refresh_from_db()
    assert (a.venue_id, a.starts_at, a.ends_at) == (aula.pk, at(0, 10), at(0, 12))
    assert bookings() == [
        ("aula", "a", at(0, 10), at(0, 12)),
        ("turnhalle", "t", at(1, 15), at(1, 17)),
    ]


def test_moving_an_event_to_a_shared_venue_drops_its_booking(aula):
    park = VenueFactory(slug="park", shared=True)
    a = EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))

    services.event_update(event=a, venue=park)

    assert bookings() == []


def test_making_a_shared_venue_exclusive_with_overlaps_is_refused():
    park = VenueFactory(slug="park", shared=True)
    EventFactory(slug="a", venue=park, starts_at=at(0, 10), ends_at=at(0, 12))
    EventFactory(slug="b", venue=park, starts_at=at(0, 11), ends_at=at(0, 13))

    park.shared = False
    with pytest.raises(ValidationError) as err:
        services.venue_save(venue=park)

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert Venue.objects.get(slug="park").shared is True
    assert bookings() == []


def test_making_a_shared_venue_exclusive_without_overlaps_books_its_events():
    park = VenueFactory(slug="park", shared=True)
    EventFactory(
        slug="a",
        venue=park,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        teardown_minutes=15,
    )
    EventFactory(slug="b", venue=park, starts_at=at(0, 12, 15), ends_at=at(0, 13))
    overlapping_cancelled = EventFactory(
        slug="c", venue=park, starts_at=at(0, 11), ends_at=at(0, 13)
    )
    services.event_cancel(event=overlapping_cancelled, reason="Regen")

    park.shared = False
    services.venue_save(venue=park)

    assert Venue.objects.get(slug="park").shared is False
    assert bookings() == [
        ("park", "a", at(0, 10), at(0, 12, 15)),
        ("park", "b", at(0, 12, 15), at(0, 13)),
    ]


def test_making_a_venue_shared_drops_its_bookings(aula):
    EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))

    aula.shared = True
    services.venue_save(venue=aula)
    create(aula, at(0, 11), at(0, 12), slug="b")

    assert bookings() == []
    assert Event.objects.count() == 2


def test_venue_save_refuses_a_taken_slug(aula):
    with pytest.raises(ValidationError) as err:
        services.venue_save(venue=Venue(name="Aula 2", slug="aula"))

    assert error_codes(err.value) == {"slug": ["unique"]}
    assert Venue.objects.count() == 1


# --- Bad input ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"ends_at": at(0, 9)}, {"ends_at": ["end_before_start"]}),
        ({"ends_at": at(0, 10)}, {"ends_at": ["end_before_start"]}),
        ({"capacity": -1}, {"capacity": ["negative_value"]}),
        ({"setup_minutes": -5}, {"setup_minutes": ["negative_value"]}),
        ({"setup_minutes": 24 * 60 + 1}, {"setup_minutes": ["buffer_too_long"]}),
        ({"min_age": 10, "max_age": 6}, {"min_age": ["age_range"]}),
        ({"max_age": 121}, {"max_age": ["age_out_of_range"]}),
        ({"is_free": False, "price_text": "  "}, {"price_text": ["price_missing"]}),
        (
            {
                "capacity": 20,
                "registration_opens_at": at(0, 8),
                "registration_closes_at": at(0, 8),
            },
            {"registration_closes_at": ["registration_window"]},
        ),
        (
            {"registration_opens_at": at(-7, 8)},
            {"capacity": ["capacity_required"]},
        ),
        ({"title": " "}, {"title": ["required"]}),
        ({"languages": ["de", "e"]}, {"languages": ["invalid_languages"]}),
        ({"slug": "taken"}, {"slug": ["slug_taken"]}),
        (
            {"status": Event.Status.CANCELLED, "cancel_reason": ""},
            {"cancel_reason": ["cancel_reason_missing"]},
        ),
        (
            {"status": Event.Status.PUBLISHED, "venue": None},
            {"venue": ["venue_required"]},
        ),
    ],
)
def test_bad_input_is_refused_with_its_code_and_nothing_is_written(
    aula, fields, expected
):
    EventFactory(slug="taken", venue=VenueFactory(slug="elsewhere"))
    values = {"venue": aula, "starts_at": at(0, 10), "ends_at": at(0, 11)}
    values.update(fields)
    values.setdefault("title", "Neu")

    with pytest.raises(ValidationError) as err:
        services.event_create(sub_event=SubEventFactory(), **values)

    assert error_codes(err.value) == expected
    assert list(Event.objects.values_list("slug", flat=True)) == ["taken"]
    assert bookings() == [("elsewhere", "taken", at(0, 10), at(0, 11))]


def test_several_errors_are_reported_together(aula):
    with pytest.raises(ValidationError) as err:
        create(aula, at(0, 10), at(0, 9), capacity=-3, min_age=9, max_age=3)

    assert error_codes(err.value) == {
        "ends_at": ["end_before_start"],
        "capacity": ["negative_value"],
        "min_age": ["age_range"],
    }
    assert Event.objects.count() == 0


def test_bad_update_keeps_the_old_values(aula):
    a = EventFactory(
        slug="a", title="Alt", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12)
    )

    with pytest.raises(ValidationError) as err:
        services.event_update(event=a, ends_at=at(0, 9), title="Neu")

    assert error_codes(err.value) == {"ends_at": ["end_before_start"]}
    a.refresh_from_db()
    assert (a.title, a.ends_at) == ("Alt", at(0, 12))
    assert bookings() == [("aula", "a", at(0, 10), at(0, 12))]


def test_event_create_gives_unique_slugs_from_the_title(aula):
    first = create(aula, at(0, 10), at(0, 11), title="Kinder-Disco für alle")
    second = create(aula, at(0, 12), at(0, 13), title="Kinder-Disco für alle")
    third = create(aula, at(0, 14), at(0, 15), title="!!!")

    assert (first.slug, second.slug, third.slug) == (
        "kinder-disco-fur-alle",
        "kinder-disco-fur-alle-2",
        "termin",
    )


def test_event_create_refuses_unknown_fields(aula):
    with pytest.raises(TypeError, match=r"Unknown event fields: \['colour'\]"):
        create(aula, at(0, 10), at(0, 11), colour="#fff")


def test_event_update_refuses_status_changes(aula):
    a = EventFactory(venue=aula, status=Event.Status.DRAFT)

    with pytest.raises(TypeError, match=r"\['status'\]"):
        services.event_update(event=a, status=Event.Status.PUBLISHED)

    assert Event.objects.get().status == Event.Status.DRAFT


def test_event_update_sets_audiences_and_partners(aula):
    a = EventFactory(venue=aula)
    partner = PartnerFactory(slug="kita-sonnenschein")

    services.event_update(event=a, host_partners=[partner], summary="Neu")

    a.refresh_from_db()
    assert a.summary == "Neu"
    assert list(a.host_partners.values_list("slug", flat=True)) == ["kita-sonnenschein"]


# --- Cancellation ---------------------------------------------------------------------
def test_cancel_without_reason_is_refused(aula):
    a = EventFactory(slug="a", venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))

    with pytest.raises(ValidationError) as err:
        services.event_cancel(event=a, reason="   ")

    assert error_codes(err.value) == {"cancel_reason": ["cancel_reason_missing"]}
    a.refresh_from_db()
    assert (a.status, a.cancel_reason) == (Event.Status.PUBLISHED, "")
    assert bookings() == [("aula", "a", at(0, 10), at(0, 12))]


def test_cancel_mails_the_host_partners_once(aula, django_capture_on_commit_callbacks):
    partners = [
        PartnerFactory(contact_email="b@example.org"),
        PartnerFactory(contact_email="a@example.org"),
        PartnerFactory(contact_email=""),
    ]
    a = EventFactory(title="Puppentheater im Park", venue=aula, host_partners=partners)

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=a, reason="Sturmwarnung")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.org", "b@example.org"]
    assert "Puppentheater im Park" in message.subject
    assert "Sturmwarnung" in message.body
    assert Event.objects.get().status == Event.Status.CANCELLED


def test_cancelling_twice_mails_once(aula, django_capture_on_commit_callbacks):
    a = EventFactory(venue=aula, host_partners=[PartnerFactory()])

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=a, reason="Regen")
        services.event_cancel(event=a, reason="Noch mehr Regen")

    assert len(mail.outbox) == 1
    assert Event.objects.get().cancel_reason == "Regen"


def test_cancelling_a_draft_mails_nobody(aula, django_capture_on_commit_callbacks):
    a = EventFactory(
        venue=aula, status=Event.Status.DRAFT, host_partners=[PartnerFactory()]
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=a, reason="Doch nicht")

    assert mail.outbox == []
    assert Event.objects.get().status == Event.Status.CANCELLED


def test_a_rolled_back_cancellation_sends_no_mail(
    aula, django_capture_on_commit_callbacks
):
    a = EventFactory(venue=aula, host_partners=[PartnerFactory()])

    class Abort(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Abort),
        transaction.atomic(),
    ):
        services.event_cancel(event=a, reason="Regen")
        raise Abort

    assert callbacks == []
    assert mail.outbox == []
    assert Event.objects.get().status == Event.Status.PUBLISHED


# --- Property: the venue rule over random schedules -----------------------------------
attempt = st.tuples(
    st.integers(min_value=0, max_value=12 * 4),  # start, quarter hours after 8:00
    st.integers(min_value=1, max_value=12),  # duration in quarter hours
    st.sampled_from([0, 10, 15, 30, 60]),  # set-up minutes
    st.sampled_from([0, 10, 15, 30, 60]),  # tear-down minutes
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(attempts=st.lists(attempt, min_size=1, max_size=12))
def test_accepted_events_never_overlap_and_refusals_are_real(attempts):
    # The database fixture is shared by all examples: start each from an empty plan.
    Event.objects.all().delete()
    venue = Venue.objects.get_or_create(slug="prop", defaults={"name": "Prop"})[0]
    sub_event = SubEventFactory()
    accepted: list[tuple[dt.datetime, dt.datetime]] = []
    for n, (start_q, duration_q, setup, teardown) in enumerate(attempts):
        starts_at = at(0, 8) + dt.timedelta(minutes=15 * start_q)
        ends_at = starts_at + dt.timedelta(minutes=15 * duration_q)
        blocked = (
            starts_at - dt.timedelta(minutes=setup),
            ends_at + dt.timedelta(minutes=teardown),
        )
        overlaps = [a for a in accepted if a[0] < blocked[1] and blocked[0] < a[1]]
        try:
            services.event_create(
                sub_event=sub_event,
                title=f"E{n}",
                venue=venue,
                starts_at=starts_at,
                ends_at=ends_at,
                setup_minutes=setup,
                teardown_minutes=teardown,
            )
        except ValidationError as exc:
            assert error_codes(exc) == {"venue": ["venue_conflict"]}
            assert overlaps != []  # a refusal always has a real reason
        else:
            assert overlaps == []
            accepted.append(blocked)

    stored = sorted(
        VenueBooking.objects.filter(venue=venue).values_list(
            "blocked_from", "blocked_until"
        )
    )
    assert stored == sorted(accepted)
    for (_, first_until), (second_from, _) in itertools.pairwise(stored):
        assert first_until <= second_from
    assert Event.objects.count() == len(accepted)


def test_cancellation_mail_to_partners_is_plain_text_not_html_escaped(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    from events.services import event_cancel
    from tests.events.factories import EventFactory, PartnerFactory

    partner = PartnerFactory(contact_email="kita@example.org")
    event = EventFactory(
        title="Kinder & Eltern: O'Briens Quiz", host_partners=[partner]
    )

    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, reason="Regen & Sturm")

    assert mail.outbox[0].subject == "Abgesagt: Kinder & Eltern: O'Briens Quiz"
    assert "Regen & Sturm" in mail.outbox[0].body
    assert "&amp;" not in mail.outbox[0].body


def test_an_overlong_title_is_refused_with_a_code_not_a_database_error():
    event = Event(
        sub_event=SubEventFactory(),
        title="x" * 201,
        starts_at=at(0, 10),
        ends_at=at(0, 11),
        venue=VenueFactory(),
    )

    with pytest.raises(ValidationError) as err:
        services.event_save(event=event)

    assert error_codes(err.value) == {"title": ["too_long"]}
    assert not Event.objects.filter(title="x" * 201).exists()


def test_sub_event_create_gives_a_unique_slug_and_the_next_position():
    from events.models import SubEvent
    from tests.events.factories import FestivalFactory

    festival = FestivalFactory()
    SubEventFactory(festival=festival, slug="familienkonzert", position=4)
    lead = PartnerFactory()

    sub_event = services.sub_event_create(
        festival=festival,
        name="  Familienkonzert ",
        description="Musik für alle.",
        colour="#224466",
        lead_partner=lead,
    )

    sub_event.refresh_from_db()
    assert (sub_event.name, sub_event.slug, sub_event.position) == (
        "Familienkonzert",
        "familienkonzert-2",
        5,
    )
    assert (sub_event.description, sub_event.colour) == ("Musik für alle.", "#224466")
    assert sub_event.lead_partner == lead
    assert SubEvent.objects.filter(festival=festival).count() == 2


@pytest.mark.parametrize(
    ("name", "code"), [("", "required"), ("   ", "required"), ("x" * 201, "too_long")]
)
def test_sub_event_create_refuses_a_missing_or_overlong_name(name, code):
    from events.models import SubEvent
    from tests.events.factories import FestivalFactory

    festival = FestivalFactory()

    with pytest.raises(ValidationError) as err:
        services.sub_event_create(festival=festival, name=name)

    assert error_codes(err.value) == {"name": [code]}
    assert SubEvent.objects.count() == 0
