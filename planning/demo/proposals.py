"""Demo proposals: ten Schnupperangebote that partner organisations propose, in every
state — submitted, asked about (with the conversation), scheduled as a draft event,
published, declined with a reason, withdrawn. The demo account "partner" (Kita
Sonnenschein) has four of them.

Proposals are submitted and scheduled through planning.services (the venue rule
holds: a scheduled proposal takes the first free slot of its wishes), with the mails
muted. Comments and the end states a partner or reviewer reaches without an event
(asked, declined, withdrawn) are written directly. Idempotent: once the festival has
proposals, a second run creates nothing.

The demo week can be moved (`load_demo --start`): the core moves its events first,
then the proposals and their events follow here. The scheduled ones sit at a time
of day that no core event uses at their venue, so the core's move never runs into
them.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.demo.content import PARTNER_ACCOUNT_PARTNER, SCHNUPPER, _prose
from events.models import BERLIN, Audience, Festival, Partner, SubEvent, Venue
from events.services import event_update
from planning import notifications
from planning.models import Comment, Proposal
from planning.services.comments import author_name
from planning.services.proposals import (
    ProposalInput,
    proposal_publish,
    proposal_schedule,
    proposal_submit,
)

State = Proposal.State
ORGA_ACCOUNT = "orga"
PARTNER_ACCOUNT = "partner"


@dataclass(frozen=True)
class Slot:
    """Festival day (0 = Monday), start and end as Europe/Berlin wall-clock."""

    day: int
    start: str
    end: str


@dataclass(frozen=True)
class ProposalSpec:
    partner: str
    title: str
    description: str
    wish: Slot
    state: str
    venue: str = ""
    venue_note: str = ""
    audiences: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    expected: int | None = None
    needs: str = ""
    # (by the Orga-Team?, internal?, text): the conversation so far.
    thread: tuple[tuple[bool, bool, str], ...] = ()
    reason: str = ""
    # Where the Orga-Team schedules it: the wish first, then these.
    fallback: tuple[Slot, ...] = field(default_factory=tuple)
    capacity: int | None = None


SPECS = (
    ProposalSpec(
        PARTNER_ACCOUNT_PARTNER,
        "Kinderyoga im Familienzentrum",
        """
        Eine Stunde Yoga für Kinder von drei bis sechs Jahren und ihre Eltern. Mit
        Tiergeschichten, Atemübungen und einer Traumreise zum Schluss; eine
        Erzieherin mit Yoga-Ausbildung leitet an.
        """,
        Slot(1, "10:00", "11:00"),
        State.SUBMITTED,
        venue="familienzentrum",
        audiences=("kita", "familien"),
        min_age=3,
        max_age=6,
        expected=20,
        needs="Ein ruhiger Raum mit Matten für 20 Personen, eine Musikbox.",
    ),
    ProposalSpec(
        PARTNER_ACCOUNT_PARTNER,
        "Bewegungsbaustelle in der Turnhalle",
        """
        Kästen, Bänke, Matten und Rollbretter werden zu einer großen
        Bewegungslandschaft: Kinder klettern, balancieren und rutschen, Eltern
        bauen mit. Unsere Erzieherinnen betreuen die Stationen.
        """,
        Slot(2, "15:00", "17:00"),
        State.QUESTIONS,
        venue="turnhalle-grundschule",
        audiences=("kita", "familien"),
        min_age=2,
        max_age=8,
        expected=40,
        needs="Die Geräte der Turnhalle, zwei Helfende für den Aufbau.",
        thread=(
            (
                True,
                True,
                "Die Turnhalle ist mittwochs bis 16 Uhr von der Ganztagsschule "
                "belegt. Donnerstag wäre frei.",
            ),
            (
                True,
                False,
                "Vielen Dank für den schönen Vorschlag! Die Turnhalle ist am "
                "Mittwochnachmittag bis 16 Uhr belegt. Könnten Sie auch am "
                "Donnerstag von 15 bis 17 Uhr?",
            ),
        ),
    ),
    ProposalSpec(
        PARTNER_ACCOUNT_PARTNER,
        "Kamishibai-Erzähltheater",
        """
        Mit dem japanischen Papiertheater erzählen Kita-Kinder Geschichten, die sie
        selbst gemalt haben. Danach dürfen die kleinen Gäste eigene Bildkarten
        gestalten.
        """,
        Slot(3, "09:00", "09:45"),
        State.PUBLISHED,
        venue="stadtbibliothek",
        audiences=("kita",),
        min_age=3,
        max_age=7,
        expected=30,
        needs="Ein Tisch für die Bühne, Stifte und Papier bringen wir mit.",
        thread=(
            (
                False,
                False,
                "Wir bringen die Bühne selbst mit, brauchen aber eine Steckdose für "
                "das Licht.",
            ),
            (True, False, "Ist notiert, die Bibliothek stellt eine Steckdose bereit."),
        ),
        fallback=(Slot(4, "09:00", "09:45"),),
        capacity=30,
    ),
    ProposalSpec(
        PARTNER_ACCOUNT_PARTNER,
        "Vater-Kind-Frühstück",
        """
        Ein Frühstück nur für Väter, Opas und Kinder: ins Gespräch kommen, zusammen
        spielen, gemeinsam aufräumen.
        """,
        Slot(5, "09:00", "11:00"),
        State.WITHDRAWN,
        venue_note="In unserer Kita, Gruppenraum Sonnenblume.",
        audiences=("familien",),
        expected=25,
        thread=(
            (
                False,
                False,
                "Leider fehlen uns an dem Samstag die Kolleginnen für die Küche, "
                "wir ziehen den Vorschlag zurück und melden uns im nächsten Jahr.",
            ),
        ),
    ),
    ProposalSpec(
        "stadtbibliothek",
        "Vorlesestunde in der Stadtbibliothek",
        """
        Vorlesepatinnen lesen Bilderbücher auf Deutsch, Türkisch und Ukrainisch vor.
        Zwischen den Geschichten wird gesungen, am Ende darf jedes Kind ein Buch zum
        Tauschen mitnehmen.
        """,
        Slot(1, "17:15", "18:00"),
        State.SCHEDULED,
        venue="stadtbibliothek",
        audiences=("kita", "familien"),
        min_age=3,
        max_age=8,
        expected=25,
        fallback=(Slot(2, "17:15", "18:00"),),
        capacity=25,
    ),
    ProposalSpec(
        "waldkindergarten-wurzelwerk",
        "Waldforscher-Nachmittag",
        """
        Mit Becherlupen, Bestimmungsbüchern und viel Geduld erforschen Familien,
        was unter Laub und Steinen lebt. Treffpunkt ist der große Ahorn am Eingang
        des Stadtparks; festes Schuhwerk empfohlen.
        """,
        Slot(4, "15:00", "17:30"),
        State.SCHEDULED,
        venue="stadtpark",
        audiences=("kita", "grundschule", "familien"),
        min_age=4,
        max_age=10,
        expected=35,
        needs="Zwei Biertischgarnituren, bei Regen ein Pavillon.",
    ),
    ProposalSpec(
        "hebammenpraxis-storchennest",
        "Erste-Hilfe-Kurs für Großeltern",
        """
        Was tun, wenn das Enkelkind sich verschluckt, hohes Fieber hat oder sich
        verbrüht? Eine Kinderkrankenschwester zeigt Omas und Opas die wichtigsten
        Handgriffe, an Übungspuppen dürfen alle selbst probieren.
        """,
        Slot(5, "10:00", "12:00"),
        State.SUBMITTED,
        venue="familienbildungsstaette",
        audiences=("familien",),
        expected=16,
        needs="Ein Raum mit Stühlen im Kreis, ein Beamer.",
        thread=(
            (True, False, "Dürfen auch Eltern mitkommen?"),
            (
                False,
                False,
                "Ja, gern! Wir haben Übungspuppen für 16 Personen, Eltern und "
                "Großeltern zusammen.",
            ),
        ),
    ),
    ProposalSpec(
        "tsv-musterstadt",
        "Eltern-Kind-Turnen zum Ausprobieren",
        """
        Die Übungsleiterinnen der Eltern-Kind-Gruppe laden zum Mitturnen ein: Lieder,
        Bewegungsspiele und ein kleiner Parcours für Kinder ab zwei Jahren.
        """,
        Slot(2, "15:00", "16:30"),
        State.DECLINED,
        venue="turnhalle-grundschule",
        audiences=("kita", "familien"),
        min_age=2,
        max_age=5,
        expected=30,
        reason=(
            "Die Turnhalle ist an diesem Nachmittag schon vergeben, und ein ähnliches "
            "Angebot (Bewegungsbaustelle) ist in Planung. Gern im nächsten Jahr!"
        ),
    ),
    ProposalSpec(
        "musikschule",
        "Instrumentenkarussell",
        """
        Geige, Trompete, Schlagzeug, Harfe: An sechs Stationen dürfen Kinder
        Instrumente anfassen und ausprobieren, Lehrkräfte der Musikschule helfen.
        """,
        Slot(5, "11:00", "13:00"),
        State.SUBMITTED,
        venue="kulturbahnhof",
        audiences=("grundschule", "familien"),
        min_age=5,
        max_age=12,
        expected=60,
        needs="Sechs Tische, Strom an zwei Stationen.",
    ),
    ProposalSpec(
        "familienzentrum-mittendrin",
        "Spielkreis „Kleine Entdecker“",
        """
        Ein Nachmittag für Familien mit Kindern von ein bis drei Jahren: Fingerspiele,
        Sinnesstationen mit Wasser, Sand und Stoffen und Zeit für die Eltern zum
        Austauschen.
        """,
        Slot(3, "15:00", "16:30"),
        State.QUESTIONS,
        venue="familienzentrum",
        audiences=("kleinkinder", "familien"),
        min_age=1,
        max_age=3,
        expected=12,
        thread=(
            (
                True,
                False,
                "Brauchen Sie dafür den großen Raum, oder reicht der Gruppenraum im "
                "Erdgeschoss?",
            ),
        ),
    ),
)


def _at(festival: Festival, day: int, clock: str) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    date = festival.start_date + dt.timedelta(days=day)
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=BERLIN)


def demo_proposals(festival: Festival) -> int:
    """Add the demo proposals to `festival`; returns how many rows were created."""
    # The loader runs in one transaction: once there is one proposal, all are there.
    existing = list(
        Proposal.objects.filter(festival=festival).select_related("partner", "event")
    )
    if existing:
        _follow_the_week(festival, existing)
        return 0
    partners = {p.slug: p for p in Partner.objects.all()}
    venues = {v.slug: v for v in Venue.objects.all()}
    audiences = {a.slug: a for a in Audience.objects.all()}
    sub_event = SubEvent.objects.filter(festival=festival, slug=SCHNUPPER).first()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=[ORGA_ACCOUNT, PARTNER_ACCOUNT]
        )
    }
    created = 0
    with notifications.muted():
        for spec in SPECS:
            partner = partners.get(spec.partner)
            if partner is None:
                continue
            coordinator = (
                users.get(PARTNER_ACCOUNT)
                if spec.partner == PARTNER_ACCOUNT_PARTNER
                else None
            )
            proposal = proposal_submit(
                festival=festival,
                partner=partner,
                submitted_by=coordinator,
                data=ProposalInput(
                    title=spec.title,
                    description=_prose(spec.description),
                    wished_starts_at=_at(festival, spec.wish.day, spec.wish.start),
                    wished_ends_at=_at(festival, spec.wish.day, spec.wish.end),
                    sub_event=sub_event,
                    audiences=[audiences[s] for s in spec.audiences if s in audiences],
                    min_age=spec.min_age,
                    max_age=spec.max_age,
                    wished_venue=venues.get(spec.venue),
                    venue_note=spec.venue_note,
                    expected_participants=spec.expected,
                    needs=spec.needs,
                ),
            )
            created += 1
            for by_orga, internal, text in spec.thread:
                _comment(
                    proposal,
                    users.get(ORGA_ACCOUNT) if by_orga else coordinator,
                    "Sabine Hoffmann" if by_orga else partner.contact_name,
                    text,
                    internal,
                )
                created += 1
            created += _advance(proposal, spec, users.get(ORGA_ACCOUNT), sub_event)
    return created


def _comment(
    proposal: Proposal,
    user: AbstractBaseUser | None,
    name: str,
    text: str,
    internal: bool,
) -> None:
    Comment.objects.create(
        proposal=proposal,
        author=user,
        author_name=author_name(user) if user else name,
        text=text,
        internal=internal,
    )


def _advance(
    proposal: Proposal,
    spec: ProposalSpec,
    orga: AbstractBaseUser | None,
    sub_event: SubEvent | None,
) -> int:
    """Bring the proposal to its demo state; 1 if an event was created."""
    if spec.state in (State.QUESTIONS, State.WITHDRAWN, State.DECLINED):
        proposal.state = spec.state
        proposal.decline_reason = spec.reason
        proposal.save(update_fields=["state", "decline_reason", "updated_at"])
        return 0
    if spec.state not in (State.SCHEDULED, State.PUBLISHED) or sub_event is None:
        return 0
    for slot in (spec.wish, *spec.fallback):
        try:
            proposal = proposal_schedule(
                proposal=proposal,
                by=orga,
                sub_event=sub_event,
                venue=proposal.wished_venue,
                starts_at=_at(proposal.festival, slot.day, slot.start),
                ends_at=_at(proposal.festival, slot.day, slot.end),
                capacity=spec.capacity,
            )
        except ValidationError:
            continue  # the venue is taken then: the next slot
        break
    else:
        return 0  # no free slot: it stays submitted
    if spec.state == State.PUBLISHED:
        proposal_publish(proposal=proposal)
    return 1


def _moved(moment: dt.datetime, days: int) -> dt.datetime:
    """The same wall-clock time `days` later (across a change of daylight saving)."""
    local = timezone.localtime(moment, BERLIN)
    return dt.datetime.combine(
        local.date() + dt.timedelta(days=days), local.time(), tzinfo=BERLIN
    )


def _follow_the_week(festival: Festival, proposals: list[Proposal]) -> None:
    """Move the demo proposals (and their events) with a moved festival week;
    nothing is written when the week stayed."""
    by_key = {(p.partner.slug, p.title): p for p in proposals}
    with notifications.muted():
        for spec in SPECS:
            proposal = by_key.get((spec.partner, spec.title))
            if proposal is None:
                continue
            wished = _at(festival, spec.wish.day, spec.wish.start).date()
            days = (
                wished - timezone.localtime(proposal.wished_starts_at, BERLIN).date()
            ).days
            if not days:
                continue
            proposal.wished_starts_at = _moved(proposal.wished_starts_at, days)
            proposal.wished_ends_at = _moved(proposal.wished_ends_at, days)
            proposal.save(
                update_fields=["wished_starts_at", "wished_ends_at", "updated_at"]
            )
            if proposal.event is not None:
                event_update(
                    event=proposal.event,
                    starts_at=_moved(proposal.event.starts_at, days),
                    ends_at=_moved(proposal.event.ends_at, days),
                )
