from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_rules import WorkflowAdmin

from . import models


@admin.register(models.PriorityTheme)
class PriorityThemeAdmin(admin.ModelAdmin):
    """The managed list of priorities (ka/en) that officers keep."""

    list_display = ["name_ka", "name_en", "survey_choice", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name_ka", "name_en"]


@admin.register(models.CommunityCriterion)
class CommunityCriterionAdmin(admin.ModelAdmin):
    """The criteria new community cycles start with; each cycle keeps its own copy once created."""

    list_display = ["name_ka", "name_en", "weight", "minimum", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(models.Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["date", "municipality", "village", "place", "vote_mode"]
    list_filter = ["vote_mode", "municipality"]
    list_select_related = ["municipality"]
    readonly_fields = ["vote_mode", "created_by"]


@admin.register(models.Idea)
class IdeaAdmin(WorkflowAdmin, SimpleHistoryAdmin):
    """Workflow fields are read-only here: the status moves only through the services. An idea of a
    decided (closed, cancelled) cycle is read-only altogether: the committee's record must not move."""

    def is_locked(self, obj) -> bool:
        return obj.cycle.is_locked

    list_display = ["reference", "title", "kind", "municipality", "status"]
    list_filter = ["status", "kind", "cycle"]
    list_select_related = ["municipality"]
    search_fields = ["reference", "title"]
    readonly_fields = ["cycle", "reference", "status", "checked_cost", "reviewed_by", "reviewed_at", "created_by"]


@admin.register(models.IdeaReferral)
class IdeaReferralAdmin(SimpleHistoryAdmin):
    list_display = ["idea", "service", "status", "outcome"]
    list_filter = ["status", "outcome"]
    list_select_related = ["idea", "service"]
    readonly_fields = ["idea", "service", "status", "outcome", "completed_at", "created_by"]


@admin.register(models.Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["idea", "agreement_date", "amount"]
    list_select_related = ["idea"]
    readonly_fields = ["idea", "amount", "created_by"]
