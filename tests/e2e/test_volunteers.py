"""A volunteer on a phone: joins through /volunteers/, lands on their page, signs up
for a shift, tries an overlapping one and reads why not; the volunteer coordination
then sees the coverage board change.

Eligibility and reasons are read from data attributes (data-eligible, data-code),
the visible reason from the role and times it names, so the German translation can
change freely.
"""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def open_browser(chromium):
    """A fresh German browser per call (the volunteer's phone, the coordinator)."""
    contexts = []

    def open_page(viewport=PHONE, **options):
        phone = viewport == PHONE
        context = chromium.new_context(
            locale="de-DE",
            timezone_id="Europe/Berlin",
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def shifts(transactional_db):
    """Entrance shifts at the town hall: two overlapping on Monday, one on Tuesday;
    child care that needs a police certificate."""
    from tests.events.factories import (
        EventFactory,
        FestivalFactory,
        SubEventFactory,
        VenueFactory,
        at,
    )
    from tests.volunteers.factories import RoleFactory, ShiftFactory
    from volunteers.models import QualificationKind

    festival = FestivalFactory(
        contact_email="festwoche@example.org", contact_phone="05121 123456"
    )
    gala = SubEventFactory(festival=festival, name="Gala", slug="gala")
    hall = VenueFactory(
        name="Stadthalle",
        street="Marktplatz 1",
        postal_code="12345",
        city="Musterstadt",
    )
    concert = EventFactory(
        sub_event=gala,
        title="Gala der jungen Talente",
        venue=hall,
        starts_at=at(0, 10),
        ends_at=at(0, 13),
    )
    entrance = RoleFactory(
        festival=festival,
        name="Einlass",
        slug="einlass",
        description="Tickets prüfen, Gäste begrüßen, den Weg zeigen.",
        briefing="Bitte 15 Minuten vorher am Haupteingang sein.",
        min_age=16,
        colour="#2f6b3a",
    )
    childcare = RoleFactory(
        festival=festival,
        name="Kinderbetreuung",
        slug="kinderbetreuung",
        description="Spielen und basteln, während die Eltern zuhören.",
        min_age=18,
        required_qualifications=[QualificationKind.POLICE_CERTIFICATE],
        colour="#7a3b8f",
    )
    return {
        "morning": ShiftFactory(
            role=entrance,
            venue=hall,
            event=concert,
            starts_at=at(0, 9),
            needed=2,
            coordinator_phone="0160 9876543",
        ),
        "midday": ShiftFactory(
            role=entrance, venue=hall, starts_at=at(0, 11), needed=2
        ),
        "tuesday": ShiftFactory(role=entrance, venue=hall, starts_at=at(1, 9)),
        "childcare": ShiftFactory(
            role=childcare, venue=hall, starts_at=at(0, 14), needed=3
        ),
    }


def no_sideways_scrolling(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"scrolls sideways by {overflow}px"


def coverage_count(page, role: str, column: int):
    """The filled/needed count of a role's row on the board, 1 = the first day."""
    row = page.locator("table.vo-board tbody tr").filter(
        has=page.locator("th", has_text=role)
    )
    return row.locator("td").nth(column - 1).locator(".vo-cell__count")


def test_volunteer_joins_signs_up_is_refused_a_clash_and_the_board_changes(
    live_server, open_browser, shifts, screens_dir
):
    from django.contrib.auth.models import Group, User

    from events import roles
    from volunteers.models import Assignment, Volunteer

    base = live_server.url
    morning, midday = shifts["morning"], shifts["midday"]
    coordinator = User.objects.create_user(
        "koordination", password="festwoche-test", is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name=roles.VOLUNTEER_COORDINATION))
    board = open_browser(DESKTOP)
    board.goto(base + "/accounts/login/?next=/orga/volunteers/")
    board.locator("#id_username").fill("koordination")
    board.locator("#id_password").fill("festwoche-test")
    board.locator("main form button[type=submit]").click()
    expect(board).to_have_url(base + "/orga/volunteers/")
    expect(coverage_count(board, "Einlass", 1)).to_have_text("0/4")

    # Join on the phone.
    page = open_browser()
    page.goto(base + "/volunteers/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("[data-role]")).to_have_count(2)
    guardian = page.locator("[data-guardian]")
    expect(guardian).to_be_hidden()
    page.locator("#id_age_group_1").check()  # 16–17: the guardian's part opens
    expect(guardian).to_be_visible()
    page.screenshot(path=str(screens_dir / "volunteers-join-390.png"), full_page=True)
    no_sideways_scrolling(page)
    page.locator("#id_age_group_0").check()
    expect(guardian).to_be_hidden()
    page.locator("#id_name").fill("Jonas Becker")
    page.locator("#id_email").fill("jonas@example.org")
    page.locator("#id_phone").fill("0151 2345678")
    page.locator("#id_tshirt_size").select_option("L")
    page.locator("#id_consent_privacy").check()
    page.locator(".reg-form__submit button").click()

    volunteer = Volunteer.objects.get()
    mine = f"{base}/v/{volunteer.token}/"
    expect(page).to_have_url(mine)
    expect(page.locator(".message--success")).to_contain_text("jonas@example.org")
    expect(page.locator("[data-empty=mine]")).to_be_visible()
    # A second tab keeps the page as it is now, with both shifts still offered.
    stale = page.context.new_page()
    stale.goto(mine)

    # Sign up for the morning.
    card = page.locator(f"#shift-{morning.pk}")
    expect(card).to_have_attribute("data-eligible", "yes")
    card.locator(".vol-shift__signup button").click()
    expect(page).to_have_url(mine)
    expect(page.locator(".message--success")).to_contain_text("Einlass")
    expect(page.locator(".vol-shift--mine")).to_have_count(1)
    expect(page.locator(".vol-shift--mine")).to_contain_text("Gala der jungen Talente")
    expect(page.locator(".vol-shift--mine")).to_contain_text("0160 9876543")
    # The overlapping shift is greyed, with its reason in words.
    clash = page.locator(f"#shift-{midday.pk}")
    expect(clash).to_have_attribute("data-eligible", "no")
    expect(clash.locator("button")).to_have_count(0)
    reason = clash.locator("[data-code=shift_clash]")
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("Einlass, 09:00–13:00")

    # Trying it anyway from the older tab: refused, the reason on top, nothing kept.
    stale.locator(f"#shift-{midday.pk} .vol-shift__signup button").click()
    expect(stale).to_have_url(mine)
    refusal = stale.locator(".message--error")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("Einlass, 09:00–13:00")
    assert list(
        Assignment.objects.filter(volunteer=volunteer).values_list("shift", flat=True)
    ) == [morning.pk]
    stale.screenshot(
        path=str(screens_dir / "volunteers-mine-refused-390.png"), full_page=True
    )
    no_sideways_scrolling(stale)
    page.reload()
    page.screenshot(path=str(screens_dir / "volunteers-mine-390.png"), full_page=True)

    # The same pages at desktop width, for people to look at.
    desktop = open_browser(DESKTOP)
    desktop.goto(base + "/volunteers/")
    desktop.screenshot(
        path=str(screens_dir / "volunteers-join-1280.png"), full_page=True
    )
    desktop.goto(mine)
    desktop.locator(
        f"#shift-{midday.pk} [data-code=shift_clash]"
    ).scroll_into_view_if_needed()
    desktop.screenshot(
        path=str(screens_dir / "volunteers-mine-1280.png"), full_page=True
    )
    desktop.goto(mine + "print/")
    expect(desktop.locator(".vol-print__shift")).to_have_count(1)
    desktop.screenshot(
        path=str(screens_dir / "volunteers-print-1280.png"), full_page=True
    )
    # As printed: no header, buttons or footer; the list alone.
    desktop.emulate_media(media="print")
    expect(desktop.locator(".site-header")).to_be_hidden()
    expect(desktop.locator(".vol-print__actions")).to_be_hidden()
    desktop.screenshot(
        path=str(screens_dir / "volunteers-print-media.png"), full_page=True
    )

    # The coordination's board: one more place filled on Monday's entrance.
    board.reload()
    expect(coverage_count(board, "Einlass", 1)).to_have_text("1/4")
    expect(coverage_count(board, "Einlass", 2)).to_have_text("0/2")
