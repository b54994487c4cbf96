"""Browser tests: Playwright's sync API driving Debian's Chromium against the live
server of pytest-django.

Playwright's sync API keeps its asyncio event loop "running" on the main thread
from the first launch until the session-scoped browser closes at the end of the run,
so Django would refuse every ORM call made after that, in these tests and in any
test collected after them (SynchronousOnlyOperation). Nothing here shares a
connection with that loop, hence DJANGO_ALLOW_ASYNC_UNSAFE for the whole run.
Chromium comes from Debian (`apt-get install chromium`), never from
`playwright install`; axe-core comes from npm (`npm ci`, see package.json).
"""

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import service_missing

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENS = REPO / "var" / "screens"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for the whole run (the browser marker's setup has already
    checked that the binary exists)."""
    executable = shutil.which("chromium")
    if not executable:
        service_missing("needs Chromium: apt-get install chromium")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS
            )
        except Error as error:
            service_missing(f"Chromium at {executable} does not start: {error}")
        yield browser
        browser.close()


@pytest.fixture
def context(chromium):
    """A fresh browser profile per test: no cookies, a German browser."""
    context = chromium.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def axe_js() -> Path:
    if not AXE_JS.exists():
        service_missing("axe-core missing: run npm ci")
    return AXE_JS


@pytest.fixture
def screens_dir() -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS


@dataclass
class SmallFestival:
    """What the browser tests look at, with the titles they expect to see."""

    festival: object
    days: list[dt.date]
    library: object  # the step-free venue
    bilderbuchkino: object
    theater: object
    picknick: object
    fussball: object  # cancelled
    markt: object
    lesung: object

    @property
    def events(self) -> list:
        """All public events in programme order."""
        return [
            self.bilderbuchkino,
            self.theater,
            self.picknick,
            self.fussball,
            self.markt,
            self.lesung,
        ]


@pytest.fixture
def small_festival(transactional_db) -> SmallFestival:
    """Three days, two sub-events, three venues, six events (one cancelled),
    different ages, one draft that must never show."""
    from events.models import Event, Venue
    from tests.events.factories import (
        FESTIVAL_START,
        EventFactory,
        FestivalFactory,
        SubEventFactory,
        VenueFactory,
        at,
    )

    festival = FestivalFactory(
        end_date=FESTIVAL_START + dt.timedelta(days=2),
        tagline="Drei Tage voller Ideen für Kinder, Eltern und Großeltern.",
        contact_email="festwoche@example.org",
    )
    kino = SubEventFactory(
        festival=festival, name="Kinowoche", slug="kinowoche", colour="#7a3b8f"
    )
    fest = SubEventFactory(
        festival=festival, name="Familienfest", slug="familienfest", colour="#2f6b3a"
    )
    library = VenueFactory(
        name="Stadtbibliothek",
        slug="stadtbibliothek",
        street="Marktplatz 3",
        postal_code="12345",
        step_free=True,
        accessible_toilet=True,
        hearing_loop=True,
        accessibility_notes="Eingang mit automatischer Tür an der Rückseite.",
        directions="Bus 5 bis Haltestelle Rathaus.",
    )
    youth_centre = VenueFactory(
        name="Jugendzentrum Alte Mühle",
        slug="jugendzentrum",
        street="Mühlenweg 12",
        postal_code="12345",
    )
    park = VenueFactory(
        name="Stadtpark",
        slug="stadtpark",
        setting=Venue.Setting.OUTDOOR,
        shared=True,
        capacity=None,
        step_free=True,
    )

    bilderbuchkino = EventFactory(
        sub_event=kino,
        title="Bilderbuchkino: Der kleine Drache",
        slug="bilderbuchkino",
        summary="Ein Bilderbuch auf großer Leinwand, vorgelesen von Frau Özdemir.",
        description="Für Kinder ab drei Jahren mit ihren Eltern.\n\nDauer: 45 Minuten.",
        venue=library,
        starts_at=at(0, 10),
        ends_at=at(0, 10, 45),
        min_age=3,
        max_age=6,
    )
    theater = EventFactory(
        sub_event=fest,
        title="Theaterwerkstatt für Kinder",
        slug="theaterwerkstatt",
        summary="Wir erfinden gemeinsam ein Stück und spielen es den Eltern vor.",
        venue=youth_centre,
        starts_at=at(0, 15),
        ends_at=at(0, 17),
        min_age=8,
        max_age=12,
        capacity=20,
    )
    picknick = EventFactory(
        sub_event=fest,
        title="Familienpicknick im Stadtpark",
        slug="familienpicknick",
        summary="Decke mitbringen – Getränke gibt es vom Elternbeirat.",
        venue=park,
        starts_at=at(1, 11),
        ends_at=at(1, 15),
    )
    fussball = EventFactory(
        sub_event=fest,
        title="Benefizspiel: Eltern gegen Kinder",
        slug="benefizspiel",
        venue=park,
        starts_at=at(1, 16),
        ends_at=at(1, 18),
        min_age=6,
        status=Event.Status.CANCELLED,
        cancel_reason="Der Platz ist nach dem Unwetter gesperrt.",
    )
    markt = EventFactory(
        sub_event=fest,
        title="Kleider- und Spielzeugmarkt",
        slug="kleidermarkt",
        venue=youth_centre,
        starts_at=at(2, 9),
        ends_at=at(2, 13),
        is_free=False,
        price_text="Eintritt 1 €, Kinder frei",
    )
    lesung = EventFactory(
        sub_event=kino,
        title="Kurzfilmabend für Jugendliche",
        slug="kurzfilmabend",
        venue=library,
        starts_at=at(2, 18),
        ends_at=at(2, 20),
        min_age=13,
        max_age=17,
    )
    EventFactory(
        sub_event=fest,
        title="Entwurf: Geheimes Programm",
        slug="entwurf",
        venue=library,
        starts_at=at(1, 9),
        status=Event.Status.DRAFT,
    )
    return SmallFestival(
        festival=festival,
        days=festival.days,
        library=library,
        bilderbuchkino=bilderbuchkino,
        theater=theater,
        picknick=picknick,
        fussball=fussball,
        markt=markt,
        lesung=lesung,
    )
