from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext_lazy as _

from .access import deny
from .permissions import is_officer


class OfficerAdminSite(admin.AdminSite):
    """The Django admin, open to IOM officers as the permission core says."""

    site_header = _("Reintegration hubs: administration")
    site_title = _("Reintegration hubs")
    index_title = _("Reference data and records")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin of a model holding personal data logs who opened which record; audit rows are read-only."""
        from django.db.models.base import ModelBase

        from .admin_rules import with_admin_rules

        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else list(model_or_iterable)
        for model in models:
            super().register(model, with_admin_rules(model, admin_class), **options)

    def has_permission(self, request) -> bool:
        return request.user.is_active and is_officer(request.user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def officers_only(request, *args, **kwargs):
            # A signed-in person without the officer role is refused here (403, logged) instead
            # of being sent to a second login page.
            if request.user.is_authenticated and not self.has_permission(request):
                deny(request)
            return inner(request, *args, **kwargs)

        return officers_only

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            deny(request)
        return redirect_to_login(request.GET.get("next", request.get_full_path()))
