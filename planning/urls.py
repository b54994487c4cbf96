"""Public pages of the planning app: the programme's changes and their feed."""

from planning.views import releases

app_name = "planning-public"

urlpatterns = [*releases.public_urlpatterns]
