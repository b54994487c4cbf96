"""Programme releases: the organisers' page (what changed since the last release,
publish the next one, the past ones) and the public "Programmänderungen" page with
its Atom feed."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from events.models import Festival
from events.selectors import festival_current
from planning.forms.releases import ReleaseForm
from planning.selectors.releases import (
    TOLD_KINDS,
    ReleaseView,
    pending_changes,
    releases_with_changes,
)
from planning.services.releases import release_name_suggested, release_publish
from planning.views.access import current_festival, planner_page, require


@planner_page
def index(request: HttpRequest) -> HttpResponse:
    require(request, "planning.view_release")
    festival = current_festival()
    status = 200
    if request.method == "POST":
        require(request, "planning.add_release")
        form = ReleaseForm(request.POST)
        if form.is_valid():
            try:
                release = release_publish(
                    festival=festival,
                    name=form.cleaned_data["name"],
                    note=form.cleaned_data["note"],
                    published_by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                text = _("“%(name)s” is published.") % {"name": release.name}
                if release.changes.filter(kind__in=TOLD_KINDS).exists():
                    text += " " + _(
                        "Families and volunteers affected by moved or cancelled "
                        "events are told by e-mail."
                    )
                messages.success(request, text)
                return redirect("planning:releases")
        status = 400
    else:
        form = ReleaseForm(initial={"name": release_name_suggested(festival=festival)})
    return render(
        request,
        "planning/releases/index.html",
        {
            "festival": festival,
            "pending": pending_changes(festival=festival),
            "releases": releases_with_changes(festival=festival),
            "form": form,
            "can_publish": request.user.has_perm("planning.add_release"),
        },
        status=status,
    )


urlpatterns = [path("releases/", index, name="releases")]


# --- public -------------------------------------------------------------------------


@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    festival = festival_current()
    return render(
        request,
        "planning/public/changes.html",
        {"releases": releases_with_changes(festival=festival)},
    )


class _AtomWithContent(Atom1Feed):
    """Atom with each entry's full list of changes as <content type="html">
    (Django writes only <summary>)."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass(frozen=True)
class _Source:
    festival: Festival | None
    base_url: str  # scheme and host of the request, for links inside the content


@dataclass(frozen=True)
class _Entry:
    view: ReleaseView
    festival: Festival
    base_url: str


class ChangesFeed(Feed):
    """One entry per release of the current festival, newest first."""

    feed_type = _AtomWithContent

    def get_object(self, request: HttpRequest) -> _Source:
        return _Source(
            festival=festival_current(),
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )

    def title(self, source: _Source) -> str:
        name = source.festival.name if source.festival else "Festwoche"
        return _("Programme changes – %(festival)s") % {"festival": name}

    def subtitle(self, source: _Source) -> str:
        return _("Each new version of the programme: what is new, moved or cancelled.")

    def link(self) -> str:
        return reverse("planning-public:changes")

    def feed_url(self) -> str:
        return reverse("planning-public:changes-feed")

    def items(self, source: _Source) -> list[_Entry]:
        return [
            _Entry(view=view, festival=source.festival, base_url=source.base_url)
            for view in releases_with_changes(festival=source.festival)
        ]

    def item_title(self, item: _Entry) -> str:
        return item.view.release.name

    def item_link(self, item: _Entry) -> str:
        return f"{reverse('planning-public:changes')}#{item.view.anchor}"

    def item_guid(self, item: _Entry) -> str:
        # A tag: URI (RFC 4151) from the site's host, the day of publication and
        # the festival: stable, and unique across festivals (whose release numbers
        # start at 1 again).
        release = item.view.release
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return (
            f"tag:{host},{release.published_at:%Y-%m-%d}:"
            f"{item.festival.slug}/release-{release.number}"
        )

    item_guid_is_permalink = False

    def item_pubdate(self, item: _Entry):
        return item.view.release.published_at

    def item_updateddate(self, item: _Entry):
        return item.view.release.published_at

    def item_description(self, item: _Entry) -> str:
        counts = {group.kind: len(group.rows) for group in item.view.groups}
        return _(
            "New: %(new)d, moved: %(moved)d, cancelled: %(cancelled)d, "
            "removed: %(removed)d."
        ) % {
            "new": counts.get("new", 0),
            "moved": counts.get("moved", 0),
            "cancelled": counts.get("cancelled", 0),
            "removed": counts.get("removed", 0),
        }

    def item_extra_kwargs(self, item: _Entry) -> dict:
        content = render_to_string(
            "planning/public/_feed_entry.html",
            {"view": item.view, "site_url": item.base_url},
        )
        return {"content": content}


public_urlpatterns = [
    path("programme/changes/", changes, name="changes"),
    path("programme/changes.atom", require_safe(ChangesFeed()), name="changes-feed"),
]
