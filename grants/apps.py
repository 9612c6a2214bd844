from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants and committee")
    nav_label = _("Grants")

    def ready(self):
        from . import subject_export

        subject_export.register()

        from reintegration import anonymisation

        from . import retention

        anonymisation.register_anonymiser(retention.anonymise_person)
        anonymisation.register_hold(retention.hold_running_cycles)
        anonymisation.register_retention_kind(retention.KIND)
        from accounts.navigation import NavItem, register
        from hubs.counts import register_count

        from . import counts

        register_count(
            "grant_applications",
            _("Grant applications"),
            per_hub=counts.applications_per_hub,
            per_municipality=counts.applications_per_municipality,
        )
        from accounts.roles import register_role_holders, register_role_provider
        from reintegration.panels import register_case_panel

        from . import permissions, selectors
        from .models import CommitteeMembership, MentorAssignment

        register_role_provider(permissions.ROLE_PROVIDER)
        self._register_committee_subjects()
        register_role_holders(CommitteeMembership)
        register_role_holders(MentorAssignment, "mentor")
        register_case_panel("grants/case_panel.html", get_context=selectors.case_panel_context, order=60)
        register(NavItem(_("Grant cycles"), "grants:cycle-list", permissions.can_see_grants, order=60, icon="trophy"))
        register(
            NavItem(
                _("Grant applications"),
                "grants:application-list",
                permissions.can_see_applications,
                order=61,
                icon="people",
            )
        )

    def _register_committee_subjects(self):
        from . import selectors, services
        from .models import Application
        from .subjects import register_committee_subject

        def application_decided(application, *, outcome, acting_user):
            return services.application_decide(application=application, outcome=outcome, acting_user=acting_user)

        register_committee_subject(Application, conflicts=selectors.application_conflicts, decided=application_decided)
