"""Building printed documents: requested on fetch, built once per content, the last
good version served, failures recorded, organisers may force a rebuild.

A small document kind registered by the tests stands in for the real ones (which
have their own tests); its builds are real reportlab PDFs.
"""

import io

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from events.pdf.fonts import REGULAR, fonts_register
from printing import services, views
from printing.documents import KINDS, Kind
from printing.models import PrintRun

STATE = {"version": "1", "fail": False, "builds": 0}


def _build(*, progress, **params) -> bytes:
    if STATE["fail"]:
        raise RuntimeError("the printer ran out of ink")
    STATE["builds"] += 1
    progress(0.5)
    buffer = io.BytesIO()
    fonts_register()
    pdf = canvas.Canvas(buffer)
    pdf.setFont(REGULAR, 12)
    pdf.drawString(72, 720, f"Version {STATE['version']} · Grüße")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def kind():
    STATE.update(version="1", fail=False, builds=0)
    KINDS["test-doc"] = Kind(
        name="test-doc",
        title="Testdokument",
        build=_build,
        fingerprint=lambda **params: STATE["version"],
        filename=lambda **params: "test.pdf",
        permission=None,
    )
    KINDS["test-private"] = Kind(
        name="test-private",
        title="Intern",
        build=_build,
        fingerprint=lambda **params: STATE["version"],
        filename=lambda **params: "intern.pdf",
        permission="volunteers.view_volunteer",
    )
    yield
    del KINDS["test-doc"], KINDS["test-private"]


def text_of(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def fetch(kind: str = "test-doc", user=None):
    """Fetch a test kind through the view's serving path (the test kinds have no
    URL of their own)."""
    request = RequestFactory().get(f"/print/{kind}.pdf")
    request.user = user or AnonymousUser()
    return views._serve(request, kind, {})


@pytest.mark.django_db(transaction=True)
def test_the_first_fetch_builds_and_later_ones_reuse_the_build(kind):
    first = fetch()
    second = fetch()

    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first.content == second.content
    assert "Version 1 · Grüße" in text_of(first.content)
    assert STATE["builds"] == 1
    run = PrintRun.objects.get(key="test-doc")
    assert (run.status, run.progress, run.pages) == ("ready", 100, 1)


@pytest.mark.django_db(transaction=True)
def test_a_content_change_builds_again_and_old_builds_are_pruned(kind):
    for version in "12345":
        STATE["version"] = version
        assert f"Version {version}" in text_of(fetch().content)

    assert STATE["builds"] == 5
    assert list(
        PrintRun.objects.filter(key="test-doc").values_list("fingerprint", flat=True)
    ) == ["5", "4", "3"]


@pytest.mark.django_db(transaction=True)
def test_a_failed_build_is_recorded_and_the_last_good_version_still_served(kind):
    good = fetch().content
    STATE.update(version="2", fail=True)

    served = fetch()

    assert served.status_code == 200
    assert served.content == good
    failed = PrintRun.objects.get(key="test-doc", fingerprint="2")
    assert failed.status == "failed"
    assert failed.error == "RuntimeError: the printer ran out of ink"


@pytest.mark.django_db
def test_without_any_build_the_reader_gets_a_page_that_retries(kind):
    # Inside the test's transaction the queued build waits for a commit that
    # never comes: what a reader sees while a worker is still busy.
    response = fetch()

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert PrintRun.objects.get(key="test-doc").status == "queued"


@pytest.mark.django_db(transaction=True)
def test_a_build_runs_once_even_if_the_task_is_delivered_twice(kind):
    run = services.document_request(kind="test-doc")
    run.refresh_from_db()
    assert run.status == "ready"

    assert services.document_build(run_pk=run.pk) is None
    assert STATE["builds"] == 1


@pytest.mark.django_db(transaction=True)
def test_private_documents_need_login_and_the_permission(kind, django_user_model):
    anonymous = fetch("test-private")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")

    staff = django_user_model.objects.create_user("k", password="x", is_staff=True)
    with pytest.raises(PermissionDenied):
        fetch("test-private", staff)
    staff.user_permissions.add(
        Permission.objects.get(
            codename="view_volunteer", content_type__app_label="volunteers"
        )
    )
    fresh = django_user_model.objects.get(pk=staff.pk)  # permissions reloaded
    response = fetch("test-private", fresh)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db(transaction=True)
def test_organisers_force_a_rebuild_of_an_unchanged_document(kind, admin_client):
    fetch()

    response = admin_client.post("/orga/print/rebuild/test-doc/")

    assert response.status_code == 302
    assert STATE["builds"] == 2
    assert admin_client.get("/orga/print/").status_code == 200
    status = admin_client.get("/orga/print/status.json").json()
    assert status["test-doc"] == {"status": "ready", "progress": 100}


@pytest.mark.django_db
def test_the_overview_is_for_staff_only(client, django_user_model):
    assert client.get("/orga/print/").status_code == 302
    django_user_model.objects.create_user("f", password="x")
    client.login(username="f", password="x")
    assert client.get("/orga/print/").status_code == 403


@pytest.mark.django_db
def test_the_download_page_links_both_editions_and_says_how_to_print(client):
    from django.utils.translation import gettext as _

    response = client.get("/print/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/print/programme.pdf"' in html
    assert 'href="/print/programme-booklet.pdf"' in html
    assert _("Choose “flip on short edge” (sometimes called “tumble”).") in html
