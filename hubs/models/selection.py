"""Pilot selection: municipalities apply, officers score them against criteria they define, and decide."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.bilingual import BilingualNameMixin
from accounts.constraints import choices_checked

from .places import Municipality


class SelectionCriterion(BilingualNameMixin, models.Model):
    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description = models.TextField(_("what the score means"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(Decimal("0.01"))]
    )
    min_score = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(max_score__gt=F("min_score")), name="criterion_range_not_empty")
        ]

    def __str__(self) -> str:
        return self.name


class MunicipalityApplicationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("municipality__region", "municipality__hub", "decided_by").prefetch_related(
            "scores__criterion"
        )


@choices_checked("status")
class MunicipalityApplication(models.Model):
    """A municipality's application to host a pilot hub."""

    HOLDS_PERSONAL_DATA = True  # the contact person

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    TRANSITIONS = {
        Status.RECEIVED: {Status.SELECTED, Status.NOT_SELECTED},
        Status.SELECTED: set(),
        Status.NOT_SELECTED: set(),
    }

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="applications"
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    returnees_last_year = models.PositiveIntegerField(_("returnees in the last year"), null=True, blank=True)
    returnees_last_five_years = models.PositiveIntegerField(
        _("returnees in the last five years"), null=True, blank=True
    )
    emigrants_estimate = models.PositiveIntegerField(_("residents abroad (estimate)"), null=True, blank=True)
    commitment = models.TextField(_("the municipality's written commitment"))
    co_funding_gel = models.DecimalField(
        _("co-funding offered (GEL)"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    premises = models.TextField(_("premises offered"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_position = models.CharField(_("position"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = MunicipalityApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality application")
        verbose_name_plural = _("municipality applications")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="one_application_per_municipality"),
        ]

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def is_decided(self) -> bool:
        return self.status != self.Status.RECEIVED


def application_document_path(instance, filename: str) -> str:
    return f"hubs/applications/{instance.application_id}/{filename}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        MunicipalityApplication, verbose_name=_("application"), on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=application_document_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title


class ApplicationScore(models.Model):
    """One officer's score of one application on one criterion."""

    application = models.ForeignKey(
        MunicipalityApplication, verbose_name=_("application"), on_delete=models.PROTECT, related_name="scores"
    )
    criterion = models.ForeignKey(
        SelectionCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scored by"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application score")
        verbose_name_plural = _("application scores")
        ordering = ["criterion__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion", "scorer"], name="one_score_per_scorer"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
