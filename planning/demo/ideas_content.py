"""The demo's Denkfabrik as plain data (German texts): the criteria the plenary's
ideas are rated on, the 120 ideas of the plenary in every state, and comments.

planning.demo.ideas loads it; nothing here writes to the database. A proposer is a
partner's slug (events.demo.content.PARTNERS) or, when no partner matches, a working
group's or a person's name. `event` names a demo event's slug, `created_sub_event`
a demo sub-event's slug: the programme that came from the idea.
"""

from dataclasses import dataclass
from decimal import Decimal

from planning.models import Idea

NEW = Idea.State.NEW
REVIEW = Idea.State.REVIEW
ACCEPTED = Idea.State.ACCEPTED
PLANNED = Idea.State.PLANNED
DONE = Idea.State.DONE
PARKED = Idea.State.PARKED
DECLINED = Idea.State.DECLINED
MERGED = Idea.State.MERGED


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    description: str
    weight: int


CRITERIA = (
    CriterionSpec(
        "Relevanz für Familien",
        "Wie sehr nützt die Idee Familien in Musterstadt – besonders denen, die wir "
        "sonst schwer erreichen?",
        3,
    ),
    CriterionSpec(
        "Machbarkeit",
        "Lässt sich die Idee mit den Partnern, Räumen und Ehrenamtlichen bis zur "
        "Festwoche umsetzen?",
        2,
    ),
    CriterionSpec(
        "Kosten",
        "5 = kostet wenig oder ist schon finanziert, 1 = sprengt das Budget der "
        "Festwoche.",
        1,
    ),
    CriterionSpec(
        "Reichweite",
        "Wie viele Menschen erreicht die Idee, und wie sichtbar ist sie in der Stadt?",
        2,
    ),
)


@dataclass(frozen=True)
class IdeaSpec:
    number: int
    title: str
    description: str
    proposer: str  # a partner's slug, else a working group's or a person's name
    sub_event: str = ""  # a demo sub-event's slug; "" = a new part of the week
    cost: Decimal | None = None
    reach: int | None = None
    state: str = NEW
    reason: str = ""
    merged_into: int | None = None
    event: str = ""
    created_sub_event: str = ""


def D(value: str) -> Decimal:
    return Decimal(value)


