"""The Django admin, tuned for planners: raw data with the same rules as everywhere.

Event and venue forms validate through events.services and save through it, so a
venue conflict shows as a form error, not a crash, and the admin cannot store what
the API would refuse.
"""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import roles, services
from events.models import (
    BERLIN,
    Audience,
    AuditEntry,
    Event,
    Festival,
    OutboxMail,
    Partner,
    SubEvent,
    Venue,
)
from events.notifications import outbox_retry
from events.selectors import conflict_list, festival_current, venue_clashes


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        exclude = ["created_by"]

    def _post_clean(self):
        # The instance carries the form's values only after ModelForm._post_clean.
        super()._post_clean()
        if self.errors:
            return
        event = self.instance
        try:
            services.event_validate(event=event)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                target = field if field in self.fields else None
                for error in errors:
                    self.add_error(target, error)
            return
        # An early look at the venue rule, for a friendly message; event_save checks
        # it again under the lock.
        venue = event.venue
        if venue and not venue.shared and event.status != Event.Status.CANCELLED:
            clashes = venue_clashes(
                venue=venue,
                blocked_from=event.blocked_from,
                blocked_until=event.blocked_until,
                exclude_event_id=event.pk,
            )
            if clashes:
                error = services.venue_clash_error(clashes=clashes, venue=venue)
                self.add_error("venue", error.error_dict["venue"][0])


