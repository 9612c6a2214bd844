from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("Hubs and municipalities")

    def ready(self):
        from accounts.roles import register_role_provider

        from .models import HubMembership

        def hub_roles(user):
            return HubMembership.objects.active().filter(user=user).values_list("role", flat=True).distinct()

        register_role_provider(hub_roles)
