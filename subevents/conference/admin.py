"""Admin of the conference module (tracks, speakers, sessions, criteria,
submissions); events themselves are edited in the core's admin."""

from django.contrib import admin

from .models import Criterion, Review, Session, Speaker, Submission, Track


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "audience", "colour", "sub_event"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "partner", "organisation_text"]
    search_fields = ["name", "organisation_text"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "track", "format", "level"]
    list_filter = ["track", "format"]
    raw_id_fields = ["event"]
    filter_horizontal = ["speakers"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "weight", "position", "sub_event"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "name", "format", "state", "created_at"]
    list_filter = ["state", "format"]
    exclude = ["token"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["submission", "reviewer", "criterion", "score"]
