"""The demo festival's content: the jubilee week as plain data (German texts).

events.demo loads it; nothing here writes to the database.
Texts are written as wrapped prose; `_prose` joins the lines of a paragraph, so a
blank line separates paragraphs.
"""

import textwrap
from dataclasses import dataclass

from events import roles
from events.models import Event, Partner, SubEvent, Venue

FESTIVAL_SLUG = "festwoche-20-jahre"
DEMO_PASSWORD = "festwoche"  # noqa: S105 - the documented password of the demo logins
CITY = "Musterstadt"
POSTAL_CODE = "12345"
# Registration opens ten weeks before the first day, so with the default start (eight
# to nine weeks ahead) registration is open right after loading; "presale" events
# (the gala) open two weeks before, to show the "not yet open" state.
REGISTRATION_OPENS_WEEKS_BEFORE = 10
PRESALE_OPENS_DAYS_BEFORE = 14

SECTOR = Partner.Sector
KIND = SubEvent.Kind
SETTING = Venue.Setting
DRAFT = Event.Status.DRAFT
CANCELLED = Event.Status.CANCELLED
PUBLISHED = Event.Status.PUBLISHED


def _prose(text: str) -> str:
    """Dedent, join the lines of each paragraph, keep blank lines between them."""
    paragraphs = textwrap.dedent(text).strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


# --- Festival -----------------------------------------------------------------------
FESTIVAL = {
    "name": "Festwoche – 20 Jahre Bündnis für Familie",
    "tagline": (
        "Eine Woche für alle Generationen: 20 Jahre Bündnis für Familie Musterstadt"
    ),
    "greeting": _prose(
        """
        Liebe Familien, liebe Musterstädterinnen und Musterstädter,

        vor zwanzig Jahren haben sich in unserer Stadt Kitas, Schulen, Vereine,
        Beratungsstellen, Unternehmen und Politik zum Bündnis für Familie
        zusammengeschlossen. Aus einer kleinen Runde engagierter Menschen ist ein
        Netzwerk mit mehr als hundert Partnern geworden, das Familien im Alltag
        unterstützt – von der Hebammensprechstunde bis zum ersten Ausbildungsplatz.

        Dieses Jubiläum möchten wir mit Ihnen feiern: eine ganze Woche lang, an vielen
        Orten der Stadt und fast immer kostenlos. Viele Programmpunkte stammen aus der
        Denkfabrik unseres Bündnisses, in der im vergangenen Herbst über 120 Ideen
        zusammengekommen sind. Bildungskonferenz, Kinowoche, Spendenlauf,
        Theaterprojekt, Familienpicknick und ein großer Kleider- und Spielzeugmarkt:
        Für jedes Alter ist etwas dabei.

        Unser herzlicher Dank gilt allen Partnerorganisationen, den vielen
        Ehrenamtlichen und den Sponsoren, die diese Woche möglich machen. Wir freuen
        uns darauf, Sie bei einer der Veranstaltungen persönlich zu treffen!

        Dr. Katrin Albers, Bürgermeisterin der Stadt Musterstadt, und Sabine Hoffmann,
        Koordinierungsstelle Bündnis für Familie
        """
    ),
    "contact_name": "Sabine Hoffmann, Koordinierungsstelle Bündnis für Familie",
    "contact_email": "festwoche@example.org",
    "contact_phone": "01234 5678-20",
    "website": "https://buendnis-familie.example.org/festwoche",
    "colour": "#1d5fa8",
}


# --- Audiences ----------------------------------------------------------------------
@dataclass(frozen=True)
class AudienceSpec:
    slug: str
    name: str
    min_age: int | None = None
    max_age: int | None = None


AUDIENCES = (
    AudienceSpec("kleinkinder", "Kleinkinder 0–3", 0, 3),
    AudienceSpec("kita", "Kita 3–6", 3, 6),
    AudienceSpec("grundschule", "Grundschule 6–10", 6, 10),
    AudienceSpec("kinder", "Kinder 10–14", 10, 14),
    AudienceSpec("jugendliche", "Jugendliche 14–18", 14, 18),
    AudienceSpec("familien", "Familien"),
    AudienceSpec("erwachsene", "Erwachsene", 18, None),
    AudienceSpec("fachpublikum", "Fachpublikum"),
)


# --- Venues -------------------------------------------------------------------------
@dataclass(frozen=True)
class VenueSpec:
    slug: str
    name: str
    street: str
    latitude: str
    longitude: str
    capacity: int | None
    setting: str = SETTING.INDOOR
    step_free: bool = False
    accessible_toilet: bool = False
    hearing_loop: bool = False
    parking: bool = False
    shared: bool = False
    accessibility_notes: str = ""
    directions: str = ""


VENUES = (
    VenueSpec(
        "stadthalle",
        "Stadthalle Musterstadt",
        "Marktstraße 12",
        "50.981420",
        "9.124870",
        600,
        step_free=True,
        accessible_toilet=True,
        hearing_loop=True,
        parking=True,
        accessibility_notes="""
            Stufenloser Zugang über den Haupteingang, Aufzug zur Galerie.
            Induktionsschleife im großen Saal (Reihen 1 bis 8), Rollstuhlplätze in
            der ersten Reihe.
            """,
        directions="""
            Buslinien 2 und 5, Haltestelle Stadthalle. Parkhaus Marktstraße direkt
            gegenüber (200 Plätze, vier Behindertenparkplätze am Eingang).
            """,
    ),
    VenueSpec(
        "lichtspielhaus",
        "Kino „Lichtspielhaus“",
        "Bahnhofstraße 5",
        "50.983050",
        "9.121930",
        180,
        step_free=True,
        hearing_loop=True,
        accessibility_notes="""
            Vier Rollstuhlplätze in Reihe 1, Zugang über die Rampe am Seiteneingang.
            Eine barrierefreie Toilette gibt es nebenan im Café am Bahnhof.
            """,
        directions="""
            Fünf Minuten zu Fuß vom Bahnhof. Fahrradständer vor dem Haus,
            Kinderwagen können im Foyer abgestellt werden.
            """,
    ),
    VenueSpec(
        "sportplatz-kaestner-schule",
        "Sportplatz der Erich-Kästner-Gesamtschule",
        "Schulweg 20",
        "50.976880",
        "9.130410",
        1500,
        setting=SETTING.OUTDOOR,
        step_free=True,
        accessible_toilet=True,
        parking=True,
        accessibility_notes="""
            Befestigter Weg bis zur Tribüne; die Rasenflächen sind teilweise uneben.
            Barrierefreie Toilette in der Sporthalle neben dem Platz.
            """,
        directions="""
            Buslinie 5, Haltestelle Schulzentrum. Parkplätze am Schulzentrum;
            bitte nicht in den Wohnstraßen parken.
            """,
    ),
    VenueSpec(
        "stadtpark",
        "Stadtpark",
        "Parkallee (Eingang am Schwanenteich)",
        "50.979630",
        "9.127750",
        None,
        setting=SETTING.OUTDOOR,
        step_free=True,
        accessible_toilet=True,
        shared=True,
        accessibility_notes="""
            Die Hauptwege sind asphaltiert, die Wiesen sind mit Rollstuhl und
            Kinderwagen gut befahrbar, solange es trocken ist. Während der Festwoche
            steht eine barrierefreie mobile Toilette am Musikpavillon.
            """,
        directions="Eingänge an der Parkallee und am Schwanenteich, Buslinie 2.",
    ),
    VenueSpec(
        "spielplatz-lindenallee",
        "Spielplatz Lindenallee",
        "Lindenallee 40",
        "50.985210",
        "9.129980",
        None,
        setting=SETTING.OUTDOOR,
        shared=True,
        accessibility_notes="""
            Spielflächen mit Sand und Rindenmulch; ein gepflasterter Weg führt zu den
            Bänken und zur Nestschaukel. Keine Toilette vor Ort.
            """,
        directions="Zwischen Lindenallee und Rosenweg, Buslinie 3, Haltestelle Linden.",
    ),
    VenueSpec(
        "abenteuerspielplatz",
        "Abenteuerspielplatz am Wasserturm",
        "Am Wasserturm 3",
        "50.988140",
        "9.118560",
        None,
        setting=SETTING.BOTH,
        accessible_toilet=True,
        parking=True,
        shared=True,
        accessibility_notes="""
            Gelände mit Hackschnitzeln und Wiese, für Rollstühle nur eingeschränkt
            befahrbar. Im Bauwagen gibt es eine barrierefreie Toilette.
            """,
        directions="Am Ende der Turmstraße; Parkplatz am Wasserturm.",
    ),
    VenueSpec(
        "familienzentrum",
        "Familienzentrum „Mittendrin“",
        "Gartenstraße 8",
        "50.982290",
        "9.126120",
        60,
        step_free=True,
        accessible_toilet=True,
        accessibility_notes="""
            Alles im Erdgeschoss. Wickelraum, Stillecke und ein überdachter
            Abstellplatz für Kinderwagen im Hof.
            """,
        directions="Hinter der Stadtbibliothek, Zugang über den Kirchplatz.",
    ),
    VenueSpec(
        "stadtbibliothek",
        "Stadtbibliothek Musterstadt",
        "Kirchplatz 2",
        "50.982010",
        "9.125330",
        80,
        step_free=True,
        accessible_toilet=True,
        hearing_loop=True,
        accessibility_notes="""
            Aufzug in alle Etagen, Induktionsschleife im Veranstaltungsraum,
            Großdruck- und Hörbücher in der Kinderbibliothek.
            """,
        directions="Am Kirchplatz in der Altstadt, Buslinien 2 und 3.",
    ),
    VenueSpec(
        "rathausplatz",
        "Rathausplatz",
        "Rathausplatz",
        "50.981030",
        "9.123240",
        None,
        setting=SETTING.OUTDOOR,
        step_free=True,
        accessible_toilet=True,
        shared=True,
        accessibility_notes="""
            Der Platz ist gepflastert, am Brunnen teilweise mit Kopfsteinpflaster.
            Barrierefreie Toilette im Erdgeschoss des Rathauses (während der
            Veranstaltungen geöffnet).
            """,
        directions="Mitten in der Altstadt; alle Buslinien, Haltestelle Rathaus.",
    ),
    VenueSpec(
        "rathaus-buergersaal",
        "Rathaus – Bürgersaal",
        "Rathausplatz 1",
        "50.981210",
        "9.122950",
        150,
        step_free=True,
        accessible_toilet=True,
        hearing_loop=True,
        accessibility_notes="""
            Aufzug am Seiteneingang (Klingel), Bürgersaal im ersten Obergeschoss mit
            Induktionsschleife.
            """,
        directions="Eingang über den Rathausplatz, Haltestelle Rathaus.",
    ),
    VenueSpec(
        "gymnasium-aula",
        "Aula des Goethe-Gymnasiums",
        "Goethestraße 15",
        "50.977950",
        "9.121170",
        350,
        accessible_toilet=True,
        parking=True,
        accessibility_notes="""
            Der Haupteingang hat sechs Stufen. Eine mobile Rampe stellt der
            Hausmeister auf Anfrage am Nebeneingang bereit; bitte melden Sie sich
            einen Tag vorher bei der Festwoche.
            """,
        directions="Buslinie 5, Haltestelle Goethestraße; Lehrerparkplatz geöffnet.",
    ),
    VenueSpec(
        "jugendzentrum",
        "Jugendzentrum „Kompass“",
        "Mühlenweg 7",
        "50.984460",
        "9.132260",
        120,
        setting=SETTING.BOTH,
        step_free=True,
        accessibility_notes="""
            Ebenerdiger Zugang, Veranstaltungsraum und Hof sind stufenlos. Die
            Toiletten sind nicht barrierefrei.
            """,
        directions="Am Mühlbach hinter dem Edeka-Parkplatz, Buslinie 3.",
    ),
    VenueSpec(
        "kulturbahnhof",
        "Kulturbahnhof – Kleine Bühne",
        "Bahnhofstraße 1",
        "50.983460",
        "9.120880",
        200,
        step_free=True,
        accessible_toilet=True,
        hearing_loop=True,
        parking=True,
        accessibility_notes="""
            Stufenloser Zugang, Rollstuhlplätze in der ersten Reihe,
            Induktionsschleife. Bei ausgewählten Vorstellungen Audiodeskription.
            """,
        directions="Im alten Bahnhofsgebäude, direkt am Busbahnhof.",
    ),
    VenueSpec(
        "turnhalle-grundschule",
        "Turnhalle der Grundschule am Park",
        "Parkstraße 22",
        "50.979040",
        "9.129310",
        150,
        step_free=True,
        accessible_toilet=True,
        parking=True,
        accessibility_notes="""
            Ebenerdiger Zugang über den Schulhof. Bitte Hallenschuhe oder
            rutschfeste Socken mitbringen.
            """,
        directions="Eingang über den Schulhof an der Parkstraße.",
    ),
    VenueSpec(
        "familienbildungsstaette",
        "Familienbildungsstätte Musterstadt",
        "Schillerstraße 30",
        "50.980570",
        "9.119890",
        30,
        accessibility_notes="""
            Der Kursraum liegt im ersten Obergeschoss, es gibt keinen Aufzug.
            Kinderwagen können im Flur im Erdgeschoss abgestellt werden.
            """,
        directions="Nahe dem Goethe-Gymnasium, Buslinie 5, Haltestelle Schillerstraße.",
    ),
)


# --- Partners -----------------------------------------------------------------------
@dataclass(frozen=True)
class PartnerSpec:
    slug: str
    name: str
    sector: str
    contact_name: str
    contact_email: str
    description: str = ""
    website: str = ""


