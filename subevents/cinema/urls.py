"""URLs of the cinema module (public and organisers')."""

app_name = "cinema"

urlpatterns: list = []
