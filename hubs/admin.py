from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Hub, HubMembership, Municipality, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_ka", "name_en", "code", "is_target", "sort_order"]
    list_filter = ["is_target"]
    search_fields = ["name_ka", "name_en", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name_ka", "name_en", "region", "kind", "is_pilot"]
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
