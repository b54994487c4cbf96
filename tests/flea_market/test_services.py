"""The market's writes: applying (allocated at once or waiting), the refusals,
cancelling with promotion, moving by hand, automatic allocation, payments."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError

from subevents.flea_market import services
from subevents.flea_market.models import Application, Market, Pitch, PitchType
from subevents.flea_market.selectors import waiting_position
from tests.events.factories import error_codes
from tests.flea_market.factories import apply, market, pitch, pitch_type

pytestmark = pytest.mark.django_db

TABLE = PitchType.Kind.TABLE
RAIL = PitchType.Kind.RAIL
Status = Application.Status


def state(m: Market) -> list[tuple[str, str, int | None, int | None]]:
    """(name, status, pitch number, fee) of every application, in order."""
    return [
        (a.name, a.status, a.pitch.number if a.pitch else None, a.fee_cents)
        for a in Application.objects.filter(market=m)
        .select_related("pitch")
        .order_by("applied_at", "pk")
    ]


def test_applications_get_the_lowest_free_pitch_of_their_type_then_wait(
    django_capture_on_commit_callbacks,
):
    m = market()
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("Anna", "Ben", "Cem", "Dora"):
            apply(m, TABLE, name=name, email=f"{name.lower()}@example.org")
        apply(m, RAIL, name="Eva", email="eva@example.org")

    assert state(m) == [
        ("Anna", "allocated", 1, 800),
        ("Ben", "allocated", 2, 800),
        ("Cem", "allocated", 3, 800),
        ("Dora", "waiting", None, None),
        ("Eva", "allocated", 4, 600),
    ]
    dora = Application.objects.get(name="Dora")
    assert waiting_position(dora) == 1
    assert [m.to for m in mail.outbox] == [
        ["anna@example.org"],
        ["ben@example.org"],
        ["cem@example.org"],
        ["dora@example.org"],
        ["eva@example.org"],
    ]
    allocated, waiting = mail.outbox[0], mail.outbox[3]
    assert allocated.subject == "Ihr Stand 1: Kleider- und Spielzeugmarkt am Rathaus"
    assert "Ihre Standnummer: 1" in allocated.body
    assert "Aufbau: 08:00–09:45" in allocated.body
    assert f"/market/seller/{Application.objects.get(name='Anna').token}/" in (
        allocated.body
    )
    [(filename, content, mimetype)] = allocated.attachments
    assert (filename, mimetype) == ("stand-1.pdf", "application/pdf")
    assert content.startswith(b"%PDF-")
    assert waiting.attachments == []
    assert "Sie stehen auf Platz 1 der Warteliste." in waiting.body


def test_fees_follow_the_seller_kind_and_are_frozen_on_allocation():
    m = market(commercial=Market.Commercial.OWN_FEE)
    kita = apply(
        m, seller_kind="association", association="Förderverein Kita Sonnenschein"
    )
    shop = apply(m, seller_kind="commercial")
    PitchType.objects.filter(market=m, kind=TABLE).update(fee_private_cents=9900)
    family = apply(m)

    assert [(a.seller_kind, a.fee_cents) for a in (kita, shop, family)] == [
        ("association", 600),
        ("commercial", 2000),
        ("private", 9900),
    ]
    kita.refresh_from_db()
    assert kita.fee_cents == 600


@pytest.mark.parametrize(
    ("fields", "market_fields", "codes"),
    [
        (
            {"seller_kind": "commercial"},
            {},
            {"seller_kind": ["commercial_not_allowed"]},
        ),
        (
            {"seller_kind": "association", "association": " "},
            {},
            {"association": ["association_missing"]},
        ),
        ({"goods": []}, {}, {"goods": ["goods_missing"]}),
        ({"goods": ["weapons"]}, {}, {"goods": ["goods_missing"]}),
        (
            {"needs_electricity": True},
            {},
            {"needs_electricity": ["no_electricity"]},
        ),
        ({}, {"applications_open": False}, {"__all__": ["applications_closed"]}),
    ],
)
def test_refusals_store_nothing(fields, market_fields, codes):
    m = market(**market_fields)

    with pytest.raises(ValidationError) as err:
        apply(m, **fields)

    assert error_codes(err.value) == codes
    assert Application.objects.count() == 0


def test_one_pitch_per_email_address_unless_the_market_allows_more():
    m = market()
    apply(m, email="Mia@Example.org")

    with pytest.raises(ValidationError) as err:
        apply(m, RAIL, email="mia@example.org ")
    assert error_codes(err.value) == {"email": ["too_many_pitches"]}

    Market.objects.filter(pk=m.pk).update(max_pitches_per_seller=2)
    apply(m, RAIL, email="mia@example.org")
    assert Application.objects.filter(email__iexact="mia@example.org").count() == 2


def test_a_pitch_of_another_market_is_refused():
    m, other = market(), market(slug="anderer-markt")

    with pytest.raises(ValidationError) as err:
        apply(m, pitch_type=pitch_type(other))

    assert error_codes(err.value) == {"pitch_type": ["pitch_type_unknown"]}


def test_electricity_goes_only_to_pitches_with_a_socket_and_is_kept_for_them():
    m = market(layout={TABLE: 3}, sockets={1})
    plain = apply(m)  # takes 2, not the socket at 1
    coffee = apply(m, needs_electricity=True)
    other = apply(m)
    late_coffee = apply(m, needs_electricity=True)

    assert [a.pitch.number if a.pitch else None for a in (plain, coffee, other)] == [
        2,
        1,
        3,
    ]
    assert late_coffee.status == "waiting"


def test_cancelling_gives_the_pitch_to_the_first_waiting_seller_of_its_type(
    django_capture_on_commit_callbacks,
):
    m = market(layout={TABLE: 1, RAIL: 1}, sockets=set())
    first = apply(m, TABLE, name="Anna", email="anna@example.org")
    apply(m, RAIL, name="Rail", email="rail@example.org")
    needs_power = apply(m, TABLE, name="Strom", needs_electricity=False)
    Application.objects.filter(pk=needs_power.pk).update(needs_electricity=True)
    waiting = apply(m, TABLE, name="Ben", email="ben@example.org")
    apply(m, RAIL, name="Rail 2", email="rail2@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.application_cancel(application=first)

    assert state(m) == [
        ("Anna", "cancelled", None, None),
        ("Rail", "allocated", 2, 600),
        ("Strom", "waiting", None, None),  # pitch 1 has no socket
        ("Ben", "allocated", 1, 800),
        ("Rail 2", "waiting", None, None),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@example.org",
        "ben@example.org",
    ]
    promoted = next(m for m in mail.outbox if m.to == ["ben@example.org"])
    assert promoted.subject == (
        "Ein Stand ist für Sie frei geworden: Stand 1, Kleider- und "
        "Spielzeugmarkt am Rathaus"
    )
    assert len(promoted.attachments) == 1
    with pytest.raises(ValidationError) as err:
        services.application_cancel(application=first)
    assert err.value.code == "not_active"
    waiting.refresh_from_db()
    assert waiting_position(waiting) is None


def test_automatic_allocation_fills_new_pitches_in_order_and_is_idempotent():
    m = market(layout={TABLE: 1})
    apply(m, name="Anna")
    apply(m, name="Ben")
    apply(m, name="Cem")
    type_ = pitch_type(m)
    plan = pitch(m, 1).site_plan
    for number in (2, 3):
        Pitch.objects.create(
            market=m, site_plan=plan, pitch_type=type_, number=number, x=number, y=5
        )

    allocated = services.pitches_allocate(market=m)

    assert [a.name for a in allocated] == ["Ben", "Cem"]
    assert services.pitches_allocate(market=m) == []
    assert [row[:3] for row in state(m)] == [
        ("Anna", "allocated", 1),
        ("Ben", "allocated", 2),
        ("Cem", "allocated", 3),
    ]


def test_moving_by_hand_to_a_free_pitch_and_swapping():
    m = market(layout={TABLE: 3, RAIL: 1})
    anna = apply(m, name="Anna")
    apply(m, name="Ben")

    services.application_move(application=anna, pitch=pitch(m, 3))
    assert [row[:3] for row in state(m)] == [
        ("Anna", "allocated", 3),
        ("Ben", "allocated", 2),
    ]

    with pytest.raises(ValidationError) as err:
        services.application_move(application=anna, pitch=pitch(m, 2))
    assert err.value.code == "pitch_taken"

    services.application_move(application=anna, pitch=pitch(m, 2), swap=True)
    assert [row[:3] for row in state(m)] == [
        ("Anna", "allocated", 2),
        ("Ben", "allocated", 3),
    ]


def test_a_waiting_seller_placed_by_hand_gets_the_pitch_and_its_fee():
    m = market(layout={TABLE: 1})
    apply(m, name="Anna")
    kita = apply(m, name="Ben", seller_kind="association", association="Kita Mühle")
    assert kita.status == "waiting"

    with pytest.raises(ValidationError) as err:
        services.application_move(application=kita, pitch=pitch(m, 1), swap=True)
    assert err.value.code == "swap_needs_pitch"

    extra = Pitch.objects.create(
        market=m,
        site_plan=pitch(m, 1).site_plan,
        pitch_type=pitch_type(m),
        number=2,
        x=9,
        y=5,
    )
    services.application_move(application=kita, pitch=extra)

    kita.refresh_from_db()
    assert (kita.status, kita.pitch.number, kita.fee_cents) == ("allocated", 2, 600)


@pytest.mark.parametrize(
    ("target", "code"),
    [("rail", "pitch_type_mismatch"), ("plain", "no_electricity")],
)
def test_moves_that_do_not_fit_are_refused(target, code):
    m = market(layout={TABLE: 2, RAIL: 1}, sockets={1})
    coffee = apply(m, needs_electricity=True)
    number = 3 if target == "rail" else 2

    with pytest.raises(ValidationError) as err:
        services.application_move(application=coffee, pitch=pitch(m, number))

    assert err.value.code == code
    coffee.refresh_from_db()
    assert coffee.pitch.number == 1


def test_a_pitch_of_another_market_cannot_be_moved_to():
    m, other = market(), market(slug="zweiter-markt")
    anna = apply(m)

    with pytest.raises(ValidationError) as err:
        services.application_move(application=anna, pitch=pitch(other, 1))

    assert err.value.code == "pitch_unknown"


def test_declining_frees_the_pitch_and_tells_the_seller(
    django_capture_on_commit_callbacks,
):
    m = market(layout={TABLE: 1})
    anna = apply(m, name="Anna", email="anna@example.org")
    ben = apply(m, name="Ben")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(application=anna, reason="Nur Kindersachen.")

    ben.refresh_from_db()
    assert (ben.status, ben.pitch.number) == ("allocated", 1)
    declined = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert "Grund: Nur Kindersachen." in declined.body


def test_marking_paid_records_who_when_and_how_much():
    m = market()
    anna = apply(m)
    staff = User.objects.create_user("kasse")

    services.application_mark_paid(application=anna, by=staff)
    anna.refresh_from_db()
    assert (anna.paid_cents, anna.paid_by, anna.is_paid) == (800, staff, True)

    services.application_mark_paid(application=anna, by=staff, amount_cents=500)
    anna.refresh_from_db()
    assert anna.paid_cents == 500

    services.application_mark_paid(application=anna, by=staff, paid=False)
    anna.refresh_from_db()
    assert (anna.paid_cents, anna.paid_at, anna.paid_by) == (None, None, None)


def test_only_a_seller_with_a_pitch_pays():
    m = market(layout={TABLE: 1})
    apply(m)
    waiting = apply(m)

    with pytest.raises(ValidationError) as err:
        services.application_mark_paid(
            application=waiting, by=User.objects.create_user("kasse")
        )

    assert err.value.code == "not_allocated"
