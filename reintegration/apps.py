from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReintegrationConfig(AppConfig):
    name = "reintegration"
    verbose_name = _("Clients and cases")
    nav_label = _("Cases")

    def ready(self):
        from accounts.navigation import NavItem, register
        from hubs.counts import register_count

        from . import counts

        register_count(
            "open_cases",
            _("Open cases"),
            per_hub=counts.open_cases_per_hub,
            per_municipality=counts.open_cases_per_municipality,
        )
        from accounts.permissions import is_hub_staff

        from .permissions import can_see_case_list

        register(
            NavItem(label=_("My work"), url_name="reintegration:my-work", visible=is_hub_staff, order=20, icon="inbox")
        )
        register(
            NavItem(
                label=_("Cases"),
                url_name="reintegration:case-list",
                visible=can_see_case_list,
                order=21,
                icon="folder2-open",
            )
        )
        register(
            NavItem(
                label=_("Intake"), url_name="reintegration:intake", visible=is_hub_staff, order=22, icon="person-plus"
            )
        )
