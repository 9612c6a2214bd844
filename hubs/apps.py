from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("Hubs and municipalities")
    nav_label = _("Hubs")

    def ready(self):
        from accounts.roles import register_role_holders, register_role_provider

        from .models import HubMembership
        from .permissions import ROLE_PROVIDER

        register_role_provider(ROLE_PROVIDER)
        register_role_holders(HubMembership)
        self._register_navigation()

    def _register_navigation(self):
        from accounts.navigation import NavItem, register

        from . import permissions

        p = permissions
        register(NavItem(_("Hubs"), "hubs:hub-list", p.can_browse_hubs, order=10, icon="building"))
        register(NavItem(_("Trainings"), "hubs:training-list", p.can_browse_trainings, order=60, icon="mortarboard"))
        register(
            NavItem(
                _("Information sessions"),
                "hubs:infosession-list",
                p.can_browse_info_sessions,
                order=61,
                icon="megaphone",
            )
        )
        register(
            NavItem(
                _("Municipalities"), "hubs:municipality-list", p.can_browse_municipalities, order=70, icon="geo-alt"
            )
        )
        register(
            NavItem(_("Pilot selection"), "hubs:application-list", p.can_manage_selection, order=71, icon="list-ol")
        )
