from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_rules import LockedWithParentInline, WorkflowAdmin

from . import models


class CriterionInline(LockedWithParentInline, admin.TabularInline):
    model = models.Criterion
    extra = 0


class CommitteeInline(LockedWithParentInline, admin.TabularInline):
    model = models.CommitteeMembership
    extra = 0
    autocomplete_fields = ["user"]


class CycleLocked(WorkflowAdmin):
    """Anything of a decided, closed or cancelled cycle is read-only here (the minutes must not change)."""

    cycle_path = "cycle"

    def is_locked(self, obj) -> bool:
        cycle = obj
        for part in self.cycle_path.split("."):
            cycle = getattr(cycle, part) if part else cycle
        return cycle.is_locked


@admin.register(models.GrantCycle)
class GrantCycleAdmin(CycleLocked, SimpleHistoryAdmin):
    cycle_path = ""
    workflow_fields = ("status", "scoring_closed_at")
    list_display = ["name_en", "kind", "status", "call_opens", "call_closes", "budget", "ceiling", "target_awards"]
    list_filter = ["kind", "status", "monitoring_visit_required"]
    search_fields = ["name_ka", "name_en"]
    filter_horizontal = ["municipalities"]
    inlines = [CriterionInline, CommitteeInline]


@admin.register(models.Criterion)
class CriterionAdmin(CycleLocked):
    list_display = ["name_en", "cycle", "weight", "score_min", "score_max", "minimum", "order"]
    list_filter = ["cycle"]
    search_fields = ["name_ka", "name_en"]
    list_select_related = ["cycle"]


@admin.register(models.CommitteeMembership)
class CommitteeMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "cycle", "role", "start_date", "end_date"]
    list_filter = ["role", "cycle"]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "cycle"]
    autocomplete_fields = ["user"]


@admin.register(models.Proposal)
class ProposalAdmin(CycleLocked):
    list_display = ["reference", "title", "cycle", "requested_amount", "vulnerability_priority"]
    list_filter = ["cycle"]
    search_fields = ["reference", "title"]
    list_select_related = ["cycle"]


@admin.register(models.Review)
class ReviewAdmin(CycleLocked, SimpleHistoryAdmin):
    cycle_path = "proposal.cycle"
    workflow_fields = ("proposal", "membership", "status", "conflict", "submitted_at", "system_flags")
    list_display = ["proposal", "membership", "conflict", "status", "submitted_at"]
    list_filter = ["status", "conflict", "proposal__cycle"]
    search_fields = ["proposal__reference", "membership__user__full_name"]
    list_select_related = ["proposal", "membership__user"]


@admin.register(models.Score)
class ScoreAdmin(CycleLocked, SimpleHistoryAdmin):
    cycle_path = "review.proposal.cycle"
    workflow_fields = ("review", "criterion", "value")  # scores are given on the committee pages only
    list_display = ["review", "criterion", "value", "updated_at"]
    list_filter = ["criterion__cycle"]
    search_fields = ["review__proposal__reference"]
    list_select_related = ["review__proposal", "review__membership__user", "criterion"]


@admin.register(models.Consensus)
class ConsensusAdmin(CycleLocked, SimpleHistoryAdmin):
    cycle_path = "proposal.cycle"
    list_display = ["proposal", "author", "updated_at"]
    search_fields = ["proposal__reference"]
    list_filter = ["proposal__cycle"]
    list_select_related = ["proposal", "author"]


@admin.register(models.Decision)
class DecisionAdmin(CycleLocked, SimpleHistoryAdmin):
    cycle_path = "proposal.cycle"
    workflow_fields = (
        "proposal", "outcome", "ranked_outcome", "ranked_position", "weighted_total", "decided_by",
    )  # fmt: skip
    list_display = ["proposal", "outcome", "ranked_outcome", "ranked_position", "weighted_total", "decided_by"]
    list_filter = ["outcome", "ranked_outcome", "proposal__cycle"]
    search_fields = ["proposal__reference"]
    list_select_related = ["proposal", "decided_by"]


@admin.register(models.CycleEvent)
class CycleEventAdmin(admin.ModelAdmin):
    list_display = ["at", "cycle", "actor", "action", "from_status", "to_status"]
    list_filter = ["action", "cycle"]
    search_fields = ["note", "actor__full_name"]
    list_select_related = ["cycle", "actor"]


