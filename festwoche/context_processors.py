"""Template context for the whole site from the project level."""

from django.http import HttpRequest

from festwoche.health import service_problems


def service_status(request: HttpRequest) -> dict:
    """For staff: what is down or delayed (`service_problems`, at most 30 s old),
    shown as a banner by the base layout; nothing for anyone else."""
    user = getattr(request, "user", None)
    if not (user is not None and user.is_authenticated and user.is_staff):
        return {}
    return {"service_problems": service_problems()}
