"""Raw data of registrations for the Orga-Team; day-to-day work happens in the
organisers' pages, which go through registrations.services."""

from django.contrib import admin

from registrations.models import Household, Participant, Registration


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = [
        "name",
        "age",
        "takes_seat",
        "photo_consent",
        "cancelled_at",
        "checked_in_at",
    ]
    readonly_fields = fields
    can_delete = False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["household", "event", "status", "created_at"]
    list_filter = ["status", "event__sub_event"]
    search_fields = ["household__name", "household__email", "event__title"]
    list_select_related = ["household", "event"]
    readonly_fields = [
        "household",
        "event",
        "status",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "consent_privacy_version",
        "consent_privacy_text",
        "reminder_sent_at",
    ]
    inlines = [ParticipantInline]

    def has_add_permission(self, request):
        return False


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone", "language"]
    search_fields = ["name", "email"]
