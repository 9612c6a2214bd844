from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Choice, ImportJob, Instrument, InstrumentVersion, Question, Response, Round, RoundEvent, RoundTarget


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


class RoundTargetInline(admin.TabularInline):
    model = RoundTarget
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ka", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name_ka", "name_en"]


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):
    list_display = ["instrument", "number", "source", "form_id", "created_at"]
    list_filter = ["source", "instrument"]
    search_fields = ["instrument__name_en", "instrument__name_ka", "form_id"]
    list_select_related = ["instrument"]
    # The disaggregation mapping changes through its page, which recomputes the responses' profiles.
    readonly_fields = [
        "sex_question", "sex_female", "sex_male", "age_question", "returnee_question", "returnee_yes",
        "municipality_question",
    ]  # fmt: skip


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "position", "type", "required"]
    list_filter = ["type", "required", "version__instrument"]
    search_fields = ["name", "label_ka", "label_en"]
    list_select_related = ["version__instrument"]
    inlines = [ChoiceInline]


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["value", "label_ka", "label_en", "question"]
    list_filter = ["question__version__instrument"]
    search_fields = ["value", "label_ka", "label_en"]
    list_select_related = ["question"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name_ka", "name_en", "version", "start_date", "end_date", "status"]
    list_filter = ["status", "version__instrument"]
    search_fields = ["name_ka", "name_en"]
    list_select_related = ["version__instrument"]
    inlines = [RoundTargetInline]
    readonly_fields = ["status"]  # opened and closed on the round's page (with its event row)


@admin.register(RoundTarget)
class RoundTargetAdmin(admin.ModelAdmin):
    list_display = ["round", "municipality", "target"]
    list_filter = ["municipality"]
    search_fields = ["round__name_en", "municipality__name_en"]
    list_select_related = ["round", "municipality"]


@admin.register(RoundEvent)
class RoundEventAdmin(admin.ModelAdmin):
    list_display = ["round", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
    search_fields = ["round__name_en"]
    list_select_related = ["round", "actor"]


@admin.register(Response)
class ResponseAdmin(SimpleHistoryAdmin):
    list_display = ["uuid", "round", "municipality", "source", "submitted_at", "sex", "age_group", "is_returnee"]
    list_filter = ["source", "round", "municipality", "sex", "age_group"]
    search_fields = ["uuid"]
    list_select_related = ["round", "municipality"]
    raw_id_fields = ["household", "enumerator", "import_job"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "round", "status", "total_rows", "created_count", "problem_count", "created_at"]
    list_filter = ["status"]
    search_fields = ["original_name"]
    list_select_related = ["round"]
    readonly_fields = ["file", "problems", "status"]

    def has_add_permission(self, request):
        return False  # through the round's import page, which checks the file's type and size