IDEAS = (
    # --- Ideas that became whole parts of the week --------------------------------
    IdeaSpec(
        1,
        "Bildungskonferenz „Bildung von Anfang an“",
        "Ein Fachtag für alle, die Kinder begleiten: Kita, Schule, Tagespflege, "
        "Jugendhilfe und Gesundheit an einem Tisch. Workshops am Vormittag, ein "
        "Podium mit der Bürgermeisterin am Nachmittag.",
        "jugendamt",
        cost=D("6500"),
        reach=350,
        state=PLANNED,
        created_sub_event="bildungskonferenz",
    ),
    IdeaSpec(
        2,
        "Benefiz-Fußballspiel: Stadtrat gegen Eltern",
        "Die Stadträtinnen und Stadträte treten gegen eine Auswahl von Müttern und "
        "Vätern an. Eintritt frei, Spenden für den Familienfonds.",
        "tsv-musterstadt",
        cost=D("800"),
        reach=900,
        state=PLANNED,
        created_sub_event="benefiz-fussballspiel",
    ),
    IdeaSpec(
        3,
        "Spendenlauf für Ferienfreizeiten",
        "Kinder, Familien und Firmenteams laufen Runden, Sponsoren zahlen pro Runde. "
        "Der Erlös ermöglicht Kindern aus Familien mit wenig Geld eine Ferienfreizeit.",
        "lauftreff",
        cost=D("1500"),
        reach=600,
        state=PLANNED,
        created_sub_event="spendenlauf",
    ),
    IdeaSpec(
        4,
        "Gala mit regionalen Prominenten und jungen Talenten",
        "Ein festlicher Abend in der Stadthalle: bekannte Gesichter aus der Region "
        "stehen mit Nachwuchstalenten aus Schulen und Vereinen auf der Bühne.",
        "buendnis-fuer-familie",
        cost=D("18000"),
        reach=700,
        state=PLANNED,
        created_sub_event="gala",
    ),
    IdeaSpec(
        5,
        "Kinowoche im Lichtspielhaus",
        "Eine Woche lang Kino für alle Altersgruppen: Kita-Vorstellungen am Vormittag, "
        "Familienfilme am Nachmittag, Jugendfilme am Abend.",
        "lichtspielhaus",
        cost=D("4200"),
        reach=2500,
        state=PLANNED,
        created_sub_event="kinowoche",
    ),
    IdeaSpec(
        6,
        "Schülerwettbewerb „Meine Stadt in 20 Jahren“",
        "Schulen aller Schulformen zeigen ihre Ideen für die Zukunft der Stadt – als "
        "Plakat, als Modell oder auf der Bühne. Die Sieger werden auf der Gala geehrt.",
        "goethe-gymnasium",
        cost=D("2500"),
        reach=1200,
        state=PLANNED,
        created_sub_event="schuelerwettbewerb",
    ),
    IdeaSpec(
        7,
        "Jeden Tag ein Spielplatz",
        "An jedem Tag der Festwoche ist auf einem anderen Spielplatz etwas los: "
        "Spielmobil, Hüttenbau, Wasserspiele. Ohne Anmeldung und kostenlos.",
        "jugendzentrum-kompass",
        cost=D("3000"),
        reach=1500,
        state=PLANNED,
        created_sub_event="spielplatzaktionen",
    ),
    IdeaSpec(
        8,
        "Gemeinsames Theaterprojekt der Generationen",
        "Kinder, Eltern und Großeltern entwickeln mit dem Theaterverein ein eigenes "
        "Stück und führen es in der Festwoche auf.",
        "theaterverein-buehnenreif",
        cost=D("5000"),
        reach=800,
        state=PLANNED,
        created_sub_event="theaterprojekt",
    ),
    IdeaSpec(
        9,
        "Großes Familienpicknick zum Abschluss",
        "Alle Familien der Stadt bringen Decken und Essen mit und feiern im Stadtpark "
        "den Abschluss der Woche. Das Bündnis sorgt für Getränke, Schatten und Musik.",
        "mehrgenerationenhaus",
        cost=D("3500"),
        reach=3000,
        state=PLANNED,
        created_sub_event="familienpicknick",
    ),
    IdeaSpec(
        10,
        "Kleider- und Spielzeugmarkt von Familien für Familien",
        "Ein großer Markt auf dem Rathausplatz für gut erhaltene Kinderkleidung, "
        "Spielzeug und Babyausstattung. Standgebühr als Spende.",
        "stadtelternbeirat-kitas",
        cost=D("900"),
        reach=2000,
        state=PLANNED,
        created_sub_event="kleider-und-spielzeugmarkt",
    ),
    IdeaSpec(
        11,
        "Kostenlose Schnupperangebote der Partner",
        "Jeder Bündnispartner öffnet seine Türen und lädt zum Ausprobieren ein: "
        "Kinderturnen, Musikgarten, Beratung ohne Termin. Ein gemeinsames Programmheft "
        "zeigt alles auf einen Blick.",
        "familienbildungsstaette",
        cost=D("2000"),
        reach=1800,
        state=PLANNED,
        created_sub_event="schnupperangebote",
    ),
    # --- Ideas that became events -------------------------------------------------
    IdeaSpec(
        12,
        "Markt der Möglichkeiten zum Auftakt",
        "Zum Start stellen sich alle Partner auf dem Rathausplatz vor. Die "
        "Bürgermeisterin eröffnet die Festwoche.",
        "buergermeisterin",
        "schnupperangebote",
        cost=D("1200"),
        reach=1000,
        state=PLANNED,
        event="auftakt-markt-der-moeglichkeiten",
    ),
    IdeaSpec(
        13,
        "Kinderwagenkino",
        "Ein Filmvormittag für Eltern mit Babys: gedämpftes Licht, leiser Ton, "
        "Wickeltisch im Saal. Danach Austausch mit einer Hebamme.",
        "hebammenpraxis-storchennest",
        "kinowoche",
        cost=D("250"),
        reach=40,
        state=PLANNED,
        event="kinderwagenkino",
    ),
    IdeaSpec(
        14,
        "Stummfilm mit Live-Klavier",
        "Slapstick-Klassiker für die ganze Familie, begleitet von Klavierschülerinnen "
        "und -schülern der Musikschule.",
        "musikschule",
        "kinowoche",
        cost=D("300"),
        reach=120,
        state=PLANNED,
        event="stummfilm-live-musik",
    ),
    IdeaSpec(
        15,
        "Trickfilm-Workshop für Kinder",
        "Mit Knete, Tablet und viel Geduld entstehen kurze Trickfilme, die am Ende der "
        "Woche im Kino laufen.",
        "jugendzentrum-kompass",
        "kinowoche",
        cost=D("600"),
        reach=16,
        state=PLANNED,
        event="trickfilm-workshop",
    ),
    IdeaSpec(
        16,
        "Filmabend mit Fachgespräch",
        "Ein Spielfilm über ein Kind, das durch alle Raster fällt, danach ein Gespräch "
        "mit Fachleuten aus Jugendhilfe und Beratung.",
        "erziehungsberatung",
        "kinowoche",
        cost=D("400"),
        reach=150,
        state=PLANNED,
        event="filmabend-systemsprenger",
    ),
    IdeaSpec(
        17,
        "Spielplatz-Check: Kinder bewerten ihre Spielplätze",
        "Kinder testen einen Spielplatz mit Fragebogen und Stempelkarte. Die "
        "Ergebnisse gehen an den Ausschuss für Familie.",
        "jugendparlament",
        "spielplatzaktionen",
        cost=D("150"),
        reach=80,
        state=PLANNED,
        event="spielplatz-check",
    ),
    IdeaSpec(
        18,
        "Hüttenbau auf dem Abenteuerspielplatz",
        "Mit Holz, Hammer und Nägeln bauen Kinder und Großeltern gemeinsam Hütten.",
        "mehrgenerationenhaus",
        "spielplatzaktionen",
        cost=D("500"),
        reach=60,
        state=PLANNED,
        event="huettenbau-abenteuerspielplatz",
    ),
    IdeaSpec(
        19,
        "Wasserspiele und Matschbaustelle",
        "Die Stadtwerke bringen Wasserleitungen, Rinnen und Pumpen auf den Spielplatz. "
        "Matschhose empfohlen.",
        "stadtwerke",
        "spielplatzaktionen",
        cost=D("700"),
        reach=200,
        state=PLANNED,
        event="wasserspiele-lindenallee",
    ),
    IdeaSpec(
        20,
        "Lesepatenschaften: Großeltern lesen vor",
        "Ehrenamtliche Lesepatinnen und -paten aus dem Mehrgenerationenhaus lesen in "
        "der Bibliothek vor und werben für Patenschaften über die Festwoche hinaus.",
        "mehrgenerationenhaus",
        "schnupperangebote",
        reach=40,
        state=PLANNED,
        event="lesepaten-grosseltern-lesen-vor",
    ),
    IdeaSpec(
        21,
        "Zweisprachiges Bilderbuchkino",
        "Ein Bilderbuch auf der Leinwand, gelesen auf Deutsch und Türkisch. Für Kinder "
        "ab drei Jahren und ihre Eltern.",
        "integrationsbeirat",
        "schnupperangebote",
        cost=D("100"),
        reach=35,
        state=PLANNED,
        event="bilderbuchkino-deutsch-tuerkisch",
    ),
    IdeaSpec(
        22,
        "Fußball-Schnuppertraining nur für Mädchen",
        "Trainerinnen des TSV zeigen Mädchen von 6 bis 12 Jahren, wie viel Spaß "
        "Fußball macht – ohne Jungs und ohne Leistungsdruck.",
        "gleichstellungsbeauftragte",
        "schnupperangebote",
        reach=30,
        state=PLANNED,
        event="maedchenfussball-schnuppertraining",
    ),
    IdeaSpec(
        23,
        "Erste Hilfe am Kind für Eltern und Großeltern",
        "Ein Kompaktkurs am Abend: Was tun bei Fieberkrampf, Verschlucken oder "
        "Sturz? Mit Übungspuppen.",
        "kinderarztpraxis",
        "schnupperangebote",
        cost=D("350"),
        reach=20,
        state=PLANNED,
        event="erste-hilfe-am-kind",
    ),
    IdeaSpec(
        24,
        "Kinder fragen, die Bürgermeisterin antwortet",
        "Eine Stunde lang stellen Kinder im Bürgersaal ihre Fragen – vorbereitet mit "
        "dem Jugendparlament.",
        "jugendparlament",
        "schnupperangebote",
        reach=80,
        state=PLANNED,
        event="kinder-fragen-die-buergermeisterin",
    ),
    IdeaSpec(
        25,
        "Elternabend Medienerziehung",
        "Smartphone, Tablet, Spielkonsole: Wie viel ist gut? Ein Abend mit "
        "praktischen Tipps statt erhobenem Zeigefinger.",
        "schulelternbeirat-gymnasium",
        "schnupperangebote",
        cost=D("450"),
        reach=120,
        state=PLANNED,
        event="elternabend-medienerziehung",
    ),
    IdeaSpec(
        26,
        "Zahnputz-Party mit Kroko",
        "Kita-Kinder lernen mit dem Krokodil Kroko spielerisch, wie Zähneputzen geht.",
        "ak-zahngesundheit",
        "schnupperangebote",
        cost=D("120"),
        reach=50,
        state=PLANNED,
        event="zahnputz-party",
    ),
    IdeaSpec(
        27,
        "Kinderflohmarkt: Kinder verkaufen selbst",
        "Kinder bis zwölf Jahre verkaufen auf ihrer Decke, was sie nicht mehr "
        "brauchen. Eltern dürfen nur zuschauen.",
        "elternnetzwerk",
        "kleider-und-spielzeugmarkt",
        reach=300,
        state=PLANNED,
        event="kinderflohmarkt",
    ),
    IdeaSpec(
        28,
        "Theatervorstellung mit Gebärdensprache",
        "Eine Vorstellung des Theaterprojekts wird in Gebärdensprache übersetzt, "
        "damit gehörlose Kinder und Eltern dabei sein können.",
        "lindenschule",
        "theaterprojekt",
        cost=D("600"),
        reach=150,
        state=PLANNED,
        event="theater-familienvorstellung",
    ),
    IdeaSpec(
        29,
        "Feuerwehr zum Anfassen",
        "Löschfahrzeug, Drehleiter und Spritzwand: Die Kinder- und Jugendfeuerwehr "
        "zeigt, was sie kann.",
        "feuerwehr",
        "schnupperangebote",
        reach=500,
        state=PLANNED,
        event="feuerwehr-zum-anfassen",
    ),
    IdeaSpec(
        30,
        "Empfang für die Ehrenamtlichen",
        "Die Bürgermeisterin dankt allen, die das Bündnis seit 20 Jahren tragen – mit "
        "Musik der Musikschule und einem kleinen Imbiss.",
        "buergermeisterin",
        "gala",
        cost=D("1800"),
        reach=150,
        state=PLANNED,
        event="ehrenamtsempfang",
    ),
    IdeaSpec(
        31,
        "Jugenddisco „20 Jahre – 20 Songs“",
        "Jugendliche legen die Hits aus 20 Jahren auf. Alkoholfrei, bis 22 Uhr, "
        "organisiert vom Jugendparlament.",
        "jugendparlament",
        "schnupperangebote",
        cost=D("400"),
        reach=150,
        state=PLANNED,
        event="jugenddisco",
    ),
    IdeaSpec(
        32,
        "Nachtwanderung im Stadtpark",
        "Mit Taschenlampe und Fledermausdetektor durch den dunklen Park. Für Familien "
        "mit Kindern ab fünf Jahren.",
        "waldkindergarten-wurzelwerk",
        "schnupperangebote",
        reach=40,
        state=PLANNED,
        event="nachtwanderung-stadtpark",
    ),
    # --- Done already -------------------------------------------------------------
    IdeaSpec(
        33,
        "Logo und Motto für das Jubiläum",
        "Ein gemeinsames Erkennungszeichen für alle Veranstaltungen der Festwoche, "
        "gestaltet von einer Schulklasse.",
        "AG Öffentlichkeitsarbeit",
        cost=D("0"),
        state=DONE,
    ),
    IdeaSpec(
        34,
        "Ein Programmheft für alle Haushalte",
        "Das gesamte Programm als Heft, verteilt über Kitas, Schulen, Arztpraxen und "
        "die Geschäfte der Innenstadt.",
        "werbegemeinschaft",
        cost=D("4800"),
        reach=15000,
        state=DONE,
    ),
    IdeaSpec(
        35,
        "Online-Anmeldung für alle Angebote",
        "Familien melden sich an einer Stelle für alle Angebote mit begrenzten Plätzen "
        "an – ohne Konto, auch vom Handy.",
        "AG Digitales",
        cost=D("0"),
        reach=5000,
        state=DONE,
    ),
    IdeaSpec(
        36,
        "Helferbörse für Ehrenamtliche",
        "Wer in der Festwoche helfen möchte, sucht sich online eine passende Schicht "
        "aus. Die Partner sehen, wo noch Hände fehlen.",
        "AG Ehrenamt",
        cost=D("0"),
        reach=250,
        state=DONE,
    ),
    IdeaSpec(
        37,
        "Sponsorenkonzept für die Festwoche",
        "Ein Paket für Unternehmen: Logo im Programmheft, Stand beim Auftakt, "
        "Nennung auf der Gala. Die Sparkasse ist Hauptsponsor.",
        "sparkasse",
        state=DONE,
    ),
    IdeaSpec(
        38,
        "Fotoaktion: 20 Jahre Bündnis in Bildern",
        "Partner und Familien schicken Fotos aus 20 Jahren Bündnisarbeit. Die "
        "schönsten hängen während der Festwoche im Rathausfoyer.",
        "buendnis-fuer-familie",
        cost=D("300"),
        reach=2000,
        state=DONE,
    ),
    # --- Accepted, waiting to be planned ------------------------------------------
    IdeaSpec(
        39,
        "Mehrgenerationen-Café auf dem Marktplatz",
        "Ein offenes Café mit Kuchen aus dem Mehrgenerationenhaus, an dem Jung und Alt "
        "ins Gespräch kommen. Leih-Großeltern stellen sich vor.",
        "mehrgenerationenhaus",
        "schnupperangebote",
        cost=D("400"),
        reach=300,
        state=ACCEPTED,
    ),
    IdeaSpec(
        40,
        "Sprachcafé für Eltern",
        "Deutsch üben in entspannter Runde, während die Kinder nebenan betreut "
        "werden. Mit Elternlotsinnen, die mehrere Sprachen sprechen.",
        "integrationsbeirat",
        "schnupperangebote",
        cost=D("250"),
        reach=40,
        state=ACCEPTED,
    ),
    IdeaSpec(
        41,
        "Väter-Kind-Frühstück",
        "Ein Samstagsfrühstück nur für Väter und ihre Kinder, mit Bastelecke und "
        "kurzem Impuls zur Vereinbarkeit von Familie und Beruf.",
        "AG Väter im Bündnis",
        cost=D("350"),
        reach=60,
        state=ACCEPTED,
    ),
    IdeaSpec(
        42,
        "Väter-Kind-Zelten im Stadtpark",
        "Eine Nacht im Zelt mit Lagerfeuer, Sternbeobachtung und Frühstück. Väter und "
        "Kinder bauen ihr Zelt selbst auf.",
        "AG Väter im Bündnis",
        cost=D("900"),
        reach=50,
        state=ACCEPTED,
    ),
    IdeaSpec(
        43,
        "Kinderrechte-Rallye durch die Innenstadt",
        "An zehn Stationen in Geschäften und Ämtern lernen Kinder ihre Rechte kennen. "
        "Wer alle Stempel hat, bekommt eine Urkunde.",
        "jugendamt",
        cost=D("800"),
        reach=400,
        state=ACCEPTED,
    ),
    IdeaSpec(
        44,
        "Inklusives Sportfest",
        "Ein Nachmittag, an dem Kinder mit und ohne Behinderung gemeinsam Sport "
        "treiben: Rollstuhlbasketball, Blindenfußball, Sitzvolleyball.",
        "lindenschule",
        cost=D("1500"),
        reach=250,
        state=ACCEPTED,
    ),
    IdeaSpec(
        45,
        "Ausstellung „Kinderrechte sind Menschenrechte“",
        "Kinder aus Kitas und Grundschulen malen, was ihnen ihre Rechte bedeuten. Die "
        "Bilder hängen in der Stadtbibliothek.",
        "stadtbibliothek",
        "schnupperangebote",
        cost=D("200"),
        reach=900,
        state=ACCEPTED,
    ),
    IdeaSpec(
        46,
        "Wickel- und Stillpunkte in der Innenstadt",
        "Geschäfte und Cafés stellen während der Festwoche einen ruhigen Platz zum "
        "Wickeln und Stillen zur Verfügung, erkennbar an einem Aufkleber.",
        "hebammenpraxis-storchennest",
        cost=D("150"),
        reach=1000,
        state=ACCEPTED,
    ),
    IdeaSpec(
        47,
        "Spieleabend für Familien in der Bibliothek",
        "Brettspiele für jedes Alter, erklärt von Ehrenamtlichen. Die Spiele können "
        "danach ausgeliehen werden.",
        "stadtbibliothek",
        "schnupperangebote",
        cost=D("100"),
        reach=70,
        state=ACCEPTED,
    ),
    IdeaSpec(
        48,
        "Schülerzeitung berichtet live",
        "Die Redaktion der Schülerzeitung begleitet die Festwoche mit Reportagen, "
        "Interviews und Fotos – online und als Sonderausgabe.",
        "grundschule-am-park",
        "schuelerwettbewerb",
        cost=D("300"),
        reach=1500,
        state=ACCEPTED,
    ),
    IdeaSpec(
        49,
        "Familienfreundliche Betriebe öffnen ihre Türen",
        "Unternehmen mit dem Siegel „familienfreundlich“ laden Familien ein und "
        "zeigen, wie Vereinbarkeit bei ihnen gelebt wird.",
        "werbegemeinschaft",
        reach=300,
        state=ACCEPTED,
    ),
    # --- Under review -------------------------------------------------------------
    IdeaSpec(
        50,
        "Familien-Stadtrallye mit dem Handy",
        "Eine Rallye zu Orten der Familiengeschichte der Stadt, mit Rätseln auf dem "
        "Handy und Papierbögen für alle ohne Smartphone.",
        "vhs",
        cost=D("1200"),
        reach=400,
        state=REVIEW,
    ),
    IdeaSpec(
        51,
        "Kochkurs „Gesund und günstig“",
        "Eltern und Kinder kochen gemeinsam ein Familienessen für unter zehn Euro. "
        "Rezepte zum Mitnehmen in mehreren Sprachen.",
        "familienbildungsstaette",
        "schnupperangebote",
        cost=D("400"),
        reach=24,
        state=REVIEW,
    ),
    IdeaSpec(
        52,
        "Mini-Olympiade für Kita-Kinder",
        "Sackhüpfen, Eierlauf und Dosenwerfen: Kitas treten in bunten Teams "
        "gegeneinander an, jedes Kind bekommt eine Medaille.",
        "kita-arche-noah",
        "spielplatzaktionen",
        cost=D("600"),
        reach=300,
        state=REVIEW,
    ),
    IdeaSpec(
        53,
        "Beratungsbus in den Stadtteilen",
        "Die Erziehungsberatung fährt mit einem Bus in die Stadtteile und bietet "
        "Gespräche ohne Termin an – dort, wo Familien wohnen.",
        "erziehungsberatung",
        cost=D("2200"),
        reach=150,
        state=REVIEW,
    ),
    IdeaSpec(
        54,
        "Begrüßungspaket für alle Babys des Jubiläumsjahres",
        "Jedes Neugeborene erhält ein Paket mit Bilderbuch, Infos zu Angeboten der "
        "Partner und einem Gutschein für einen Kurs.",
        "jugendamt",
        cost=D("9000"),
        reach=450,
        state=REVIEW,
    ),
    IdeaSpec(
        55,
        "Tanz-Flashmob auf dem Rathausplatz",
        "Hunderte Menschen tanzen überraschend dieselbe Choreografie. Die Schritte "
        "lernt man vorher in kurzen Videos und in der Tanzschule.",
        "tanzschule-taktvoll",
        cost=D("300"),
        reach=500,
        state=REVIEW,
    ),
    IdeaSpec(
        56,
        "Familienkonzert mit offener Bühne",
        "Die Musikschule spielt, danach darf jede Familie ein Lied auf die Bühne "
        "bringen – von der Blockflöte bis zur Familienband.",
        "musikschule",
        "gala",
        cost=D("700"),
        reach=250,
        state=REVIEW,
    ),
    IdeaSpec(
        57,
        "Fahrradwerkstatt für Kinderräder",
        "Ehrenamtliche machen Kinderräder verkehrssicher. Zu kleine Räder können "
        "getauscht werden.",
        "ADFC Ortsgruppe Musterstadt",
        "kleider-und-spielzeugmarkt",
        cost=D("350"),
        reach=120,
        state=REVIEW,
    ),
    IdeaSpec(
        58,
        "Waldtag für Familien",
        "Ein Tag im Stadtwald mit Naturspielen, Waldsofa-Bau und einem Picknick aus "
        "dem Rucksack, angeleitet vom Waldkindergarten.",
        "waldkindergarten-wurzelwerk",
        cost=D("200"),
        reach=80,
        state=REVIEW,
    ),
    IdeaSpec(
        59,
        "Aktionstag Schwimmabzeichen im Freibad",
        "Kinder können an einem Tag das Seepferdchen ablegen oder dafür üben. "
        "Freier Eintritt für Familien mit Familienpass.",
        "stadtwerke",
        cost=D("1800"),
        reach=300,
        state=REVIEW,
    ),
    IdeaSpec(
        60,
        "Kinderkochbuch der Kitas",
        "Jede Kita steuert ihr Lieblingsrezept bei. Das Buch wird in der Festwoche "
        "gegen Spende verteilt.",
        "stadtelternbeirat-kitas",
        cost=D("2500"),
        reach=1000,
        state=REVIEW,
    ),
    IdeaSpec(
        61,
        "Elterncafé für Alleinerziehende",
        "Ein Treffpunkt mit Kinderbetreuung, Beratung zu Unterhalt und Kita-Plätzen "
        "und viel Zeit für Austausch.",
        "gleichstellungsbeauftragte",
        "schnupperangebote",
        cost=D("300"),
        reach=40,
        state=REVIEW,
    ),
    IdeaSpec(
        62,
        "Vorlesemarathon: 20 Stunden für 20 Jahre",
        "Zwanzig Stunden am Stück wird in der Bibliothek vorgelesen – von Kindern, "
        "Eltern, Prominenten und der Bürgermeisterin.",
        "stadtbibliothek",
        cost=D("300"),
        reach=600,
        state=REVIEW,
    ),
    IdeaSpec(
        63,
        "Kinder-Uni: Fachleute erklären die Welt",
        "Warum ist der Himmel blau? Fachleute aus Hochschule und Betrieben halten "
        "Vorlesungen für Kinder von acht bis zwölf Jahren.",
        "goethe-gymnasium",
        cost=D("800"),
        reach=200,
        state=REVIEW,
    ),
    IdeaSpec(
        64,
        "Planungswerkstatt für einen inklusiven Spielplatz",
        "Kinder mit und ohne Behinderung planen mit der Stadtverwaltung den neuen "
        "Spielplatz am Mühlbach.",
        "stadtrat-familienausschuss",
        "spielplatzaktionen",
        cost=D("500"),
        reach=60,
        state=REVIEW,
    ),
    IdeaSpec(
        65,
        "Judo-Turnier „Fair kämpfen“",
        "Ein Freundschaftsturnier für Kinder, bei dem Fairness mehr zählt als Siege. "
        "Dazu Selbstbehauptungsübungen zum Mitmachen.",
        "judo-club",
        cost=D("400"),
        reach=150,
        state=REVIEW,
    ),
    IdeaSpec(
        66,
        "Zwanzig Meter Leinwand für Kinderbilder",
        "Eine lange Papierbahn am Bauzaun der Innenstadt, die Kinder eine Woche lang "
        "bemalen. Danach wird sie im Rathaus ausgestellt.",
        "kita-regenbogen",
        cost=D("250"),
        reach=700,
        state=REVIEW,
    ),
    IdeaSpec(
        67,
        "Escape-Room zu Kinderrechten",
        "Jugendliche bauen im Jugendzentrum einen Escape-Room, in dem man nur mit "
        "Wissen über Kinderrechte wieder herauskommt.",
        "jugendzentrum-kompass",
        cost=D("900"),
        reach=180,
        state=REVIEW,
    ),
    IdeaSpec(
        68,
        "Podcast „20 Jahre Familie in Musterstadt“",
        "Jugendliche interviewen Gründungsmitglieder des Bündnisses und Familien von "
        "damals und heute. Sechs Folgen bis zur Festwoche.",
        "jugendparlament",
        cost=D("400"),
        reach=800,
        state=REVIEW,
    ),
    IdeaSpec(
        69,
        "Babysitter-Führerschein",
        "Jugendliche ab 14 lernen an zwei Nachmittagen, worauf es beim Babysitten "
        "ankommt. Mit Zertifikat und Vermittlungsliste.",
        "familienbildungsstaette",
        "schnupperangebote",
        cost=D("350"),
        reach=20,
        state=REVIEW,
    ),
    # --- New ideas, not yet looked at ---------------------------------------------
    IdeaSpec(
        70,
        "Familienfoto-Studio im Rathaus",
        "Ein Fotograf macht kostenlos Familienfotos – für Familien, die sich ein "
        "Studio sonst nicht leisten.",
        "Fotoclub Musterstadt",
        cost=D("600"),
        reach=150,
    ),
    IdeaSpec(
        71,
        "Hochbeete für Kitas",
        "Eltern und Kinder bauen in einer Mitmachaktion Hochbeete für fünf Kitas und "
        "pflanzen Kräuter und Erdbeeren.",
        "kita-sonnenschein",
        cost=D("1500"),
        reach=250,
    ),
    IdeaSpec(
        72,
        "Repair-Café für Spielzeug",
        "Kaputte Puppen, Bagger und Holzeisenbahnen werden gemeinsam repariert statt "
        "weggeworfen.",
        "mehrgenerationenhaus",
        "kleider-und-spielzeugmarkt",
        cost=D("150"),
        reach=80,
    ),
    IdeaSpec(
        73,
        "Bücherflohmarkt der Schulbibliotheken",
        "Aussortierte Bücher aus den Schulbibliotheken werden für 50 Cent verkauft, "
        "der Erlös kauft neue Bücher.",
        "kaestner-gesamtschule",
        "kleider-und-spielzeugmarkt",
        reach=300,
    ),
    IdeaSpec(
        74,
        "Seifenkistenrennen am Mühlberg",
        "Familien bauen Seifenkisten und fahren um die Wette. Helmpflicht, "
        "Strohballen und ein Preis für die schönste Kiste.",
        "Förderverein der Grundschule am Park",
        cost=D("2000"),
        reach=800,
    ),
    IdeaSpec(
        75,
        "Interkulturelles Kochfest",
        "Familien aus vielen Ländern kochen Gerichte aus ihrer Heimat, alle probieren. "
        "Die Rezepte kommen in ein gemeinsames Heft.",
        "integrationsbeirat",
        cost=D("800"),
        reach=400,
    ),
    IdeaSpec(
        76,
        "Smartphone-Sprechstunde für Großeltern",
        "Jugendliche erklären Großeltern, wie sie Fotos der Enkel empfangen oder einen "
        "Videoanruf starten.",
        "jugendparlament",
        "schnupperangebote",
        reach=40,
    ),
    IdeaSpec(
        77,
        "Energiespar-Detektive",
        "Grundschulkinder gehen mit Messgeräten durch ihre Schule und finden heraus, "
        "wo Energie verschwendet wird.",
        "stadtwerke",
        cost=D("300"),
        reach=120,
    ),
    IdeaSpec(
        78,
        "Stadtteilfest im Nordviertel",
        "Die Festwoche kommt auch ins Nordviertel: ein Nachmittag mit Spielen, Musik "
        "und Beratung auf dem Platz vor dem Familienzentrum.",
        "elternnetzwerk",
        cost=D("2500"),
        reach=600,
    ),
    IdeaSpec(
        79,
        "Lesezelt im Freibad",
        "Ein schattiges Zelt mit Büchern, Sitzsäcken und Vorlesezeiten – Lesen "
        "zwischen zwei Sprüngen ins Becken.",
        "stadtbibliothek",
        cost=D("400"),
        reach=500,
    ),
    IdeaSpec(
        80,
        "Zeitkapsel: Wünsche für 2047",
        "Kinder schreiben auf, wie sie sich Musterstadt in 20 Jahren wünschen. Die "
        "Kapsel wird beim nächsten großen Jubiläum geöffnet.",
        "buendnis-fuer-familie",
        cost=D("200"),
        reach=1000,
    ),
    IdeaSpec(
        81,
        "Fahrrad-Sicherheitstraining",
        "Ein Parcours auf dem Schulhof, auf dem Kinder Bremsen, Ausweichen und "
        "Handzeichen üben. Mit der Verkehrswacht.",
        "Verkehrswacht Musterstadt",
        cost=D("250"),
        reach=150,
    ),
    IdeaSpec(
        82,
        "Brettspiel-Turnier der Generationen",
        "Teams aus einem Kind und einem Großelternteil spielen Mensch ärgere Dich "
        "nicht, Mühle und Memory um den Wanderpokal.",
        "mehrgenerationenhaus",
        cost=D("150"),
        reach=64,
    ),
    IdeaSpec(
        83,
        "Gebärdensprach-Schnupperkurs",
        "Eine Stunde, die ersten zwanzig Gebärden: Hallo, Danke, Mama, Spielen. Für "
        "Kinder und Erwachsene.",
        "lindenschule",
        "schnupperangebote",
        reach=30,
    ),
    IdeaSpec(
        84,
        "Familienwegweiser als Stadtplan",
        "Ein Plan mit allen Spielplätzen, Wickelräumen, Beratungsstellen und "
        "familienfreundlichen Cafés – gedruckt und online.",
        "AG Öffentlichkeitsarbeit",
        cost=D("3000"),
        reach=10000,
    ),
    IdeaSpec(
        85,
        "Klettern für Kinder an der Boulderwand",
        "Die neue Boulderwand der Gesamtschule öffnet für Familien, Trainerinnen "
        "sichern und erklären.",
        "kaestner-gesamtschule",
        "schnupperangebote",
        reach=60,
    ),
    IdeaSpec(
        86,
        "Hörspiel-Werkstatt",
        "Kinder schreiben ein Hörspiel über ihre Stadt und nehmen es mit Geräuschen "
        "und Musik selbst auf.",
        "vhs",
        cost=D("500"),
        reach=15,
    ),
    IdeaSpec(
        87,
        "Kinderrechte-Sprechstunde im Rathaus",
        "Kinder können einer Ombudsperson sagen, was sie in der Stadt stört. Die "
        "Anliegen werden dem Stadtrat vorgelegt.",
        "Kinderschutzbund Ortsverband",
        reach=50,
    ),
    IdeaSpec(
        88,
        "Plakate in Leichter Sprache",
        "Die wichtigsten Angebote der Festwoche auf Plakaten in Leichter Sprache und "
        "mit Piktogrammen.",
        "AG Inklusion",
        cost=D("700"),
        reach=3000,
    ),
    IdeaSpec(
        89,
        "Omas und Opas erzählen: Erzählcafé",
        "Ältere Menschen erzählen Kindern, wie Familie in Musterstadt früher war. "
        "Die Geschichten werden aufgeschrieben.",
        "Seniorenbeirat Musterstadt",
        cost=D("100"),
        reach=40,
    ),
    IdeaSpec(
        90,
        "Familiengottesdienst zum Jubiläum",
        "Ein ökumenischer Gottesdienst im Stadtpark zum Auftakt des Abschlusstags, "
        "gestaltet von Kindern.",
        "Ökumenischer Arbeitskreis der Kirchengemeinden",
        "familienpicknick",
        reach=400,
    ),
    IdeaSpec(
        91,
        "Kinder-Kunstauktion für den Familienfonds",
        "Kinder aus Kitas und Schulen malen Bilder, die auf der Gala versteigert "
        "werden. Der Erlös geht in den Familienfonds.",
        "Stadtrat – Fraktion Bürgerliste",
        "gala",
        reach=300,
    ),
    # --- Parked -------------------------------------------------------------------
    IdeaSpec(
        92,
        "Heißluftballon-Fahrten für Familien",
        "Familien gewinnen bei einer Verlosung eine Ballonfahrt über Musterstadt.",
        "werbegemeinschaft",
        cost=D("12000"),
        reach=30,
        state=PARKED,
        reason="Zu teuer für so wenige Familien und stark wetterabhängig. Für das "
        "25-jährige Jubiläum mit einem Sponsor neu prüfen.",
    ),
    IdeaSpec(
        93,
        "Kinderstadt „Mini-Musterstadt“",
        "Kinder führen eine Woche lang ihre eigene Stadt mit Rathaus, Bank und "
        "Zeitung und verdienen eigenes Spielgeld.",
        "jugendamt",
        cost=D("25000"),
        reach=400,
        state=PARKED,
        reason="Braucht ein Jahr Vorlauf und eigene Räume. Als Ferienprojekt für "
        "2028 vorgemerkt.",
    ),
    IdeaSpec(
        94,
        "Musical aller Schulen",
        "Alle Schulen der Stadt führen gemeinsam ein Musical auf, mit Orchester der "
        "Musikschule.",
        "musikschule",
        cost=D("9000"),
        reach=1200,
        state=PARKED,
        reason="Neben dem Theaterprojekt nicht zu proben. Für das nächste Schuljahr "
        "mit den Schulleitungen besprechen.",
    ),
    IdeaSpec(
        95,
        "Open-Air-Kino auf dem Marktplatz",
        "Ein Familienfilm unter freiem Himmel zum Abschluss des Picknicktags.",
        "lichtspielhaus",
        "kinowoche",
        cost=D("8500"),
        reach=800,
        state=PARKED,
        reason="Leinwand und Technik kosten über 8.000 €. Wird wieder aufgenommen, "
        "sobald sich ein Sponsor findet.",
    ),
    IdeaSpec(
        96,
        "Familienkarte mit Rabatten",
        "Eine Karte, mit der Familien in Bädern, Museen und Geschäften Ermäßigung "
        "erhalten.",
        "stadtrat-familienausschuss",
        reach=6000,
        state=PARKED,
        reason="Braucht einen Beschluss des Stadtrats. Der Ausschuss berät nach der "
        "Festwoche darüber.",
    ),
    IdeaSpec(
        97,
        "Mehrsprachiger Familienwegweiser",
        "Alle Angebote für Familien in sechs Sprachen, als Heft und online.",
        "integrationsbeirat",
        cost=D("6000"),
        reach=4000,
        state=PARKED,
        reason="Die Übersetzungen sind bis Juni nicht zu finanzieren. Im Herbst mit "
        "Fördermitteln angehen.",
    ),
    IdeaSpec(
        98,
        "Dauerhafte Spielstraße in der Lindenallee",
        "Die Lindenallee wird nach der Festwoche nachmittags dauerhaft zur "
        "Spielstraße.",
        "elternnetzwerk",
        reach=500,
        state=PARKED,
        reason="Das entscheidet der Verkehrsausschuss, nicht die Festwoche. Die "
        "Anfrage ist gestellt; wir warten auf die Sitzung im September.",
    ),
    IdeaSpec(
        99,
        "Bewerbungstraining für Jugendliche mit ihren Eltern",
        "Jugendliche und Eltern üben gemeinsam Vorstellungsgespräche mit "
        "Personalverantwortlichen aus der Region.",
        "kaestner-gesamtschule",
        cost=D("400"),
        reach=40,
        state=PARKED,
        reason="Passt besser in die Berufsorientierungswoche im Herbst; dort "
        "vorgeschlagen.",
    ),
    IdeaSpec(
        100,
        "Spielplatzpaten",
        "Familien übernehmen Patenschaften für Spielplätze und melden Schäden.",
        "AG Spielräume",
        "spielplatzaktionen",
        reach=200,
        state=PARKED,
        reason="Versicherungsfragen sind mit der Stadt noch nicht geklärt.",
    ),
    # --- Declined -----------------------------------------------------------------
    IdeaSpec(
        101,
        "Feuerwerk zum Abschluss",
        "Ein großes Feuerwerk über dem Stadtpark am letzten Abend.",
        "werbegemeinschaft",
        cost=D("15000"),
        reach=5000,
        state=DECLINED,
        reason="Lärm und Feinstaub, Angst bei kleinen Kindern und Tieren im Park; "
        "passt nicht zum Familienpicknick.",
    ),
    IdeaSpec(
        102,
        "Eislaufbahn auf dem Rathausplatz",
        "Eine mobile Eisbahn für Familien mitten in der Stadt.",
        "Stadtmarketing-Stammtisch",
        cost=D("40000"),
        reach=3000,
        state=DECLINED,
        reason="Im Juni technisch unsinnig und weit über dem Budget.",
    ),
    IdeaSpec(
        103,
        "Schönheitswettbewerb für Kinder",
        "Kinder präsentieren sich auf dem Laufsteg, eine Jury kürt die Schönsten.",
        "Modehaus Berger",
        reach=200,
        state=DECLINED,
        reason="Widerspricht dem Kinderschutzkonzept und dem Leitbild des Bündnisses.",
    ),
    IdeaSpec(
        104,
        "Verlosung eines Familienautos",
        "Jedes Los kostet fünf Euro, der Hauptpreis ist ein Familienauto.",
        "Autohaus Müller",
        reach=2000,
        state=DECLINED,
        reason="Glücksspielrechtlich heikel und nicht im Sinn der Festwoche, die "
        "fast nur kostenlose Angebote macht.",
    ),
    IdeaSpec(
        105,
        "Hubschrauber-Rundflüge",
        "Rundflüge über die Stadt für Kinder ab sechs Jahren.",
        "Privatperson",
        cost=D("20000"),
        reach=100,
        state=DECLINED,
        reason="Teuer, laut und nur für wenige Kinder. Nicht vereinbar mit dem "
        "Anspruch, alle Familien zu erreichen.",
    ),
    IdeaSpec(
        106,
        "Energy-Drink-Stand beim Spendenlauf",
        "Ein Getränkehersteller sponsert den Lauf und verteilt Dosen an alle "
        "Teilnehmenden.",
        "Getränkevertrieb Nord",
        "spendenlauf",
        reach=600,
        state=DECLINED,
        reason="Kein Sponsoring durch Energy-Drinks bei Veranstaltungen für Kinder "
        "(Beschluss des Plenums).",
    ),
    IdeaSpec(
        107,
        "Gewinnspiel mit Adresssammlung",
        "Familien füllen eine Karte mit Adresse aus und gewinnen Gutscheine.",
        "Werbeagentur Blickfang",
        reach=1500,
        state=DECLINED,
        reason="Die Adressen wären für Werbung gedacht; das verträgt sich nicht mit "
        "unserem Datenschutzversprechen an die Familien.",
    ),
    IdeaSpec(
        108,
        "Promi-Boxkampf für den guten Zweck",
        "Zwei bekannte Gesichter aus der Region steigen für Spenden in den Ring.",
        "Boxclub Musterstadt",
        cost=D("5000"),
        reach=800,
        state=DECLINED,
        reason="Passt nicht zu einer Festwoche für Familien; das Benefiz-Fußballspiel "
        "deckt die Idee besser ab.",
    ),
    IdeaSpec(
        109,
        "Ponyreiten im Stadtpark",
        "Kinder reiten auf Ponys eine Runde um den Teich.",
        "Reiterhof Sonnenwiese",
        "familienpicknick",
        cost=D("900"),
        reach=300,
        state=DECLINED,
        reason="Der Tierschutzbeirat rät von Ponyreiten auf Festen ab; stattdessen "
        "ein Besuch auf dem Hof anbieten.",
    ),
    # --- Merged into an earlier idea ----------------------------------------------
    IdeaSpec(
        110,
        "Kino für Kita-Kinder",
        "Kurze Filme am Vormittag für Kita-Gruppen, mit Licht im Saal.",
        "kita-sonnenschein",
        "kinowoche",
        reach=200,
        state=MERGED,
        merged_into=5,
    ),
    IdeaSpec(
        111,
        "Fußballspiel Politik gegen Eltern",
        "Ein Spiel zwischen Stadtrat und Eltern, der Erlös für Familien in Not.",
        "stadtelternbeirat-kitas",
        reach=500,
        state=MERGED,
        merged_into=2,
    ),
    IdeaSpec(
        112,
        "Flohmarkt für Kindersachen",
        "Ein Flohmarkt nur für Kinderkleidung und Spielzeug.",
        "elternnetzwerk",
        reach=800,
        state=MERGED,
        merged_into=10,
    ),
    IdeaSpec(
        113,
        "Picknick im Stadtpark",
        "Alle treffen sich mit Decken im Park, jede Familie bringt etwas mit.",
        "integrationsbeirat",
        reach=1000,
        state=MERGED,
        merged_into=9,
    ),
    IdeaSpec(
        114,
        "Sponsorenlauf der Schulen",
        "Schulklassen laufen für die Klassenkasse und den Familienfonds.",
        "kaestner-gesamtschule",
        reach=400,
        state=MERGED,
        merged_into=3,
    ),
    IdeaSpec(
        115,
        "Senioren lesen Kindern vor",
        "Ältere Ehrenamtliche lesen in Kitas und in der Bibliothek vor.",
        "Seniorenbeirat Musterstadt",
        reach=60,
        state=MERGED,
        merged_into=20,
    ),
    IdeaSpec(
        116,
        "Tag der offenen Tür bei der Feuerwehr",
        "Die Feuerwache öffnet für Familien, Kinder dürfen ins Löschfahrzeug.",
        "Elternvertretung Kita Regenbogen",
        reach=300,
        state=MERGED,
        merged_into=29,
    ),
    IdeaSpec(
        117,
        "Fachtag für Erzieherinnen und Lehrkräfte",
        "Ein gemeinsamer Fortbildungstag für Kita und Grundschule zum Übergang.",
        "grundschule-am-park",
        cost=D("2000"),
        reach=120,
        state=MERGED,
        merged_into=1,
    ),
    IdeaSpec(
        118,
        "Sprachtreff für Mütter",
        "Mütter üben gemeinsam Deutsch, die Kinder spielen nebenan.",
        "familienzentrum-mittendrin",
        reach=25,
        state=MERGED,
        merged_into=40,
    ),
    IdeaSpec(
        119,
        "Zelten mit Papa",
        "Väter übernachten mit ihren Kindern im Zelt auf der Festwiese.",
        "Familienzentrum „Mittendrin“ – Vätergruppe",
        reach=30,
        state=MERGED,
        merged_into=42,
    ),
    IdeaSpec(
        120,
        "Bilderbuchkino in mehreren Sprachen",
        "Bilderbücher auf der Leinwand, gelesen in den Familiensprachen der Kinder.",
        "kita-regenbogen",
        "schnupperangebote",
        reach=40,
        state=MERGED,
        merged_into=21,
    ),
    # --- A few more from the plenary's last round ---------------------------------
    IdeaSpec(
        121,
        "Bewegungsbaustelle in der Turnhalle",
        "Matten, Kästen und Rollbretter: eine Bewegungslandschaft für Kinder von "
        "zwei bis sechs Jahren, betreut von Übungsleiterinnen des TSV.",
        "tsv-musterstadt",
        "schnupperangebote",
        cost=D("200"),
        reach=120,
    ),
    IdeaSpec(
        122,
        "Kinderrechte im Stadtrat",
        "Das Jugendparlament stellt dem Stadtrat in einer Sondersitzung zehn "
        "Forderungen der Kinder vor.",
        "jugendparlament",
        reach=100,
        state=REVIEW,
    ),
    IdeaSpec(
        123,
        "Tagesmütter-Picknick",
        "Tagesmütter und -väter treffen sich mit ihren Tageskindern zum Picknick und "
        "stellen die Kindertagespflege vor.",
        "tagespflegeverein",
        "familienpicknick",
        cost=D("150"),
        reach=90,
        state=ACCEPTED,
    ),
    IdeaSpec(
        124,
        "Kinder gestalten die Stromkästen",
        "Graue Stromkästen in der Innenstadt werden von Kindern und Jugendlichen "
        "bunt bemalt – mit Genehmigung der Stadtwerke.",
        "jugendzentrum-kompass",
        cost=D("1200"),
        reach=4000,
    ),
)