PARTNERS = (
    # Kitas
    PartnerSpec(
        "kita-sonnenschein",
        "Kita Sonnenschein",
        SECTOR.KITA,
        "Melanie Krüger",
        "kita-sonnenschein@example.org",
        "Städtische Kindertagesstätte mit fünf Gruppen für Kinder von 1 bis 6 Jahren.",
    ),
    PartnerSpec(
        "kita-arche-noah",
        "Ev. Kita Arche Noah",
        SECTOR.KITA,
        "Jonas Weber",
        "arche-noah@example.org",
        "Evangelische Kita mit Schwerpunkt Naturpädagogik und Bewegung.",
    ),
    PartnerSpec(
        "kita-regenbogen",
        "Kita Regenbogen",
        SECTOR.KITA,
        "Aylin Demir",
        "kita-regenbogen@example.org",
        "Familienzentrum-Kita mit mehrsprachigem Team (Deutsch, Türkisch, Arabisch).",
    ),
    PartnerSpec(
        "waldkindergarten-wurzelwerk",
        "Waldkindergarten Wurzelwerk e. V.",
        SECTOR.KITA,
        "Friederike Lang",
        "wurzelwerk@example.org",
        "Elterninitiative: zwei Waldgruppen am Stadtwald, bei jedem Wetter draußen.",
    ),
    # Schools
    PartnerSpec(
        "grundschule-am-park",
        "Grundschule am Park",
        SECTOR.SCHOOL,
        "Thomas Brandt",
        "gs-am-park@example.org",
        "Dreizügige Ganztagsgrundschule mit Schulgarten und Schülerzeitung.",
    ),
    PartnerSpec(
        "kaestner-gesamtschule",
        "Erich-Kästner-Gesamtschule",
        SECTOR.SCHOOL,
        "Dr. Petra Seidel",
        "kaestner-schule@example.org",
        "Integrierte Gesamtschule mit gymnasialer Oberstufe und Sportprofil.",
    ),
    PartnerSpec(
        "goethe-gymnasium",
        "Goethe-Gymnasium Musterstadt",
        SECTOR.SCHOOL,
        "Michael Hartmann",
        "goethe-gymnasium@example.org",
        "Gymnasium mit MINT-Schwerpunkt und großer Theater-AG.",
    ),
    PartnerSpec(
        "lindenschule",
        "Lindenschule – Förderzentrum",
        SECTOR.SCHOOL,
        "Sandra Vogt",
        "lindenschule@example.org",
        "Förderschule und Beratungszentrum für inklusiven Unterricht im Landkreis.",
    ),
    # Youth welfare
    PartnerSpec(
        "jugendamt",
        "Jugendamt der Stadt Musterstadt",
        SECTOR.YOUTH_WELFARE,
        "Andreas Keller",
        "jugendamt@example.org",
        "Beratung, Hilfen zur Erziehung, Kinderschutz und Jugendarbeit.",
        "https://jugendamt.example.org",
    ),
    PartnerSpec(
        "jugendzentrum-kompass",
        "Jugendzentrum „Kompass“",
        SECTOR.YOUTH_WELFARE,
        "Deniz Arslan",
        "kompass@example.org",
        "Offener Treff für 10- bis 21-Jährige, Träger des Spielmobils.",
    ),
    PartnerSpec(
        "erziehungsberatung",
        "Erziehungs- und Familienberatungsstelle",
        SECTOR.YOUTH_WELFARE,
        "Dr. Claudia Neumann",
        "beratung@example.org",
        "Kostenlose und vertrauliche Beratung für Eltern, Kinder und Jugendliche.",
    ),
    # Parents' councils
    PartnerSpec(
        "stadtelternbeirat-kitas",
        "Stadtelternbeirat der Kitas",
        SECTOR.PARENTS,
        "Katharina Roth",
        "stadtelternbeirat@example.org",
        "Vertretung der Eltern aller 14 Kindertagesstätten in Musterstadt.",
    ),
    PartnerSpec(
        "schulelternbeirat-gymnasium",
        "Schulelternbeirat des Goethe-Gymnasiums",
        SECTOR.PARENTS,
        "Stefan Lorenz",
        "seb-goethe@example.org",
        "Gewählte Elternvertretung des Goethe-Gymnasiums.",
    ),
    PartnerSpec(
        "elternnetzwerk",
        "Elternnetzwerk „Eltern für Eltern“",
        SECTOR.PARENTS,
        "Nadia Haddad",
        "eltern-fuer-eltern@example.org",
        "Ehrenamtliche Elternlotsinnen und -lotsen, auch für zugewanderte Familien.",
    ),
    # Childminding
    PartnerSpec(
        "tagespflegeverein",
        "Tagespflegeverein Musterstadt e. V.",
        SECTOR.CHILDMINDING,
        "Birgit Schäfer",
        "tagespflege@example.org",
        "Zusammenschluss von 35 Tagesmüttern und Tagesvätern in der Stadt.",
    ),
    PartnerSpec(
        "grosstagespflege-kleine-strolche",
        "Großtagespflege „Kleine Strolche“",
        SECTOR.CHILDMINDING,
        "Monika Wagner",
        "kleine-strolche@example.org",
        "Drei Tagesmütter betreuen gemeinsam neun Kinder unter drei Jahren.",
    ),
    PartnerSpec(
        "fachberatung-kindertagespflege",
        "Fachberatung Kindertagespflege im Landkreis",
        SECTOR.CHILDMINDING,
        "Julia Becker",
        "fachberatung-ktp@example.org",
        "Vermittlung, Qualifizierung und Begleitung von Kindertagespflegepersonen.",
    ),
    # Family education
    PartnerSpec(
        "familienbildungsstaette",
        "Familienbildungsstätte Musterstadt",
        SECTOR.FAMILY_EDUCATION,
        "Ute Zimmermann",
        "fbs@example.org",
        "Kurse für Eltern und Kinder: Geburtsvorbereitung, Erziehung, Gesundheit.",
        "https://fbs-musterstadt.example.org",
    ),
    PartnerSpec(
        "familienzentrum-mittendrin",
        "Familienzentrum „Mittendrin“",
        SECTOR.FAMILY_EDUCATION,
        "Fatma Yıldız",
        "mittendrin@example.org",
        "Treffpunkt, Beratung und offene Angebote für Familien aus dem ganzen Viertel.",
    ),
    PartnerSpec(
        "vhs",
        "Volkshochschule Musterstadt",
        SECTOR.FAMILY_EDUCATION,
        "Rainer Koch",
        "vhs@example.org",
        "Weiterbildung für alle, mit einem eigenen Programmbereich Familie.",
    ),
    # Sport
    PartnerSpec(
        "tsv-musterstadt",
        "TSV Musterstadt 1895 e. V.",
        SECTOR.SPORT,
        "Frank Schneider",
        "tsv@example.org",
        "Größter Sportverein der Stadt: Fußball, Turnen, Leichtathletik, Schwimmen.",
        "https://tsv-musterstadt.example.org",
    ),
    PartnerSpec(
        "lauftreff",
        "Lauftreff Musterstadt",
        SECTOR.SPORT,
        "Heike Fischer",
        "lauftreff@example.org",
        "Offener Lauftreff für alle Tempi, dreimal wöchentlich im Stadtpark.",
    ),
    PartnerSpec(
        "judo-club",
        "Judo-Club Musterstadt",
        SECTOR.SPORT,
        "Marco Rossi",
        "judo@example.org",
        "Judo und Selbstbehauptung für Kinder ab fünf Jahren.",
    ),
    PartnerSpec(
        "tanzschule-taktvoll",
        "Tanzschule Taktvoll",
        SECTOR.SPORT,
        "Jessica Nowak",
        "taktvoll@example.org",
        "Kindertanz, Hip-Hop und Gesellschaftstanz für alle Generationen.",
    ),
    # Culture
    PartnerSpec(
        "musikschule",
        "Musikschule Musterstadt",
        SECTOR.CULTURE,
        "Elena Petrova",
        "musikschule@example.org",
        "Öffentliche Musikschule mit 900 Schülerinnen und Schülern.",
    ),
    PartnerSpec(
        "stadtbibliothek",
        "Stadtbibliothek Musterstadt",
        SECTOR.CULTURE,
        "Martina Wolf",
        "bibliothek@example.org",
        "Bücher, Medien und Lesungen für alle Altersgruppen, Lesepaten-Programm.",
    ),
    PartnerSpec(
        "theaterverein-buehnenreif",
        "Theaterverein „Bühnenreif“ e. V.",
        SECTOR.CULTURE,
        "Lukas Meier",
        "buehnenreif@example.org",
        "Amateurtheater seit 1987, mit Kinder- und Jugendensemble.",
    ),
    PartnerSpec(
        "lichtspielhaus",
        "Kino Lichtspielhaus",
        SECTOR.CULTURE,
        "Georg Hansen",
        "kino@example.org",
        "Familiengeführtes Programmkino mit Kinderkino am Wochenende.",
    ),
    # Health
    PartnerSpec(
        "gesundheitsamt",
        "Gesundheitsamt des Landkreises",
        SECTOR.HEALTH,
        "Dr. Sabine Krause",
        "gesundheitsamt@example.org",
        "Kinder- und jugendärztlicher Dienst, Schuleingangsuntersuchungen.",
    ),
    PartnerSpec(
        "hebammenpraxis-storchennest",
        "Hebammenpraxis „Storchennest“",
        SECTOR.HEALTH,
        "Anna Lehmann",
        "storchennest@example.org",
        "Sechs Hebammen: Vorsorge, Rückbildung, Babymassage, Stillberatung.",
    ),
    PartnerSpec(
        "kinderarztpraxis",
        "Kinder- und Jugendarztpraxis Dr. Yılmaz",
        SECTOR.HEALTH,
        "Dr. Emre Yılmaz",
        "praxis-yilmaz@example.org",
        "Kinder- und Jugendmedizin, Impfberatung, Sprechstunde auch auf Türkisch.",
    ),
    PartnerSpec(
        "ak-zahngesundheit",
        "Arbeitskreis Zahngesundheit",
        SECTOR.HEALTH,
        "Ingrid Pohl",
        "zahngesundheit@example.org",
        "Zahnprophylaxe in Kitas und Grundschulen des Landkreises.",
    ),
    # Business
    PartnerSpec(
        "sparkasse",
        "Sparkasse Musterstadt",
        SECTOR.BUSINESS,
        "Oliver Schmitt",
        "sparkasse@example.org",
        "Hauptsponsor der Festwoche, Finanzbildung für Kinder und Jugendliche.",
    ),
    PartnerSpec(
        "stadtwerke",
        "Stadtwerke Musterstadt",
        SECTOR.BUSINESS,
        "Christina Berger",
        "stadtwerke@example.org",
        "Strom, Wasser und Bäder; stellen Trinkwasserbrunnen für die Festwoche.",
    ),
    PartnerSpec(
        "werbegemeinschaft",
        "Werbegemeinschaft Innenstadt e. V.",
        SECTOR.BUSINESS,
        "Holger Franke",
        "werbegemeinschaft@example.org",
        "Zusammenschluss von 60 Geschäften und Betrieben in der Innenstadt.",
    ),
    # Politics
    PartnerSpec(
        "buergermeisterin",
        "Bürgermeisterin der Stadt Musterstadt",
        SECTOR.POLITICS,
        "Dr. Katrin Albers",
        "buergermeisterin@example.org",
        "Schirmherrin der Festwoche.",
    ),
    PartnerSpec(
        "stadtrat-familienausschuss",
        "Stadtrat – Ausschuss für Familie, Jugend und Soziales",
        SECTOR.POLITICS,
        "Werner Huber",
        "familienausschuss@example.org",
        "Der Fachausschuss des Stadtrats, der das Bündnis seit 20 Jahren begleitet.",
    ),
    PartnerSpec(
        "jugendparlament",
        "Jugendparlament Musterstadt",
        SECTOR.POLITICS,
        "Lea Schubert",
        "jugendparlament@example.org",
        "21 gewählte Jugendliche zwischen 12 und 18 Jahren.",
    ),
    PartnerSpec(
        "gleichstellungsbeauftragte",
        "Gleichstellungsbeauftragte der Stadt Musterstadt",
        SECTOR.POLITICS,
        "Renate Voigt",
        "gleichstellung@example.org",
        "Vereinbarkeit von Familie und Beruf, Alleinerziehenden-Netzwerk.",
    ),
    # Other
    PartnerSpec(
        "buendnis-fuer-familie",
        "Bündnis für Familie Musterstadt – Koordinierungsstelle",
        SECTOR.OTHER,
        "Sabine Hoffmann",
        "buendnis@example.org",
        "Koordiniert das Netzwerk der über hundert Bündnispartner und die Festwoche.",
        "https://buendnis-familie.example.org",
    ),
    PartnerSpec(
        "mehrgenerationenhaus",
        "Mehrgenerationenhaus Musterstadt",
        SECTOR.OTHER,
        "Hans-Peter Sommer",
        "mgh@example.org",
        "Offener Treff für Jung und Alt, Leih-Großeltern und Reparaturcafé.",
    ),
    PartnerSpec(
        "feuerwehr",
        "Freiwillige Feuerwehr Musterstadt",
        SECTOR.OTHER,
        "Jan Kowalski",
        "feuerwehr@example.org",
        "Mit Kinder- und Jugendfeuerwehr ab sechs Jahren.",
    ),
    PartnerSpec(
        "integrationsbeirat",
        "Integrationsbeirat Musterstadt",
        SECTOR.OTHER,
        "Samira Al-Masri",
        "integrationsbeirat@example.org",
        "Gewählte Vertretung der Musterstädterinnen und Musterstädter mit "
        "Migrationsgeschichte.",
    ),
)


# --- Sub-events ---------------------------------------------------------------------
@dataclass(frozen=True)
class SubEventSpec:
    slug: str
    name: str
    kind: str
    colour: str
    lead_partner: str
    description: str


# Colours are dark enough for white text (contrast ratio at least 4.5:1).
SUB_EVENTS = (
    SubEventSpec(
        "bildungskonferenz",
        "Bildungskonferenz",
        KIND.CONFERENCE,
        "#1d4e89",
        "jugendamt",
        """
        „Gemeinsam groß werden – Bildung von Anfang an“: Ein Tag für Fachkräfte aus
        Kita, Schule, Kindertagespflege, Jugendhilfe und Gesundheit, für
        Elternvertretungen und alle, die sich für Bildung in Musterstadt einsetzen.
        Nach der Keynote arbeiten Sie in zwei Runden mit je vier parallelen Workshops;
        zum Abschluss diskutiert ein Podium mit der Bürgermeisterin.
        """,
    ),
    SubEventSpec(
        "benefiz-fussballspiel",
        "Benefiz-Fußballspiel",
        KIND.GENERAL,
        "#2e6b30",
        "tsv-musterstadt",
        """
        Die Stadtrat-Auswahl tritt gegen die Eltern-Allstars an, vorher spielt die
        E-Jugend. Der Eintritt ist frei, alle Spenden gehen an den Familienfonds des
        Bündnisses.
        """,
    ),
    SubEventSpec(
        "spendenlauf",
        "Spendenlauf",
        KIND.CHARITY_RUN,
        "#b0281f",
        "lauftreff",
        """
        Runden drehen für den guten Zweck: Kinder, Familien und Teams suchen sich
        Sponsoren, die pro gelaufener Runde spenden. Der Erlös finanziert
        Ferienfreizeiten für Kinder aus Familien mit wenig Geld.
        """,
    ),
    SubEventSpec(
        "gala",
        "Gala mit regionaler Prominenz und Talenten",
        KIND.GENERAL,
        "#5b2a86",
        "buendnis-fuer-familie",
        """
        Der festliche Höhepunkt der Woche: Musik, Tanz und Comedy mit bekannten
        Gesichtern aus der Region und jungen Talenten aus unseren Schulen und
        Vereinen – dazu ein Empfang für die Ehrenamtlichen des Bündnisses.
        """,
    ),
    SubEventSpec(
        "kinowoche",
        "Kinowoche",
        KIND.CINEMA,
        "#8a1c3c",
        "lichtspielhaus",
        """
        Jeden Tag Kino im Lichtspielhaus: Vorstellungen für Kita-Gruppen und
        Schulklassen am Vormittag, Familienfilme am Nachmittag, Filmabende für
        Jugendliche und Eltern – und ein Trickfilm-Workshop, dessen Ergebnisse am
        Sonntag auf der großen Leinwand laufen.
        """,
    ),
    SubEventSpec(
        "schuelerwettbewerb",
        "Schülerwettbewerb",
        KIND.GENERAL,
        "#00695c",
        "goethe-gymnasium",
        """
        „Meine Stadt in 20 Jahren“: Schülerinnen und Schüler aller Schulformen zeigen
        ihre Ideen – als Plakat, beim Vorlesen, in der Tüftel-Challenge und im großen
        Finale. Die Sieger werden auf der Jubiläumsgala geehrt.
        """,
    ),
    SubEventSpec(
        "spielplatzaktionen",
        "Aktionen auf Spielplätzen",
        KIND.GENERAL,
        "#9a4a00",
        "jugendzentrum-kompass",
        """
        Das Spielmobil, Hüttenbau, Wasserspiele, Zirkus und ein Spielplatz-Check:
        An jedem Tag der Woche ist auf einem Spielplatz der Stadt etwas los. Alle
        Aktionen sind kostenlos und ohne Anmeldung.
        """,
    ),
    SubEventSpec(
        "theaterprojekt",
        "Gemeinsames Theaterprojekt",
        KIND.GENERAL,
        "#4527a0",
        "theaterverein-buehnenreif",
        """
        „Hundert Türen“: Kinder, Eltern und Großeltern aus Kitas, Schulen, dem
        Mehrgenerationenhaus und dem Theaterverein haben seit dem Frühjahr gemeinsam
        ein Stück entwickelt. Besuchen Sie eine offene Probe, bauen Sie Kulissen mit
        oder kommen Sie zu einer der drei Vorstellungen.
        """,
    ),
    SubEventSpec(
        "familienpicknick",
        "Familienpicknick",
        KIND.GENERAL,
        "#3b6b1d",
        "mehrgenerationenhaus",
        """
        Zum Abschluss der Festwoche lädt das Bündnis alle Familien in den Stadtpark
        ein: Decke mitbringen, Essen teilen, spielen, Musik hören. Für Getränke,
        Schatten und Spielgeräte ist gesorgt.
        """,
    ),
    SubEventSpec(
        "kleider-und-spielzeugmarkt",
        "Kleider- und Spielzeugmarkt",
        KIND.FLEA_MARKET,
        "#9c2c6b",
        "stadtelternbeirat-kitas",
        """
        Gut erhaltene Kinderkleidung, Spielzeug, Bücher und Babyausstattung von
        Familien für Familien – auf dem großen Markt am Rathausplatz, beim Basar im
        Familienzentrum und beim Kinderflohmarkt im Stadtpark.
        """,
    ),
    SubEventSpec(
        "schnupperangebote",
        "Kostenlose Schnupperangebote",
        KIND.GENERAL,
        "#005b82",
        "familienbildungsstaette",
        """
        Die Partner des Bündnisses laden zum Ausprobieren ein: Kinderturnen, Judo,
        Musikgarten, Erste Hilfe am Kind, Vorlesestunden in mehreren Sprachen,
        Beratung ohne Termin und vieles mehr. Fast alles ist kostenlos.
        """,
    ),
)


