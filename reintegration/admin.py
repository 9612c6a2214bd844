from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_rules import AppendOnlyAdmin, WorkflowAdmin

from .models import (
    AssessedNeed,
    Beneficiary,
    Case,
    CaseNumberCounter,
    CaseStatusChange,
    CaseTransfer,
    Consent,
    CounsellingSession,
    FollowUp,
    Household,
    HouseholdMember,
    MigrationEpisode,
    NeedAssessment,
    PlanAction,
    PlanGoal,
)


class MigrationEpisodeInline(admin.TabularInline):
    model = MigrationEpisode
    extra = 0


class ConsentInline(AppendOnlyAdmin, admin.TabularInline):
    """Consents are recorded and withdrawn on the person's page (the row is append-only)."""

    model = Consent
    extra = 0
    fields = ["purpose", "provider_name", "given_on", "method", "witness", "withdrawn_at"]


@admin.register(Beneficiary)
class BeneficiaryAdmin(SimpleHistoryAdmin):
    list_display = ["name_ka", "name_latin", "personal_number", "birth_year", "sex", "category", "municipality"]
    list_filter = ["category", "sex", "citizenship", "municipality__region", "is_idp", "has_disability"]
    search_fields = ["name_ka", "name_latin", "personal_number", "phone"]
    list_select_related = ["municipality"]
    readonly_fields = ["version", "created_at", "created_by"]
    autocomplete_fields = ["household"]
    inlines = [MigrationEpisodeInline, ConsentInline]


class HouseholdMemberInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0
    raw_id_fields = ["beneficiary"]


@admin.register(Household)
class HouseholdAdmin(SimpleHistoryAdmin):
    list_display = ["id", "size", "female_headed", "head"]
    list_filter = ["female_headed"]
    search_fields = ["head__name_ka", "head__name_latin", "members__full_name"]
    list_select_related = ["head"]
    raw_id_fields = ["head"]
    inlines = [HouseholdMemberInline]


@admin.register(HouseholdMember)
class HouseholdMemberAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "relationship", "household", "beneficiary", "birth_year"]
    list_filter = ["relationship", "sex"]
    search_fields = ["full_name", "personal_number", "beneficiary__name_ka"]
    list_select_related = ["household", "beneficiary"]
    raw_id_fields = ["household", "beneficiary"]


@admin.register(MigrationEpisode)
class MigrationEpisodeAdmin(SimpleHistoryAdmin):
    list_display = ["beneficiary", "country", "departure_date", "return_date", "status_abroad", "return_type"]
    list_filter = ["status_abroad", "return_type", "country"]
    search_fields = ["beneficiary__name_ka", "beneficiary__name_latin", "country"]
    list_select_related = ["beneficiary"]
    raw_id_fields = ["beneficiary"]


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["beneficiary", "purpose", "provider_name", "given_on", "method", "withdrawn_at"]
    list_filter = ["purpose", "method"]
    search_fields = ["beneficiary__name_ka", "beneficiary__name_latin", "provider_name"]
    list_select_related = ["beneficiary"]
    raw_id_fields = ["beneficiary", "recorded_by", "withdrawn_by"]
    readonly_fields = ["hub", "withdrawn_at", "withdrawn_by"]  # withdrawal ends provider links: the service does it


class CaseStatusChangeInline(AppendOnlyAdmin, admin.TabularInline):
    model = CaseStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "at", "note"]


@admin.register(Case)
class CaseAdmin(WorkflowAdmin, SimpleHistoryAdmin):
    list_display = ["number", "beneficiary", "hub", "counsellor", "status", "opened_on", "closed_on"]
    list_filter = ["status", "hub", "closure_reason"]
    search_fields = ["number", "beneficiary__name_ka", "beneficiary__name_latin", "beneficiary__personal_number"]
    list_select_related = ["beneficiary", "hub", "counsellor"]
    # Hub, status, counsellor and closure go through the services (intake, approval, transfer, case
    # edit); the admin shows them only, and a closed or transferred case not at all for editing.
    workflow_fields = (
        "number", "beneficiary", "hub", "counsellor", "status", "opened_on", "closure_reason", "closure_note",
        "closed_on", "transferred_from", "second_hub_reason", "version", "created_at",
    )  # fmt: skip
    inlines = [CaseStatusChangeInline]

    def is_locked(self, obj) -> bool:
        return not obj.is_live


