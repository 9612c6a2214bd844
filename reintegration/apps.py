from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReintegrationConfig(AppConfig):
    name = "reintegration"
    verbose_name = _("Clients and cases")
    nav_label = _("Cases")

    def ready(self):
        self._register_retention()
        from accounts.navigation import NavItem, register
        from hubs.counts import register_count

        from . import counts, export_sections

        export_sections.register()
        register_count(
            "open_cases",
            _("Open cases"),
            per_hub=counts.open_cases_per_hub,
            per_municipality=counts.open_cases_per_municipality,
        )
        from accounts.home_tasks import HomeTask, url_to
        from accounts.home_tasks import register as register_task
        from accounts.permissions import is_hub_staff

        from . import worklist
        from .permissions import can_see_case_list

        my_work = "reintegration:my-work"
        for task in (
            HomeTask(
                "caseload",
                _("My open cases"),
                worklist.my_caseload,
                url_to(my_work, "cases-title"),
                is_hub_staff,
                order=10,
                icon="folder2-open",
            ),
            HomeTask(
                "overdue",
                _("Overdue follow-ups"),
                worklist.my_overdue_follow_ups,
                url_to(my_work, "overdue-title"),
                is_hub_staff,
                order=20,
                urgent=True,
                icon="alarm",
            ),
            HomeTask(
                "approvals",
                _("Closures awaiting your approval"),
                worklist.approvals_waiting,
                url_to(my_work, "approvals-title"),
                worklist.leads_a_hub,
                order=40,
                urgent=True,
                icon="check2-square",
            ),
            HomeTask(
                "transfers",
                _("Transfers awaiting your answer"),
                worklist.transfers_waiting,
                url_to(my_work, "transfers-title"),
                worklist.leads_a_hub,
                order=50,
                urgent=True,
                icon="arrow-left-right",
            ),
        ):
            register_task(task)
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
        from .permissions import can_see_retention, can_see_unmet_needs

        register(
            NavItem(
                label=_("Retention"),
                url_name="reintegration:retention",
                visible=can_see_retention,
                order=25,
                icon="eraser",
            )
        )

        register(
            NavItem(
                label=_("Unmet needs"),
                url_name="reintegration:unmet-needs",
                visible=can_see_unmet_needs,
                order=23,
                icon="exclamation-diamond",
            )
        )
        register(
            NavItem(
                label=_("Intake"), url_name="reintegration:intake", visible=is_hub_staff, order=22, icon="person-plus"
            )
        )

    def _register_retention(self):
        from . import anonymisation, retention

        # Reintegration's own records first: the person row is overwritten before the apps above it run.
        anonymisation.register_anonymiser(retention.anonymise_person)
        for kind in retention.KINDS:
            anonymisation.register_retention_kind(kind)