class FestivalDayFilter(admin.SimpleListFilter):
    title = _("day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        festival = festival_current()
        if festival is None:
            return []
        return [(day.isoformat(), date_format(day, "l, d.m.")) for day in festival.days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = dt.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        return queryset.on_day(day)


class EventInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Rows of one submission may clash with each other, which each row's own
        check against the stored plan cannot see."""
        super().clean()
        rows = [
            form.instance
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and not form.errors
            and form.instance.venue_id
            and not form.instance.venue.shared
            and form.instance.status != Event.Status.CANCELLED
        ]
        for i, first in enumerate(rows):
            for second in rows[i + 1 :]:
                if (
                    first.venue_id == second.venue_id
                    and first.blocked_from < second.blocked_until
                    and second.blocked_from < first.blocked_until
                ):
                    raise ValidationError(
                        _("“%(a)s” and “%(b)s” overlap at %(venue)s.")
                        % {
                            "a": first.title,
                            "b": second.title,
                            "venue": first.venue.name,
                        },
                        code="venue_conflict",
                    )


class EventInline(admin.TabularInline):
    model = Event
    form = EventAdminForm
    formset = EventInlineFormSet
    fields = ["title", "venue", "starts_at", "ends_at", "status", "capacity"]
    extra = 0
    show_change_link = True
    ordering = ["starts_at"]
    autocomplete_fields = ["venue"]


@admin.register(Festival)
class FestivalAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SubEvent)
class SubEventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "lead_partner", "position"]
    list_filter = ["kind"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["leads"]
    autocomplete_fields = ["lead_partner"]
    inlines = [EventInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[SubEvent]:
        return roles.sub_events_for(request.user).select_related("lead_partner")

    def save_formset(self, request, form, formset, change):
        if formset.model is not Event:
            return super().save_formset(request, form, formset, change)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in formset.save(commit=False):
            instance.created_by = instance.created_by or request.user
            services.event_save(event=instance)
        return None


class VenueAdminForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = "__all__"


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    form = VenueAdminForm
    list_display = [
        "name",
        "city",
        "capacity",
        "setting",
        "shared",
        "step_free",
        "is_published",
    ]
    list_filter = ["shared", "setting", "step_free", "is_published"]
    search_fields = ["name", "street", "city"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "is_published",
                    "shared",
                    "capacity",
                    "setting",
                ]
            },
        ),
        (
            _("Address"),
            {
                "fields": [
                    "street",
                    "postal_code",
                    "city",
                    "latitude",
                    "longitude",
                    "directions",
                ]
            },
        ),
        (
            _("Accessibility"),
            {
                "fields": [
                    "step_free",
                    "accessible_toilet",
                    "hearing_loop",
                    "parking",
                    "accessibility_notes",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        try:
            services.venue_save(venue=obj)
        except ValidationError as exc:
            # Turning a venue exclusive while events overlap there: keep it shared.
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            obj.shared = True
            services.venue_save(venue=obj)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "contact_name", "contact_email"]
    list_filter = ["sector"]
    search_fields = ["name", "contact_name", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "min_age", "max_age", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title", "starts_local", "venue", "sub_event", "status", "capacity"]
    list_filter = [FestivalDayFilter, "sub_event", "venue", "status"]
    list_select_related = ["venue", "sub_event"]
    search_fields = ["title", "summary", "venue__name", "host_partners__name"]
    date_hierarchy = None
    ordering = ["starts_at"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "host_partners", "sub_event"]
    filter_horizontal = ["audiences"]
    actions = ["publish_selected", "cancel_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "sub_event",
                    "title",
                    "slug",
                    "summary",
                    "description",
                    "status",
                    "cancel_reason",
                ]
            },
        ),
        (
            _("Time and place"),
            {
                "fields": [
                    "venue",
                    "starts_at",
                    "ends_at",
                    "setup_minutes",
                    "teardown_minutes",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    "capacity",
                    "registration_opens_at",
                    "registration_closes_at",
                    "max_party_size",
                    "adult_required_under",
                    "adults_take_seats",
                ]
            },
        ),
        (
            _("Audience"),
            {
                "fields": [
                    "min_age",
                    "max_age",
                    "audiences",
                    "languages",
                    "accessibility_notes",
                ]
            },
        ),
        (
            _("Price and partners"),
            {"fields": ["is_free", "price_text", "host_partners"]},
        ),
    ]

    def get_urls(self):
        return [
            path(
                "conflicts/",
                self.admin_site.admin_view(self.conflicts_view),
                name="events_event_conflicts",
            ),
            *super().get_urls(),
        ]

    def conflicts_view(self, request: HttpRequest) -> TemplateResponse:
        """Every scheduling problem of the festival, each with a link to fix it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        festival = festival_current()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Scheduling conflicts"),
            "festival": festival,
            "conflicts": conflict_list(festival=festival) if festival else [],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/events/conflicts.html", context)

    def changelist_view(self, request, extra_context=None):
        festival = festival_current()
        extra_context = {
            **(extra_context or {}),
            "conflict_count": len(conflict_list(festival=festival)) if festival else 0,
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("starts"), ordering="starts_at")
    def starts_local(self, obj: Event) -> str:
        return date_format(timezone.localtime(obj.starts_at, BERLIN), "D d.m. H:i")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        queryset = super().get_queryset(request)
        if roles.user_is_orga(request.user):
            return queryset
        return queryset.filter(
            pk__in=roles.events_editable_by(request.user).values("pk")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "sub_event":
            kwargs["queryset"] = roles.sub_events_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if roles.only_drafts(request.user):
            return ["status", "cancel_reason"]
        return []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if roles.only_drafts(request.user):
            obj.status = Event.Status.DRAFT
        # The M2M fields are set in save_related; the service stores the row and
        # its venue booking atomically.
        services.event_save(event=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if roles.only_drafts(request.user):
            form.instance.host_partners.add(
                *Partner.objects.filter(members=request.user)
            )

    @admin.action(description=_("Publish selected events"), permissions=["change"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._bulk(
            request,
            queryset,
            lambda event: services.event_publish(event=event),
            _("published"),
        )

    @admin.action(description=_("Cancel selected events"), permissions=["change"])
    def cancel_selected(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        reason = _("Cancelled by the organisers.")
        self._bulk(
            request,
            queryset,
            lambda event: services.event_cancel(event=event, reason=reason),
            _("cancelled"),
        )

    def _bulk(self, request, queryset, change, verb) -> None:
        done, failed = 0, []
        for event in queryset.select_related("sub_event"):
            if not roles.can_publish(request.user, event):
                failed.append(
                    _("%(title)s: you may not change its status.")
                    % {"title": event.title}
                )
                continue
            try:
                change(event)
                done += 1
            except ValidationError as exc:
                failed.append(f"{event.title}: {' '.join(exc.messages)}")
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d event %(verb)s.", "%(count)d events %(verb)s.", done
                )
                % {"count": done, "verb": verb},
                messages.SUCCESS,
            )
        for line in failed:
            self.message_user(request, line, messages.ERROR)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only: written only by events.audit, never edited. Who
    may look: whoever holds its view permission (the Orga-Team, superusers)."""

    list_display = ["at", "actor_name", "via", "action", "object_type", "object_id"]
    list_filter = ["via", "action", "object_type"]
    search_fields = ["actor_name", "action", "object_id"]
    date_hierarchy = "at"
    readonly_fields = [
        "at",
        "actor",
        "actor_name",
        "via",
        "action",
        "object_type",
        "object_id",
        "summary",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    """The e-mail outbox, read-only: what was sent, what waits, what failed and why;
    failed mails can be sent again."""

    list_display = ["created_at", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = [
        "created_at",
        "to",
        "subject",
        "body",
        "html",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    ]
    exclude = ["attachments"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description=_("Send failed e-mails again"), permissions=["view"])
    def send_again(self, request: HttpRequest, queryset: QuerySet) -> None:
        queued = outbox_retry(mail_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d failed e-mail is being sent again.",
                "%(count)d failed e-mails are being sent again.",
                queued,
            )
            % {"count": queued},
            messages.SUCCESS if queued else messages.WARNING,
        )


admin.site.site_header = _("Festwoche – planning")
admin.site.site_title = _("Festwoche")
admin.site.index_title = _("Raw data of the festival week")
