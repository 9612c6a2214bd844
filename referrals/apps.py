from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals and service directory")
    nav_label = _("Referrals")

    def ready(self):
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
        register_case_panel("referrals/case_panel.html", get_context=case_panel_context, order=40)
        register_consent_withdrawn(referral_links_rotate_after_withdrawal)