@admin.register(models.CycleMinutes)
class CycleMinutesAdmin(admin.ModelAdmin):
    """Read-only: the minutes stay as they were when the cycle was decided."""

    list_display = ["cycle", "language", "created_at"]
    list_select_related = ["cycle"]
    readonly_fields = ["cycle", "language", "body", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TeamMemberInline(admin.TabularInline):
    model = models.TeamMember
    extra = 0
    raw_id_fields = ["beneficiary"]


@admin.register(models.Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "team_name", "cycle", "team_type", "municipality", "requested_amount", "status"]
    list_filter = ["status", "team_type", "cycle"]
    search_fields = ["reference", "team_name", "business_idea"]
    list_select_related = ["cycle", "municipality"]
    inlines = [TeamMemberInline]


@admin.register(models.TeamMember)
class TeamMemberAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "application", "sex", "age", "is_returnee", "is_lead"]
    list_filter = ["sex", "is_returnee"]
    search_fields = ["full_name", "application__reference"]
    list_select_related = ["application"]
    raw_id_fields = ["beneficiary"]


@admin.register(models.MentorAssignment)
class MentorAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["mentor", "application", "start_date", "end_date"]
    list_filter = ["application__cycle"]
    search_fields = ["mentor__full_name", "application__reference"]
    list_select_related = ["mentor", "application"]
    autocomplete_fields = ["mentor"]


@admin.register(models.MentoringSession)
class MentoringSessionAdmin(SimpleHistoryAdmin):
    list_display = ["application", "mentor", "date", "duration_minutes", "topics"]
    list_filter = ["application__cycle"]
    search_fields = ["application__reference", "topics"]
    list_select_related = ["application", "mentor"]


@admin.register(models.Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "date", "place"]
    list_filter = ["cycle"]
    search_fields = ["title", "place"]
    list_select_related = ["cycle"]
    filter_horizontal = ["attendees"]


class BudgetLineInline(admin.TabularInline):
    model = models.BudgetLine
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = models.Milestone
    extra = 0


@admin.register(models.PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["application", "number", "is_final", "created_by", "created_at"]
    list_filter = ["is_final", "application__cycle"]
    search_fields = ["application__reference"]
    list_select_related = ["application", "created_by"]
    inlines = [BudgetLineInline, MilestoneInline]


@admin.register(models.BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["item", "version", "grant_amount", "own_contribution", "co_funding"]
    search_fields = ["item"]
    list_filter = ["version__application__cycle"]
    list_select_related = ["version__application"]


@admin.register(models.Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "month"]
    search_fields = ["title"]
    list_filter = ["version__application__cycle"]
    list_select_related = ["version__application"]


class TrancheInline(admin.TabularInline):
    model = models.Tranche
    extra = 0


@admin.register(models.Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["application", "agreement_date", "amount"]
    search_fields = ["application__reference", "application__team_name"]
    list_filter = ["application__cycle"]
    list_select_related = ["application"]
    inlines = [TrancheInline]


@admin.register(models.Tranche)
class TrancheAdmin(SimpleHistoryAdmin):
    list_display = ["award", "number", "milestone", "amount", "status", "report_approved_at", "released_at"]
    list_filter = ["status"]
    search_fields = ["award__application__reference", "milestone"]
    list_select_related = ["award__application"]


@admin.register(models.MonitoringVisit)
class MonitoringVisitAdmin(admin.ModelAdmin):
    list_display = ["tranche", "date", "visitor"]
    list_filter = ["date"]
    search_fields = ["findings"]
    list_select_related = ["tranche__award__application", "visitor"]


@admin.register(models.Disbursement)
class DisbursementAdmin(admin.ModelAdmin):
    list_display = ["reference", "tranche", "date", "amount"]
    list_filter = ["date"]
    search_fields = ["reference"]
    list_select_related = ["tranche__award__application"]


@admin.register(models.CompletionReport)
class CompletionReportAdmin(admin.ModelAdmin):
    list_display = ["award", "date", "jobs_created", "monthly_income", "people_reached"]
    list_filter = ["date"]
    search_fields = ["award__application__reference"]
    list_select_related = ["award__application"]
