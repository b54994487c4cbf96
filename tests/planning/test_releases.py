"""Programme releases: the diff of two snapshots, publishing, telling the people
concerned once, the organisers' page and who may use it, the demo's releases."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from events import roles
from events import services as event_services
from events.models import Event
from planning.models import Release, ReleaseChange
from planning.selectors.releases import (
    Change,
    diff_snapshots,
    pending_changes,
    snapshot_current,
)
from planning.services.releases import (
    release_name_suggested,
    release_notify,
    release_publish,
)
from registrations import services as registration_services
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.planning.factories import english, partner_coordinator, staff
from tests.registrations.factories import open_event, register
from tests.volunteers.factories import ShiftFactory, VolunteerFactory, assign

pytestmark = pytest.mark.django_db

URL = "/orga/planning/releases/"


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def entry(**values) -> dict:
    base = {
        "title": "Trommeln",
        "slug": "trommeln",
        "starts_at": "2027-06-16T13:00:00+00:00",
        "ends_at": "2027-06-16T14:30:00+00:00",
        "venue": "Stadtbücherei",
        "venue_id": 1,
        "status": "published",
    }
    return {**base, **values}


# --- diff_snapshots ----------------------------------------------------------------


def test_a_published_event_not_in_the_last_release_is_new():
    after = {"7": entry()}

    assert diff_snapshots({}, after) == [Change(7, "new", "Trommeln", None, entry())]


def test_an_event_published_again_after_a_cancellation_is_new():
    before = {"7": entry(status="cancelled")}

    assert diff_snapshots(before, {"7": entry()}) == [
        Change(7, "new", "Trommeln", None, entry())
    ]


@pytest.mark.parametrize(
    "moved",
    [
        {"starts_at": "2027-06-16T14:00:00+00:00"},
        {"ends_at": "2027-06-16T15:00:00+00:00"},
        {"venue_id": 2, "venue": "Rathaus"},
    ],
    ids=["start", "end", "venue"],
)
def test_another_start_end_or_venue_is_a_move(moved):
    before, after = {"7": entry()}, {"7": entry(**moved)}

    assert diff_snapshots(before, after) == [
        Change(7, "moved", "Trommeln", entry(), entry(**moved))
    ]


def test_a_moved_event_is_listed_under_its_new_title():
    before = {"7": entry()}
    after = {"7": entry(title="Trommeln für alle", venue_id=2, venue="Rathaus")}

    [change] = diff_snapshots(before, after)

    assert (change.kind, change.title) == ("moved", "Trommeln für alle")


def test_a_cancelled_event_that_was_published_is_cancelled():
    before, after = {"7": entry()}, {"7": entry(status="cancelled")}

    assert diff_snapshots(before, after) == [
        Change(7, "cancelled", "Trommeln", entry(), entry(status="cancelled"))
    ]


@pytest.mark.parametrize(
    "before, after",
    [
        ({}, {"7": entry(status="cancelled")}),  # cancelled before ever released
        ({"7": entry(status="cancelled")}, {"7": entry(status="cancelled")}),
        ({"7": entry(status="cancelled")}, {}),  # cancelled, then made a draft
        ({"7": entry()}, {"7": entry(title="Neuer Titel", slug="neu")}),  # title only
        ({"7": entry()}, {"7": entry()}),  # unchanged
        (
            {"7": entry(status="cancelled")},
            {"7": entry(status="cancelled", venue_id=3)},
        ),
        ({}, {}),
    ],
    ids=[
        "cancelled-never-released",
        "still-cancelled",
        "cancelled-then-draft",
        "title-only",
        "unchanged",
        "cancelled-and-moved",
        "empty",
    ],
)
def test_what_is_no_change(before, after):
    assert diff_snapshots(before, after) == []


def test_a_published_event_now_draft_or_deleted_is_removed():
    before = {"7": entry(), "8": entry(title="Basteln", slug="basteln")}

    assert diff_snapshots(before, {}) == [
        Change(8, "removed", "Basteln", entry(title="Basteln", slug="basteln"), None),
        Change(7, "removed", "Trommeln", entry(), None),
    ]


def test_changes_read_new_moved_cancelled_removed_then_by_time():
    early, late = "2027-06-15T08:00:00+00:00", "2027-06-17T08:00:00+00:00"
    before = {
        "1": entry(title="Weg", starts_at=early),
        "2": entry(title="Abgesagt", starts_at=late),
        "3": entry(title="Verschoben spät", starts_at=late),
        "4": entry(title="Verschoben früh", starts_at=early),
    }
    after = {
        "2": entry(title="Abgesagt", starts_at=late, status="cancelled"),
        "3": entry(title="Verschoben spät", starts_at=late, venue_id=9),
        "4": entry(title="Verschoben früh", starts_at=early, venue_id=9),
        "5": entry(title="Neu spät", starts_at=late),
        "6": entry(title="Neu früh", starts_at=early),
    }

    assert [(c.kind, c.title) for c in diff_snapshots(before, after)] == [
        ("new", "Neu früh"),
        ("new", "Neu spät"),
        ("moved", "Verschoben früh"),
        ("moved", "Verschoben spät"),
        ("cancelled", "Abgesagt"),
        ("removed", "Weg"),
    ]


# --- publishing -------------------------------------------------------------------


@pytest.fixture
def festival():
    return FestivalFactory()


@pytest.fixture
def sub_event(festival):
    return SubEventFactory(festival=festival)


@pytest.fixture
def hall():
    return VenueFactory(name="Stadthalle")


def test_the_snapshot_holds_every_public_event_of_the_festival(
    festival, sub_event, hall
):
    published = EventFactory(
        sub_event=sub_event, title="Trommeln", slug="trommeln", venue=hall,
        starts_at=at(2, 15), ends_at=at(2, 16, 30),
    )  # fmt: skip
    cancelled = EventFactory(
        sub_event=sub_event, title="Picknick", slug="picknick", venue=None,
        starts_at=at(3, 12), ends_at=at(3, 14), status=Event.Status.CANCELLED,
        cancel_reason="Regen",
    )  # fmt: skip
    EventFactory(sub_event=sub_event, status=Event.Status.DRAFT)
    other_festival = FestivalFactory(slug="andere", name="Andere Woche")
    EventFactory(sub_event=SubEventFactory(festival=other_festival))

    assert snapshot_current(festival=festival) == {
        str(published.pk): {
            "title": "Trommeln",
            "slug": "trommeln",
            "starts_at": "2027-06-16T13:00:00+00:00",
            "ends_at": "2027-06-16T14:30:00+00:00",
            "venue": "Stadthalle",
            "venue_id": hall.pk,
            "status": "published",
        },
        str(cancelled.pk): {
            "title": "Picknick",
            "slug": "picknick",
            "starts_at": "2027-06-17T10:00:00+00:00",
            "ends_at": "2027-06-17T12:00:00+00:00",
            "venue": None,
            "venue_id": None,
            "status": "cancelled",
        },
    }


def test_the_first_release_records_the_programme_and_lists_it_as_new(
    festival, sub_event, hall, django_capture_on_commit_callbacks
):
    user = staff("orga", roles.ORGA)
    event = EventFactory(sub_event=sub_event, title="Trommeln", venue=hall)
    EventFactory(
        sub_event=sub_event, status=Event.Status.CANCELLED, cancel_reason="Regen"
    )
    now = dt.datetime(2027, 5, 1, 10, tzinfo=dt.UTC)

    with django_capture_on_commit_callbacks(execute=True):
        release = release_publish(
            festival=festival,
            name="  Erstes   Programm ",
            note="Viel Spaß!",
            published_by=user,
            now=now,
        )

    release.refresh_from_db()
    assert (release.number, release.name, release.note) == (
        1,
        "Erstes Programm",
        "Viel Spaß!",
    )
    assert (release.published_at, release.published_by) == (now, user)
    assert release.snapshot == snapshot_current(festival=festival)
    assert len(release.snapshot) == 2
    assert [
        (c.event, c.kind, c.title, c.before, c.after) for c in release.changes.all()
    ] == [(event, "new", "Trommeln", None, release.snapshot[str(event.pk)])]
    assert release.notified_at is not None  # nobody to tell; the task ran
    assert mail.outbox == []


def test_the_first_release_may_be_empty(festival):
    release = release_publish(festival=festival, name="Programm 1")

    assert (release.number, release.snapshot, release.changes.count()) == (1, {}, 0)


def test_the_next_release_lists_what_changed_and_counts_on(festival, sub_event, hall):
    moved = EventFactory(sub_event=sub_event, title="Trommeln", venue=hall)
    cancelled = EventFactory(sub_event=sub_event, title="Picknick")
    removed = EventFactory(sub_event=sub_event, title="Basteln")
    renamed = EventFactory(sub_event=sub_event, title="Lesen")
    first = release_publish(festival=festival, name="Programm 1")
    before = first.snapshot
    event_services.event_update(event=moved, starts_at=at(1, 10), ends_at=at(1, 11))
    event_services.event_cancel(event=cancelled, reason="Regen")
    Event.objects.filter(pk=removed.pk).update(status=Event.Status.DRAFT)
    event_services.event_update(event=renamed, title="Vorlesen")
    new = EventFactory(sub_event=sub_event, title="Singen", starts_at=at(4, 10))

    second = release_publish(festival=festival, name="Programm 2")

    now = snapshot_current(festival=festival)
    assert second.number == 2
    assert second.snapshot == now
    assert now[str(renamed.pk)]["title"] == "Vorlesen"
    assert [
        (c.event_id, c.kind, c.title, c.before, c.after)
        for c in second.changes.order_by("pk")
    ] == [
        (new.pk, "new", "Singen", None, now[str(new.pk)]),
        (moved.pk, "moved", "Trommeln", before[str(moved.pk)], now[str(moved.pk)]),
        (
            cancelled.pk,
            "cancelled",
            "Picknick",
            before[str(cancelled.pk)],
            now[str(cancelled.pk)],
        ),
        (removed.pk, "removed", "Basteln", before[str(removed.pk)], None),
    ]
    assert now[str(moved.pk)]["starts_at"] == iso(at(1, 10))


def test_a_deleted_event_is_removed_and_keeps_its_title(festival, sub_event):
    event = EventFactory(sub_event=sub_event, title="Basteln")
    first = release_publish(festival=festival, name="Programm 1")
    key = str(event.pk)
    event.delete()

    second = release_publish(festival=festival, name="Programm 2")

    [change] = second.changes.all()
    assert (change.event, change.kind, change.title, change.after) == (
        None,
        "removed",
        "Basteln",
        None,
    )
    assert change.before == first.snapshot[key]


def test_publishing_with_nothing_changed_is_refused_after_the_first(
    festival, sub_event
):
    event = EventFactory(sub_event=sub_event)
    release_publish(festival=festival, name="Programm 1")
    event_services.event_update(event=event, title="Nur ein neuer Titel")

    with pytest.raises(ValidationError) as err, translation.override("en"):
        release_publish(festival=festival, name="Programm 2")

    assert err.value.code == "nothing_changed"
    assert err.value.messages == ["Nothing changed since “Programm 1”."]
    assert list(Release.objects.values_list("number", flat=True)) == [1]


@pytest.mark.parametrize(
    "name, code", [("", "required"), ("   ", "required"), ("x" * 201, "too_long")]
)
def test_a_release_needs_a_name(festival, name, code):
    with pytest.raises(ValidationError) as err:
        release_publish(festival=festival, name=name)

    assert err.value.error_dict["name"][0].code == code
    assert not Release.objects.exists()


def test_the_suggested_name_counts_on(festival):
    with translation.override("en"):
        assert release_name_suggested(festival=festival) == "Programme 1"
        release_publish(festival=festival, name="Erstes Programm")
        assert release_name_suggested(festival=festival) == "Programme 2"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_organisers_publishing_at_once_get_two_numbers():
    festival = FestivalFactory()
    EventFactory(sub_event=SubEventFactory(festival=festival))
    release_publish(festival=festival, name="Programm 1")
    EventFactory(sub_event=SubEventFactory(festival=festival))
    barrier = threading.Barrier(2)
    results: list[object] = []

    def publish(name: str) -> None:
        try:
            barrier.wait()
            results.append(release_publish(festival=festival, name=name).number)
        except ValidationError as exc:
            results.append(exc.code)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=publish, args=(n,)) for n in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # The second waits for the first's lock, then sees nothing new.
    assert sorted(results, key=str) == [2, "nothing_changed"]
    assert sorted(Release.objects.values_list("number", flat=True)) == [1, 2]


# --- telling people ------------------------------------------------------------------


@pytest.fixture
def affected(festival, sub_event, hall):
    """A moved and a cancelled event with families and volunteers on them."""
    moved = open_event(
        sub_event=sub_event, title="Trommeln", venue=hall, capacity=10,
        starts_at=at(2, 15), ends_at=at(2, 16),
    )  # fmt: skip
    cancelled = open_event(
        sub_event=sub_event, title="Picknick", venue=hall, capacity=2,
        starts_at=at(3, 15), ends_at=at(3, 16),
    )  # fmt: skip
    calm = open_event(
        sub_event=sub_event, title="Lesen", venue=hall, capacity=10,
        starts_at=at(4, 15), ends_at=at(4, 16),
    )  # fmt: skip
    both = "beide@example.org"
    register(moved, 7, email=both, language="en")
    register(cancelled, 5, 35, email=both, language="en")  # confirmed, full now
    waiting = register(cancelled, 6, email="wartend@example.org", language="en")
    assert waiting.registration.status == "waitlisted"
    gone = register(moved, 8, email="abgemeldet@example.org", language="en")
    registration_services.registration_cancel(registration=gone.registration)
    register(calm, 9, email="ruhig@example.org", language="en")

    v_moved = VolunteerFactory(
        festival=festival, email="v-trommeln@example.org", language="en"
    )
    v_both = VolunteerFactory(
        festival=festival, email="v-beide@example.org", language="en"
    )
    v_withdrawn = VolunteerFactory(
        festival=festival, email="v-weg@example.org", language="en"
    )
    v_calm = VolunteerFactory(
        festival=festival, email="v-ruhig@example.org", language="en"
    )
    moved_shift = ShiftFactory(event=moved, role__festival=festival, needed=5)
    cancelled_shift = ShiftFactory(
        event=cancelled, role__festival=festival, needed=5, starts_at=at(3, 13)
    )
    assign(moved_shift, v_moved)
    assign(moved_shift, v_both)
    assign(cancelled_shift, v_both)
    withdrawn = assign(cancelled_shift, v_withdrawn)
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    assign(
        ShiftFactory(event=calm, role__festival=festival, starts_at=at(4, 8)), v_calm
    )
    release_publish(festival=festival, name="Programm 1")
    return moved, cancelled


def test_editing_an_event_sends_families_no_mail_any_more(
    affected, django_capture_on_commit_callbacks
):
    moved, cancelled = affected
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(event=moved, starts_at=at(2, 17), ends_at=at(2, 18))
        event_services.event_update(event=moved, starts_at=at(2, 16), ends_at=at(2, 17))
        event_services.event_cancel(event=cancelled, reason="Regen")

    assert mail.outbox == []


def test_the_release_tells_each_household_and_volunteer_once(
    festival, affected, django_capture_on_commit_callbacks
):
    moved, cancelled = affected
    event_services.event_update(event=moved, starts_at=at(2, 16), ends_at=at(2, 17))
    event_services.event_cancel(event=cancelled, reason="Regen")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        release = release_publish(festival=festival, name="Programm 2")

    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("beide@example.org", "Programme changes (Programm 2): your registrations"),
        ("v-beide@example.org", "Programme changes (Programm 2): your shifts"),
        ("v-trommeln@example.org", "Programme changes (Programm 2): your shifts"),
        ("wartend@example.org", "Programme changes (Programm 2): your registrations"),
    ]
    both = next(m for m in mail.outbox if m.to == ["beide@example.org"])
    assert "New time or place: Trommeln\n" in both.body
    assert "Cancelled: Picknick\nReason: Regen\n" in both.body
    v_both = next(m for m in mail.outbox if m.to == ["v-beide@example.org"])
    assert "New time or place: Trommeln\n" in v_both.body
    assert "Cancelled: Picknick\n" in v_both.body
    release.refresh_from_db()
    assert release.notified_at is not None

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert release_notify(release_id=release.pk) == 0

    assert mail.outbox == []


def test_the_task_sends_nothing_twice(
    festival, affected, django_capture_on_commit_callbacks
):
    moved, _cancelled = affected
    event_services.event_update(event=moved, venue=VenueFactory(name="Rathaus"))
    release = Release.objects.create(
        festival=festival,
        number=2,
        name="Programm 2",
        published_at=timezone.now(),
        snapshot=snapshot_current(festival=festival),
    )
    ReleaseChange.objects.create(
        release=release, event=moved, kind="moved", title=moved.title
    )
    from planning.tasks import release_notify_task

    with django_capture_on_commit_callbacks(execute=True):
        first = release_notify_task(release_id=release.pk)
    with django_capture_on_commit_callbacks(execute=True):
        second = release_notify_task(release_id=release.pk)

    assert (first, second) == (3, 0)  # 1 household, 2 volunteers
    assert sorted(m.to[0] for m in mail.outbox) == [
        "beide@example.org",
        "v-beide@example.org",
        "v-trommeln@example.org",
    ]
    [household_mail] = [m for m in mail.outbox if m.to == ["beide@example.org"]]
    assert "New time or place: Trommeln\n" in household_mail.body
    assert "Picknick" not in household_mail.body  # not in this release


def test_the_pending_changes_count_who_will_be_told(festival, affected):
    moved, cancelled = affected
    event_services.event_update(event=moved, starts_at=at(2, 16), ends_at=at(2, 17))
    event_services.event_cancel(event=cancelled, reason="Regen")

    pending = pending_changes(festival=festival)

    assert [(r.kind, r.title, r.households, r.volunteers) for r in pending.rows] == [
        ("moved", "Trommeln", 1, 2),
        ("cancelled", "Picknick", 2, 1),
    ]
    assert (pending.households, pending.volunteers) == (2, 2)
    assert pending.last.number == 1


# --- the organisers' page ----------------------------------------------------------


@pytest.fixture
def accounts():
    partner = PartnerFactory()
    return {
        "orga": staff("orga", roles.ORGA),
        "lead": staff("leitung", roles.MODULE_LEAD),
        "coordination": staff("koordination", roles.VOLUNTEER_COORDINATION),
        "partner": partner_coordinator("partner", partner),
        "staff": staff("ohne-gruppe"),
    }


def test_anonymous_visitors_go_to_the_login(client, festival):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={URL}"


@pytest.mark.parametrize(
    "who, status, publish_form",
    [
        ("orga", 200, True),
        ("lead", 200, False),
        ("coordination", 200, False),
        ("partner", 403, False),
        ("staff", 403, False),
    ],
)
def test_who_sees_the_page_and_the_form(
    client, festival, accounts, who, status, publish_form
):
    client.force_login(accounts[who])

    response = english(client).get(URL)

    assert response.status_code == status
    text = response.content.decode()
    assert ("Publish a release" in text) is publish_form
    if status == 200:
        assert "Changes not yet released" in text


@pytest.mark.parametrize("who", ["lead", "coordination", "partner", "staff"])
def test_only_the_orga_team_publishes(client, festival, sub_event, accounts, who):
    EventFactory(sub_event=sub_event)
    client.force_login(accounts[who])

    response = client.post(URL, {"name": "Programm 1", "note": ""})

    assert response.status_code == 403
    assert not Release.objects.exists()


def test_the_orga_team_publishes_from_the_page(
    client, festival, sub_event, accounts, django_capture_on_commit_callbacks
):
    EventFactory(sub_event=sub_event, title="Trommeln")
    client.force_login(accounts["orga"])
    english(client)

    page = client.get(URL)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"name": "Erstes Programm", "note": "Hallo"})

    assert 'value="Programme 1"' in page.content.decode()
    assert response.status_code == 302
    assert response.url == URL
    release = Release.objects.get()
    assert (release.name, release.note, release.published_by) == (
        "Erstes Programm",
        "Hallo",
        accounts["orga"],
    )
    after = client.get(URL).content.decode()
    assert "“Erstes Programm” is published.</li>" in after  # nobody to tell yet
    assert "1. Erstes Programm" in after
    assert (
        "Nothing has changed in the public programme since the last release." in after
    )
    assert 'value="Programme 2"' in after


def test_a_refused_publish_says_why_and_stores_nothing(
    client, festival, sub_event, accounts
):
    EventFactory(sub_event=sub_event)
    release_publish(festival=festival, name="Programm 1")
    client.force_login(accounts["orga"])

    nothing = english(client).post(URL, {"name": "Programm 2", "note": ""})
    empty = client.post(URL, {"name": "", "note": ""})

    assert nothing.status_code == 400
    assert "Nothing changed since “Programm 1”." in nothing.content.decode()
    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    assert Release.objects.count() == 1


def test_the_page_shows_the_pending_changes_with_before_and_after(
    client, festival, affected, accounts
):
    moved, cancelled = affected
    event_services.event_update(event=moved, starts_at=at(2, 16), ends_at=at(2, 17))
    event_services.event_cancel(event=cancelled, reason="Regen")
    client.force_login(accounts["lead"])

    text = english(client).get(URL).content.decode()

    assert "2 changes." in text
    assert "On publishing, 2 households and 2 volunteers will get one e-mail" in text
    assert "Wed 16.6. 15:00–16:00, Stadthalle" in text
    assert "Wed 16.6. 16:00–17:00, Stadthalle" in text
    assert "new time" in text
    assert "Reason: Regen" in text
    assert "1 household and 2 volunteers will be told" in text
    assert "2 households and 1 volunteer will be told" in text


def test_the_page_does_not_query_per_release_or_change(
    client, festival, sub_event, accounts
):
    client.force_login(accounts["orga"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    EventFactory(sub_event=sub_event, starts_at=at(0, 10))
    release_publish(festival=festival, name="Programm 1")
    EventFactory(sub_event=sub_event, starts_at=at(1, 10))
    client.get(URL)  # warm the caches (festival, permissions)
    few = queries()
    for number in range(2, 6):
        EventFactory(sub_event=sub_event, starts_at=at(number, 10))
        release_publish(festival=festival, name=f"Programm {number}")
    for number in range(3):
        EventFactory(sub_event=sub_event, starts_at=at(6, 10 + number))

    assert queries() == few


# --- the demo ---------------------------------------------------------------------


def test_the_demo_tells_a_story_of_two_releases():
    from events.demo import demo_load
    from planning.demo.releases import demo_releases

    result = demo_load(start=dt.date(2027, 6, 14), with_accounts=False)
    festival = result.festival

    first, second = Release.objects.filter(festival=festival).order_by("number")
    assert (first.name, second.name) == ("Erstes Programm", "Programm 2")
    assert first.published_at < second.published_at
    assert first.published_at.date() == dt.date(2027, 5, 10)
    assert second.published_at.date() == dt.date(2027, 5, 31)
    assert first.notified_at and second.notified_at
    assert second.snapshot == snapshot_current(festival=festival)
    changes = list(second.changes.order_by("pk"))
    assert [c.kind for c in changes] == ["new", "moved", "moved", "cancelled"]
    assert changes[3].event.slug == "mobiler-kletterturm"
    assert changes[3].before["status"] == "published"
    assert str(changes[0].event_id) not in first.snapshot
    moves = sorted(
        (
            c.before["starts_at"] != c.after["starts_at"],
            c.before["venue_id"] != c.after["venue_id"],
        )
        for c in changes[1:3]
    )
    assert moves == [(False, True), (True, False)]  # one by venue, one by time
    assert first.changes.count() == len(first.snapshot)
    assert diff_snapshots(first.snapshot, second.snapshot) == [
        Change(c.event_id, c.kind, c.title, c.before, c.after) for c in changes
    ]
    assert pending_changes(festival=festival).rows == []

    assert demo_releases(festival) == 0
    demo_load(start=dt.date(2027, 6, 14), with_accounts=False)
    assert Release.objects.filter(festival=festival).count() == 2
    assert pending_changes(festival=festival).rows == []


def test_publishing_moves_from_the_page_tells_the_people_concerned(
    client, festival, affected, accounts, django_capture_on_commit_callbacks
):
    moved, cancelled = affected
    event_services.event_update(event=moved, starts_at=at(2, 16), ends_at=at(2, 17))
    event_services.event_cancel(event=cancelled, reason="Regen")
    client.force_login(accounts["orga"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client).post(URL, {"name": "Programm 2", "note": ""})

    assert response.status_code == 302
    assert len(mail.outbox) == 4
    assert Release.objects.get(number=2).notified_at is not None
    page = client.get(URL).content.decode()
    assert (
        "“Programm 2” is published. Families and volunteers affected by moved or "
        "cancelled events are told by e-mail."
    ) in page
    assert "✓ people told" in page
