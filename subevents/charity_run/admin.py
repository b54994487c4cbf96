"""Raw data in the admin: settings of runs, teams, runners, pledges. Lap entries
are read-only (they are never changed)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.admin_links import links_renew

from .models import Counter, LapEntry, Pledge, Run, Runner, Team
from .services.runners import runner_link_renew


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    list_display = ["event", "lap_length_m", "state", "signup_open"]
    raw_id_fields = ["event"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "run", "kind", "block"]
    list_filter = ["kind"]
    readonly_fields = ["block", "join_code"]


@admin.register(Runner)
class RunnerAdmin(admin.ModelAdmin):
    list_display = ["start_number", "first_name", "last_name", "team", "age_group"]
    search_fields = ["first_name", "last_name"]
    readonly_fields = ["start_number", "token"]
    actions = ["renew_links"]

    @admin.action(
        description=_("Renew the runners' links (the old addresses stop working)"),
        permissions=["change"],
    )
    def renew_links(self, request, queryset) -> None:
        links_renew(self, request, queryset, lambda obj: runner_link_renew(runner=obj))


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["sponsor_name", "kind", "runner", "team", "received_cents"]
    raw_id_fields = ["runner", "team"]


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["name", "run", "revoked_at"]
    readonly_fields = ["token"]


@admin.register(LapEntry)
class LapEntryAdmin(admin.ModelAdmin):
    list_display = ["tapped_at", "runner", "kind", "flagged", "counter"]
    list_filter = ["kind", "flagged"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
