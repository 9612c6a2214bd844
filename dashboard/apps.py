from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from accounts.navigation import NavItem, register
        from accounts.permissions import is_officer

        register(NavItem(label=_("Home"), url_name="dashboard:home", visible=lambda user: True, order=0, icon="house"))
        register(NavItem(label=_("Administration"), url_name="admin:index", visible=is_officer, order=900, icon="gear"))
