from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OfficerAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "accounts.admin_site.OfficerAdminSite"


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts and access")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import admin_locale, checks, dates, signals, typography  # noqa: F401
        from .append_only import install_sqlite_function
        from .models import Membership
        from .roles import RoleProvider, membership_rows, register_role_holders, register_role_provider

        def programme_roles(user):
            return Membership.objects.active().filter(user=user).values_list("role", flat=True)

        register_role_provider(
            RoleProvider(
                key="accounts",
                load=programme_roles,
                rows=lambda user: membership_rows(
                    Membership.objects.active().filter(user=user), "accounts", label="role"
                ),
                from_rows=lambda rows, user: [row.label for row in rows],
            )
        )
        register_role_holders(Membership)
        connection_created.connect(install_sqlite_function, dispatch_uid="append_only_sqlite_function")
        typography.install()
        admin_locale.install()
        dates.install()
