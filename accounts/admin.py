from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice
from simple_history.admin import SimpleHistoryAdmin

from .access import deny
from .models import AccessLog, Invitation, Membership, User
from .services import user_password_link_send


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["role", "organisation", "start_date", "end_date"]


class UserCreationForm(forms.ModelForm):
    """A new account has no password the officer knows: the person sets it through an emailed link."""

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
    # No password field: officers never set or see another person's password; they send a link.
    fieldsets = [
        (None, {"fields": ["email"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "preferred_language"]})]
    filter_horizontal: list = []
    inlines = [MembershipInline]
    actions = ["send_password_link"]

    def user_change_password(self, request, id, form_url=""):
        if str(request.user.pk) != str(id):
            deny(request, model=User, object_id=id)  # 403, logged: send a reset link instead
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if not change:
            user_password_link_send(user=obj, acting_user=request.user, base_url=request.build_absolute_uri("/"))

    @admin.action(description=_("Send a link to set a new password"))
    def send_password_link(self, request, queryset):
        base_url = request.build_absolute_uri("/")
        for user in queryset:
            user_password_link_send(user=user, acting_user=request.user, base_url=base_url)
        self.message_user(request, _("The links were sent."))


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


# Recovery codes and emailed enrolment codes are secrets of their owner: not shown in the admin.
# An officer removes a lost authenticator (TOTP device); the person then enrols again by email.
for _model in (StaticDevice, EmailDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
