"""Raw data of volunteers for the Orga-Team. The festival's rules (with the youth
protection defaults to confirm) and the roles are edited here; shifts, people,
qualifications and assignments are changed in the coordinators' pages under
/orga/volunteers/, which go through volunteers.services (rules, locks, e-mails).
"""

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from events.admin_links import links_renew
from volunteers.models import (
    Assignment,
    Qualification,
    QualificationKind,
    Role,
    Shift,
    Volunteer,
    VolunteerPolicy,
)
from volunteers.services.links import volunteer_link_renew


@admin.register(VolunteerPolicy)
class VolunteerPolicyAdmin(admin.ModelAdmin):
    list_display = ["festival", "youth_rules_confirmed_by", "youth_rules_confirmed_on"]
    fieldsets = [
        (None, {"fields": ["festival"]}),
        (
            _("Shifts"),
            {
                "fields": [
                    "travel_buffer_minutes",
                    "adult_daily_max_minutes",
                    "withdraw_deadline_hours",
                    "reminder_time",
                    "digest_days_before",
                ]
            },
        ),
        (
            _("Youth protection (defaults from the JArbSchG; please confirm)"),
            {
                "fields": [
                    "youth_daily_max_minutes",
                    ("youth_earliest", "youth_latest"),
                    "child_daily_max_minutes",
                    ("child_earliest", "child_latest"),
                    ("youth_rules_confirmed_by", "youth_rules_confirmed_on"),
                ]
            },
        ),
        (
            _("Validity of qualifications"),
            {
                "fields": [
                    "police_certificate_years",
                    "first_aid_years",
                    "hygiene_years",
                ]
            },
        ),
    ]


class RoleForm(forms.ModelForm):
    required_qualifications = forms.TypedMultipleChoiceField(
        label=_("required qualifications"),
        choices=QualificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Role
        fields = [
            "festival",
            "name",
            "slug",
            "description",
            "briefing",
            "required_qualifications",
            "min_age",
            "colour",
        ]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    form = RoleForm
    list_display = ["name", "min_age", "festival"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Look, do not touch: the coordinators' pages write through the services."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Shift)
class ShiftAdmin(ReadOnlyAdmin):
    list_display = ["role", "starts_at", "ends_at", "venue", "needed"]
    list_filter = ["role", "venue", "sub_event"]
    date_hierarchy = "starts_at"


@admin.register(Volunteer)
class VolunteerAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "partner", "age_group", "created_at"]
    list_filter = ["age_group", "partner"]
    search_fields = ["name", "email"]
    exclude = ["token"]
    actions = ["renew_links"]

    def has_renew_permission(self, request: HttpRequest) -> bool:
        # Read-only otherwise, but a leaked link must be stoppable from here.
        return request.user.has_perm("volunteers.change_volunteer")

    @admin.action(
        description=_("Renew the links (the old addresses stop working)"),
        permissions=["renew"],
    )
    def renew_links(self, request, queryset) -> None:
        links_renew(
            self, request, queryset, lambda obj: volunteer_link_renew(volunteer=obj)
        )


@admin.register(Qualification)
class QualificationAdmin(ReadOnlyAdmin):
    list_display = ["volunteer", "kind", "issued_on", "valid_until", "sighted_on"]
    list_filter = ["kind"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["volunteer", "shift", "created_at", "withdrawn_at", "attendance"]
    list_filter = ["attendance"]
