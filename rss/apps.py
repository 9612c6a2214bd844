from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RssConfig(AppConfig):
    name = "rss"
    verbose_name = _("Reintegration Sustainability Survey")

    def ready(self):
        from . import subject_export

        subject_export.register()
        from accounts.navigation import NavItem, register
        from reintegration.panels import register_case_panel, register_timeline_source, register_work_source

        from .permissions import can_see_cohort
        from .selectors import case_panel_context, timeline_entries, work_items

        register_case_panel("rss/case_panel.html", get_context=case_panel_context, order=50)
        register_timeline_source(timeline_entries)
        register_work_source(work_items)
        register(
            NavItem(label=_("Sustainability"), url_name="rss:cohort", visible=can_see_cohort, order=45, icon="graph-up")
        )
