"""The printed documents of the demo festival read by the workplace's PDF checker
(check-pdf: page count and size, every font embedded, /Lang and /Title, expected
text extractable, qpdf --check).

check-pdf lives beside the project in the development setup only, not on users'
machines: without it these tests are skipped, also under
FESTWOCHE_REQUIRE_SERVICES (the project's own tests read the same properties with
pypdf in test_booklet.py, test_posters.py and test_lists.py).
"""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from events.demo import demo_load
from events.models import SubEvent, Venue
from printing.documents import KINDS, no_progress

CHECK_PDF = Path(settings.BASE_DIR).parent / "shared" / "validators" / "check-pdf"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not CHECK_PDF.exists(), reason=f"{CHECK_PDF} is not on this machine"
    ),
]


def check(pdf: bytes, path: Path, *arguments: str) -> None:
    path.write_bytes(pdf)
    result = subprocess.run(
        [str(CHECK_PDF), str(path), *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_demo_documents_pass_check_pdf(tmp_path):
    demo_load(start=dt.date(2027, 6, 14), with_accounts=False)
    venue = Venue.objects.get(slug="stadthalle")
    sub_event = SubEvent.objects.order_by("position").first()

    booklet = KINDS["programme"].build(progress=no_progress)
    check(
        booklet,
        tmp_path / "programme.pdf",
        "--size",
        "A5",
        "--lang",
        "de-DE",
        "--expect",
        "Grußwort",
    )
    imposed = KINDS["programme-booklet"].build(progress=no_progress)
    check(
        imposed, tmp_path / "programme-booklet.pdf", "--size", "A4L", "--lang", "de-DE"
    )
    poster = KINDS["poster-venue-day"].build(
        progress=no_progress, venue=venue.slug, day="2027-06-14"
    )
    check(
        poster,
        tmp_path / "poster.pdf",
        "--size",
        "A4",
        "--lang",
        "de-DE",
        "--expect",
        venue.name,
    )
    sub_poster = KINDS["poster-sub-event"].build(
        progress=no_progress, sub_event=sub_event.slug
    )
    check(sub_poster, tmp_path / "sub-event.pdf", "--lang", "de-DE")
    badges = KINDS["badges"].build(progress=no_progress)
    check(badges, tmp_path / "badges.pdf", "--size", "A4", "--lang", "de-DE")
