"""The planning workspace, under /orga/planning/ (each area lists its own URLs)."""

from planning.views import (
    audit,
    board,
    dashboard,
    ideas,
    partner,
    privacy,
    proposals,
    releases,
    todo,
)

app_name = "planning"

urlpatterns = [
    *dashboard.urlpatterns,
    *board.urlpatterns,
    *todo.urlpatterns,
    *proposals.urlpatterns,
    *partner.urlpatterns,
    *ideas.urlpatterns,
    *releases.urlpatterns,
    *privacy.urlpatterns,
    *audit.urlpatterns,
]