# --- Events -------------------------------------------------------------------------
@dataclass(frozen=True)
class EventSpec:
    """One programme item. `day` counts from the festival's first day (0 = Monday);
    times are Europe/Berlin wall-clock times.

    registration: "" (none, or open until the start if a capacity is set), "open"
    (opens ten weeks before the festival, closes at the start), "day_before" (closes
    at 18:00 the day before) or "presale" (opens two weeks before, closes the day
    before).
    """

    slug: str
    sub_event: str
    day: int
    start: str
    end: str
    venue: str
    title: str
    summary: str
    description: str
    partners: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    setup: int = 0
    teardown: int = 0
    capacity: int | None = None
    registration: str = ""
    min_age: int | None = None
    max_age: int | None = None
    adult_required_under: int | None = None
    adults_take_seats: bool = True
    price: str = ""
    languages: tuple[str, ...] = ("de",)
    accessibility: str = ""
    status: str = PUBLISHED
    cancel_reason: str = ""


KINO = "kinowoche"
KONFERENZ = "bildungskonferenz"
SCHNUPPER = "schnupperangebote"
SPIELPLATZ = "spielplatzaktionen"
THEATER = "theaterprojekt"
WETTBEWERB = "schuelerwettbewerb"
MARKT = "kleider-und-spielzeugmarkt"
PICKNICK = "familienpicknick"
LAUF = "spendenlauf"
FUSSBALL = "benefiz-fussballspiel"
GALA = "gala"

FILM_PRICE = "3 € pro Kind, Erwachsene 5 €"