# Comments of the plenary's reviewers: (idea number, reviewer username, text).
COMMENTS = (
    (1, "orga", "Das Jugendamt übernimmt die Raumkosten der Stadthalle. Danke!"),
    (1, "leitung", "Bitte Kindertagespflege ausdrücklich einladen."),
    (5, "leitung", "Das Lichtspielhaus gibt uns alle Vormittage der Woche."),
    (9, "orga", "Toiletten und Schatten sind mit dem Grünflächenamt abgestimmt."),
    (
        39,
        "leitung",
        "Könnte gut zum Picknick am Sonntag passen, dann brauchen wir keinen "
        "eigenen Platz.",
    ),
    (40, "leitung", "Gute Ergänzung zum Workshop Mehrsprachigkeit."),
    (42, "orga", "Brandschutz fragt nach Lagerfeuer: Feuerwehr ist angefragt."),
    (42, "leitung", "Wir könnten die Zelte vom Jugendzentrum leihen."),
    (
        44,
        "leitung",
        "Sehr gern! Bitte auch Schulen ohne Förderschwerpunkt einladen.",
    ),
    (50, "orga", "Gibt es die Rallye auch auf Türkisch und Arabisch?"),
    (53, "leitung", "Ist der Bus des Gesundheitsamts frei? Ich frage nach."),
    (54, "orga", "9.000 € sind nur mit einem zusätzlichen Sponsor machbar."),
    (54, "leitung", "Die Bibliothek könnte die Bilderbücher beisteuern."),
    (62, "leitung", "Nachts vorlesen? Vielleicht lieber 20 Stunden über drei Tage."),
    (67, "leitung", "Tolle Idee, auch für Schulklassen nach der Festwoche."),
    (74, "orga", "Der Mühlberg ist eine Durchgangsstraße: Sperrung früh beantragen."),
    (92, "orga", "Für 2032 vormerken."),
    (95, "leitung", "Die Sparkasse wurde gefragt, Antwort steht aus."),
    (101, "leitung", "Vielleicht stattdessen eine Lichterkette im Park?"),
    (110, "leitung", "Gleiches Ziel wie die Kinowoche, daher zusammengelegt."),
    (116, "orga", "Ist Teil von „Feuerwehr zum Anfassen“."),
)
