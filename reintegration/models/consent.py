"""Consent: what a person agreed to, recorded with its form and witness, withdrawn but never deleted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.append_only import AppendOnlyModel, AppendOnlyQuerySet
from accounts.constraints import choices_checked

from .people import Beneficiary


class ConsentQuerySet(AppendOnlyQuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def for_hub(self, hub):
        return self.filter(hub=hub)


@choices_checked("purpose", "method")
class Consent(AppendOnlyModel):
    """Consent for one purpose; a withdrawal keeps the row and stamps it.

    Append-only: the row never changes except its withdrawal, stamped once (``append_only_once``).
    """

    HOLDS_PERSONAL_DATA = True
    append_only_once = ("withdrawn_at", "withdrawn_by")

    class Purpose(models.TextChoices):
        DATA_PROCESSING = "data_processing", _("Processing of personal data")
        SHARING = "sharing", _("Sharing with a named provider")
        SURVEYS = "surveys", _("Inclusion in surveys")

    class Method(models.TextChoices):
        SIGNED_FORM = "signed_form", _("Signed form")
        VERBAL_WITNESS = "verbal_witness", _("Verbal, with a witness")

    beneficiary = models.ForeignKey(
        Beneficiary, verbose_name=_("beneficiary"), on_delete=models.PROTECT, related_name="consents"
    )
    # Consent is given to a hub: another hub holding a case of the same person does not see it.
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("hub"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    provider_name = models.CharField(
        _("provider"), max_length=255, blank=True, help_text=_("The organisation the data may be shared with.")
    )
    given_on = models.DateField(_("date given"), default=timezone.localdate)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    witness = models.CharField(_("witness"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(purpose="sharing") | ~Q(provider_name=""), name="consent_sharing_names_provider"
            ),
            models.CheckConstraint(
                condition=~Q(method="verbal_witness") | ~Q(witness=""), name="consent_verbal_has_witness"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


# --------------------------------------------------------------------------------------------
# Case
# --------------------------------------------------------------------------------------------
