from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from accounts.navigation import NavItem, register
        from accounts.permissions import is_officer

        register(NavItem(label=_("Home"), url_name="dashboard:home", visible=lambda user: True, order=0, icon="house"))
        from .permissions import can_export, can_see_quality_queue, can_see_results

        register(
            NavItem(label=_("Results"), url_name="dashboard:results", visible=can_see_results, order=5, icon="graph-up")
        )
        register(
            NavItem(
                label=_("Data quality"),
                url_name="dashboard:quality-queue",
                visible=can_see_quality_queue,
                order=6,
                icon="clipboard-check",
            )
        )
        register(
            NavItem(label=_("Exports"), url_name="dashboard:export-list", visible=can_export, order=7, icon="download")
        )
        register(NavItem(label=_("Administration"), url_name="admin:index", visible=is_officer, order=900, icon="gear"))
