from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_rules import AppendOnlyAdmin

from .models import (
    GuideEdition,
    Location,
    Organization,
    Phone,
    Program,
    ProgramImplementer,
    Referral,
    ReferralEvent,
    ReferralGuide,
    Service,
)


class PhoneInline(admin.TabularInline):
    model = Phone
    fk_name = "service"
    extra = 0
    fields = ["number", "description_ka", "description_en"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name_ka", "name_en", "type", "email", "modified_at"]
    list_filter = ["type"]
    search_fields = ["name_ka", "name_en", "email", "key"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name_ka", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name_ka", "name_en"]


@admin.register(ProgramImplementer)
class ProgramImplementerAdmin(admin.ModelAdmin):
    list_display = ["program", "organization"]
    list_select_related = ["program", "organization"]
    list_filter = ["program"]
    search_fields = ["organization__name_ka", "organization__name_en"]
    filter_horizontal = ["regions"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name_ka", "organization", "municipality", "location_type"]
    list_select_related = ["organization", "municipality"]
    list_filter = ["location_type", "municipality__region"]
    search_fields = ["name_ka", "name_en", "address_ka", "address_en"]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name_ka", "organization", "category", "status", "coverage", "last_verified_at"]
    list_select_related = ["organization"]
    list_filter = ["status", "category", "coverage", "organization__type"]
    search_fields = ["name_ka", "name_en", "organization__name_ka", "organization__name_en", "key"]
    filter_horizontal = ["regions", "municipalities", "locations"]
    inlines = [PhoneInline]


@admin.register(Phone)
class PhoneAdmin(admin.ModelAdmin):
    list_display = ["number", "organization", "service", "location"]
    list_select_related = ["organization", "service", "location"]
    search_fields = ["number"]
    list_filter = ["organization__type"]


@admin.register(ReferralGuide)
class ReferralGuideAdmin(admin.ModelAdmin):
    list_display = ["region", "created_at"]
    list_select_related = ["region"]
    list_filter = ["region"]
    search_fields = ["region__name_ka", "region__name_en"]


@admin.register(GuideEdition)
class GuideEditionAdmin(admin.ModelAdmin):
    list_display = ["guide", "number", "published_at", "published_by"]
    list_select_related = ["guide__region", "published_by"]
    list_filter = ["guide__region"]
    search_fields = ["note"]
    readonly_fields = ["snapshot"]


class ReferralEventInline(AppendOnlyAdmin, admin.TabularInline):
    model = ReferralEvent
    extra = 0
    readonly_fields = ["at", "actor", "by_provider", "provider_answer", "from_status", "to_status", "note"]


@admin.register(Referral)
class ReferralAdmin(SimpleHistoryAdmin):
    list_display = ["pk", "case", "service", "status", "outcome", "sent_at", "follow_up_on"]
    list_select_related = ["case", "service"]
    list_filter = ["status", "outcome", "service__category"]
    search_fields = ["case__number", "service__name_ka", "service__name_en"]
    raw_id_fields = ["case", "need", "service", "created_by"]
    inlines = [ReferralEventInline]
    # Sending, answers, outcome and cancelling go through the services (consent check, link nonce, events).
    readonly_fields = ["status", "sent_at", "answered_at", "completed_at", "outcome", "decline_reason"]


@admin.register(ReferralEvent)
class ReferralEventAdmin(admin.ModelAdmin):
    list_display = ["referral", "at", "actor", "from_status", "to_status", "by_provider"]
    list_select_related = ["referral", "actor"]
    list_filter = ["to_status", "by_provider"]
    search_fields = ["referral__case__number", "note"]

    def has_change_permission(self, request, obj=None):
        return False
