"""RSS versions are loaded from a file and never edited; rounds are entered on the case. The admin reads both."""

from django.contrib import admin

from .models import Round, Version


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin):
    list_display = ["name", "title_ka", "is_provisional", "is_current", "loaded_at"]


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "month", "status", "due_on", "conducted_on", "composite", "version"]
    list_filter = ["status", "kind", "version"]
    list_select_related = ["case", "version"]
    # The answers hold psychosocial information: the case's hub staff read them on the case, not here.
    exclude = ["inputs", "explanation"]
