"""Raw data of registrations for the Orga-Team: find, filter and read. Day-to-day work
(adding, moving, cancelling parties, capacity, check-in) happens in the organisers'
pages under /orga/, which go through registrations.services; so do the actions
here. Nothing is edited field by field: seats and the waiting list would not follow.
"""

from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import roles
from events.admin_links import links_renew
from registrations.models import Household, Participant, Registration
from registrations.orga_views import events_managed_by
from registrations.services import registration_cancel
from registrations.services.links import household_link_renew, registration_link_renew


def _scoped(request: HttpRequest, queryset: QuerySet, event_path: str) -> QuerySet:
    """Module leads see the registrations of their sub-events' events only."""
    if roles.user_is_orga(request.user):
        return queryset
    return queryset.filter(
        **{f"{event_path}__in": events_managed_by(request.user)}
    ).distinct()


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ParticipantInline(ReadOnlyInline):
    model = Participant
    fields = [
        "name",
        "age",
        "takes_seat",
        "photo_consent",
        "cancelled_at",
        "checked_in_at",
    ]
    readonly_fields = fields


class CheckedInFilter(admin.SimpleListFilter):
    title = _("check-in")
    parameter_name = "checked_in"

    def lookups(self, request, model_admin):
        return [("yes", _("someone checked in")), ("no", _("nobody checked in"))]

    def queryset(self, request, queryset):
        arrived = Q(participants__checked_in_at__isnull=False)
        if self.value() == "yes":
            return queryset.filter(arrived).distinct()
        if self.value() == "no":
            return queryset.exclude(arrived)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["household", "event", "status", "people", "created_at"]
    list_filter = [
        "status",
        "event__sub_event",
        ("event", admin.RelatedOnlyFieldListFilter),
        CheckedInFilter,
        "created_at",
    ]
    search_fields = [
        "household__name",
        "household__email",
        "participants__name",
        "event__title",
    ]
    search_help_text = _("Household name or e-mail, a participant's name, an event.")
    list_select_related = ["household", "event"]
    list_per_page = 50
    readonly_fields = [
        "organiser_page",
        "household",
        "event",
        "status",
        "needs",
        "needs_text",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "reminder_sent_at",
        "consent_privacy_version",
        "consent_privacy_text",
    ]
    fields = readonly_fields
    inlines = [ParticipantInline]
    actions = ["cancel_registrations", "renew_links"]

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .annotate(
                active_people=Count(
                    "participants", filter=Q(participants__cancelled_at__isnull=True)
                )
            )
        )
        return _scoped(request, queryset, "event")

    def has_add_permission(self, request) -> bool:
        return False  # through the event's organiser page (seats, waiting list)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # cancel instead; personal data goes by the retention rule

    @admin.display(description=_("people"), ordering="active_people")
    def people(self, obj: Registration) -> int:
        return obj.active_people

    @admin.display(description=_("organiser page"))
    def organiser_page(self, obj: Registration) -> str:
        url = reverse(
            "registrations-orga:registrations", kwargs={"slug": obj.event.slug}
        )
        return format_html(
            '<a href="{}#party-{}">{}</a>', url, obj.pk, _("Open in the list")
        )

    @admin.action(
        description=_("Cancel the selected registrations (families get an e-mail)"),
        permissions=["change"],
    )
    def cancel_registrations(self, request, queryset) -> None:
        count = 0
        for registration in queryset.exclude(status=Registration.Status.CANCELLED):
            registration_cancel(registration=registration)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d registration cancelled; the waiting lists moved up.",
                "%(n)d registrations cancelled; the waiting lists moved up.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Renew the links (the old addresses stop working)"),
        permissions=["change"],
    )
    def renew_links(self, request, queryset) -> None:
        links_renew(
            self,
            request,
            queryset,
            lambda obj: registration_link_renew(registration=obj),
        )


class RegistrationInline(ReadOnlyInline):
    model = Registration
    fields = ["event", "status", "created_at", "cancelled_at"]
    readonly_fields = fields
    ordering = ["event__starts_at"]


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone", "language", "registration_count"]
    list_filter = ["language"]
    search_fields = ["name", "email", "phone", "registrations__participants__name"]
    readonly_fields = ["name", "email", "phone", "language", "created_at", "updated_at"]
    fields = readonly_fields
    inlines = [RegistrationInline]
    actions = ["renew_links"]

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .annotate(registration_total=Count("registrations", distinct=True))
        )
        return _scoped(request, queryset, "registrations__event")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # families delete their data through their link; see privacy

    @admin.display(description=_("registrations"), ordering="registration_total")
    def registration_count(self, obj: Household) -> int:
        return obj.registration_total

    @admin.action(
        description=_("Renew the manage links (the old addresses stop working)"),
        permissions=["change"],
    )
    def renew_links(self, request, queryset) -> None:
        links_renew(
            self, request, queryset, lambda obj: household_link_renew(household=obj)
        )
