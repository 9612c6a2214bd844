"""The admin is not a second workflow: shared rules every app's ModelAdmin follows.

- ``WorkflowAdmin``: the fields a service guards (``workflow_fields``) are read-only, and a locked
  record (``is_locked(obj)``) cannot be changed at all in the admin: it is shown, read-only.
- ``PersonalRecordViewLogged``: opening a record that holds personal data writes an access-log
  row, as the app's pages do. ``OfficerAdminSite.register`` adds it to every such model's admin.
- ``AppendOnlyAdmin``: audit rows (``accounts.append_only.AppendOnlyModel``) are shown, never added
  or changed. ``OfficerAdminSite.register`` adds it to every such model's admin; inlines of audit
  rows inherit it themselves.
"""

from django.contrib import admin

from .access import log_access
from .append_only import AppendOnlyModel
from .models import AccessLog


class WorkflowAdmin(admin.ModelAdmin):
    workflow_fields: tuple[str, ...] = ()

    def is_locked(self, obj) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *self.workflow_fields]
        return list(dict.fromkeys(fields))

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.is_locked(obj):
            return False  # the admin shows it read-only (officers keep the view permission)
        return super().has_change_permission(request, obj)


class LockedWithParentInline:
    """An inline whose rows are locked whenever their parent is."""

    def _parent_locked(self, obj) -> bool:
        parent_admin = self.admin_site._registry.get(self.parent_model)
        return obj is not None and hasattr(parent_admin, "is_locked") and parent_admin.is_locked(obj)

    def has_change_permission(self, request, obj=None):
        return not self._parent_locked(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not self._parent_locked(obj) and super().has_add_permission(request, obj)


class AppendOnlyAdmin:
    """Audit rows are written by the services only, and never changed (the database refuses too)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PersonalRecordViewLogged:
    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            log_access(
                user=request.user,
                action=AccessLog.Action.VIEW,
                model=self.model,
                object_id=object_id,
                path=request.path,
            )
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            log_access(
                user=request.user,
                action=AccessLog.Action.VIEW,
                model=self.model,
                object_id=object_id,
                path=request.path,
            )
        return response


def with_admin_rules(model, admin_class):
    """The admin class for ``model``: read-only for an append-only model, logging views when the
    model holds personal data."""
    admin_class = admin_class or admin.ModelAdmin
    if issubclass(model, AppendOnlyModel) and not issubclass(admin_class, AppendOnlyAdmin):
        admin_class = type(f"AppendOnly{admin_class.__name__}", (AppendOnlyAdmin, admin_class), {})
    if not getattr(model, "HOLDS_PERSONAL_DATA", False) or issubclass(admin_class, PersonalRecordViewLogged):
        return admin_class
    return type(f"Logged{admin_class.__name__}", (PersonalRecordViewLogged, admin_class), {})
