from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessLog, Invitation, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["role", "organisation", "start_date", "end_date"]


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "preferred_language"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["full_name"]
    list_display = ["full_name", "email", "preferred_language", "is_active", "last_login"]
    list_filter = ["is_active", "preferred_language", "memberships__role"]
    search_fields = ["full_name", "email"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "preferred_language", "password1", "password2"]})
    ]
    filter_horizontal: list = []
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "start_date", "end_date"]
    list_filter = ["role"]
    search_fields = ["user__full_name", "user__email", "organisation"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only."""

    list_display = ["at", "user", "action", "content_type", "object_id", "path"]
    list_filter = ["action", "content_type"]
    search_fields = ["user__email", "object_id", "path"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are sent from the hub pages; only a hash of each link is stored."""

    list_display = ["user", "created_at", "expires_at", "used_at", "invited_by"]
    list_filter = [("used_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "invited_by"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
