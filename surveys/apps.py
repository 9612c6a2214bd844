from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")
    nav_label = _("Surveys")

    def ready(self):
        from django.db.models.signals import post_delete

        from . import subject_export

        subject_export.register()

        from reintegration import anonymisation

        from . import retention

        anonymisation.register_anonymiser(retention.anonymise_person)
        anonymisation.register_retention_kind(retention.KIND)
        from accounts.navigation import NavItem, register

        from .analysis import forget_deleted_response
        from .models import Response

        post_delete.connect(forget_deleted_response, sender=Response, dispatch_uid="surveys.analysis.deleted")

        from .permissions import can_manage_surveys, can_see_rounds

        register(
            NavItem(
                label=_("Surveys"),
                url_name="surveys:round-list",
                visible=can_see_rounds,
                order=500,
                icon="clipboard-data",
            )
        )
        register(
            NavItem(
                label=_("Instruments"),
                url_name="surveys:instrument-list",
                visible=can_manage_surveys,
                order=510,
                icon="ui-checks",
            )
        )