@admin.register(CaseStatusChange)
class CaseStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["case", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
    search_fields = ["case__number"]
    list_select_related = ["case", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(CaseNumberCounter)
class CaseNumberCounterAdmin(admin.ModelAdmin):
    list_display = ["hub", "year", "last"]
    list_filter = ["year"]
    search_fields = ["hub__code"]
    list_select_related = ["hub"]

    def has_change_permission(self, request, obj=None):
        return False  # a number is never reused: the counter only moves forward through intake


@admin.register(CaseTransfer)
class CaseTransferAdmin(WorkflowAdmin):
    list_display = ["case", "from_hub", "to_hub", "status", "requested_at", "decided_at"]
    list_filter = ["status", "to_hub", "from_hub"]
    search_fields = ["case__number"]
    list_select_related = ["case", "from_hub", "to_hub"]
    workflow_fields = (
        "case", "from_hub", "to_hub", "status", "requested_by", "requested_at", "decided_by", "decided_at", "new_case",
    )  # fmt: skip

    def is_locked(self, obj) -> bool:
        return obj.status != CaseTransfer.Status.PENDING


class AssessedNeedInline(admin.TabularInline):
    model = AssessedNeed
    extra = 0
    readonly_fields = ["dimension"]


@admin.register(NeedAssessment)
class NeedAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["case", "assessed_on", "assessed_by"]
    list_filter = ["assessed_on"]
    search_fields = ["case__number"]
    list_select_related = ["case", "assessed_by"]
    raw_id_fields = ["case", "assessed_by"]
    inlines = [AssessedNeedInline]


@admin.register(AssessedNeed)
class AssessedNeedAdmin(SimpleHistoryAdmin):
    list_display = ["need", "dimension", "priority", "status", "assessment"]
    list_filter = ["dimension", "need", "priority", "status"]
    search_fields = ["assessment__case__number"]
    list_select_related = ["assessment__case"]
    raw_id_fields = ["assessment"]


@admin.register(CounsellingSession)
class CounsellingSessionAdmin(SimpleHistoryAdmin):
    list_display = ["case", "held_on", "kind", "mode", "duration_minutes", "counsellor"]
    list_filter = ["kind", "mode"]
    search_fields = ["case__number"]
    list_select_related = ["case", "counsellor"]
    raw_id_fields = ["case", "counsellor"]
    # Confidential notes are read through the case page, where an officer's reading is logged.
    exclude = ["confidential_notes"]


class PlanActionInline(admin.TabularInline):
    model = PlanAction
    extra = 0


@admin.register(PlanGoal)
class PlanGoalAdmin(SimpleHistoryAdmin):
    list_display = ["description", "case", "dimension", "status", "target_date"]
    list_filter = ["dimension", "status"]
    search_fields = ["case__number", "description"]
    list_select_related = ["case"]
    raw_id_fields = ["case", "created_by"]
    inlines = [PlanActionInline]


@admin.register(PlanAction)
class PlanActionAdmin(SimpleHistoryAdmin):
    list_display = ["description", "goal", "kind", "status", "target_date"]
    list_filter = ["kind", "status"]
    search_fields = ["goal__case__number", "description"]
    list_select_related = ["goal"]
    raw_id_fields = ["goal"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["case", "due_on", "purpose", "assigned_to", "done_at", "last_reminded_on"]
    list_filter = ["due_on", "done_at"]
    search_fields = ["case__number", "purpose"]
    list_select_related = ["case", "assigned_to"]
    raw_id_fields = ["case", "assigned_to"]
