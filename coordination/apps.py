from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination and policy")
    nav_label = _("Coordination")

    def ready(self):
        from accounts.navigation import NavItem, register
        from accounts.roles import register_role_holders, register_role_provider

        from . import permissions as p
        from .models import CommitteeMember

        register_role_provider(p.ROLE_PROVIDER)
        register_role_holders(CommitteeMember)  # a seat holder is not offered to hub leads as new staff
        register(
            NavItem(
                _("Committees"), "coordination:committee-list", p.can_browse_coordination, order=80, icon="people-fill"
            )
        )
        register(
            NavItem(
                _("Meetings"), "coordination:meeting-list", p.can_browse_coordination, order=81, icon="calendar-event"
            )
        )
        register(
            NavItem(
                _("Action items"), "coordination:action-list", p.can_browse_coordination, order=82, icon="check2-square"
            )
        )
        register(
            NavItem(
                _("Policy register"), "coordination:policy-list", p.can_browse_policy, order=83, icon="journal-text"
            )
        )
        register(
            NavItem(
                _("Recommendations"),
                "coordination:recommendation-list",
                p.can_browse_policy,
                order=84,
                icon="lightbulb",
            )
        )
        register(
            NavItem(_("Methodology"), "coordination:methodology-list", p.can_browse_methodology, order=85, icon="book")
        )