EVENTS = (
    # --- Monday ---------------------------------------------------------------------
    EventSpec(
        "auftakt-markt-der-moeglichkeiten",
        SCHNUPPER,
        0,
        "16:00",
        "19:00",
        "rathausplatz",
        "Auftakt der Festwoche: Markt der Möglichkeiten",
        """
        Bürgermeisterin Dr. Katrin Albers eröffnet die Jubiläumswoche; über 30
        Bündnispartner stellen sich an Ständen vor.
        """,
        """
        Um 16 Uhr eröffnen Bürgermeisterin Dr. Katrin Albers und die
        Koordinierungsstelle des Bündnisses die Festwoche – mit dem Kinderchor der
        Musikschule und einem kurzen Blick zurück auf 20 Jahre Bündnis für Familie.

        Danach können Sie über den Markt der Möglichkeiten schlendern: Kitas,
        Beratungsstellen, Vereine und Betriebe zeigen, was sie für Familien anbieten,
        und verraten, welche Schnupperangebote Sie in dieser Woche ausprobieren
        können. An mehreren Ständen wird auch Türkisch und Arabisch gesprochen.
        """,
        partners=("buergermeisterin", "buendnis-fuer-familie", "werbegemeinschaft"),
        audiences=("familien", "erwachsene"),
        setup=120,
        teardown=60,
        languages=("de", "tr", "ar"),
    ),
    EventSpec(
        "krabbelgruppe-zum-reinschnuppern",
        SCHNUPPER,
        0,
        "10:00",
        "11:30",
        "familienzentrum",
        "Krabbelgruppe zum Reinschnuppern",
        "Spielen, singen, andere Eltern kennenlernen: eine offene Krabbelgruppe.",
        """
        Die Krabbelgruppe im Familienzentrum trifft sich sonst jeden Montag – in der
        Festwoche sind neue Familien ausdrücklich eingeladen. Es gibt Fingerspiele,
        Lieder, eine Bewegungslandschaft für die Kleinsten und Zeit für Gespräche
        bei Kaffee und Tee.

        Bitte melden Sie sich an, damit genug Platz auf den Matten ist. Gezählt wird
        jede Person, also Kind und Begleitung.
        """,
        partners=("familienzentrum-mittendrin",),
        audiences=("kleinkinder", "familien"),
        capacity=24,
        registration="open",
    ),
    EventSpec(
        "babymassage-kennenlernen",
        SCHNUPPER,
        0,
        "10:00",
        "11:00",
        "familienbildungsstaette",
        "Babymassage zum Kennenlernen",
        "Eine Hebamme zeigt sanfte Massagegriffe für Babys von 6 Wochen bis 6 Monaten.",
        """
        Berührung tut Babys gut – und entspannt auch die Eltern. In dieser
        Schnupperstunde lernen Sie einfache Griffe der Babymassage kennen, die Sie
        zu Hause gleich anwenden können. Bringen Sie bitte ein großes Handtuch und
        eine Ersatzwindel mit; Massageöl stellen wir.

        Die Plätze sind auf acht Eltern mit ihrem Baby begrenzt.
        """,
        partners=("hebammenpraxis-storchennest", "familienbildungsstaette"),
        audiences=("kleinkinder",),
        max_age=0,
        adult_required_under=18,
        capacity=16,
        registration="day_before",
        accessibility="Kursraum im 1. Obergeschoss ohne Aufzug.",
    ),
    EventSpec(
        "kita-kino-kurzfilmrolle",
        KINO,
        0,
        "09:30",
        "10:30",
        "lichtspielhaus",
        "Kita-Kino: Kurzfilmrolle für die Kleinsten",
        "Fünf kurze Animationsfilme ohne Worte, genau richtig fürs erste Kinoerlebnis.",
        """
        Zum Auftakt der Kinowoche zeigt das Lichtspielhaus eine Kurzfilmrolle für
        Kinder ab drei Jahren: fünf Animationsfilme zwischen vier und zwölf Minuten,
        fast ohne Sprache, mit viel Musik. Das Licht bleibt etwas heller, die
        Lautstärke ist reduziert.

        Die Vorstellung ist für Kita-Gruppen gedacht; die Kitas melden ihre Gruppen
        mit Kindern und Begleitpersonen an.
        """,
        partners=("lichtspielhaus", "kita-sonnenschein", "stadtelternbeirat-kitas"),
        audiences=("kita",),
        capacity=150,
        registration="day_before",
        min_age=3,
    ),
    EventSpec(
        "film-schule-der-magischen-tiere",
        KINO,
        0,
        "15:30",
        "17:15",
        "lichtspielhaus",
        "Die Schule der magischen Tiere",
        "Die Verfilmung der beliebten Kinderbuchreihe – empfohlen ab 6 Jahren.",
        """
        Ida ist neu an der Wintersteinschule und findet nur schwer Anschluss – bis
        jedes Kind ihrer Klasse ein magisches, sprechendes Tier bekommt. Eine
        warmherzige Geschichte über Freundschaft und Mut, nach den Büchern von
        Margit Auer.

        Im Anschluss gibt es im Foyer Bastelbögen und ein kleines Quiz zum Film.
        """,
        partners=("lichtspielhaus",),
        audiences=("grundschule", "familien"),
        capacity=160,
        registration="open",
        price=FILM_PRICE,
    ),
    EventSpec(
        "film-tschick",
        KINO,
        0,
        "19:30",
        "21:30",
        "lichtspielhaus",
        "Jugendfilmabend: Tschick",
        "Zwei Außenseiter, ein geklauter Lada, ein Sommer: mit englischen Untertiteln.",
        """
        Maik ist der Langweiler der Klasse, Tschick der Neue aus Russland. Als die
        Sommerferien beginnen, brechen die beiden in einem alten Lada zu einer Reise
        ohne Ziel auf. Fatih Akins Verfilmung des Romans von Wolfgang Herrndorf – ab
        12 Jahren.

        Das Jugendparlament lädt nach dem Film zu einem kurzen Gespräch ein: Was
        brauchen Jugendliche in Musterstadt, um ihre Freizeit selbst zu gestalten?
        Die Vorstellung läuft mit englischen Untertiteln.
        """,
        partners=("lichtspielhaus", "jugendparlament"),
        audiences=("jugendliche", "erwachsene"),
        min_age=12,
        price="4 €, ermäßigt 3 €",
        languages=("de", "en"),
    ),
    EventSpec(
        "spielmobil-lindenallee",
        SPIELPLATZ,
        0,
        "15:00",
        "18:00",
        "spielplatz-lindenallee",
        "Das Spielmobil kommt: Spielenachmittag in der Lindenallee",
        "Riesenseifenblasen, Pedalos, Stelzen und Rollenrutsche: einfach vorbeikommen.",
        """
        Das Spielmobil des Jugendzentrums Kompass bringt einen ganzen Bus voller
        Spielgeräte mit: Pedalos, Stelzen, Wackelbretter, eine Rollenrutsche und
        Material für Riesenseifenblasen. Das Team der Mobilen Jugendarbeit betreut
        die Aktionen, Eltern bleiben bei ihren Kindern.

        Das Jugendamt informiert gleichzeitig über die geplante Neugestaltung des
        Spielplatzes und sammelt Wünsche der Kinder.
        """,
        partners=("jugendzentrum-kompass", "jugendamt"),
        audiences=("kita", "grundschule", "familien"),
        accessibility="Sand- und Mulchflächen; die Bänke sind über einen Pflasterweg "
        "erreichbar.",
    ),
    EventSpec(
        "theater-offene-probe-montag",
        THEATER,
        0,
        "17:00",
        "19:00",
        "kulturbahnhof",
        "Offene Probe: Einblick ins Theaterprojekt „Hundert Türen“",
        "Schauen Sie dem generationenübergreifenden Ensemble bei der Arbeit zu.",
        """
        Fünfzig Mitwirkende zwischen 5 und 83 Jahren proben seit dem Frühjahr an
        „Hundert Türen“, einem Stück über ein altes Mietshaus, in dem hinter jeder
        Tür eine andere Familie lebt. Bei der offenen Probe sehen Sie, wie eine
        Szene entsteht, und können danach mit Regisseur Lukas Meier sprechen.

        Sie können jederzeit dazukommen und gehen; bitte während der Szenen leise
        sein.
        """,
        partners=("theaterverein-buehnenreif", "mehrgenerationenhaus"),
        audiences=("familien", "erwachsene"),
    ),
    EventSpec(
        "bilderbuchkino-deutsch-tuerkisch",
        SCHNUPPER,
        0,
        "16:00",
        "16:45",
        "stadtbibliothek",
        "Zweisprachiges Bilderbuchkino (Deutsch/Türkisch)",
        "Ein Bilderbuch auf der Leinwand, vorgelesen auf Deutsch und Türkisch.",
        """
        Beim Bilderbuchkino werden die Bilder eines Buches groß an die Wand
        projiziert, und zwei Vorleserinnen erzählen die Geschichte abwechselnd auf
        Deutsch und auf Türkisch. Danach malen die Kinder ihr Lieblingsbild.

        Für Kinder von 3 bis 7 Jahren mit ihren Eltern oder Großeltern. Die
        Bibliothek zeigt außerdem ihre mehrsprachigen Kinderbücher, die Sie
        kostenlos ausleihen können.
        """,
        partners=("stadtbibliothek", "integrationsbeirat", "kita-regenbogen"),
        audiences=("kita", "familien"),
        languages=("de", "tr"),
    ),
    EventSpec(
        "kinderturnen-schnuppern",
        SCHNUPPER,
        0,
        "16:00",
        "17:00",
        "turnhalle-grundschule",
        "Kinderturnen zum Ausprobieren",
        "Klettern, balancieren, springen: Die Turnabteilung des TSV lädt ein.",
        """
        In der Turnhalle wartet eine Bewegungslandschaft aus Kästen, Matten, Bänken
        und Ringen. Zwei Übungsleiterinnen des TSV begleiten die Kinder; die Eltern
        können vom Rand aus zuschauen oder im Foyer warten.

        Das Angebot richtet sich an Kinder von 3 bis 6 Jahren. Wer Lust auf mehr
        bekommt, kann danach drei Mal kostenlos in einer Gruppe des Vereins
        mitturnen.
        """,
        partners=("tsv-musterstadt",),
        audiences=("kita",),
        capacity=20,
        registration="open",
        min_age=3,
        max_age=6,
    ),
    EventSpec(
        "graffiti-workshop",
        SCHNUPPER,
        0,
        "17:00",
        "20:00",
        "jugendzentrum",
        "Graffiti-Workshop: Gestalte die Wand im Hof",
        "Entwürfe zeichnen, Sprühtechnik lernen und gemeinsam eine Wand gestalten.",
        """
        Mit dem Graffiti-Künstler Timo „Tiz“ Ahrens entwerfen Jugendliche ein Motiv
        zum Thema „20 Jahre – wir sind dabei“ und sprühen es auf die neue Wand im
        Hof des Jugendzentrums. Masken, Handschuhe und Dosen werden gestellt; bitte
        Kleidung tragen, die schmutzig werden darf.

        Für Jugendliche von 12 bis 17 Jahren, keine Vorkenntnisse nötig.
        """,
        partners=("jugendzentrum-kompass",),
        audiences=("kinder", "jugendliche"),
        capacity=15,
        registration="open",
        min_age=12,
        max_age=17,
    ),
    # --- Tuesday: Bildungskonferenz ------------------------------------------------
    EventSpec(
        "bk-eroeffnung-keynote",
        KONFERENZ,
        1,
        "09:00",
        "10:30",
        "stadthalle",
        "Bildungskonferenz: Eröffnung und Keynote „Bildung beginnt in der Familie“",
        """
        Prof. Dr. Miriam Ostermann über das, was Kinder in den ersten Lebensjahren
        lernen – und was Familien dafür brauchen.
        """,
        """
        Die Bürgermeisterin eröffnet die Bildungskonferenz. In ihrer Keynote
        „Bildung beginnt in der Familie“ zeigt Prof. Dr. Miriam Ostermann
        (Hochschule für Soziale Arbeit), wie eng frühe Bildung, Bindung und die
        Lebenslage von Familien zusammenhängen, und was kommunale Netzwerke wie das
        Bündnis für Familie bewirken können.

        Die Anmeldung gilt für den ganzen Konferenztag; die Workshops wählen Sie
        bitte zusätzlich. Einlass und Stehkaffee ab 8:30 Uhr.
        """,
        partners=("jugendamt", "buendnis-fuer-familie", "buergermeisterin"),
        audiences=("fachpublikum", "erwachsene"),
        setup=90,
        capacity=350,
        registration="day_before",
        accessibility="""
            Schriftdolmetschung (Live-Untertitel) auf der Leinwand,
            Induktionsschleife in den Reihen 1 bis 8.
            """,
    ),
    EventSpec(
        "bk-workshop-uebergang-kita-schule",
        KONFERENZ,
        1,
        "11:00",
        "12:30",
        "gymnasium-aula",
        "Workshop 1: Gut ankommen – der Übergang von der Kita in die Grundschule",
        "Wie Kitas, Grundschulen und Eltern den Schulstart gemeinsam vorbereiten.",
        """
        Die Grundschule am Park und die Kita Regenbogen arbeiten seit Jahren mit
        einem gemeinsamen Übergangskalender: Schnuppertage, Lesepatenschaften und
        ein Elternabend vor der Anmeldung. Im Workshop stellen sie ihre Erfahrungen
        vor und entwickeln mit Ihnen Ideen für andere Stadtteile.
        """,
        partners=("grundschule-am-park", "kita-regenbogen"),
        audiences=("fachpublikum",),
        capacity=60,
        registration="day_before",
    ),
    EventSpec(
        "bk-workshop-mehrsprachigkeit",
        KONFERENZ,
        1,
        "11:00",
        "12:30",
        "familienzentrum",
        "Workshop 2: Mehrsprachig aufwachsen – Sprachbildung im Alltag",
        "Familiensprachen wertschätzen und Deutsch fördern: Praxisbeispiele.",
        """
        Fast jedes dritte Kind in Musterstadts Kitas wächst mit mehr als einer
        Sprache auf. Der Workshop zeigt, wie Fachkräfte Familiensprachen
        einbeziehen, warum Eltern ihre Herkunftssprache weiter sprechen sollten und
        wie alltagsintegrierte Sprachbildung in Kita und Tagespflege gelingt.
        """,
        partners=(
            "familienzentrum-mittendrin",
            "integrationsbeirat",
            "kita-regenbogen",
        ),
        audiences=("fachpublikum",),
        capacity=30,
        registration="day_before",
    ),
    EventSpec(
        "bk-workshop-medienbildung",
        KONFERENZ,
        1,
        "11:00",
        "12:30",
        "stadtbibliothek",
        "Workshop 3: Bilderbuch, Bauklötze, Bildschirm – Medienbildung früh beginnen",
        "Was Kinder unter sechs Jahren an Medien brauchen – und was nicht.",
        """
        Tablets in der Kita, Hörfiguren im Kinderzimmer, Handys am Esstisch: Der
        Workshop sortiert, was die Forschung über frühe Mediennutzung weiß, und
        stellt Materialien vor, mit denen Fachkräfte Eltern gut beraten können.
        """,
        partners=("stadtbibliothek", "vhs"),
        audiences=("fachpublikum",),
        capacity=35,
        registration="day_before",
    ),
    EventSpec(
        "bk-workshop-beteiligung",
        KONFERENZ,
        1,
        "11:00",
        "12:30",
        "jugendzentrum",
        "Workshop 4: Mitreden erwünscht – Beteiligung von Kindern und Jugendlichen",
        "Das Jugendparlament berichtet, wie Beteiligung wirklich funktioniert.",
        """
        Mitglieder des Jugendparlaments und Fachkräfte des Jugendzentrums Kompass
        erzählen von gelungenen und gescheiterten Beteiligungsprojekten – vom
        Skatepark bis zum Schulhof. Gemeinsam entwickeln Sie Ideen, wie Kinder bei
        Entscheidungen in Kita, Schule und Stadt wirklich mitreden können.
        """,
        partners=("jugendparlament", "jugendzentrum-kompass"),
        audiences=("fachpublikum", "jugendliche"),
        capacity=40,
        registration="day_before",
    ),
    EventSpec(
        "bk-mittagspause-projektmarkt",
        KONFERENZ,
        1,
        "12:30",
        "13:30",
        "stadthalle",
        "Mittagspause mit Projektmarkt",
        "Imbiss und Projektmarkt: 15 Bündnispartner zeigen gelungene Praxisbeispiele.",
        """
        Bei Suppe und belegten Broten aus der Schulmensa der
        Erich-Kästner-Gesamtschule stellen Bündnispartner an Stellwänden ihre
        Projekte vor – von der Elternlotsen-Ausbildung bis zum Leih-Großeltern-Dienst
        des Mehrgenerationenhauses. Ein vegetarisches Essen ist in der Anmeldung zur
        Konferenz enthalten.
        """,
        partners=("kaestner-gesamtschule", "mehrgenerationenhaus", "elternnetzwerk"),
        audiences=("fachpublikum",),
    ),
    EventSpec(
        "bk-workshop-kinderschutz",
        KONFERENZ,
        1,
        "13:45",
        "15:15",
        "gymnasium-aula",
        "Workshop 5: Kinderschutz geht alle an – Handlungssicherheit für Fachkräfte",
        "Anzeichen erkennen, Gespräche führen, Hilfe holen: mit Fallbeispielen.",
        """
        Was tun, wenn Sie sich Sorgen um ein Kind machen? Fachkräfte des Jugendamts
        und der Erziehungsberatung erklären die Abläufe nach § 8a SGB VIII, die
        Rolle der insoweit erfahrenen Fachkraft und wie Sie Gespräche mit Eltern
        vorbereiten. Anhand anonymisierter Fallbeispiele üben Sie in kleinen
        Gruppen.
        """,
        partners=("jugendamt", "erziehungsberatung"),
        audiences=("fachpublikum",),
        capacity=60,
        registration="day_before",
    ),
    EventSpec(
        "bk-workshop-tagespflege",
        KONFERENZ,
        1,
        "13:45",
        "15:15",
        "familienzentrum",
        "Workshop 6: Kindertagespflege und Kita – Hand in Hand",
        "Wie Tagespflege und Kita den Wechsel mit drei Jahren gut gestalten.",
        """
        Viele Kinder unter drei Jahren werden in Musterstadt von Tagesmüttern und
        Tagesvätern betreut. Der Workshop bringt Kindertagespflege und Kitas an einen
        Tisch: Wie lässt sich der Wechsel in die Kita gemeinsam vorbereiten, welche
        Informationen dürfen weitergegeben werden, und wie können
        Kindertagespflegepersonen an Fortbildungen der Kitas teilnehmen?
        """,
        partners=("tagespflegeverein", "fachberatung-kindertagespflege"),
        audiences=("fachpublikum",),
        capacity=30,
        registration="day_before",
    ),
    EventSpec(
        "bk-workshop-gesund-aufwachsen",
        KONFERENZ,
        1,
        "13:45",
        "15:15",
        "stadtbibliothek",
        "Workshop 7: Gesund aufwachsen – Bewegung, Ernährung, Schlaf",
        "Was die Schuleingangsuntersuchungen zeigen und was Einrichtungen tun können.",
        """
        Der Kinder- und jugendärztliche Dienst stellt die Ergebnisse der letzten
        Schuleingangsuntersuchungen in Musterstadt vor. Der TSV und eine
        Kinderarztpraxis zeigen, wie Bewegungsangebote und Gesundheitsberatung
        gerade die Familien erreichen, die sonst selten kommen.
        """,
        partners=("gesundheitsamt", "tsv-musterstadt", "kinderarztpraxis"),
        audiences=("fachpublikum",),
        capacity=35,
        registration="day_before",
    ),
    EventSpec(
        "bk-workshop-eltern-als-partner",
        KONFERENZ,
        1,
        "13:45",
        "15:15",
        "jugendzentrum",
        "Workshop 8: Eltern als Bildungspartner – Zusammenarbeit auf Augenhöhe",
        "Elternvertretungen und Fachkräfte im Gespräch über gute Zusammenarbeit.",
        """
        Elternabende, an denen niemand kommt? Elterngespräche, die nur im Konfliktfall
        stattfinden? Der Stadtelternbeirat, der Schulelternbeirat des
        Goethe-Gymnasiums und das Elternnetzwerk stellen Formate vor, die Eltern
        wirklich erreichen – auch solche, die wenig Deutsch sprechen.
        """,
        partners=(
            "stadtelternbeirat-kitas",
            "schulelternbeirat-gymnasium",
            "elternnetzwerk",
        ),
        audiences=("fachpublikum", "erwachsene"),
        capacity=40,
        registration="day_before",
    ),
    EventSpec(
        "bk-abschlusspodium",
        KONFERENZ,
        1,
        "15:45",
        "17:00",
        "stadthalle",
        "Abschlusspodium: Was braucht Musterstadt für die nächsten 20 Jahre?",
        "Bürgermeisterin, Stadtrat, Jugendparlament und Bündnis diskutieren.",
        """
        Zum Abschluss der Konferenz diskutieren Bürgermeisterin Dr. Katrin Albers,
        Werner Huber (Vorsitzender des Familienausschusses), Lea Schubert
        (Jugendparlament) und Sabine Hoffmann (Bündnis für Familie) die Ergebnisse
        der Workshops. Fragen aus dem Publikum sind ausdrücklich erwünscht.
        """,
        partners=(
            "buergermeisterin",
            "stadtrat-familienausschuss",
            "jugendparlament",
            "buendnis-fuer-familie",
        ),
        audiences=("fachpublikum", "erwachsene"),
        teardown=60,
        capacity=350,
        registration="open",
        accessibility="Schriftdolmetschung (Live-Untertitel) auf der Leinwand.",
    ),
    # --- Tuesday: everything else --------------------------------------------------
    EventSpec(
        "schulkino-checker-tobi",
        KINO,
        1,
        "09:30",
        "11:00",
        "lichtspielhaus",
        "Schulkino: Checker Tobi und das Geheimnis unseres Planeten",
        "Eine Weltreise mit Checker Tobi – für Grundschulklassen.",
        """
        Checker Tobi reist um die Welt, um ein Rätsel zu lösen, und erfährt dabei
        viel über unseren Planeten, über Wasser, Wetter und Klima. Ideal als
        Einstieg in den Sachunterricht; Begleitmaterial für Lehrkräfte gibt es bei
        der Anmeldung.

        Die Schulen melden ihre Klassen mit Lehrkräften an.
        """,
        partners=("lichtspielhaus", "grundschule-am-park"),
        audiences=("grundschule",),
        capacity=150,
        registration="day_before",
    ),
    EventSpec(
        "film-rico-oskar",
        KINO,
        1,
        "15:30",
        "17:15",
        "lichtspielhaus",
        "Rico, Oskar und die Tieferschatten",
        "Ein tiefbegabter und ein hochbegabter Junge lösen einen Kriminalfall.",
        """
        Rico denkt ein bisschen langsamer als andere, Oskar ist hochbegabt und hat
        vor fast allem Angst. Zusammen kommen die beiden einem Entführer auf die
        Spur, der ganz Berlin in Atem hält. Nach dem Kinderbuch von Andreas
        Steinhöfel, empfohlen ab 8 Jahren.
        """,
        partners=("lichtspielhaus",),
        audiences=("grundschule", "kinder", "familien"),
        price=FILM_PRICE,
    ),
    EventSpec(
        "huettenbau-abenteuerspielplatz",
        SPIELPLATZ,
        1,
        "14:00",
        "17:30",
        "abenteuerspielplatz",
        "Hüttenbau auf dem Abenteuerspielplatz",
        "Mit Brettern, Hammer und Nägeln bauen Kinder ihr eigenes Hüttendorf.",
        """
        Auf dem Abenteuerspielplatz am Wasserturm entsteht an diesem Nachmittag ein
        Hüttendorf. Die Kinder planen und bauen in kleinen Gruppen, Betreuerinnen
        des Jugendamts und Handwerker aus dem Reparaturcafé des
        Mehrgenerationenhauses helfen beim Sägen und Nageln.

        Für Kinder ab 6 Jahren; festes Schuhwerk ist Pflicht.
        """,
        partners=("jugendamt", "mehrgenerationenhaus"),
        audiences=("grundschule", "kinder"),
        min_age=6,
    ),
    EventSpec(
        "kulissenwerkstatt",
        THEATER,
        1,
        "15:00",
        "17:30",
        "kulturbahnhof",
        "Kulissenwerkstatt: Wir bauen die hundert Türen",
        "Kinder bemalen und bauen die Türen, die in der Premiere auf der Bühne stehen.",
        """
        Für das Theaterstück „Hundert Türen“ braucht das Ensemble – natürlich –
        viele Türen. In der Kulissenwerkstatt gestalten Kinder gemeinsam mit der
        Bühnenbildnerin des Theatervereins Türen aus Pappe und Holz. Jedes Kind darf
        seine Tür signieren; alle Türen sind in den Vorstellungen zu sehen.

        Für Kinder von 8 bis 14 Jahren. Bitte alte Kleidung mitbringen.
        """,
        partners=("theaterverein-buehnenreif", "goethe-gymnasium"),
        audiences=("grundschule", "kinder"),
        capacity=16,
        registration="open",
        min_age=8,
        max_age=14,
    ),
    EventSpec(
        "judo-schnupperstunde",
        SCHNUPPER,
        1,
        "16:00",
        "17:00",
        "turnhalle-grundschule",
        "Judo-Schnupperstunde für Grundschulkinder",
        "Fallen üben, Kräfte messen, fair bleiben – ohne Vorkenntnisse.",
        """
        Im Judo lernen Kinder, sicher zu fallen, ihre Kraft einzuschätzen und
        Regeln einzuhalten. Trainer Marco Rossi zeigt spielerisch die ersten
        Techniken. Ein Judoanzug ist nicht nötig: Bequeme Sportkleidung mit langen
        Ärmeln genügt.

        Für Kinder von 6 bis 10 Jahren.
        """,
        partners=("judo-club",),
        audiences=("grundschule",),
        capacity=20,
        registration="open",
        min_age=6,
        max_age=10,
    ),
    EventSpec(
        "spendenlauf-vorbereitungslauf",
        LAUF,
        1,
        "18:00",
        "19:00",
        "stadtpark",
        "Gemeinsam trainieren: Vorbereitungslauf zum Spendenlauf",
        "Der Lauftreff lädt zu einer lockeren Runde durch den Stadtpark ein.",
        """
        Sie möchten beim Spendenlauf am Samstag mitmachen, sind aber lange nicht
        gelaufen? Der Lauftreff nimmt Sie mit auf eine lockere Runde von drei oder
        fünf Kilometern, mit Tipps zu Tempo, Schuhen und Dehnen. Kinder, die mit
        ihren Eltern laufen, sind herzlich willkommen.

        Treffpunkt ist der Musikpavillon.
        """,
        partners=("lauftreff",),
        audiences=("familien", "jugendliche", "erwachsene"),
    ),
    # --- Wednesday ------------------------------------------------------------------
    EventSpec(
        "kinderwagenkino",
        KINO,
        2,
        "10:00",
        "12:00",
        "lichtspielhaus",
        "Kinderwagenkino: Filmvormittag für Eltern mit Babys",
        "Ein Film für Eltern, bei dem Babys weinen und gestillt werden dürfen.",
        """
        Beim Kinderwagenkino dürfen Babys dabei sein: Das Licht bleibt gedimmt, der
        Ton ist leiser, Kinderwagen können mit in den Saal, und niemand schaut
        schief, wenn ein Kind weint. Gezeigt wird eine aktuelle Komödie für
        Erwachsene; den Titel verraten wir im Kino.

        Im Foyer gibt es einen Wickeltisch; Hebammen der Praxis Storchennest sind für
        Fragen da.
        """,
        partners=("lichtspielhaus", "hebammenpraxis-storchennest"),
        audiences=("kleinkinder", "erwachsene"),
        capacity=60,
        registration="open",
        price="5 € pro Erwachsenem, Babys frei",
        accessibility="""
            Kinderwagen können mit in den Saal; Rollstuhlplätze in Reihe 1.
            """,
    ),
    EventSpec(
        "film-olchis",
        KINO,
        2,
        "15:30",
        "17:00",
        "lichtspielhaus",
        "Die Olchis – Willkommen in Schmuddelfing",
        "Die grünen Müllliebhaber ziehen nach Schmuddelfing: Eintritt frei.",
        """
        Die Olchis lieben Gestank, Schlamm und Müll – und suchen ein neues Zuhause.
        Auf der Müllkippe von Schmuddelfing finden sie es, doch nicht alle
        Bewohner sind begeistert. Ein fröhlicher Animationsfilm für Kinder ab 4
        Jahren, nach den Büchern von Erhard Dietl.

        Die Sparkasse Musterstadt übernimmt den Eintritt für alle Besucherinnen und
        Besucher.
        """,
        partners=("lichtspielhaus", "sparkasse"),
        audiences=("kita", "grundschule", "familien"),
        capacity=160,
        registration="open",
    ),
    EventSpec(
        "hebammen-cafe",
        SCHNUPPER,
        2,
        "09:30",
        "11:00",
        "familienzentrum",
        "Hebammen-Café: Fragen rund ums erste Lebensjahr",
        "Stillen, Schlafen, Beikost: Hebammen antworten, auch auf Arabisch.",
        """
        Bei Kaffee und Kuchen sprechen Hebammen der Praxis Storchennest mit Eltern
        über alles, was im ersten Lebensjahr Fragen aufwirft. Eine arabischsprachige
        Hebamme ist dabei. Kommen Sie einfach vorbei, gern mit Baby – eine Anmeldung
        ist nicht nötig.
        """,
        partners=("hebammenpraxis-storchennest", "familienzentrum-mittendrin"),
        audiences=("kleinkinder", "erwachsene"),
        languages=("de", "ar"),
    ),
    EventSpec(
        "tueftel-challenge",
        WETTBEWERB,
        2,
        "09:00",
        "13:00",
        "gymnasium-aula",
        "Tüftel-Challenge: Schulteams bauen die längste Murmelbahn",
        "Zwölf Schulteams, vier Stunden, eine Kiste Material: Wer baut die beste Bahn?",
        """
        In der Tüftel-Challenge treten Teams aus den Klassen 5 bis 8 aller
        weiterführenden Schulen gegeneinander an. Jedes Team bekommt dieselbe Kiste
        mit Pappe, Röhren, Klebeband und Holzresten und muss in vier Stunden eine
        Murmelbahn bauen, die möglichst lange läuft. Die Stadtwerke stiften die
        Preise.

        Zuschauerinnen und Zuschauer sind herzlich willkommen; der Eintritt ist frei.
        """,
        partners=("goethe-gymnasium", "kaestner-gesamtschule", "stadtwerke"),
        audiences=("kinder", "familien"),
        setup=60,
        teardown=30,
    ),
    EventSpec(
        "plakatwettbewerb-vernissage",
        WETTBEWERB,
        2,
        "17:00",
        "18:30",
        "rathaus-buergersaal",
        "Ausstellungseröffnung: Plakatwettbewerb „Familie ist …“",
        "Über 200 Plakate von Kindern aus Grund- und Förderschulen im Bürgersaal.",
        """
        Was ist Familie? Über 200 Kinder der Grundschulen und der Lindenschule haben
        ihre Antwort gemalt, geklebt und gedruckt. Die Bürgermeisterin eröffnet die
        Ausstellung; die jungen Künstlerinnen und Künstler führen durch ihre Werke.

        Bis Samstag können alle Besucherinnen und Besucher ihr Lieblingsplakat
        wählen; der Publikumspreis wird auf der Gala verliehen.
        """,
        partners=("grundschule-am-park", "lindenschule", "buergermeisterin"),
        audiences=("grundschule", "familien"),
        setup=60,
    ),
    EventSpec(
        "wasserspiele-lindenallee",
        SPIELPLATZ,
        2,
        "15:00",
        "18:00",
        "spielplatz-lindenallee",
        "Wasserspiele und Matschbaustelle",
        "Pumpen, stauen, matschen: Die Stadtwerke bauen eine Wasserbaustelle auf.",
        """
        Die Stadtwerke schließen eine Wasserbaustelle mit Pumpen, Rinnen und
        Schleusen an den Hydranten an, die Kita Arche Noah bringt Eimer, Schaufeln
        und viel Erfahrung mit Matsch mit. Bitte Wechselkleidung und Handtuch nicht
        vergessen!
        """,
        partners=("stadtwerke", "kita-arche-noah"),
        audiences=("kita", "grundschule", "familien"),
    ),
    EventSpec(
        "instrumentenkarussell",
        SCHNUPPER,
        2,
        "15:00",
        "17:30",
        "stadthalle",
        "Instrumentenkarussell der Musikschule",
        "Geige, Trompete, Schlagzeug, Harfe: Alles darf ausprobiert werden.",
        """
        An zwölf Stationen stellen Lehrkräfte der Musikschule ihre Instrumente vor
        – und die Kinder dürfen alles selbst ausprobieren. Wer möchte, bekommt
        danach eine kostenlose Probestunde.

        Für Kinder ab 4 Jahren mit ihren Eltern; Sie können jederzeit dazukommen.
        """,
        partners=("musikschule",),
        audiences=("kita", "grundschule", "familien"),
    ),
    EventSpec(
        "vorlesestunde-deutsch-arabisch",
        SCHNUPPER,
        2,
        "16:00",
        "17:00",
        "stadtbibliothek",
        "Vorlesestunde auf Deutsch und Arabisch",
        "Geschichten in zwei Sprachen für Kinder von 4 bis 8 Jahren.",
        """
        Eine Lesepatin aus dem Integrationsbeirat und eine Bibliothekarin lesen
        gemeinsam vor – abwechselnd auf Arabisch und auf Deutsch. Anschließend
        können sich die Familien einen Bibliotheksausweis ausstellen lassen, für
        Kinder ist er kostenlos.
        """,
        partners=("stadtbibliothek", "integrationsbeirat"),
        audiences=("kita", "grundschule", "familien"),
        languages=("de", "ar"),
    ),
    EventSpec(
        "maedchenfussball-schnuppertraining",
        SCHNUPPER,
        2,
        "16:30",
        "18:00",
        "sportplatz-kaestner-schule",
        "Fußball-Schnuppertraining für Mädchen",
        "Die Trainerinnen der Mädchenmannschaften des TSV laden zum Mitkicken ein.",
        """
        Beim TSV spielen inzwischen vier Mädchenmannschaften – und es dürfen gern
        mehr werden. Im Schnuppertraining lernen Mädchen von 6 bis 12 Jahren Passen,
        Dribbeln und Torschuss. Fußballschuhe sind nicht nötig, Turnschuhe reichen.
        """,
        partners=("tsv-musterstadt", "gleichstellungsbeauftragte"),
        audiences=("grundschule", "kinder"),
        capacity=30,
        registration="open",
        min_age=6,
        max_age=12,
    ),
    EventSpec(
        "stadtfuehrung-stadtmaus",
        SCHNUPPER,
        2,
        "10:30",
        "12:00",
        "rathausplatz",
        "Stadtführung für Familien: Auf den Spuren der Stadtmaus",
        "Eine Rätselrallye durch die Altstadt für Familien mit Kindern ab 6 Jahren.",
        """
        Die Stadtmaus Mathilde lebt seit 400 Jahren im Rathaus und kennt jeden
        Winkel der Altstadt. Mit einem Rätselheft folgen Familien ihren Spuren zum
        Stadtbrunnen, zur alten Stadtmauer und in den Rathauskeller. Die Führung
        dauert anderthalb Stunden; Treffpunkt ist der Brunnen auf dem Rathausplatz.
        """,
        partners=("vhs", "werbegemeinschaft"),
        audiences=("grundschule", "familien"),
        capacity=25,
        registration="open",
        accessibility="Teilweise Kopfsteinpflaster; der Rathauskeller hat Stufen.",
    ),
    EventSpec(
        "gaming-nachmittag-familien",
        SCHNUPPER,
        2,
        "16:00",
        "18:30",
        "jugendzentrum",
        "Gaming-Nachmittag für Eltern und Kinder",
        "Gemeinsam spielen und über Spielzeiten, Altersfreigaben und Kosten reden.",
        """
        Was spielt mein Kind eigentlich? Im Jugendzentrum probieren Eltern und
        Kinder gemeinsam aktuelle Konsolen- und Handyspiele aus. Medienpädagoginnen
        der Erziehungsberatung erklären Altersfreigaben, In-App-Käufe und
        Jugendschutzeinstellungen und geben Tipps für Regeln, die in der Familie
        funktionieren.

        Für Kinder ab 8 Jahren mit mindestens einem Elternteil.
        """,
        partners=("jugendzentrum-kompass", "erziehungsberatung"),
        audiences=("kinder", "familien"),
        min_age=8,
    ),
    EventSpec(
        "theater-offene-probe-mittwoch",
        THEATER,
        2,
        "17:30",
        "19:30",
        "kulturbahnhof",
        "Offene Probe: Die Musik zu „Hundert Türen“",
        "Der Seniorenchor und die Schulband proben die Lieder des Stücks.",
        """
        Zum Stück gehören sechs Lieder, die der Seniorenchor des
        Mehrgenerationenhauses gemeinsam mit der Schulband der
        Erich-Kästner-Gesamtschule einstudiert hat. Bei dieser offenen Probe hören
        Sie die Musik zum ersten Mal – und beim letzten Lied dürfen alle
        mitsingen.
        """,
        partners=(
            "theaterverein-buehnenreif",
            "mehrgenerationenhaus",
            "kaestner-gesamtschule",
        ),
        audiences=("familien", "erwachsene"),
    ),
    EventSpec(
        "erste-hilfe-am-kind",
        SCHNUPPER,
        2,
        "18:00",
        "21:00",
        "familienbildungsstaette",
        "Erste Hilfe am Kind – Kompaktkurs für Eltern und Großeltern",
        "Was tun bei Fieberkrampf, Verschlucken oder Sturz? Drei Stunden Praxis.",
        """
        Ein Notfallsanitäter zeigt, wie Sie bei Säuglingen und Kleinkindern richtig
        reagieren: bei Verschlucken, Vergiftungen, Verbrennungen, Fieberkrampf und
        Stürzen. Sie üben die Wiederbelebung an Übungspuppen.

        Der Kurs ersetzt keinen vollständigen Erste-Hilfe-Kurs. Die Gebühr deckt das
        Kursmaterial.
        """,
        partners=("familienbildungsstaette", "kinderarztpraxis"),
        audiences=("erwachsene",),
        capacity=16,
        registration="day_before",
        min_age=16,
        price="10 € pro Person",
        accessibility="Kursraum im 1. Obergeschoss ohne Aufzug.",
    ),
    EventSpec(
        "mitmachkonzert-sonnenlieder",
        SCHNUPPER,
        2,
        "10:00",
        "10:45",
        "familienbildungsstaette",
        "Mitmachkonzert „Sonnenlieder“",
        "Die Kita Sonnenschein singt und spielt mit Familien aus der Nachbarschaft.",
        """
        Die Kinder der Kita Sonnenschein haben mit einer Musikschullehrerin Lieder
        über Sonne, Regen und Regenbogen einstudiert und laden andere Familien zum
        Mitsingen und Mittrommeln ein. (Vorschlag der Kita, Termin und Ort werden
        noch abgestimmt.)
        """,
        partners=("kita-sonnenschein", "musikschule"),
        audiences=("kita", "familien"),
        status=DRAFT,
    ),
    # --- Thursday -------------------------------------------------------------------
    EventSpec(
        "schulkino-fliegendes-klassenzimmer",
        KINO,
        3,
        "09:30",
        "11:30",
        "lichtspielhaus",
        "Schulkino: Das fliegende Klassenzimmer",
        "Erich Kästners Internatsgeschichte für die Klassen 3 bis 6.",
        """
        Die Schüler eines Internats proben ein Theaterstück, kämpfen mit den
        Realschülern aus der Stadt und finden in zwei Erwachsenen echte Freunde. Die
        Verfilmung von Erich Kästners Klassiker passt gut zum Theaterprojekt der
        Festwoche – und zur Namensgeberin der Gesamtschule.

        Die Schulen melden ihre Klassen mit Lehrkräften an.
        """,
        partners=("lichtspielhaus", "kaestner-gesamtschule"),
        audiences=("grundschule", "kinder"),
        capacity=150,
        registration="day_before",
    ),
    EventSpec(
        "film-wickie",
        KINO,
        3,
        "15:30",
        "17:15",
        "lichtspielhaus",
        "Wickie und die starken Männer",
        "Der kleine Wikinger, der lieber denkt als kämpft: Familienfilm.",
        """
        Wickie ist kein starker Wikinger, aber ein kluger: Als die Kinder seines
        Dorfes entführt werden, zieht er mit seinem Vater Halvar und der Mannschaft
        los – und rettet sie mit seinen Einfällen. Ein Familienfilm voller
        Abenteuer, empfohlen ab 6 Jahren.
        """,
        partners=("lichtspielhaus",),
        audiences=("grundschule", "familien"),
        price=FILM_PRICE,
    ),
    EventSpec(
        "filmabend-systemsprenger",
        KINO,
        3,
        "19:30",
        "22:00",
        "lichtspielhaus",
        "Filmabend mit Gespräch: Systemsprenger",
        "Ein Film über ein Kind, das durch alle Raster fällt, mit Fachgespräch danach.",
        """
        Die neunjährige Benni ist so wütend, dass keine Pflegefamilie, keine
        Wohngruppe und keine Schule sie lange behält. Nora Fingscheidts
        preisgekrönter Film erzählt eindringlich von einem Kind und den Menschen, die
        es nicht aufgeben.

        Nach dem Film sprechen Fachkräfte des Jugendamts und der Erziehungsberatung
        über Hilfen für Familien in schwierigen Lagen. Ab 12 Jahren; der Film ist
        emotional sehr fordernd.
        """,
        partners=("lichtspielhaus", "jugendamt", "erziehungsberatung"),
        audiences=("erwachsene", "fachpublikum"),
        min_age=12,
        price="5 €",
    ),
    EventSpec(
        "trickfilm-workshop",
        KINO,
        3,
        "14:00",
        "17:00",
        "jugendzentrum",
        "Trickfilm-Workshop: Knete, Kamera, Action!",
        "Kinder drehen mit Tablets eigene Stop-Motion-Filme.",
        """
        Aus Knete, Papier und Legofiguren entstehen in drei Stunden kleine
        Trickfilme: Die Kinder schreiben eine Geschichte, bauen die Kulisse und
        fotografieren Bild für Bild mit dem Tablet. Die fertigen Filme laufen am
        Sonntag in der Abschlussvorstellung im Lichtspielhaus.

        Für Kinder von 8 bis 12 Jahren. Mit der Anmeldung stimmen Sie zu, dass der
        Film Ihres Kindes im Kino gezeigt wird.
        """,
        partners=("jugendzentrum-kompass", "lichtspielhaus"),
        audiences=("grundschule", "kinder"),
        capacity=12,
        registration="open",
        min_age=8,
        max_age=12,
    ),
    EventSpec(
        "spielplatz-check",
        SPIELPLATZ,
        3,
        "15:00",
        "17:30",
        "spielplatz-lindenallee",
        "Spielplatz-Check: Kinder testen und bewerten",
        "Kinder als Experten: Mit Checkliste und Kamera prüfen sie den Spielplatz.",
        """
        Was macht Spaß, was ist kaputt, was fehlt? Mit einer Checkliste, Stiften und
        Kameras prüfen Kinder den Spielplatz Lindenallee. Ihre Ergebnisse übergeben
        sie am Ende direkt an Mitglieder des Familienausschusses – und die haben
        versprochen, sie in die Planung der Neugestaltung aufzunehmen.
        """,
        partners=("jugendamt", "stadtrat-familienausschuss", "jugendparlament"),
        audiences=("grundschule", "kinder"),
    ),
    EventSpec(
        "vorlesewettbewerb-stadtentscheid",
        WETTBEWERB,
        3,
        "14:00",
        "16:30",
        "stadtbibliothek",
        "Vorlesewettbewerb der 6. Klassen – Stadtentscheid",
        "Die besten Vorleserinnen und Vorleser der Schulen lesen um den Stadtsieg.",
        """
        Je eine Schulsiegerin oder ein Schulsieger aus jeder weiterführenden Schule
        liest zunächst aus einem selbst gewählten Buch und dann einen unbekannten
        Text vor. Eine Jury aus Bibliothekarinnen, Lehrkräften und einer
        Vorjahressiegerin entscheidet.

        Die Zuschauerplätze sind begrenzt; bitte melden Sie sich an.
        """,
        partners=("stadtbibliothek", "goethe-gymnasium", "kaestner-gesamtschule"),
        audiences=("kinder", "familien"),
        capacity=70,
        registration="open",
    ),
    EventSpec(
        "zahnputz-party",
        SCHNUPPER,
        3,
        "10:00",
        "11:00",
        "stadtbibliothek",
        "Zahnputz-Party mit Kroko",
        "Mit Handpuppe Kroko lernen Kita-Kinder, wie Zähneputzen Spaß macht.",
        """
        Kroko hat Zahnweh – und die Kinder helfen ihm, wieder gesund zu werden. Mit
        Liedern, einem Riesengebiss und einer echten Zahnputz-Übung zeigt der
        Arbeitskreis Zahngesundheit, wie Kinder ihre Zähne richtig putzen. Jedes
        Kind bekommt eine Zahnbürste geschenkt.

        Für Kita-Gruppen und Familien mit Kindern von 3 bis 6 Jahren.
        """,
        partners=("ak-zahngesundheit", "gesundheitsamt", "kita-regenbogen"),
        audiences=("kita",),
    ),
    EventSpec(
        "eltern-kind-turnen",
        SCHNUPPER,
        3,
        "16:00",
        "17:00",
        "turnhalle-grundschule",
        "Eltern-Kind-Turnen für Ein- bis Dreijährige",
        "Krabbeln, klettern, rollen: Bewegung für die Kleinsten mit Mama oder Papa.",
        """
        In einer Bewegungslandschaft aus weichen Matten, schiefen Ebenen und kleinen
        Kästen entdecken Kinder von 1 bis 3 Jahren gemeinsam mit einem Elternteil,
        was ihr Körper schon alles kann. Zum Schluss gibt es ein Abschlusslied mit
        dem großen Schwungtuch.

        Bitte melden Sie Kind und Begleitperson an.
        """,
        partners=("tsv-musterstadt",),
        audiences=("kleinkinder", "familien"),
        capacity=24,
        registration="open",
    ),
    EventSpec(
        "basar-babyausstattung",
        MARKT,
        3,
        "17:00",
        "19:30",
        "familienzentrum",
        "Basar für Babyausstattung und Umstandsmode",
        "Erstausstattung, Tragetücher, Umstandskleidung: gut erhalten und günstig.",
        """
        Werdende Eltern und Familien mit Babys finden hier gut erhaltene
        Erstausstattung: Kleidung bis Größe 86, Tragetücher, Babyschalen,
        Beistellbetten und Umstandsmode. Verkauft wird über eine gemeinsame Kasse;
        zehn Prozent des Erlöses gehen an den Familienfonds.

        Schwangere dürfen schon ab 16:30 Uhr einkaufen.
        """,
        partners=("familienzentrum-mittendrin", "hebammenpraxis-storchennest"),
        audiences=("familien", "erwachsene"),
        setup=60,
        teardown=45,
    ),
    EventSpec(
        "kinder-fragen-die-buergermeisterin",
        SCHNUPPER,
        3,
        "16:00",
        "17:00",
        "rathaus-buergersaal",
        "Kinder fragen, die Bürgermeisterin antwortet",
        "Eine Kindersprechstunde im Rathaus: Alle Fragen sind erlaubt.",
        """
        Warum gibt es in unserer Straße keinen Zebrastreifen? Was verdient eine
        Bürgermeisterin? Dr. Katrin Albers beantwortet eine Stunde lang die Fragen
        von Kindern. Das Jugendparlament moderiert und achtet darauf, dass die
        Kinder zu Wort kommen – die Erwachsenen hören zu.
        """,
        partners=("buergermeisterin", "jugendparlament"),
        audiences=("grundschule", "kinder"),
    ),
    EventSpec(
        "elternabend-medienerziehung",
        SCHNUPPER,
        3,
        "19:00",
        "21:00",
        "gymnasium-aula",
        "Elternabend: Smartphone, Tablet & Co. – Medienerziehung ohne Stress",
        "Wie viel Bildschirmzeit ist in Ordnung? Ein Abend mit praktischen Tipps.",
        """
        Ab wann ein eigenes Handy? Wie viel Bildschirmzeit ist in Ordnung, und was
        tun, wenn es deshalb jeden Abend Streit gibt? Ein Medienpädagoge der
        Volkshochschule gibt einen Überblick, danach beantworten Fachkräfte der
        Erziehungsberatung Ihre Fragen.

        Eine Dolmetscherin übersetzt bei Bedarf ins Türkische.
        """,
        partners=("schulelternbeirat-gymnasium", "erziehungsberatung", "vhs"),
        audiences=("erwachsene",),
        languages=("de", "tr"),
        accessibility="Zugang über den Nebeneingang mit mobiler Rampe auf Anfrage.",
    ),
    EventSpec(
        "eltern-kind-yoga-im-park",
        SCHNUPPER,
        3,
        "10:00",
        "11:00",
        "stadtpark",
        "Eltern-Kind-Yoga im Park",
        "Tierhaltungen, Atemspiele und Entspannung für Kinder ab 3 Jahren und Eltern.",
        """
        Wie ein Baum stehen, wie eine Katze buckeln, wie ein Löwe brüllen: Beim
        Kinderyoga wird das Üben zum Spiel. Eine Kursleiterin der
        Familienbildungsstätte leitet die Stunde auf der Wiese am Musikpavillon.
        Bitte bringen Sie eine Decke oder Matte mit. Bei Regen fällt die Stunde aus.
        """,
        partners=("familienbildungsstaette",),
        audiences=("kita", "familien"),
    ),
    # --- Friday ---------------------------------------------------------------------
    EventSpec(
        "schulkino-schule-der-magischen-tiere",
        KINO,
        4,
        "09:30",
        "11:15",
        "lichtspielhaus",
        "Schulkino: Die Schule der magischen Tiere",
        "Zusatzvorstellung für Grundschulklassen wegen der großen Nachfrage.",
        """
        Weil die Familienvorstellung am Montag schnell ausgebucht war, zeigt das
        Lichtspielhaus „Die Schule der magischen Tiere“ noch einmal für
        Grundschulklassen. Die Schulen melden ihre Klassen mit Lehrkräften an.
        """,
        partners=("lichtspielhaus", "grundschule-am-park"),
        audiences=("grundschule",),
        capacity=150,
        registration="day_before",
    ),
    EventSpec(
        "stummfilm-live-musik",
        KINO,
        4,
        "15:30",
        "16:45",
        "lichtspielhaus",
        "Stummfilm-Nachmittag: Slapstick mit Live-Klavier",
        "Kurze Stummfilmkomödien, live begleitet von Schülerinnen der Musikschule.",
        """
        Bevor das Kino sprechen lernte, spielte im Saal ein Pianist. Schülerinnen und
        Schüler der Musikschule begleiten drei kurze Slapstick-Komödien aus den
        1920er-Jahren live am Klavier – mit Verfolgungsjagden, Tortenschlachten und
        halsbrecherischen Stunts. Ein Spaß für alle Generationen, ganz ohne Sprache.
        """,
        partners=("lichtspielhaus", "musikschule"),
        audiences=("grundschule", "kinder", "familien"),
        price=FILM_PRICE,
    ),
    EventSpec(
        "jugendfilmnacht",
        KINO,
        4,
        "20:00",
        "22:00",
        "lichtspielhaus",
        "Jugendfilmnacht: Kurzfilme aus dem Landkreis",
        "Zwölf Kurzfilme von jungen Filmemacherinnen und Filmemachern, Publikumspreis.",
        """
        Beim Jugendfilmwettbewerb des Landkreises wurden in diesem Jahr über 40
        Filme eingereicht. Die Jugendfilmnacht zeigt die zwölf besten – von der
        Handy-Doku bis zum Animationsfilm. Das Publikum wählt den Gewinner; die
        Filmemacherinnen und Filmemacher sind anwesend.

        Ab 12 Jahren. Einige Filme haben englische Untertitel.
        """,
        partners=("lichtspielhaus", "jugendzentrum-kompass", "jugendparlament"),
        audiences=("jugendliche",),
        min_age=12,
        languages=("de", "en"),
    ),
    EventSpec(
        "fussball-e-jugend-vorspiel",
        FUSSBALL,
        4,
        "16:30",
        "17:30",
        "sportplatz-kaestner-schule",
        "Vorspiel der E-Jugend: TSV Musterstadt gegen JSG Talaue",
        "Die Jüngsten eröffnen den Fußballabend.",
        """
        Bevor die Großen antreten, spielt die E-Jugend des TSV gegen die JSG Talaue
        – zwei Halbzeiten à 25 Minuten auf dem Kleinfeld. Die Spielerinnen und
        Spieler sind 9 und 10 Jahre alt und freuen sich über lautstarke
        Unterstützung.
        """,
        partners=("tsv-musterstadt",),
        audiences=("grundschule", "familien"),
        setup=30,
    ),
    EventSpec(
        "benefizspiel-stadtrat-eltern",
        FUSSBALL,
        4,
        "18:00",
        "19:45",
        "sportplatz-kaestner-schule",
        "Benefizspiel: Stadtrat-Auswahl gegen Eltern-Allstars",
        "Politik gegen Eltern – jedes Tor bringt 100 € für den Familienfonds.",
        """
        Die Auswahl des Stadtrats, verstärkt durch die Bürgermeisterin im Tor,
        tritt gegen ein Team aus Elternvertreterinnen und -vertretern an. Die
        Sparkasse spendet für jedes Tor 100 € an den Familienfonds des Bündnisses,
        egal für welche Mannschaft. Kinder der E-Jugend laufen mit den Spielern ein.

        Der Eintritt ist frei; Spenden werden am Eingang gesammelt. Für Würstchen,
        Falafel und Getränke sorgt der Förderverein der Gesamtschule.
        """,
        partners=(
            "tsv-musterstadt",
            "stadtrat-familienausschuss",
            "stadtelternbeirat-kitas",
            "sparkasse",
        ),
        audiences=("familien", "erwachsene"),
        teardown=60,
    ),
    EventSpec(
        "theater-premiere",
        THEATER,
        4,
        "18:00",
        "19:45",
        "kulturbahnhof",
        "Premiere: „Hundert Türen“ – ein Theaterstück für alle Generationen",
        "Die Premiere des gemeinsamen Theaterprojekts, mit Audiodeskription.",
        """
        In einem alten Mietshaus in Musterstadt wohnen hinter hundert Türen hundert
        Familien – große und kleine, laute und leise, alteingesessene und neu
        zugezogene. Als das Haus verkauft werden soll, müssen sie zum ersten Mal
        miteinander reden. Ein Stück über Nachbarschaft, gespielt von fünfzig
        Menschen zwischen 5 und 83 Jahren.

        Für Zuschauer ab 6 Jahren, Dauer etwa 100 Minuten ohne Pause.
        """,
        partners=(
            "theaterverein-buehnenreif",
            "mehrgenerationenhaus",
            "goethe-gymnasium",
            "kita-arche-noah",
        ),
        audiences=("familien", "kinder", "erwachsene"),
        setup=120,
        teardown=45,
        capacity=180,
        registration="day_before",
        accessibility="""
            Audiodeskription über Kopfhörer für blinde und sehbehinderte Gäste;
            bitte bei der Anmeldung angeben.
            """,
    ),
    EventSpec(
        "wettbewerb-finale",
        WETTBEWERB,
        4,
        "10:00",
        "12:30",
        "gymnasium-aula",
        "Finale: „Meine Stadt in 20 Jahren“ – Schulteams präsentieren",
        "Acht Finalteams stellen ihre Ideen für Musterstadt einer Jury vor.",
        """
        Wie sieht Musterstadt aus, wenn die heutigen Schülerinnen und Schüler
        erwachsen sind? Acht Teams aus allen Schulformen haben Modelle, Videos und
        Konzepte erarbeitet: vom autofreien Schulweg bis zum Jugendcafé im alten
        Bahnhof. Die Jury aus Stadtrat, Jugendparlament und Wirtschaft vergibt drei
        Preise, die auf der Gala überreicht werden.
        """,
        partners=(
            "goethe-gymnasium",
            "kaestner-gesamtschule",
            "lindenschule",
            "jugendparlament",
        ),
        audiences=("kinder", "jugendliche", "fachpublikum"),
        setup=30,
        accessibility="Zugang über den Nebeneingang mit mobiler Rampe auf Anfrage.",
    ),
    EventSpec(
        "strassenkreide-festival",
        SPIELPLATZ,
        4,
        "14:30",
        "17:00",
        "spielplatz-lindenallee",
        "Straßenkreide-Festival: Die Lindenallee wird bunt",
        "Die Lindenallee ist für Autos gesperrt – und gehört den Kreidekünstlern.",
        """
        Für einen Nachmittag wird die Lindenallee vor dem Spielplatz gesperrt. Kinder
        bemalen den Asphalt mit Straßenkreide, die Kita Regenbogen hat
        Schablonen vorbereitet, und der Waldkindergarten bringt Naturfarben mit.
        Die schönsten Bilder werden fotografiert und im Rathaus ausgestellt.
        """,
        partners=("kita-regenbogen", "waldkindergarten-wurzelwerk"),
        audiences=("kita", "grundschule", "familien"),
    ),
    EventSpec(
        "kindertagespflege-kennenlernen",
        SCHNUPPER,
        4,
        "09:30",
        "11:30",
        "familienzentrum",
        "Kindertagespflege kennenlernen: Spielvormittag mit Tagesmüttern und -vätern",
        "Tagesmütter und Tagesväter stellen sich vor, die Kinder spielen derweil.",
        """
        Sie suchen einen Betreuungsplatz für Ihr Kind unter drei Jahren? Beim
        Spielvormittag lernen Sie Tagesmütter und Tagesväter aus Musterstadt
        kennen, während Ihr Kind mit anderen spielt. Die Fachberatung erklärt, wie
        die Vermittlung funktioniert und was ein Platz kostet.
        """,
        partners=(
            "tagespflegeverein",
            "grosstagespflege-kleine-strolche",
            "fachberatung-kindertagespflege",
        ),
        audiences=("kleinkinder", "familien"),
    ),
    EventSpec(
        "comic-workshop",
        SCHNUPPER,
        4,
        "15:00",
        "17:00",
        "stadtbibliothek",
        "Comic-Workshop: Zeichne deine eigene Heldengeschichte",
        "Figuren entwerfen, Panels planen, Sprechblasen füllen – mit einer Zeichnerin.",
        """
        Die Comiczeichnerin Jana Kühn zeigt, wie aus einer Idee ein Comic wird: Wie
        zeichne ich eine Figur, die man wiedererkennt? Wie erzähle ich in sechs
        Bildern eine Geschichte? Am Ende nimmt jedes Kind ein eigenes Comic-Heft mit
        nach Hause.

        Für Kinder von 10 bis 14 Jahren. Der Beitrag deckt Skizzenbuch und Stifte,
        die die Kinder behalten dürfen.
        """,
        partners=("stadtbibliothek", "vhs"),
        audiences=("kinder",),
        capacity=15,
        registration="open",
        min_age=10,
        max_age=14,
        price="5 € Materialkosten",
    ),
    EventSpec(
        "hiphop-schnupperkurs",
        SCHNUPPER,
        4,
        "15:00",
        "16:30",
        "turnhalle-grundschule",
        "Hip-Hop-Schnupperkurs",
        "Grundschritte und eine kleine Choreografie zu aktueller Musik.",
        """
        Die Tanzschule Taktvoll bringt Musik, Energie und eine kurze Choreografie mit,
        die alle nach anderthalb Stunden können. Keine Vorkenntnisse nötig, bitte in
        Sportkleidung und mit Hallenschuhen kommen.

        Für Kinder und Jugendliche von 10 bis 14 Jahren.
        """,
        partners=("tanzschule-taktvoll",),
        audiences=("kinder",),
        capacity=25,
        registration="open",
        min_age=10,
        max_age=14,
    ),
    EventSpec(
        "ehrenamtsempfang",
        GALA,
        4,
        "17:00",
        "18:30",
        "rathaus-buergersaal",
        "Empfang der Bürgermeisterin: 20 Jahre Ehrenamt im Bündnis",
        "Ein Dankeschön an alle, die sich ehrenamtlich im Bündnis engagieren.",
        """
        Ohne Ehrenamt gäbe es das Bündnis für Familie nicht: Lesepatinnen,
        Elternlotsen, Leih-Großeltern, Trainerinnen und viele mehr. Die
        Bürgermeisterin lädt sie zu einem Empfang ins Rathaus ein und ehrt
        langjährig Engagierte. Die Streicherklasse der Musikschule spielt.

        Die Einladung gilt für Ehrenamtliche mit einer Begleitperson; bitte melden
        Sie sich an.
        """,
        partners=("buergermeisterin", "buendnis-fuer-familie", "musikschule"),
        audiences=("erwachsene",),
        setup=60,
        capacity=120,
        registration="day_before",
    ),
    EventSpec(
        "taschengeld-workshop",
        SCHNUPPER,
        4,
        "16:00",
        "17:30",
        "familienbildungsstaette",
        "Taschengeld, Sparschwein, erstes Konto – Workshop für Kinder",
        "Spielerisch lernen, wie man mit Geld umgeht, ohne Werbung für Produkte.",
        """
        Wie viel kostet eigentlich ein Kinobesuch, und wie lange muss ich dafür
        sparen? Mit einem Einkaufsspiel und einem Haushaltsbuch für Kinder lernen
        die Teilnehmenden, ihr Taschengeld einzuteilen. Die Sparkasse stellt
        Fachleute, verzichtet aber ausdrücklich auf Werbung für ihre Produkte.

        Für Kinder von 9 bis 12 Jahren.
        """,
        partners=("sparkasse", "familienbildungsstaette"),
        audiences=("grundschule", "kinder"),
        capacity=14,
        registration="open",
        min_age=9,
        max_age=12,
        accessibility="Kursraum im 1. Obergeschoss ohne Aufzug.",
    ),
    EventSpec(
        "lesepaten-grosseltern-lesen-vor",
        SCHNUPPER,
        4,
        "10:00",
        "11:00",
        "stadtbibliothek",
        "Lesepaten: Großeltern lesen vor",
        "Leih-Großeltern des Mehrgenerationenhauses lesen ihre Lieblingsbücher vor.",
        """
        Seit zwölf Jahren lesen Seniorinnen und Senioren aus dem
        Mehrgenerationenhaus in Kitas vor. In der Festwoche kommen sie in die
        Bibliothek und bringen die Bücher mit, die schon ihre eigenen Kinder
        geliebt haben. Für Kinder von 3 bis 7 Jahren, gern mit Kita-Gruppe.
        """,
        partners=("mehrgenerationenhaus", "stadtbibliothek"),
        audiences=("kita", "grundschule"),
    ),
    EventSpec(
        "jugenddisco",
        SCHNUPPER,
        4,
        "19:00",
        "22:00",
        "jugendzentrum",
        "Jugenddisco „20 Jahre – 20 Songs“",
        "Das Jugendparlament legt auf: die Hits aus 20 Jahren.",
        """
        Das Jugendparlament plant eine Disco mit den Hits aus 20 Jahren Bündnis.
        (Entwurf: Die Aufsicht und der Jugendschutz sind noch nicht geklärt.)
        """,
        partners=("jugendparlament", "jugendzentrum-kompass"),
        audiences=("jugendliche",),
        min_age=12,
        max_age=17,
        status=DRAFT,
    ),
    # --- Saturday -------------------------------------------------------------------
    EventSpec(
        "spendenlauf-bambini",
        LAUF,
        5,
        "09:30",
        "10:00",
        "sportplatz-kaestner-schule",
        "Spendenlauf: Bambini-Lauf",
        "Eine Stadionrunde für Kinder bis 6 Jahre – Eltern dürfen mitlaufen.",
        """
        Die Kleinsten machen den Anfang: eine Runde auf der Laufbahn, rund 400 Meter,
        in ihrem eigenen Tempo. Eltern dürfen an der Hand mitlaufen. Jedes Kind
        bekommt im Ziel eine Medaille.

        Sponsorenkarten gibt es bei der Anmeldung und in allen Kitas. Bitte melden
        Sie Kind und Begleitperson an.
        """,
        partners=("lauftreff", "tsv-musterstadt", "stadtelternbeirat-kitas"),
        audiences=("kita", "familien"),
        setup=90,
        capacity=120,
        registration="day_before",
    ),
    EventSpec(
        "spendenlauf-schuelerlauf",
        LAUF,
        5,
        "10:15",
        "11:00",
        "sportplatz-kaestner-schule",
        "Spendenlauf: Schülerlauf",
        "30 Minuten Runden sammeln für die eigene Klasse und den guten Zweck.",
        """
        Schülerinnen und Schüler von 6 bis 14 Jahren laufen 30 Minuten lang so viele
        Runden, wie sie schaffen – gehen ist erlaubt. Sponsoren aus Familie und
        Nachbarschaft spenden pro Runde. Die Klasse mit den meisten Runden pro Kopf
        gewinnt einen Ausflug in den Kletterwald.
        """,
        partners=("lauftreff", "kaestner-gesamtschule", "grundschule-am-park"),
        audiences=("grundschule", "kinder"),
        capacity=250,
        registration="day_before",
        min_age=6,
        max_age=14,
    ),
    EventSpec(
        "spendenlauf-familienlauf",
        LAUF,
        5,
        "11:15",
        "12:15",
        "sportplatz-kaestner-schule",
        "Spendenlauf: Familienlauf",
        "Eine Stunde, so viele Runden wie möglich – als Familie oder als Team.",
        """
        Beim Familienlauf zählen die Runden aller Familienmitglieder zusammen,
        ob mit Kinderwagen, Laufrad oder Rollstuhl. Auch Teams aus Betrieben,
        Vereinen und Nachbarschaften sind willkommen. Die Stadtwerke versorgen alle
        mit Wasser, das Gesundheitsamt betreut die Verpflegungsstation.
        """,
        partners=("lauftreff", "stadtwerke", "gesundheitsamt"),
        audiences=("familien", "erwachsene", "jugendliche"),
        capacity=300,
        registration="day_before",
        accessibility="Die Laufbahn ist mit Rollstuhl und Kinderwagen befahrbar.",
    ),
    EventSpec(
        "spendenlauf-siegerehrung",
        LAUF,
        5,
        "12:30",
        "13:15",
        "sportplatz-kaestner-schule",
        "Spendenlauf: Siegerehrung und Spendenübergabe",
        "Wer ist am weitesten gelaufen – und wie viel ist zusammengekommen?",
        """
        Die Bürgermeisterin ehrt die fleißigsten Läuferinnen und Läufer und die
        schnellste Schulklasse. Zum Schluss verkündet die Sparkasse die vorläufige
        Spendensumme – in den letzten Jahren waren es jeweils über 15.000 Euro.
        """,
        partners=("lauftreff", "sparkasse", "buergermeisterin"),
        audiences=("familien",),
        teardown=60,
    ),
    EventSpec(
        "kleider-und-spielzeugmarkt",
        MARKT,
        5,
        "10:00",
        "15:00",
        "rathausplatz",
        "Großer Kleider- und Spielzeugmarkt auf dem Rathausplatz",
        "Über 60 Stände mit Kinderkleidung, Spielzeug, Büchern und Fahrrädern.",
        """
        Der größte Familienflohmarkt des Jahres: Über 60 Familien verkaufen auf dem
        Rathausplatz, was ihre Kinder nicht mehr brauchen – Kleidung, Spielzeug,
        Bücher, Kinderfahrräder und Autositze. Der Stadtelternbeirat organisiert den
        Markt, das Elternnetzwerk hilft beim Auf- und Abbau.

        Die Standplätze werden vorab vergeben. Standgebühren und Kuchenverkauf
        kommen dem Familienfonds zugute.
        """,
        partners=("stadtelternbeirat-kitas", "elternnetzwerk", "werbegemeinschaft"),
        audiences=("familien", "erwachsene"),
        setup=120,
        teardown=60,
        languages=("de", "en"),
    ),
    EventSpec(
        "plakatwettbewerb-publikumsabstimmung",
        WETTBEWERB,
        5,
        "10:00",
        "13:00",
        "rathaus-buergersaal",
        "Ausstellung Plakatwettbewerb: letzte Gelegenheit zur Publikumsabstimmung",
        "Noch einmal alle Plakate sehen und das Lieblingsplakat wählen.",
        """
        Parallel zum Kleider- und Spielzeugmarkt ist die Ausstellung des
        Plakatwettbewerbs „Familie ist …“ ein letztes Mal geöffnet. Um 13 Uhr
        schließt die Publikumsabstimmung; der Preis wird am Abend auf der Gala
        verliehen.
        """,
        partners=("grundschule-am-park", "lindenschule"),
        audiences=("grundschule", "familien"),
    ),
    EventSpec(
        "jubilaeumsgala",
        GALA,
        5,
        "19:00",
        "22:30",
        "stadthalle",
        "Jubiläumsgala: Stars aus der Region und junge Talente",
        "Der festliche Abend mit Musik, Tanz, Comedy und Preisverleihungen.",
        """
        Moderiert von der Radiomoderatorin Nicole Brandes stehen an diesem Abend
        bekannte Künstlerinnen und Künstler aus der Region gemeinsam mit jungen
        Talenten auf der Bühne: die Big Band der Musikschule, die
        Hip-Hop-Gruppe der Tanzschule Taktvoll, der Comedian Ralf „Ralle“ Stein und
        die Siegerin des Landeswettbewerbs „Jugend musiziert“ aus dem Goethe-Gymnasium.

        Im Laufe des Abends werden die Preise des Schülerwettbewerbs und der
        Publikumspreis des Plakatwettbewerbs verliehen. Der Kartenvorverkauf beginnt
        zwei Wochen vor der Festwoche.
        """,
        partners=(
            "buendnis-fuer-familie",
            "musikschule",
            "tanzschule-taktvoll",
            "sparkasse",
            "werbegemeinschaft",
        ),
        audiences=("familien", "jugendliche", "erwachsene"),
        setup=240,
        teardown=90,
        capacity=450,
        registration="presale",
        price="8 € pro Person, Kinder bis 14 Jahre 4 €",
        accessibility="""
            Rollstuhlplätze und Plätze im Bereich der Induktionsschleife im Parkett –
            bitte bei der Anmeldung angeben. Die Moderation wird in Deutsche
            Gebärdensprache gedolmetscht.
            """,
    ),
    EventSpec(
        "theater-zweite-vorstellung",
        THEATER,
        5,
        "15:00",
        "16:45",
        "kulturbahnhof",
        "„Hundert Türen“ – zweite Vorstellung",
        "Das Theaterstück der Festwoche am Samstagnachmittag.",
        """
        Die zweite Vorstellung des generationenübergreifenden Theaterprojekts: ein
        altes Mietshaus, hundert Türen, hundert Familien – und die Frage, was
        Nachbarschaft zusammenhält. Für Zuschauer ab 6 Jahren, Dauer etwa 100
        Minuten ohne Pause.
        """,
        partners=("theaterverein-buehnenreif", "mehrgenerationenhaus"),
        audiences=("familien", "kinder", "erwachsene"),
        setup=60,
        teardown=30,
        capacity=180,
        registration="open",
    ),
    EventSpec(
        "kinomatinee-checker-tobi",
        KINO,
        5,
        "11:00",
        "12:30",
        "lichtspielhaus",
        "Familienmatinee: Checker Tobi und das Geheimnis unseres Planeten",
        "Die Weltreise mit Checker Tobi noch einmal für Familien am Wochenende.",
        """
        Nach der Schulvorstellung am Dienstag zeigt das Lichtspielhaus den Film
        noch einmal für Familien. Im Foyer bauen die Stadtwerke eine kleine
        Experimentierstation zum Thema Wasser auf.
        """,
        partners=("lichtspielhaus", "stadtwerke"),
        audiences=("grundschule", "familien"),
        price=FILM_PRICE,
    ),
    EventSpec(
        "film-das-kleine-gespenst",
        KINO,
        5,
        "16:00",
        "17:45",
        "lichtspielhaus",
        "Das kleine Gespenst",
        "Otfried Preußlers Gespenst will einmal die Welt bei Tag sehen.",
        """
        Das kleine Gespenst spukt jede Nacht auf Burg Eulenstein und wünscht sich
        nichts sehnlicher, als einmal die Welt bei Tageslicht zu sehen. Als sein
        Wunsch in Erfüllung geht, stellt es die ganze Stadt auf den Kopf. Nach dem
        Kinderbuchklassiker von Otfried Preußler, empfohlen ab 6 Jahren.
        """,
        partners=("lichtspielhaus",),
        audiences=("grundschule", "familien"),
        price=FILM_PRICE,
    ),
    EventSpec(
        "zirkuswerkstatt",
        SPIELPLATZ,
        5,
        "14:00",
        "17:00",
        "abenteuerspielplatz",
        "Zirkuswerkstatt: Jonglieren, Balancieren, Staunen",
        "Tücher, Teller, Diabolos und ein Seil für kleine Artistinnen und Artisten.",
        """
        Der Kinderzirkus des Mehrgenerationenhauses baut auf dem Abenteuerspielplatz
        seine Manege auf. Kinder probieren Jonglieren, Tellerdrehen, Diabolo und
        Balancieren auf dem niedrigen Seil aus. Um 16:30 Uhr zeigen alle, die
        mögen, ihr Können in einer kleinen Vorstellung.
        """,
        partners=("mehrgenerationenhaus", "kita-arche-noah"),
        audiences=("kita", "grundschule", "familien"),
    ),
    EventSpec(
        "mobiler-kletterturm",
        SPIELPLATZ,
        5,
        "10:00",
        "16:00",
        "abenteuerspielplatz",
        "Mobiler Kletterturm",
        "Ein acht Meter hoher Kletterturm mit Sicherung für Kinder ab 6 Jahren.",
        """
        An einem acht Meter hohen Kletterturm können Kinder ab 6 Jahren gesichert
        klettern. Trainer des Alpenvereins sichern und geben Tipps.
        """,
        partners=("sparkasse",),
        audiences=("grundschule", "kinder"),
        min_age=6,
        status=CANCELLED,
        cancel_reason=(
            "Der mobile Kletterturm wurde bei der Sicherheitsprüfung beanstandet und "
            "steht in der Festwoche leider nicht zur Verfügung."
        ),
    ),
    EventSpec(
        "feuerwehr-zum-anfassen",
        SCHNUPPER,
        5,
        "10:00",
        "13:00",
        "rathausplatz",
        "Feuerwehr zum Anfassen",
        "Löschfahrzeug erkunden, mit dem Schlauch zielen, Brandschutz-Quiz lösen.",
        """
        Die Freiwillige Feuerwehr kommt mit Löschfahrzeug und Drehleiter auf den
        Rathausplatz. Kinder dürfen im Fahrzeug sitzen, mit dem Schlauch auf ein
        brennendes Holzhaus zielen und beim Brandschutz-Quiz eine Urkunde gewinnen.
        Die Jugendfeuerwehr stellt sich vor und sucht Nachwuchs ab 6 Jahren.
        """,
        partners=("feuerwehr",),
        audiences=("kita", "grundschule", "familien"),
    ),
    EventSpec(
        "offene-sprechstunde-erziehungsberatung",
        SCHNUPPER,
        5,
        "10:00",
        "12:00",
        "familienzentrum",
        "Offene Sprechstunde der Erziehungsberatung",
        "Beratung ohne Termin, vertraulich und kostenlos – ausnahmsweise am Samstag.",
        """
        Trotzphase, Schulprobleme, Streit in der Trennung: Die
        Erziehungsberatungsstelle bietet in der Festwoche eine offene Sprechstunde
        am Samstag an, damit auch berufstätige Eltern kommen können. Die Gespräche
        sind vertraulich und kostenlos, auf Wunsch anonym. Eine Beraterin spricht
        Türkisch.
        """,
        partners=("erziehungsberatung", "familienzentrum-mittendrin"),
        audiences=("erwachsene", "familien"),
        languages=("de", "tr"),
    ),
    EventSpec(
        "musikgarten",
        SCHNUPPER,
        5,
        "10:00",
        "10:45",
        "familienbildungsstaette",
        "Musikgarten für Kinder von 1 bis 3 Jahren",
        "Singen, Klatschen, Rasseln: erste Musikerfahrungen mit Mama, Papa oder Oma.",
        """
        Im Musikgarten erleben die Kleinsten mit einer erwachsenen Begleitperson
        Lieder, Kniereiter und einfache Instrumente. Eine Lehrerin der Musikschule
        leitet die Stunde. Bitte melden Sie Kind und Begleitperson an.
        """,
        partners=("musikschule", "familienbildungsstaette"),
        audiences=("kleinkinder", "familien"),
        min_age=1,
        max_age=3,
        adult_required_under=4,
        capacity=20,
        registration="open",
        accessibility="Kursraum im 1. Obergeschoss ohne Aufzug.",
    ),
    EventSpec(
        "nachtwanderung-stadtpark",
        SCHNUPPER,
        5,
        "21:30",
        "23:00",
        "stadtpark",
        "Nachtwanderung für Familien",
        "Mit Taschenlampe durch den nächtlichen Stadtpark: Fledermäuse, Eulen, Sterne.",
        """
        Die Erzieherinnen des Waldkindergartens Wurzelwerk führen Familien durch den
        dunklen Stadtpark. Mit einem Fledermausdetektor hören Sie die Rufe der
        Fledermäuse am Schwanenteich, mit etwas Glück ruft ein Waldkauz. Bitte
        Taschenlampe und feste Schuhe mitbringen.

        Für Familien mit Kindern ab 5 Jahren. Treffpunkt am Musikpavillon.
        """,
        partners=("waldkindergarten-wurzelwerk",),
        audiences=("familien",),
        capacity=30,
        registration="open",
    ),
    # --- Sunday ---------------------------------------------------------------------
    EventSpec(
        "familienpicknick",
        PICKNICK,
        6,
        "11:00",
        "17:00",
        "stadtpark",
        "Großes Familienpicknick im Stadtpark",
        "Decke mitbringen, Essen teilen, feiern: der Abschluss der Festwoche.",
        """
        Zum Abschluss der Festwoche verwandelt sich der Stadtpark in eine riesige
        Picknickdecke. Bringen Sie etwas zu essen mit und teilen Sie es mit Ihren
        Nachbarn – oder probieren Sie die internationalen Spezialitäten am Stand
        des Integrationsbeirats. Die Stadtwerke stellen Trinkwasserbrunnen auf, es
        gibt Sonnensegel und viel Platz zum Spielen.

        Für Kinderwagen, Rollstühle und Rollatoren sind die Wege rund um den
        Musikpavillon freigehalten.
        """,
        partners=(
            "mehrgenerationenhaus",
            "buendnis-fuer-familie",
            "stadtwerke",
            "integrationsbeirat",
        ),
        audiences=("familien",),
        setup=180,
        teardown=120,
        languages=("de", "tr", "ar"),
    ),
    EventSpec(
        "picknick-spielstrasse",
        PICKNICK,
        6,
        "11:30",
        "16:00",
        "stadtpark",
        "Spielstraße der Kitas und Schulen",
        "Zwölf Spielstationen von Kitas, Schulen und der Lindenschule.",
        """
        Sackhüpfen, Dosenwerfen, Barfußpfad, Schminkstand und ein Riesen-Mikado: An
        zwölf Stationen zeigen Kitas und Schulen, was bei ihnen gespielt wird. Wer
        an acht Stationen einen Stempel sammelt, bekommt am Info-Stand ein
        Überraschungsgeschenk.
        """,
        partners=(
            "kita-regenbogen",
            "kita-sonnenschein",
            "grundschule-am-park",
            "lindenschule",
        ),
        audiences=("kita", "grundschule", "familien"),
    ),
    EventSpec(
        "kinderflohmarkt",
        MARKT,
        6,
        "11:00",
        "14:00",
        "stadtpark",
        "Kinderflohmarkt: Kinder verkaufen selbst",
        "Auf der Wiese am Schwanenteich verkaufen Kinder ihr eigenes Spielzeug.",
        """
        Hier sind die Kinder die Händler: Auf ihrer Decke verkaufen sie Spielzeug,
        Bücher und Spiele, die sie nicht mehr brauchen, und lernen dabei ganz
        nebenbei Handeln und Rechnen. Eltern dürfen helfen, aber nicht verkaufen.
        Eine Anmeldung ist nicht nötig; Decke mitbringen und einen Platz suchen.
        """,
        partners=("elternnetzwerk", "stadtelternbeirat-kitas"),
        audiences=("grundschule", "kinder", "familien"),
    ),
    EventSpec(
        "picknick-konzert",
        PICKNICK,
        6,
        "14:00",
        "15:00",
        "stadtpark",
        "Picknick-Konzert am Musikpavillon",
        "Kinderchor, Big Band und Seniorenchor spielen zum Zuhören und Mitsingen.",
        """
        Am Musikpavillon spielen die Ensembles der Musikschule, unterstützt vom
        Seniorenchor des Mehrgenerationenhauses. Zum Schluss singen alle gemeinsam
        das Lied aus dem Theaterprojekt „Hundert Türen“ – die Texte werden verteilt.
        """,
        partners=("musikschule", "mehrgenerationenhaus"),
        audiences=("familien",),
    ),
    EventSpec(
        "abschluss-der-festwoche",
        PICKNICK,
        6,
        "16:30",
        "17:00",
        "stadtpark",
        "Abschluss der Festwoche: Dank an alle Helferinnen und Helfer",
        "Bürgermeisterin und Bündnis sagen Danke und verraten die Spendensumme.",
        """
        Zum Ende einer langen Woche danken die Bürgermeisterin und die
        Koordinierungsstelle allen Partnern, Helferinnen und Helfern. Die endgültige
        Summe aus Spendenlauf, Benefizspiel und Markt wird bekanntgegeben.
        """,
        partners=("buergermeisterin", "buendnis-fuer-familie"),
        audiences=("familien", "erwachsene"),
    ),
    EventSpec(
        "theater-familienvorstellung",
        THEATER,
        6,
        "11:00",
        "12:45",
        "kulturbahnhof",
        "„Hundert Türen“ – Familienvorstellung mit Gebärdensprache",
        "Die letzte Vorstellung, gedolmetscht in Deutsche Gebärdensprache.",
        """
        Die letzte Vorstellung des Theaterprojekts wird in Deutsche Gebärdensprache
        gedolmetscht. Danach können Kinder die Bühne besichtigen und die Türen
        finden, die sie in der Kulissenwerkstatt gestaltet haben. Für Zuschauer ab
        6 Jahren.
        """,
        partners=("theaterverein-buehnenreif", "mehrgenerationenhaus", "lindenschule"),
        audiences=("familien", "kinder", "erwachsene"),
        setup=60,
        teardown=60,
        capacity=180,
        registration="open",
        accessibility="""
            Gedolmetscht in Deutsche Gebärdensprache; reservierte Plätze mit guter
            Sicht auf die Dolmetscherin.
            """,
    ),
    EventSpec(
        "kinomatinee-olchis",
        KINO,
        6,
        "11:00",
        "12:30",
        "lichtspielhaus",
        "Sonntagsmatinee: Die Olchis – Willkommen in Schmuddelfing",
        "Die grünen Müllliebhaber noch einmal am Sonntagvormittag.",
        """
        Für alle, die am Mittwoch keinen Platz mehr bekommen haben: Die Olchis
        suchen noch einmal ein neues Zuhause. Empfohlen ab 4 Jahren.
        """,
        partners=("lichtspielhaus",),
        audiences=("kita", "grundschule", "familien"),
        price=FILM_PRICE,
    ),
    EventSpec(
        "kino-abschlussvorstellung",
        KINO,
        6,
        "15:00",
        "16:15",
        "lichtspielhaus",
        "Abschlussvorstellung: Trickfilme aus dem Workshop und Kurzfilme für Familien",
        "Die Filme aus dem Trickfilm-Workshop auf der großen Leinwand – Eintritt frei.",
        """
        Zum Ende der Kinowoche zeigen die Kinder aus dem Trickfilm-Workshop ihre
        Stop-Motion-Filme auf der großen Leinwand. Dazu gibt es eine Auswahl
        preisgekrönter Kurzfilme für Familien und die Verleihung des Publikumspreises
        der Jugendfilmnacht.
        """,
        partners=("lichtspielhaus", "jugendzentrum-kompass"),
        audiences=("grundschule", "kinder", "familien"),
    ),
    EventSpec(
        "lagerfeuer-abenteuerspielplatz",
        SPIELPLATZ,
        6,
        "15:00",
        "18:00",
        "abenteuerspielplatz",
        "Lagerfeuer und Stockbrot am Wasserturm",
        "Zum Ausklang der Woche: Stockbrot backen und Geschichten am Feuer.",
        """
        Nach dem Picknick geht es am Wasserturm gemütlich weiter: Über dem
        Lagerfeuer backen Kinder Stockbrot, und eine Erzählerin des
        Mehrgenerationenhauses erzählt Geschichten aus der Zeit, als der Wasserturm
        noch in Betrieb war. Teig und Stöcke sind vorhanden.
        """,
        partners=("jugendamt", "mehrgenerationenhaus", "feuerwehr"),
        audiences=("kita", "grundschule", "familien"),
    ),
)


# --- Demo accounts ------------------------------------------------------------------
@dataclass(frozen=True)
class AccountSpec:
    username: str
    first_name: str
    last_name: str
    group: str
    description: str


ACCOUNTS = (
    AccountSpec("orga", "Sabine", "Hoffmann", roles.ORGA, "Orga-Team, all rights"),
    AccountSpec(
        "leitung", "Georg", "Hansen", roles.MODULE_LEAD, "Modulleitung of Kinowoche"
    ),
    AccountSpec(
        "partner", "Melanie", "Krüger", roles.PARTNER, "Partner, Kita Sonnenschein"
    ),
    AccountSpec(
        "helferkoordination",
        "Tobias",
        "Wendt",
        roles.VOLUNTEER_COORDINATION,
        "Helferkoordination",
    ),
)
LEAD_ACCOUNT_SUB_EVENT = "kinowoche"
PARTNER_ACCOUNT_PARTNER = "kita-sonnenschein"
