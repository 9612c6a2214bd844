from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community revitalization")

    def ready(self):
        from . import subject_export

        subject_export.register()

        from reintegration import anonymisation

        from . import retention

        anonymisation.register_anonymiser(retention.anonymise_person)
        anonymisation.register_retention_kind(retention.KIND)
        from accounts.navigation import NavItem, register
        from accounts.roles import register_role_holders, register_role_provider
        from grants.defaults import register_default_criteria
        from grants.subjects import register_committee_subject

        from . import committee, permissions
        from .models import ExpertAssignment, Idea
        from .services.reference import default_committee_criteria

        register_default_criteria("community", default_committee_criteria)
        register_role_provider(permissions.ROLE_PROVIDER)  # read once per request, with the other roles
        register_role_holders(ExpertAssignment, "expert")  # experts are not offered to hub leads as staff
        register_committee_subject(
            Idea,
            decided=committee.idea_committee_decided,
            conflicts=committee.idea_conflicts,
            committee_template="community/_committee_idea.html",
            committee_context=committee.committee_context,
        )
        register(
            NavItem(
                _("Community consultations"),
                "community:consultation-list",
                permissions.can_see_community,
                order=62,
                icon="megaphone",
            )
        )
        register(
            NavItem(_("Community ideas"), "community:idea-list", permissions.can_see_ideas, order=63, icon="lightbulb")
        )
