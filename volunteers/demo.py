"""Demo volunteers for the demo festival: the rules, seven roles, shifts across the
week tied to the demo events, volunteers from the partner organisations (some of
them minors, some with qualifications that run out during the week) and their
assignments, a few shifts left short of people for the coverage board.

Every shift and assignment is made through the services, so every sign-up rule
holds; their mails are muted (nobody reads example.org). Dates are relative to the
festival's start (`load_demo --start`). Idempotent: once the festival has shifts,
nothing more is added (a moved festival keeps its shifts where they were).
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from events.models import BERLIN, Event, Festival, Partner, SubEvent, Venue
from volunteers import notifications, services
from volunteers.models import (
    AgeGroup,
    Qualification,
    QualificationKind,
    Role,
    Shift,
    Volunteer,
    VolunteerPolicy,
)
from volunteers.selectors import policy_of, shift_problems

COORDINATOR_USERNAME = "helferkoordination"
COORDINATOR_PHONE = "0151 40 20 27 00"


@dataclass(frozen=True)
class RoleSpec:
    slug: str
    name: str
    description: str
    briefing: str
    required: tuple[str, ...] = ()
    min_age: int = 16
    colour: str = "#5c6bc0"


ROLES = (
    RoleSpec(
        "einlass",
        "Einlass",
        "Gäste begrüßen, Einlassbänder ausgeben, Fragen beantworten und den Weg "
        "zeigen.",
        "Bitte 15 Minuten vor Schichtbeginn am Infotisch im Foyer melden. Dort gibt "
        "es Namensschild, Warnweste und die Tagesliste. Bei vollem Saal bitte "
        "niemanden mehr einlassen und die Schichtleitung anrufen.",
        colour="#1d5e3a",
    ),
    RoleSpec(
        "kinderbetreuung",
        "Kinderbetreuung",
        "Kinder von 3 bis 10 Jahren betreuen, während die Eltern an Vorträgen und "
        "Workshops teilnehmen: spielen, basteln, vorlesen.",
        "Treffpunkt ist der Spielraum im Erdgeschoss. Kinder werden nur gegen die "
        "Abholkarte an die Person übergeben, die sie gebracht hat. Nie allein mit "
        "einem Kind in einem geschlossenen Raum bleiben.",
        required=(QualificationKind.POLICE_CERTIFICATE,),
        min_age=16,
        colour="#ad1457",
    ),
    RoleSpec(
        "rundenzaehlung",
        "Rundenzählung",
        "Beim Spendenlauf die Runden der Läuferinnen und Läufer auf der Zählkarte "
        "abhaken.",
        "Bitte am Zelt der Laufleitung die Zählkarten und einen Stift abholen. Jede "
        "Runde zählt erst, wenn die Startnummer an der Zählstelle vorbeigelaufen "
        "ist. Bei Regen gibt es Ponchos im Zelt.",
        min_age=13,
        colour="#ef6c00",
    ),
    RoleSpec(
        "kasse",
        "Kasse",
        "Eintritt, Standgebühren oder Spenden kassieren und quittieren.",
        "Die Kassenbox mit Wechselgeld gibt es bei der Schichtleitung gegen "
        "Unterschrift. Bei Schichtwechsel gemeinsam zählen und im Kassenbuch "
        "eintragen. Kartenzahlung ist nicht möglich.",
        colour="#00695c",
    ),
    RoleSpec(
        "auf-und-abbau",
        "Auf- und Abbau",
        "Bühnen, Zelte, Tische und Bänke aufbauen und danach wieder abbauen.",
        "Festes Schuhwerk und Arbeitshandschuhe mitbringen. Schwere Teile immer zu "
        "zweit tragen. Die Bauleitung teilt die Gruppen ein.",
        colour="#4e342e",
    ),
    RoleSpec(
        "erste-hilfe",
        "Erste Hilfe",
        "Sanitätsposten besetzen und bei kleinen Verletzungen helfen, bis der "
        "Rettungsdienst übernimmt.",
        "Der Sanitätsrucksack liegt bei der Schichtleitung. Bei jedem Notfall sofort "
        "112 rufen und danach die Schichtleitung informieren. Jede Hilfeleistung "
        "kurz im Verbandbuch eintragen.",
        required=(QualificationKind.FIRST_AID,),
        min_age=18,
        colour="#c62828",
    ),
    RoleSpec(
        "essensstand",
        "Essensstand",
        "Waffeln, Kuchen und Getränke ausgeben.",
        "Haare zusammenbinden, Schmuck an den Händen ablegen und vor Beginn die "
        "Hände waschen. Lebensmittel nur mit Handschuhen oder Zange anfassen; die "
        "Allergenliste hängt am Stand.",
        required=(QualificationKind.HYGIENE,),
        min_age=16,
        colour="#f9a825",
    ),
)


@dataclass(frozen=True)
class ShiftSpec:
    """One shift: day from the festival's first day (0 = Monday), Berlin clock
    times (an end at or before the start runs past midnight), how many people,
    how many of them the demo signs up (None: as many as the rules allow)."""

    role: str
    venue: str
    day: int
    start: str
    end: str
    needed: int
    event: str = ""
    sub_event: str = ""
    notes: str = ""
    coordinated: bool = False
    fill: int | None = None


SHIFTS = (
    # The conference: child care while the parents are in the workshops.
    ShiftSpec(
        "kinderbetreuung",
        "stadthalle",
        1,
        "08:30",
        "12:45",
        3,
        sub_event="bildungskonferenz",
        coordinated=True,
        notes="Spielraum im Erdgeschoss, Eingang Parkseite.",
    ),
    ShiftSpec(
        "kinderbetreuung",
        "stadthalle",
        1,
        "12:45",
        "17:15",
        3,
        sub_event="bildungskonferenz",
        coordinated=True,
        fill=1,
    ),
    ShiftSpec(
        "auf-und-abbau",
        "stadthalle",
        0,
        "16:00",
        "20:00",
        4,
        event="bk-eroeffnung-keynote",
        notes="Stühle und Technik für die Konferenz.",
    ),
    # The charity run: lap counters, first aid and a drinks stand.
    ShiftSpec(
        "rundenzaehlung",
        "stadtpark",
        1,
        "17:45",
        "19:15",
        2,
        event="spendenlauf-vorbereitungslauf",
    ),
    ShiftSpec(
        "rundenzaehlung",
        "sportplatz-kaestner-schule",
        5,
        "09:00",
        "11:00",
        6,
        event="spendenlauf-schuelerlauf",
        coordinated=True,
    ),
    ShiftSpec(
        "rundenzaehlung",
        "sportplatz-kaestner-schule",
        5,
        "11:00",
        "13:30",
        4,
        event="spendenlauf-familienlauf",
        coordinated=True,
    ),
    ShiftSpec(
        "erste-hilfe",
        "sportplatz-kaestner-schule",
        5,
        "09:00",
        "13:30",
        2,
        sub_event="spendenlauf",
    ),
    ShiftSpec(
        "essensstand",
        "sportplatz-kaestner-schule",
        5,
        "09:00",
        "13:30",
        2,
        sub_event="spendenlauf",
        notes="Wasser und Apfelschorle für die Läufer.",
    ),
    # The benefit match.
    ShiftSpec(
        "erste-hilfe",
        "sportplatz-kaestner-schule",
        4,
        "16:00",
        "20:00",
        2,
        event="benefizspiel-stadtrat-eltern",
    ),
    ShiftSpec(
        "kasse",
        "sportplatz-kaestner-schule",
        4,
        "16:00",
        "19:00",
        1,
        event="benefizspiel-stadtrat-eltern",
        notes="Spendenkasse am Eingang.",
    ),
    # The clothes and toy market.
    ShiftSpec(
        "auf-und-abbau",
        "rathausplatz",
        5,
        "06:30",
        "09:30",
        6,
        event="kleider-und-spielzeugmarkt",
        notes="Pavillons und Tische aufstellen.",
    ),
    ShiftSpec(
        "kasse",
        "rathausplatz",
        5,
        "09:30",
        "12:30",
        2,
        event="kleider-und-spielzeugmarkt",
    ),
    ShiftSpec(
        "kasse",
        "rathausplatz",
        5,
        "12:30",
        "15:30",
        2,
        event="kleider-und-spielzeugmarkt",
        fill=1,
    ),
    ShiftSpec(
        "essensstand",
        "rathausplatz",
        5,
        "10:00",
        "15:00",
        2,
        event="kleider-und-spielzeugmarkt",
    ),
    ShiftSpec(
        "auf-und-abbau",
        "rathausplatz",
        5,
        "15:00",
        "17:30",
        5,
        event="kleider-und-spielzeugmarkt",
    ),
    ShiftSpec(
        "kasse",
        "familienzentrum",
        3,
        "16:30",
        "19:30",
        2,
        event="basar-babyausstattung",
    ),
    ShiftSpec(
        "kasse",
        "stadtpark",
        6,
        "10:30",
        "14:30",
        2,
        event="kinderflohmarkt",
    ),
    # The gala at the Stadthalle: stage, doors, box office, first aid.
    ShiftSpec(
        "auf-und-abbau",
        "stadthalle",
        5,
        "13:00",
        "17:00",
        4,
        event="jubilaeumsgala",
        notes="Bühne und Bestuhlung für die Gala.",
    ),
    ShiftSpec(
        "einlass",
        "stadthalle",
        5,
        "18:00",
        "20:00",
        4,
        event="jubilaeumsgala",
        coordinated=True,
    ),
    ShiftSpec(
        "einlass",
        "stadthalle",
        5,
        "20:00",
        "22:45",
        2,
        event="jubilaeumsgala",
        coordinated=True,
        fill=0,
    ),
    ShiftSpec(
        "kasse",
        "stadthalle",
        5,
        "17:30",
        "19:30",
        1,
        event="jubilaeumsgala",
        notes="Abendkasse",
    ),
    ShiftSpec(
        "erste-hilfe",
        "stadthalle",
        5,
        "18:30",
        "23:00",
        1,
        event="jubilaeumsgala",
    ),
    ShiftSpec(
        "auf-und-abbau",
        "stadthalle",
        5,
        "22:30",
        "01:00",
        4,
        event="jubilaeumsgala",
        notes="Abbau nach der Gala.",
        fill=2,
    ),
    # The family picnic closes the week.
    ShiftSpec(
        "auf-und-abbau",
        "stadtpark",
        6,
        "08:00",
        "11:00",
        6,
        event="familienpicknick",
    ),
    ShiftSpec(
        "erste-hilfe",
        "stadtpark",
        6,
        "10:30",
        "17:30",
        2,
        event="familienpicknick",
    ),
    ShiftSpec(
        "essensstand",
        "stadtpark",
        6,
        "10:30",
        "14:00",
        3,
        event="familienpicknick",
    ),
    ShiftSpec(
        "essensstand",
        "stadtpark",
        6,
        "14:00",
        "17:30",
        3,
        event="familienpicknick",
    ),
    ShiftSpec(
        "kinderbetreuung",
        "stadtpark",
        6,
        "11:30",
        "16:00",
        2,
        event="picknick-spielstrasse",
    ),
    ShiftSpec(
        "auf-und-abbau",
        "stadtpark",
        6,
        "17:00",
        "19:30",
        6,
        event="familienpicknick",
        fill=3,
    ),
)

# "Every day 9–13 and 13–17 at the Stadthalle": made with the shift template.
TEMPLATE_ROLE = "einlass"
TEMPLATE_VENUE = "stadthalle"
TEMPLATE_SLOTS = (("09:00", "13:00"), ("13:00", "17:00"))
TEMPLATE_NEEDED = 2
TEMPLATE_NOTES = "Infotisch im Foyer: Programmhefte, Fragen, Fundsachen."


@dataclass(frozen=True)
class VolunteerSpec:
    name: str
    email: str
    partner: str = ""
    age_group: str = AgeGroup.ADULT
    tshirt: str = "M"
    language: str = "de"
    guardian: str = ""
    # (kind, issued: days relative to the festival's start, valid until: days)
    qualifications: tuple[tuple[str, int, int | None], ...] = ()


YEAR = 365
PC, FA, HY, JL = (
    QualificationKind.POLICE_CERTIFICATE,
    QualificationKind.FIRST_AID,
    QualificationKind.HYGIENE,
    QualificationKind.JULEICA,
)

VOLUNTEERS = (
    VolunteerSpec(
        "Ayşe Kaya",
        "ayse.kaya@example.org",
        "kita-sonnenschein",
        tshirt="S",
        qualifications=((PC, -300, None), (HY, -900, None)),
    ),
    VolunteerSpec(
        "Mehmet Öztürk",
        "mehmet.oeztuerk@example.org",
        "tsv-musterstadt",
        tshirt="XL",
        qualifications=((FA, -200, None),),
    ),
    VolunteerSpec(
        "Katarzyna Nowak",
        "katarzyna.nowak@example.org",
        "familienzentrum-mittendrin",
        qualifications=((PC, -5 * YEAR + 3, None), (HY, -400, None)),
    ),  # police certificate runs out on the festival's third day
    VolunteerSpec(
        "Piotr Wiśniewski",
        "piotr.wisniewski@example.org",
        "feuerwehr",
        tshirt="L",
        qualifications=((FA, -2 * YEAR + 5, None),),
    ),  # first aid runs out during the week
    VolunteerSpec(
        "Fatima Al-Sayed",
        "fatima.alsayed@example.org",
        "integrationsbeirat",
        language="en",
        qualifications=((HY, -120, None),),
    ),
    VolunteerSpec(
        "Youssef Haddad",
        "youssef.haddad@example.org",
        "mehrgenerationenhaus",
        tshirt="L",
        language="en",
    ),
    VolunteerSpec(
        "Sabine Krüger",
        "sabine.krueger@example.org",
        "grundschule-am-park",
        qualifications=((PC, -700, None), (JL, -500, 3)),
    ),  # JuLeiCa ends on the festival's fourth day
    VolunteerSpec(
        "Thomas Becker",
        "thomas.becker@example.org",
        "lauftreff",
        tshirt="XL",
    ),
    VolunteerSpec(
        "Elif Demir",
        "elif.demir@example.org",
        "elternnetzwerk",
        tshirt="S",
        qualifications=((PC, -150, None),),
    ),
    VolunteerSpec(
        "Jan Schröder",
        "jan.schroeder@example.org",
        "sparkasse",
        tshirt="L",
    ),
    VolunteerSpec(
        "Małgorzata Kowalczyk",
        "malgorzata.kowalczyk@example.org",
        "tagespflegeverein",
        qualifications=((PC, -1000, None), (FA, -500, None)),
    ),
    VolunteerSpec(
        "Omar Khalil",
        "omar.khalil@example.org",
        "jugendzentrum-kompass",
        tshirt="L",
        qualifications=((FA, -90, None), (JL, -300, 700)),
    ),
    VolunteerSpec(
        "Lena Hoffmann",
        "lena.hoffmann@example.org",
        "stadtbibliothek",
        qualifications=((HY, -60, None),),
    ),
    VolunteerSpec(
        "Hans-Peter Schulz",
        "hanspeter.schulz@example.org",
        "stadtwerke",
        tshirt="XXL",
    ),
    VolunteerSpec(
        "Zeynep Arslan",
        "zeynep.arslan@example.org",
        "kinderarztpraxis",
        qualifications=((FA, -400, None), (PC, -800, None)),
    ),
    VolunteerSpec(
        "Nadia Benali",
        "nadia.benali@example.org",
        "familienbildungsstaette",
        language="en",
        qualifications=((PC, -60, None),),
    ),
    VolunteerSpec(
        "Marek Zieliński",
        "marek.zielinski@example.org",
        "judo-club",
        tshirt="L",
    ),
    VolunteerSpec(
        "Claudia Wagner",
        "claudia.wagner@example.org",
        "erziehungsberatung",
        qualifications=((PC, -1200, None),),
    ),
    VolunteerSpec(
        "Murat Yıldız",
        "murat.yildiz@example.org",
        "werbegemeinschaft",
        tshirt="XL",
        qualifications=((HY, -1500, None),),
    ),
    VolunteerSpec(
        "Anna Lewandowska",
        "anna.lewandowska@example.org",
        "vhs",
        qualifications=((FA, -2 * YEAR - 30, None),),
    ),  # first aid already too old: not on a first-aid shift
    VolunteerSpec(
        "Rania Saleh",
        "rania.saleh@example.org",
        "hebammenpraxis-storchennest",
        qualifications=((FA, -300, None),),
    ),
    VolunteerSpec("Stefan Braun", "stefan.braun@example.org", "tsv-musterstadt"),
    VolunteerSpec(
        "Gül Şahin",
        "guel.sahin@example.org",
        "kita-regenbogen",
        tshirt="S",
        qualifications=((PC, -400, None), (HY, -200, None)),
    ),
    VolunteerSpec(
        "Karim Mansour",
        "karim.mansour.helfer@example.org",
        "integrationsbeirat",
        tshirt="L",
    ),
    VolunteerSpec(
        "Monika Fischer",
        "monika.fischer@example.org",
        "buendnis-fuer-familie",
    ),
    VolunteerSpec(
        "Olena Shevchenko",
        "olena.shevchenko@example.org",
        "familienzentrum-mittendrin",
        language="en",
        qualifications=((HY, -30, None),),
    ),
    VolunteerSpec("Dirk Neumann", "dirk.neumann@example.org", tshirt="XL"),
    # Young people of 16–17: doors, counting laps, set-up (not after 20:00).
    VolunteerSpec(
        "Leon Yılmaz",
        "leon.yilmaz@example.org",
        "kaestner-gesamtschule",
        AgeGroup.YOUTH,
        guardian="Serpil Yılmaz",
    ),
    VolunteerSpec(
        "Hanna Jankowska",
        "hanna.jankowska@example.org",
        "goethe-gymnasium",
        AgeGroup.YOUTH,
        tshirt="S",
        guardian="Agnieszka Jankowska",
        qualifications=((HY, -100, None),),
    ),
    VolunteerSpec(
        "Amir Nasser",
        "amir.nasser@example.org",
        "jugendparlament",
        AgeGroup.YOUTH,
        guardian="Layla Nasser",
    ),
    VolunteerSpec(
        "Sophie Weber",
        "sophie.weber@example.org",
        "jugendzentrum-kompass",
        AgeGroup.YOUTH,
        tshirt="S",
        guardian="Martina Weber",
    ),
    # Children of 13–15: at most two hours a day, 08:00–18:00 (lap counting).
    VolunteerSpec(
        "Emre Çelik",
        "emre.celik@example.org",
        "kaestner-gesamtschule",
        AgeGroup.CHILD,
        tshirt="164",
        guardian="Hatice Çelik",
    ),
    VolunteerSpec(
        "Maja Kamińska",
        "maja.kaminska@example.org",
        "grundschule-am-park",
        AgeGroup.CHILD,
        tshirt="152",
        guardian="Tomasz Kamiński",
    ),
    VolunteerSpec(
        "Lina Haddad",
        "lina.haddad@example.org",
        "lauftreff",
        AgeGroup.CHILD,
        tshirt="164",
        guardian="Youssef Haddad",
    ),
)

# Most shifts a demo volunteer takes, so the work spreads over many people.
SHIFTS_PER_VOLUNTEER = 4


def _at(day: dt.date, clock: str) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def _clock(value: str) -> dt.time:
    hour, minute = (int(part) for part in value.split(":"))
    return dt.time(hour, minute)


def demo_volunteers(festival: Festival) -> int:
    """Add the demo volunteers to `festival`; returns how many rows were created."""
    # The loader runs in one transaction: once there are shifts, the rules, roles
    # and people are there too, and one query tells a second run to stop.
    if Shift.objects.filter(role__festival=festival).exists():
        return 0
    created = _policy_ensure(festival)
    roles, made = _roles_ensure(festival)
    created += made
    # Sign-ups are made as if three weeks before the festival.
    signed_up = _at(festival.start_date - dt.timedelta(days=21), "12:00")
    with notifications.muted():
        shifts = _shifts_create(festival, roles)
        volunteers = _volunteers_create(festival, signed_up.date())
        assignments = _assignments_create(festival, shifts, volunteers, now=signed_up)
    return (
        created
        + len(shifts)
        + len(volunteers)
        + Qualification.objects.filter(volunteer__festival=festival).count()
        + assignments
    )


def _policy_ensure(festival: Festival) -> int:
    _policy, made = VolunteerPolicy.objects.get_or_create(
        festival=festival,
        defaults={
            "youth_rules_confirmed_by": "Monika Fischer (Koordinierungsstelle) mit "
            "dem Jugendamt Musterstadt",
            "youth_rules_confirmed_on": festival.start_date - dt.timedelta(days=90),
        },
    )
    return int(made)


def _roles_ensure(festival: Festival) -> tuple[dict[str, Role], int]:
    existing = {r.slug: r for r in Role.objects.filter(festival=festival)}
    made = 0
    for spec in ROLES:
        if spec.slug in existing:
            continue
        existing[spec.slug] = Role.objects.create(
            festival=festival,
            slug=spec.slug,
            name=spec.name,
            description=spec.description,
            briefing=spec.briefing,
            required_qualifications=list(spec.required),
            min_age=spec.min_age,
            colour=spec.colour,
        )
        made += 1
    return existing, made


def _shifts_create(festival: Festival, roles: dict[str, Role]) -> list[Shift]:
    venues = {v.slug: v for v in Venue.objects.all()}
    events = {
        e.slug: e
        for e in Event.objects.filter(sub_event__festival=festival).select_related(
            "sub_event"
        )
    }
    sub_events = {s.slug: s for s in SubEvent.objects.filter(festival=festival)}
    coordinator = (
        get_user_model()
        .objects.filter(username=COORDINATOR_USERNAME, is_active=True)
        .first()
    )
    shifts = services.shifts_create_from_template(
        role=roles[TEMPLATE_ROLE],
        venue=venues[TEMPLATE_VENUE],
        days=festival.days,
        slots=[(_clock(a), _clock(b)) for a, b in TEMPLATE_SLOTS],
        needed=TEMPLATE_NEEDED,
        notes=TEMPLATE_NOTES,
    )
    for spec in SHIFTS:
        day = festival.start_date + dt.timedelta(days=spec.day)
        starts_at = _at(day, spec.start)
        ends_at = _at(day, spec.end)
        if ends_at <= starts_at:
            ends_at = _at(day + dt.timedelta(days=1), spec.end)
        event = events.get(spec.event)
        shifts.append(
            services.shift_create(
                role=roles[spec.role],
                starts_at=starts_at,
                ends_at=ends_at,
                venue=venues[spec.venue],
                needed=spec.needed,
                event=event,
                sub_event=sub_events.get(spec.sub_event),
                notes=spec.notes,
                coordinator=coordinator if spec.coordinated else None,
                coordinator_phone=COORDINATOR_PHONE
                if spec.coordinated and coordinator
                else "",
            )
        )
    return shifts


def _volunteers_create(festival: Festival, today: dt.date) -> list[Volunteer]:
    partners = {p.slug: p for p in Partner.objects.all()}
    volunteers = []
    for spec in VOLUNTEERS:
        minor = spec.age_group != AgeGroup.ADULT
        result = services.volunteer_register(
            festival=festival,
            data=services.VolunteerInput(
                name=spec.name,
                email=spec.email,
                phone="0171 " + str(5550000 + len(volunteers) * 137),
                partner=partners.get(spec.partner),
                tshirt_size=spec.tshirt,
                age_group=spec.age_group,
                guardian_name=spec.guardian,
                guardian_contact=(
                    spec.guardian.split()[0].lower() + "@example.org" if minor else ""
                ),
                guardian_consent=minor,
                language=spec.language,
            ),
            consent_privacy=True,
        )
        volunteer = result.volunteer
        for kind, issued, until in spec.qualifications:
            issued_on = festival.start_date + dt.timedelta(days=issued)
            services.qualification_record(
                volunteer=volunteer,
                kind=kind,
                issued_on=issued_on,
                valid_until=(
                    festival.start_date + dt.timedelta(days=until)
                    if until is not None
                    else None
                ),
                sighted_on=max(issued_on, today - dt.timedelta(days=10))
                if kind == PC
                else None,
                sighted_by="Monika Fischer" if kind == PC else "",
                today=today,
            )
        volunteers.append(volunteer)
    return volunteers


def _assignments_create(
    festival: Festival,
    shifts: list[Shift],
    volunteers: list[Volunteer],
    *,
    now: dt.datetime,
) -> int:
    """Fill the shifts, checking the rules in memory first so that only sign-ups
    the service will accept are tried (each through assignment_create)."""
    policy = policy_of(festival)
    fill = {}
    for shift, spec in zip(shifts[-len(SHIFTS) :], SHIFTS, strict=True):
        if spec.fill is not None:
            fill[shift.pk] = spec.fill
    qualifications = {v.pk: list(v.qualifications.all()) for v in volunteers}
    taken: dict[int, list[Shift]] = {v.pk: [] for v in volunteers}
    # Minors first where they may help, so the demo shows them on shifts.
    order = sorted(volunteers, key=lambda v: (not v.is_minor, v.pk))
    made = 0
    for index, shift in enumerate(sorted(shifts, key=lambda s: (s.starts_at, s.pk))):
        target = fill.get(shift.pk, shift.needed)
        filled = 0
        # Start at a different person for each shift, so the work spreads.
        rotated = order[index % len(order) :] + order[: index % len(order)]
        for volunteer in sorted(rotated, key=lambda v: not v.is_minor):
            if filled >= target:
                break
            if len(taken[volunteer.pk]) >= SHIFTS_PER_VOLUNTEER:
                continue
            problems = shift_problems(
                volunteer=volunteer,
                shift=shift,
                policy=policy,
                taken=taken[volunteer.pk],
                qualifications=qualifications[volunteer.pk],
                filled=filled,
            )
            if problems:
                continue
            try:
                services.assignment_create(shift=shift, volunteer=volunteer, now=now)
            except ValidationError:
                continue
            taken[volunteer.pk].append(shift)
            filled += 1
            made += 1
    return made
