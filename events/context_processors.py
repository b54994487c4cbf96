from django.http import HttpRequest

from events.selectors import festival_current


def festival(request: HttpRequest) -> dict:
    """The current festival for the base layout, looked up once per request."""
    cached = {}

    def get():
        if "festival" not in cached:
            cached["festival"] = festival_current()
        return cached["festival"]

    return {"festival": get}
