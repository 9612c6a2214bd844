"""Awards to selected teams: tranches tied to milestones, monitoring visits, disbursements."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.constraints import choices_checked

from .applications import Application


class Award(models.Model):
    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="award"
    )
    agreement_date = models.DateField(_("agreement date"))
    amount = models.DecimalField(_("amount (GEL)"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-agreement_date"]

    def __str__(self) -> str:
        return str(self.application)


@choices_checked("status")
class Tranche(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RELEASED = "released", _("Released")

    TRANSITIONS = {Status.PLANNED: {Status.RELEASED}, Status.RELEASED: set()}

    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.PROTECT, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("tranche"))
    milestone = models.CharField(_("milestone"), max_length=200)
    amount = models.DecimalField(_("amount (GEL)"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    report = models.TextField(_("milestone report"), blank=True)
    report_approved_at = models.DateTimeField(_("report approved at"), null=True, blank=True)
    report_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["award", "number"]
        constraints = [models.UniqueConstraint(fields=["award", "number"], name="tranche_number_unique")]

    def __str__(self) -> str:
        return f"{self.award} · {self.number}"


class MonitoringVisit(models.Model):
    tranche = models.ForeignKey(Tranche, verbose_name=_("tranche"), on_delete=models.PROTECT, related_name="visits")
    date = models.DateField(_("date"))
    findings = models.TextField(_("findings"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("visited by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.tranche} · {self.date}"


class Disbursement(models.Model):
    tranche = models.ForeignKey(
        Tranche, verbose_name=_("tranche"), on_delete=models.PROTECT, related_name="disbursements"
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (GEL)"), max_digits=12, decimal_places=2)
    reference = models.CharField(_("payment reference"), max_length=100)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["reference"], name="disbursement_reference_unique")]

    def __str__(self) -> str:
        return self.reference


class CompletionReport(models.Model):
    award = models.OneToOneField(Award, verbose_name=_("award"), on_delete=models.PROTECT, related_name="completion")
    date = models.DateField(_("date"))
    jobs_created = models.PositiveSmallIntegerField(_("jobs created"))
    monthly_income = models.DecimalField(_("monthly income (GEL)"), max_digits=12, decimal_places=2)
    people_reached = models.PositiveIntegerField(_("people reached"))
    narrative = models.TextField(_("narrative"), blank=True)

    class Meta:
        verbose_name = _("completion report")
        verbose_name_plural = _("completion reports")

    def __str__(self) -> str:
        return str(self.award)
