"""The plenary's CSV import: encodings, delimiters, German and English headers and
numbers, the preview with every row's problems, idempotence, and the limits."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events import roles
from planning.models import Idea
from planning.services.ideas import (
    IMPORT_MAX_ROWS,
    idea_import,
    idea_import_decode,
    idea_import_parse,
    parse_count,
    parse_decimal,
)
from tests.events.factories import FestivalFactory, PartnerFactory, SubEventFactory
from tests.planning.factories import IdeaFactory, staff

pytestmark = pytest.mark.django_db

GERMAN = (
    "Nr;Titel;Beschreibung;Vorgeschlagen von;Teilveranstaltung;Kosten;Reichweite\r\n"
    '1;Kinowoche für Kitas;"Filme am Vormittag; mit Popcorn";Kino Lichtspielhaus;'
    "Kinowoche;1.200,50;400\r\n"
    "2;Sprachcafé;Deutsch üben bei Kaffee;AG Integration;neu;150 €;1.500\r\n"
    "3;Familienpicknick;;kino lichtspielhaus;familienpicknick;;\r\n"
)
ENGLISH = (
    "Number,Title,Description,Proposer,Part of the week,Cost,Reach\n"
    "10,Väter-Kind-Zelten,Eine Nacht im Stadtpark,Kino Lichtspielhaus,new,1200.50,80\n"
    '11,"Lesepaten, Großeltern",,Mehrgenerationenhaus,,"1,200.00",\n'
)


@pytest.fixture
def festival():
    festival = FestivalFactory()
    SubEventFactory(festival=festival, name="Kinowoche", slug="kinowoche")
    SubEventFactory(festival=festival, name="Familienpicknick", slug="familienpicknick")
    return festival


@pytest.fixture
def cinema():
    return PartnerFactory(name="Kino Lichtspielhaus")


def rows_of(festival) -> list[tuple]:
    return list(
        Idea.objects.filter(festival=festival)
        .order_by("number")
        .values_list(
            "number",
            "title",
            "description",
            "proposer__name",
            "proposer_text",
            "sub_event__slug",
            "estimated_cost",
            "reach",
        )
    )


def test_utf8_with_bom_semicolons_and_german_numbers(festival, cinema):
    text = idea_import_decode(GERMAN.encode("utf-8-sig"))

    result = idea_import(festival=festival, text=text)

    assert (result.created, result.updated, result.unchanged, result.skipped) == (
        3,
        0,
        0,
        0,
    )
    assert rows_of(festival) == [
        (
            1,
            "Kinowoche für Kitas",
            "Filme am Vormittag; mit Popcorn",
            "Kino Lichtspielhaus",
            "",
            "kinowoche",
            Decimal("1200.50"),
            400,
        ),
        (
            2,
            "Sprachcafé",
            "Deutsch üben bei Kaffee",
            None,
            "AG Integration",
            None,
            Decimal("150.00"),
            1500,
        ),
        (
            3,
            "Familienpicknick",
            "",
            "Kino Lichtspielhaus",
            "",
            "familienpicknick",
            None,
            None,
        ),
    ]


def test_windows_1252_with_commas_and_english_headers(festival, cinema):
    text = idea_import_decode(ENGLISH.encode("cp1252"))

    idea_import(festival=festival, text=text)

    assert rows_of(festival) == [
        (
            10,
            "Väter-Kind-Zelten",
            "Eine Nacht im Stadtpark",
            "Kino Lichtspielhaus",
            "",
            None,
            Decimal("1200.50"),
            80,
        ),
        (
            11,
            "Lesepaten, Großeltern",
            "",
            None,
            "Mehrgenerationenhaus",
            None,
            Decimal("1200.00"),
            None,
        ),
    ]


def test_a_second_import_of_the_same_file_changes_nothing(festival, cinema):
    text = idea_import_decode(GERMAN.encode("utf-8"))
    idea_import(festival=festival, text=text)
    stamps = list(Idea.objects.order_by("number").values_list("updated_at", flat=True))

    preview = idea_import_parse(festival=festival, text=text)
    result = idea_import(festival=festival, text=text)

    assert [row.action for row in preview.rows] == ["unchanged"] * 3
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert (
        list(Idea.objects.order_by("number").values_list("updated_at", flat=True))
        == stamps
    )


def test_an_import_updates_by_number_and_keeps_the_state(festival, cinema):
    IdeaFactory(festival=festival, number=2, title="Sprachcafe", state="review")

    result = idea_import(festival=festival, text=GERMAN)

    assert (result.created, result.updated) == (2, 1)
    idea = Idea.objects.get(festival=festival, number=2)
    assert (idea.title, idea.state, idea.proposer_text) == (
        "Sprachcafé",
        "review",
        "AG Integration",
    )


def test_the_preview_lists_every_rows_problems_and_stores_nothing(festival):
    text = (
        "Nr;Titel;Teilveranstaltung;Kosten;Reichweite;Vorgeschlagen von\n"
        "1;Gute Idee;Kinowoche;100;50;AG\n"
        "x;Ohne Nummer;;;;\n"
        "2;;;;;\n"
        "3;Zirkus;Zirkuswoche;;;\n"
        "4;Teuer;;viel;;\n"
        "5;Groß;;;sehr viele;\n"
        f"6;{'T' * 201};;;;\n"
        "1;Doppelt;;;;\n"
        f"7;Lang;;;;{'P' * 201}\n"
    )

    preview = idea_import_parse(festival=festival, text=text)

    with settings_en():
        problems = [(row.line, row.errors) for row in preview.rows]
    assert problems[0] == (2, [])
    assert [line for line, errors in problems if errors] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert len(preview.rows) == 9
    assert [row.action for row in preview.valid] == ["create"]
    assert Idea.objects.count() == 0
    result = idea_import(festival=festival, text=text)
    assert (result.created, result.skipped) == (1, 8)
    assert list(Idea.objects.values_list("number", "title")) == [(1, "Gute Idee")]


def settings_en():
    from django.utils import translation

    return translation.override("en")


def test_the_preview_messages_name_the_problem(festival):
    text = "Nr;Titel;Teilveranstaltung;Kosten\n3;Zirkus;Zirkuswoche;1,2,3\n;;;\n4;;;\n"

    with settings_en():
        preview = idea_import_parse(festival=festival, text=text)
        assert [row.errors for row in preview.rows] == [
            [
                "Unknown part of the week “Zirkuswoche” (write its name or “neu”).",
                "The cost “1,2,3” is not an amount.",
            ],
            ["The title is missing."],
        ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.200,50", Decimal("1200.50")),
        ("1200.50", Decimal("1200.50")),
        ("1200 €", Decimal("1200")),
        ("1.200", Decimal("1200")),
        ("1,5", Decimal("1.5")),
        ("1,200.00", Decimal("1200.00")),
        ("EUR 300", Decimal("300")),
        ("", None),
    ],
)
def test_amounts(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["viel", "-5", "1.2.3,4,5", "12,345"])
def test_bad_amounts(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "value"), [("1.500", 1500), ("ca. 200", 200), ("80", 80), ("", None)]
)
def test_counts(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_csv"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not_csv"),
        (b"Nr;Titel\n1;\x01\x02\x03", "not_csv"),
        (b"   \n", "empty"),
        (b"x" * (1024 * 1024 + 1), "too_large"),
    ],
)
def test_files_that_are_not_csv_are_refused(data, code):
    with pytest.raises(ValidationError) as err:
        idea_import_decode(data)

    assert [e.code for e in err.value.error_dict["file"]] == [code]


def test_a_file_without_the_header_or_with_too_many_rows_is_refused(festival):
    with pytest.raises(ValidationError) as err:
        idea_import_parse(festival=festival, text="1;Kino;\n2;Picknick;\n")
    assert [e.code for e in err.value.error_dict["file"]] == ["no_header"]

    many = "Nr;Titel\n" + "".join(
        f"{n};Idee {n}\n" for n in range(1, IMPORT_MAX_ROWS + 2)
    )
    with pytest.raises(ValidationError) as err:
        idea_import(festival=festival, text=many)
    assert [e.code for e in err.value.error_dict["file"]] == ["too_many_rows"]
    assert Idea.objects.count() == 0


# --- Through the page --------------------------------------------------------------
@pytest.fixture
def orga_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(staff("orga", roles.ORGA))
    return client


def upload(client, data: bytes, name: str = "ideen.csv"):
    return client.post(
        reverse("planning:ideas-import"),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_upload_previews_then_the_signed_payload_imports(orga_client, festival, cinema):
    response = upload(orga_client, GERMAN.encode("utf-8-sig"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview: nothing is stored yet" in page
    assert "3 new, 0 to update, 0 unchanged" in page
    assert Idea.objects.count() == 0
    payload = response.context["confirm_form"].initial["payload"]

    response = orga_client.post(
        reverse("planning:ideas-import"), {"payload": payload}, follow=True
    )
    assert (
        "Import finished: 3 new, 0 updated, 0 unchanged, 0 rows with problems skipped."
        in response.content.decode()
    )
    assert [r[0] for r in rows_of(festival)] == [1, 2, 3]
    # The same payload again (a double click): nothing changes.
    orga_client.post(reverse("planning:ideas-import"), {"payload": payload})
    assert Idea.objects.count() == 3


def test_a_tampered_or_foreign_payload_is_refused(orga_client, festival):
    from planning.forms.ideas import import_payload

    other_user = staff("other", roles.ORGA)
    forged = import_payload(text=GERMAN, festival_id=festival.pk, user_id=other_user.pk)
    for payload in ["nonsense", forged]:
        response = orga_client.post(
            reverse("planning:ideas-import"), {"payload": payload}
        )
        assert response.status_code == 400
        assert "The preview has expired" in response.content.decode()
    assert Idea.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 4, "This does not look like a CSV file."),
        (b"", "The submitted file is empty."),
        (b"Kino;Picknick\n1;2\n", "The first line must name the columns"),
        (b"Nr;Titel\n" + b"1;x\n" * 300_000, "The file is larger than 1 MB"),
    ],
)
def test_a_bad_upload_is_a_form_error_not_a_500(orga_client, festival, data, message):
    response = upload(orga_client, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Idea.objects.count() == 0
