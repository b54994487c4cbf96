"""URLs of the module (public pages and the organisers' pages)."""

from django.urls import path

from .views import counting, files, orga, public

# Tokens and join codes are secrets.token_urlsafe: the slug alphabet exactly, so
# anything else (a NUL byte PostgreSQL would refuse, say) never reaches a view.

app_name = "charity_run"

urlpatterns = [
    # public
    path("run/<slug:slug>/", public.run_page, name="run"),
    path("run/<slug:slug>/join/<slug:code>/", public.join, name="join"),
    path("run/<slug:slug>/board/", public.board, name="board"),
    path("run/<slug:slug>/board.json", public.board_json, name="board-data"),
    path("run/r/<slug:token>/", public.runner_page, name="runner"),
    path(
        "run/r/<slug:token>/certificate.pdf",
        public.runner_certificate,
        name="runner-certificate",
    ),
    # counting links (token in the URL, or in X-Counter-Token for the API paths)
    path("run/count/<slug:token>/", counting.counter_page, name="count"),
    path("run/count/<slug:token>/tap/", counting.counter_tap, name="count-tap"),
    path("run/count/<slug:token>/undo/", counting.counter_undo, name="count-undo"),
    path("run/api/tap/", counting.counter_tap, name="api-tap"),
    path("run/api/undo/", counting.counter_undo, name="api-undo"),
    # organisers
    path("orga/run/", orga.runs, name="orga-runs"),
    path("orga/run/<slug:slug>/", orga.overview, name="orga-run"),
    path("orga/run/<slug:slug>/settings/", orga.settings_page, name="orga-settings"),
    path("orga/run/<slug:slug>/runners/", orga.runners, name="orga-runners"),
    path("orga/run/<slug:slug>/teams/", orga.teams, name="orga-teams"),
    path("orga/run/<slug:slug>/pledges/", orga.pledges, name="orga-pledges"),
    path("orga/run/<slug:slug>/counters/", orga.counters, name="orga-counters"),
    path("orga/run/<slug:slug>/flagged/", orga.flagged, name="orga-flagged"),
    path("orga/run/<slug:slug>/count/", counting.staff_page, name="staff-count"),
    path("orga/run/<slug:slug>/count/tap/", counting.staff_tap, name="staff-tap"),
    path("orga/run/<slug:slug>/count/undo/", counting.staff_undo, name="staff-undo"),
    path(
        "orga/run/<slug:slug>/certificates.pdf",
        files.certificates,
        name="orga-certificates",
    ),
    path(
        "orga/run/<slug:slug>/runners/<int:pk>/certificate.pdf",
        files.certificate,
        name="orga-certificate",
    ),
    path("orga/run/<slug:slug>/letters.pdf", files.letters, name="orga-letters"),
    path(
        "orga/run/<slug:slug>/export/<str:what>.<str:fmt>",
        files.export,
        name="orga-export",
    ),
]
