from django.contrib import admin

from .models import ExportJob, Indicator, IndicatorSnapshot, Outcome, Output


class OutputInline(admin.TabularInline):
    model = Output
    extra = 0


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["number", "title_ka", "title_en"]
    inlines = [OutputInline]


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    fields = ["code", "name_ka", "name_en", "unit", "baseline", "target", "is_active"]


@admin.register(Output)
class OutputAdmin(admin.ModelAdmin):
    list_display = ["code", "title_ka", "outcome"]
    list_select_related = ["outcome"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ka", "output", "unit", "baseline", "target", "is_active"]
    list_select_related = ["output__outcome"]
    list_filter = ["output__outcome", "unit", "is_active"]
    search_fields = ["code", "name_ka", "name_en"]


@admin.register(IndicatorSnapshot)
class IndicatorSnapshotAdmin(admin.ModelAdmin):
    """The cache, for looking only: values are computed, never typed."""

    list_display = ["indicator", "scope", "period", "available", "computed_at"]
    list_select_related = ["indicator"]
    readonly_fields = ["indicator", "scope", "period", "available", "data", "computed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "status", "created_by", "created_at", "expires_at"]
    list_select_related = ["created_by"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]

    def has_add_permission(self, request):
        return False
