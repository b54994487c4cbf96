"""One festival with every kind of object, for the project-wide role matrix.

Everything a URL kwarg can name exists twice where it matters: the "A" side
(partner A's event, household A, volunteer A, runner A, seller A, ...) that the
matrix requests, and a "B" side whose tokens prove that one household's or
volunteer's link never opens the A side's data.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.authtoken.models import Token

from calendars.services import feed_token_get
from events import roles
from events.models import Event, SubEvent
from planning.models import Idea, Release
from subevents.charity_run.models import Counter, Run
from subevents.conference.models import Review
from subevents.flea_market.models import PitchType
from tests.charity_run.factories import laps, make_run, pledge, runner, team
from tests.cinema.factories import FilmFactory, kinowoche, screening
from tests.conference.factories import (
    ConferenceFactory,
    SessionFactory,
    SpeakerFactory,
    SubmissionFactory,
    TrackFactory,
)
from tests.conference.factories import CriterionFactory as ConferenceCriterionFactory
from tests.events.factories import (
    AudienceFactory,
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.flea_market.factories import apply, market
from tests.planning.factories import (
    CommentFactory,
    CriterionFactory,
    IdeaFactory,
    ProposalFactory,
    RatingFactory,
    partner_coordinator,
    staff,
)
from tests.registrations.factories import register
from tests.volunteers.factories import (
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers.models import VolunteerPolicy

# The roles of the matrix, in the order of its columns.
ROLES = (
    "anonymous",
    "family",  # household A's links (no account)
    "volunteer",  # volunteer A's links (no account)
    "partner_a",  # coordinator of partner A, which hosts the event and its people
    "partner_b",  # coordinator of partner B
    "lead",  # module lead of the sub-event of partner A's event
    "coordination",  # volunteer coordination
    "orga",  # Orga-Team
)

# Words that appear only in the A side's records: a page opened with a B token
# must contain none of them.
A_SECRETS = (
    "Familie Amsel",
    "amsel@example.org",
    "Helga Amsel",
    "helga.amsel@example.org",
    "Anton Amsel",
    "Amsel-Vortrag",
    "Amsel Trödel",
    "amsel-markt@example.org",
)


@dataclass
class World:
    users: dict[str, User]
    objects: dict[str, object]
    tokens: dict[str, str] = field(default_factory=dict)


def build_world() -> World:
    roles.roles_ensure()
    festival = FestivalFactory()
    now = timezone.now()
    programme = SubEventFactory(
        festival=festival, name="Familienprogramm", slug="familienprogramm"
    )
    venue = VenueFactory(name="Stadtbibliothek", slug="stadtbibliothek")
    partner_a = PartnerFactory(name="Kita Sonnenschein", slug="kita-sonnenschein")
    partner_b = PartnerFactory(name="Sportverein Blau", slug="sportverein-blau")
    audience = AudienceFactory(name="Familien", slug="familien")
    event_a = EventFactory(
        sub_event=programme,
        title="Bastelnachmittag",
        slug="bastelnachmittag",
        venue=venue,
        starts_at=at(1, 10),
        ends_at=at(1, 12),
        capacity=20,
        registration_opens_at=now - dt.timedelta(days=1),
        host_partners=[partner_a],
        audiences=[audience],
    )
    event_b = EventFactory(
        sub_event=programme,
        title="Sportfest",
        slug="sportfest",
        venue=VenueFactory(name="Turnhalle", slug="turnhalle"),
        starts_at=at(2, 10),
        ends_at=at(2, 12),
        capacity=20,
        registration_opens_at=now - dt.timedelta(days=1),
        host_partners=[partner_b],
    )
    draft_a = EventFactory(
        sub_event=programme,
        title="Vorlesestunde",
        slug="vorlesestunde",
        venue=venue,
        starts_at=at(3, 10),
        ends_at=at(3, 11),
        status=Event.Status.DRAFT,
        host_partners=[partner_a],
    )
    reg_a = register(
        event_a, 7, 38, name="Familie Amsel", email="amsel@example.org"
    ).registration
    reg_b = register(
        event_a, 9, 41, name="Familie Buchfink", email="buchfink@example.org"
    ).registration
    register(event_b, 8, 40, name="Familie Buchfink", email="buchfink@example.org")
    household_a = reg_a.household
    household_b = reg_b.household

    users = {
        "partner_a": partner_coordinator("partner_a", partner_a),
        "partner_b": partner_coordinator("partner_b", partner_b),
        "lead": staff("lead", roles.MODULE_LEAD),
        "coordination": staff("coordination", roles.VOLUNTEER_COORDINATION),
        "orga": staff("orga", roles.ORGA),
    }
    programme.leads.add(users["lead"])
    Token.objects.create(user=users["orga"])  # an API token, for the admin's list

    # Volunteers: A on a shift at the library, B on another one.
    role = RoleFactory(festival=festival, name="Einlass", slug="einlass")
    shift = ShiftFactory(role=role, venue=venue, starts_at=at(1, 9))
    other_shift = ShiftFactory(role=role, venue=venue, starts_at=at(2, 9))
    volunteer_a = VolunteerFactory(
        festival=festival, name="Helga Amsel", email="helga.amsel@example.org"
    )
    volunteer_b = VolunteerFactory(
        festival=festival, name="Bert Buchfink", email="bert@example.org"
    )
    assignment_a = assign(shift, volunteer_a)
    assign(other_shift, volunteer_b)
    qualification_a = QualificationFactory(volunteer=volunteer_a)

    # Planning: partner A's proposal, an idea with a rating and a comment.
    proposal = ProposalFactory(
        festival=festival, partner=partner_a, sub_event=programme
    )
    criterion = CriterionFactory(festival=festival)
    idea = IdeaFactory(festival=festival, number=7, state=Idea.State.ACCEPTED)
    RatingFactory(idea=idea, criterion=criterion, reviewer=users["lead"])
    CommentFactory(proposal=proposal, author=users["orga"])
    Release.objects.create(
        festival=festival, number=1, name="Erste Fassung", published_at=now
    )
    VolunteerPolicy.objects.get_or_create(festival=festival)

    # The conference: a track and household A's talk.
    conference = ConferenceFactory(festival=festival, slug="bildungskonferenz")
    TrackFactory(sub_event=conference)
    submission_a = SubmissionFactory(
        sub_event=conference,
        name="Anton Amsel",
        email="anton@example.org",
        title="Amsel-Vortrag",
    )
    submission_b = SubmissionFactory(sub_event=conference, name="Berta Buchfink")
    conference_criterion = ConferenceCriterionFactory(sub_event=conference)
    Review.objects.create(
        submission=submission_a,
        reviewer=users["orga"],
        criterion=conference_criterion,
        score=3,
    )
    SpeakerFactory()
    SessionFactory(
        event__sub_event=conference,
        event__venue=venue,
        event__starts_at=at(4, 9),
        event__ends_at=at(4, 10),
    )

    # The cinema.
    cinema = kinowoche(festival=festival)
    film = FilmFactory(title="Die Biene", slug="die-biene")
    screening(film, sub_event=cinema, venue=venue, starts_at=at(4, 15))

    # The charity run, finished so that certificates exist.
    run = make_run(slug="familienlauf")
    klasse = team(run)
    runner_a = runner(run, "Anton", "Amsel", team=klasse)
    runner_b = runner(run, "Bruno", "Buchfink", team=None)
    pledge(run, runner=runner_a)
    counter_a = Counter.objects.create(run=run, name="Ziel 1")
    counter_b = Counter.objects.create(run=run, name="Ziel 2")
    laps(run, runner_a, 1)
    run.state = Run.State.FINISHED
    run.save()

    # The market: household A's and B's applications.
    the_market = market(slug="kleidermarkt-2027")
    seller_a = apply(the_market, name="Amsel Trödel", email="amsel-markt@example.org")
    seller_b = apply(
        the_market, PitchType.Kind.RAIL, name="Buchfink", email="b@example.org"
    )

    objects = {
        "festival": festival,
        "programme": programme,
        "venue": venue,
        "partner_a": partner_a,
        "partner_b": partner_b,
        "audience": audience,
        "event_a": event_a,
        "event_b": event_b,
        "draft_a": draft_a,
        "reg_a": reg_a,
        "reg_b": reg_b,
        "participant_a": reg_a.participants.order_by("pk").first(),
        "household_a": household_a,
        "household_b": household_b,
        "shift": shift,
        "volunteer_a": volunteer_a,
        "volunteer_b": volunteer_b,
        "assignment_a": assignment_a,
        "qualification_a": qualification_a,
        "proposal": proposal,
        "idea": idea,
        "conference": conference,
        "submission_a": submission_a,
        "submission_b": submission_b,
        "cinema": cinema,
        "film": film,
        "run": run,
        "team": klasse,
        "runner_a": runner_a,
        "runner_b": runner_b,
        "counter_a": counter_a,
        "counter_b": counter_b,
        "market": the_market,
        "seller_a": seller_a,
        "seller_b": seller_b,
    }
    world = World(users=users, objects=objects)
    world.tokens = {
        "household_a": household_a.token,
        "household_b": household_b.token,
        "feed_household_a": feed_token_get(household=household_a).token,
        "feed_household_b": feed_token_get(household=household_b).token,
        "volunteer_a": volunteer_a.token,
        "volunteer_b": volunteer_b.token,
        "feed_volunteer_a": feed_token_get(volunteer=volunteer_a).token,
        "feed_volunteer_b": feed_token_get(volunteer=volunteer_b).token,
        "submission_a": submission_a.token,
        "submission_b": submission_b.token,
        "runner_a": runner_a.token,
        "runner_b": runner_b.token,
        "counter_a": counter_a.token,
        "counter_b": counter_b.token,
        "seller_a": seller_a.token,
        "seller_b": seller_b.token,
        "registration_a": reg_a.token,
        "registration_b": reg_b.token,
        "checkin_a": reg_a.token,
    }
    assert SubEvent.objects.filter(kind=SubEvent.Kind.CONFERENCE).count() == 1
    return world
