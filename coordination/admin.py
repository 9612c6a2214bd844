"""Read-mostly admin: workflow fields are set by the services, not here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionItem,
    Committee,
    CommitteeMember,
    Decision,
    Meeting,
    MethodologyDocument,
    MethodologyVersion,
    PolicyDocument,
    PolicyReport,
    Recommendation,
)


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ka", "name_en", "kind", "is_active"]
    readonly_fields = ["last_decision_number"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "organisation", "committee", "position", "start_date", "end_date"]
    list_filter = ["committee", "position"]
    search_fields = ["full_name", "organisation"]
    raw_id_fields = ["user"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "starts_at", "status"]
    list_filter = ["committee", "status"]
    readonly_fields = ["status", "minutes_approved_at", "created_by"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["reference", "meeting", "recorded_at"]
    readonly_fields = ["committee", "meeting", "number", "text_ka", "text_en", "recorded_by", "recorded_at"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "due_on", "status"]
    list_filter = ["status"]
    readonly_fields = ["meeting", "status", "completed_on", "last_reminded_on"]


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(admin.ModelAdmin):
    list_display = ["title_ka", "level", "sector", "year", "issuing_body"]
    list_filter = ["level", "sector"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["pk", "addressee", "priority", "status"]
    list_filter = ["status", "priority"]
    readonly_fields = ["status"]


@admin.register(PolicyReport)
class PolicyReportAdmin(admin.ModelAdmin):
    list_display = ["number", "generated_at", "delivered_on"]
    readonly_fields = ["number", "pdf_ka", "pdf_en", "annex_xlsx", "generated_by", "generated_at"]


@admin.register(MethodologyDocument)
class MethodologyDocumentAdmin(admin.ModelAdmin):
    list_display = ["title_ka", "kind"]


@admin.register(MethodologyVersion)
class MethodologyVersionAdmin(admin.ModelAdmin):
    list_display = ["document", "number", "approved_by"]
    readonly_fields = ["approved_by", "file"]
