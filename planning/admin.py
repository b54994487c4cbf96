"""Raw data of the planning workspace for the Orga-Team (the workspace itself is
under /orga/planning/)."""

from django.contrib import admin

from planning.models import Comment, Criterion, Idea, Proposal, Rating, Release


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    fields = ["author_name", "text", "internal", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "state", "wished_starts_at", "created_at"]
    list_filter = ["state", "sub_event"]
    search_fields = ["title", "partner__name"]
    raw_id_fields = ["event", "submitted_by"]
    inlines = [CommentInline]


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "proposer", "sub_event", "state"]
    list_filter = ["state", "sub_event"]
    search_fields = ["title", "description", "proposer__name", "proposer_text"]
    raw_id_fields = ["merged_into", "event", "created_sub_event"]
    inlines = [CommentInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "weight", "position", "festival"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["idea", "criterion", "reviewer", "score"]
    raw_id_fields = ["idea"]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "published_at", "published_by", "notified_at"]
    readonly_fields = ["snapshot"]
