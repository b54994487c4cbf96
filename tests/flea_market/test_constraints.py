"""What the database holds by itself, for writers that skip the services."""

import pytest
from django.db import IntegrityError, transaction

from subevents.flea_market.models import Application
from tests.flea_market.factories import apply, market, pitch

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_seller_on_a_pitch():
    m = market()
    anna = apply(m)
    ben = apply(m)

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=ben.pk).update(pitch=anna.pitch)

    ben.refresh_from_db()
    assert ben.pitch.number == 2


def test_a_cancelled_application_frees_its_pitch_for_the_constraint():
    m = market()
    anna = apply(m)
    old = anna.pitch
    Application.objects.filter(pk=anna.pk).update(status="cancelled", pitch=None)

    ben = apply(m)
    Application.objects.filter(pk=ben.pk).update(pitch=old)

    assert Application.objects.get(pk=ben.pk).pitch == old


@pytest.mark.parametrize(
    "values",
    [
        {"status": "allocated", "pitch": None},
        {"status": "waiting", "pitch": "first"},
        {"seller_kind": "association", "association": ""},
    ],
)
def test_inconsistent_rows_are_refused(values):
    m = market()
    waiting = apply(m, pitch_type=apply(m).pitch_type)
    Application.objects.filter(pk=waiting.pk).update(status="waiting", pitch=None)
    if values.get("pitch") == "first":
        values = {**values, "pitch": pitch(m, 5)}

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=waiting.pk).update(**values)


def test_a_held_pitch_cannot_be_deleted_but_the_whole_market_can():
    from django.db.models import RestrictedError

    from subevents.flea_market.models import Market, Pitch

    m = market()
    anna = apply(m)

    with pytest.raises(RestrictedError), transaction.atomic():
        anna.pitch.delete()
    pitch(m, 5).delete()  # a free one goes

    m.event.delete()

    assert (Market.objects.count(), Pitch.objects.count()) == (0, 0)
    assert Application.objects.count() == 0
