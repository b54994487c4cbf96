"""Routes of the volunteers' API, included at /api/v1/ (placeholder: being built)."""

app_name = "volunteers-api"

urlpatterns: list = []
