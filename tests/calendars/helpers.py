"""Reading feeds the way calendar apps do: two independent parsers (icalendar and
vobject) on the bytes the view returned."""

import icalendar
import vobject
from django.test import Client
from django.urls import reverse

from calendars.services import feed_token_get
from registrations.models import Household
from volunteers.models import Volunteer


def programme_url(**query: str) -> str:
    url = reverse("calendars:programme")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def household_url(household: Household) -> str:
    token = feed_token_get(household=household).token
    return reverse("calendars:household", kwargs={"token": token})


def volunteer_url(volunteer: Volunteer) -> str:
    token = feed_token_get(volunteer=volunteer).token
    return reverse("calendars:volunteer", kwargs={"token": token})


def get_feed(url: str, **headers: str) -> bytes:
    """The body of a feed, which must answer 200 with text/calendar."""
    response = Client().get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def entries(body: bytes) -> dict[str, icalendar.Event]:
    """The VEVENTs by UID, read by icalendar."""
    calendar = icalendar.Calendar.from_ical(body)
    found = {str(entry["UID"]): entry for entry in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "repeated UIDs"
    return found


def v_entries(body: bytes) -> dict[str, object]:
    """The VEVENTs by UID, read (and validated) by vobject."""
    calendar = vobject.readOne(body.decode("utf-8"), validate=True)
    return {entry.uid.value: entry for entry in calendar.contents.get("vevent", [])}


def text_lines(body: bytes) -> list[str]:
    """The physical lines; every one must end in CRLF."""
    text = body.decode("utf-8")
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines)
    return lines


def unescape(value: str) -> str:
    """RFC 5545 TEXT unescaped (for properties icalendar does not know, such as
    NAME and X-WR-CALNAME, whose value it returns as written)."""
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            char = next(chars, "")
            out.append("\n" if char in "nN" else char)
        else:
            out.append(char)
    return "".join(out)
