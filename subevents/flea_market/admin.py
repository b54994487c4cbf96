"""The market in the admin: markets with their pitch types and site plans, the
pitches of a plan (the plan's layout is edited here), applications read-mostly
(allocation, moves and payments go through the organisers' pages)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.admin_links import links_renew

from .models import Application, Market, Pitch, PitchType, SitePlan
from .services import application_link_renew


class PitchTypeInline(admin.TabularInline):
    model = PitchType
    extra = 0


class SitePlanInline(admin.TabularInline):
    model = SitePlan
    extra = 0
    show_change_link = True


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = ["event", "setup_from", "setup_until", "applications_open"]
    list_select_related = ["event"]
    raw_id_fields = ["event"]
    inlines = [PitchTypeInline, SitePlanInline]


class PitchInline(admin.TabularInline):
    model = Pitch
    extra = 0
    fields = ["number", "pitch_type", "x", "y", "w", "h", "electricity", "market"]


@admin.register(SitePlan)
class SitePlanAdmin(admin.ModelAdmin):
    list_display = ["name", "market", "setting", "columns", "rows"]
    list_select_related = ["market__event"]
    inlines = [PitchInline]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "market", "status", "pitch", "pitch_type", "applied_at"]
    list_filter = ["status", "seller_kind"]
    list_select_related = ["market__event", "pitch", "pitch_type"]
    search_fields = ["name", "email", "association"]
    actions = ["renew_links"]
    readonly_fields = [
        "status",
        "pitch",
        "allocated_at",
        "fee_cents",
        "paid_cents",
        "paid_at",
        "paid_by",
        "cancelled_at",
        "applied_at",
    ]

    @admin.action(
        description=_("Renew the sellers' links (the old addresses stop working)"),
        permissions=["change"],
    )
    def renew_links(self, request, queryset) -> None:
        links_renew(
            self, request, queryset, lambda obj: application_link_renew(application=obj)
        )
