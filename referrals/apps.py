from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals and service directory")
    nav_label = _("Referrals")

    def ready(self):
        from . import subject_export

        subject_export.register()

        from reintegration.anonymisation import register_anonymiser

        from . import retention

        register_anonymiser(retention.anonymise_person)
        from accounts.navigation import NavItem, register
        from reintegration.hooks import register_consent_withdrawn
        from reintegration.panels import register_case_panel

        from .permissions import can_see_referral_metrics, can_view_directory, is_hub_staff_or_officer
        from .selectors import case_panel_context
        from .services.referrals import referral_links_rotate_after_withdrawal

        register(
            NavItem(
                label=_("Services"),
                url_name="referrals:service-list",
                visible=can_view_directory,
                order=40,
                icon="signpost-split",
            )
        )
        register(
            NavItem(
                label=_("Referrals"),
                url_name="referrals:referral-list",
                visible=is_hub_staff_or_officer,
                order=42,
                icon="send",
            )
        )
        register(
            NavItem(
                label=_("Referral metrics"),
                url_name="referrals:referral-metrics",
                visible=can_see_referral_metrics,
                order=43,
                icon="bar-chart",
            )
        )
        from accounts.home_tasks import HomeTask, url_to
        from accounts.home_tasks import register as register_task
        from accounts.permissions import is_hub_staff

        from .selectors import referrals_awaiting_answer

        register_task(
            HomeTask(
                "referrals_awaiting",
                _("Referrals awaiting an answer"),
                referrals_awaiting_answer,
                url_to("referrals:referral-list", query="status=sent"),
                is_hub_staff,
                order=30,
                icon="send",
            )
        )
        from reintegration.providers import register_provider_source

        from .selectors import consent_provider_choices

        register_provider_source(consent_provider_choices)

        from reintegration.panels import register_timeline_source

        from .selectors import case_timeline_entries

        register_timeline_source(case_timeline_entries)
        register_case_panel("referrals/case_panel.html", get_context=case_panel_context, order=40)
        register_consent_withdrawn(referral_links_rotate_after_withdrawal)
