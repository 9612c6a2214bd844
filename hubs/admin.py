from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ApplicationDocument,
    ApplicationScore,
    Hub,
    HubMembership,
    HubStatusChange,
    InfoSession,
    InfoSessionTopic,
    Municipality,
    MunicipalityApplication,
    OpeningHours,
    Region,
    SelectionCriterion,
    TrainingEvent,
    TrainingParticipant,
    TrainingTopic,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_ka", "name_en", "code", "is_target", "sort_order"]
    list_filter = ["is_target"]
    search_fields = ["name_ka", "name_en", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name_ka", "name_en", "region", "kind", "is_pilot", "population"]
    list_filter = ["region", "kind", "is_pilot"]
    search_fields = ["name_ka", "name_en", "code"]
    list_select_related = ["region"]


class HubMembershipInline(admin.TabularInline):
    model = HubMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Hub)
class HubAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ka", "name_en", "municipality", "status", "opening_date", "is_provisional"]
    list_filter = ["status", "is_provisional", "municipality__region"]
    search_fields = ["code", "name_ka", "name_en"]
    list_select_related = ["municipality"]
    inlines = [HubMembershipInline]


@admin.register(HubMembership)
class HubMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "hub", "role", "start_date", "end_date"]
    list_filter = ["role", "hub"]
    search_fields = ["user__full_name", "user__email", "hub__code"]
    list_select_related = ["user", "hub"]
    autocomplete_fields = ["user"]


@admin.register(HubStatusChange)
class HubStatusChangeAdmin(admin.ModelAdmin):
    """Read-only: a status changes through the hub page, which writes this row."""

    list_display = ["hub", "from_status", "to_status", "at", "by"]
    list_filter = ["to_status", "hub"]
    search_fields = ["hub__code", "note"]
    list_select_related = ["hub", "by"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ["hub", "weekday", "opens", "closes"]
    list_filter = ["weekday", "hub"]
    search_fields = ["hub__code", "hub__name_ka", "hub__name_en"]
    list_select_related = ["hub"]


class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_ka", "name_en", "code", "is_active", "sort_order"]
    list_filter = ["is_active"]
    list_editable = ["is_active", "sort_order"]
    search_fields = ["name_ka", "name_en", "code"]


admin.site.register(TrainingTopic, TopicAdmin)
admin.site.register(InfoSessionTopic, TopicAdmin)


class TrainingParticipantInline(admin.TabularInline):
    model = TrainingParticipant
    extra = 0
    fields = [
        "user",
        "external_name",
        "hub",
        "attended",
        "pre_score",
        "post_score",
        "completed_on",
        "certificate_number",
    ]
    readonly_fields = ["completed_on", "certificate_number"]
    autocomplete_fields = ["user"]


@admin.register(TrainingEvent)
class TrainingEventAdmin(SimpleHistoryAdmin):
    list_display = ["date", "topic", "format", "hub", "place", "trainer", "trainer_name"]
    list_filter = ["format", "topic", "hub"]
    search_fields = ["place", "trainer_name", "trainer__full_name", "topic__name_ka", "topic__name_en"]
    list_select_related = ["topic", "hub", "trainer"]
    autocomplete_fields = ["trainer"]
    date_hierarchy = "date"
    inlines = [TrainingParticipantInline]


@admin.register(TrainingParticipant)
class TrainingParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "event", "hub", "attended", "pre_score", "post_score", "completed_on"]
    list_filter = ["attended", "event__format", "hub", ("completed_on", admin.EmptyFieldListFilter)]
    search_fields = ["user__full_name", "external_name", "external_name_en", "certificate_number"]
    list_select_related = ["user", "hub", "event__topic"]
    autocomplete_fields = ["user"]
    readonly_fields = ["certificate_number"]


@admin.register(InfoSession)
class InfoSessionAdmin(SimpleHistoryAdmin):
    list_display = ["date", "hub", "topic", "place", "returnee_women", "returnee_men", "potential_women",
                    "potential_men", "resident_women", "resident_men"]  # fmt: skip
    list_filter = ["hub", "topic"]
    search_fields = ["place", "facilitator_name", "facilitator__full_name", "materials"]
    list_select_related = ["hub", "topic"]
    autocomplete_fields = ["facilitator"]
    date_hierarchy = "date"


@admin.register(SelectionCriterion)
class SelectionCriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name_ka", "name_en", "weight", "min_score", "max_score", "is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["name_ka", "name_en"]


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    # Documents come in through the application page, which checks their type and size.
    readonly_fields = ["file", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MunicipalityApplication)
class MunicipalityApplicationAdmin(SimpleHistoryAdmin):
    """Decisions are recorded on the selection pages (they create the hub); here they are read-only."""

    list_display = [
        "municipality",
        "received_on",
        "returnees_last_five_years",
        "co_funding_gel",
        "status",
        "decided_on",
    ]
    list_filter = ["status", "municipality__region"]
    search_fields = ["municipality__name_ka", "municipality__name_en", "contact_name"]
    list_select_related = ["municipality"]
    readonly_fields = ["status", "decision_reason", "decided_on", "decided_by"]
    inlines = [ApplicationDocumentInline]


@admin.register(ApplicationDocument)
class ApplicationDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "application", "uploaded_at", "uploaded_by"]
    search_fields = ["title", "application__municipality__name_ka", "application__municipality__name_en"]
    list_select_related = ["application__municipality", "uploaded_by"]
    readonly_fields = ["file", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False  # through the application page, which checks the file's type and size


@admin.register(ApplicationScore)
class ApplicationScoreAdmin(SimpleHistoryAdmin):
    list_display = ["application", "criterion", "scorer", "score", "at"]
    list_filter = ["criterion", "scorer"]
    search_fields = ["application__municipality__name_ka", "application__municipality__name_en", "comment"]
    list_select_related = ["application__municipality", "criterion", "scorer"]
