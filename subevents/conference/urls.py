"""URLs of the conference module (public and organisers')."""

app_name = "conference"

urlpatterns: list = []
