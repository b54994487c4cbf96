"""The registry through which other apps and sub-event modules plug into the core."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from events.registry import Registry


def event(pk: int, **fields) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, **fields)


def test_a_new_registry_is_empty_and_answers_neutrally():
    reg = Registry()

    assert reg.seats_taken([event(1), event(2)]) == {}
    assert reg.detail_lines(event(1)) == []
    assert reg.check_eligibility(event(1), [{"age": 3}]) is None


def test_seats_taken_sums_the_providers_per_event():
    reg = Registry()
    reg.register_seats_provider(lambda events: {e.pk: 2 for e in events})
    reg.register_seats_provider(lambda events: {1: 5, 3: 1})

    assert reg.seats_taken([event(1), event(2)]) == {1: 7, 2: 2, 3: 1}


def test_seats_providers_get_the_whole_list_once():
    reg = Registry()
    calls = []

    def provider(events):
        calls.append([e.pk for e in events])
        return {}

    reg.register_seats_provider(provider)
    reg.seats_taken(e for e in [event(4), event(5)])  # a generator is read once

    assert calls == [[4, 5]]


def test_registering_twice_counts_once_and_unregistering_removes():
    reg = Registry()

    def provider(events):
        return {e.pk: 1 for e in events}

    assert reg.register_seats_provider(provider) is provider
    reg.register_seats_provider(provider)
    assert reg.seats_taken([event(1)]) == {1: 1}

    reg.unregister_seats_provider(provider)
    reg.unregister_seats_provider(provider)  # absent: no error
    assert reg.seats_providers == []
    assert reg.seats_taken([event(1)]) == {}


def test_detail_lines_come_in_registration_order():
    reg = Registry()

    def fsk(events):
        return {e.pk: [f"FSK {e.fsk}"] for e in events}

    def duration(events):
        return {e.pk: ["90 min", "OmU"] for e in events if e.pk == 1}

    reg.register_detail_provider(fsk)
    reg.register_detail_provider(duration)
    reg.register_detail_provider(fsk)

    assert reg.detail_lines(event(1, fsk=6)) == ["FSK 6", "90 min", "OmU"]
    reg.unregister_detail_provider(fsk)
    assert reg.detail_lines(event(1, fsk=6)) == ["90 min", "OmU"]
    assert reg.detail_lines_map([event(1), event(2)]) == {1: ["90 min", "OmU"]}
    assert reg.detail_lines_map([]) == {}


def test_check_eligibility_raises_the_rules_error_with_its_code():
    reg = Registry()
    seen = []

    def note(e, participants):
        seen.append((e.pk, len(participants)))

    def fsk(e, participants):
        too_young = [p["name"] for p in participants if p["age"] < e.fsk]
        if too_young:
            raise ValidationError(
                "Zu jung: %(names)s",
                code="fsk_age",
                params={"names": ", ".join(too_young)},
            )

    reg.register_eligibility_rule(note)
    reg.register_eligibility_rule(fsk)

    reg.check_eligibility(event(7, fsk=12), [{"name": "Ben", "age": 12}])
    with pytest.raises(ValidationError) as err:
        reg.check_eligibility(
            event(7, fsk=12),
            [{"name": "Mia", "age": 7}, {"name": "Ben", "age": 12}],
        )

    assert err.value.code == "fsk_age"
    assert err.value.messages == ["Zu jung: Mia"]
    assert seen == [(7, 1), (7, 2)]

    reg.unregister_eligibility_rule(fsk)
    reg.check_eligibility(event(7, fsk=12), [{"name": "Mia", "age": 7}])
    assert reg.eligibility_rules == [note]


def test_conflicts_come_from_every_provider_in_registration_order():
    reg = Registry()
    seen = []

    def shifts(festival):
        seen.append(festival)
        return ["understaffed"]

    def speakers(festival):
        return ["double_booked", "double_booked_again"]

    assert reg.conflicts("fest") == []
    assert reg.register_conflict_provider(shifts) is shifts
    reg.register_conflict_provider(speakers)
    reg.register_conflict_provider(shifts)

    assert reg.conflicts("fest") == [
        "understaffed",
        "double_booked",
        "double_booked_again",
    ]
    assert seen == ["fest"]

    reg.unregister_conflict_provider(shifts)
    reg.unregister_conflict_provider(shifts)  # absent: no error
    assert reg.conflict_providers == [speakers]
    assert reg.conflicts("fest") == ["double_booked", "double_booked_again"]


def test_print_grids_register_by_name_replace_and_unregister():
    from events.registry import GridData, GridRow, PrintGrid

    reg = Registry()
    assert reg.print_grids() == []
    assert reg.print_grid("grid") is None

    data = GridData(
        title="Raster",
        subtitle="Montag",
        columns=["Aula"],
        rows=[GridRow(label="09:00", cells=["Keynote\n09:00–10:00"])],
    )
    first = PrintGrid(
        name="grid", title="Grid", build=lambda f: data, fingerprint=lambda f: "1"
    )
    other = PrintGrid(
        name="other", title="Other", build=lambda f: None, fingerprint=lambda f: "x"
    )
    assert reg.register_print_grid(first) is first
    reg.register_print_grid(other)
    assert [g.name for g in reg.print_grids()] == ["grid", "other"]
    assert reg.print_grid("grid").build(None).rows[0].cells == ["Keynote\n09:00–10:00"]

    replacement = PrintGrid(
        name="grid", title="Grid 2", build=lambda f: None, fingerprint=lambda f: "2"
    )
    reg.register_print_grid(replacement)
    assert reg.print_grids() == [replacement, other]

    reg.unregister_print_grid("grid")
    reg.unregister_print_grid("grid")  # absent: no error
    assert reg.print_grids() == [other]
    with pytest.raises(AttributeError):
        other.name = "changed"  # frozen
