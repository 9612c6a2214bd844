"""Implementation of a selected idea, followed by its expert: tranches, visits, photos, co-funding, completion."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.constraints import choices_checked

from .ideas import MONEY, Idea
from .people import PeopleCounts


class InitiativeQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("idea__municipality", "idea__cycle").order_by("-agreement_date", "pk")

    def completed(self):
        return self.filter(completion__isnull=False)


class Initiative(models.Model):
    """The grant to a selected idea: the agreement, its tranches and what happened."""

    idea = models.OneToOneField(Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="initiative")
    agreement_date = models.DateField(_("agreement date"))
    amount = models.DecimalField(_("grant (GEL)"), **MONEY)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("community initiative")
        verbose_name_plural = _("community initiatives")
        ordering = ["-agreement_date", "pk"]

    def __str__(self) -> str:
        return str(self.idea)


@choices_checked("status")
class InitiativeTranche(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RELEASED = "released", _("Released")

    TRANSITIONS = {Status.PLANNED: {Status.RELEASED}, Status.RELEASED: set()}

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="tranches"
    )
    number = models.PositiveSmallIntegerField(_("tranche"))
    milestone = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    amount = models.DecimalField(_("amount (GEL)"), **MONEY)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    report = models.TextField(_("milestone report"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    report_approved_at = models.DateTimeField(_("report approved at"), null=True, blank=True)
    report_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("initiative tranche")
        verbose_name_plural = _("initiative tranches")
        ordering = ["initiative", "number"]
        constraints = [models.UniqueConstraint(fields=["initiative", "number"], name="initiative_tranche_number")]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.number}"


class InitiativeVisit(models.Model):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="visits"
    )
    tranche = models.ForeignKey(
        InitiativeTranche, verbose_name=_("before tranche"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="visits",
    )  # fmt: skip
    date = models.DateField(_("date"))
    findings = models.TextField(_("findings"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("visited by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.date}"


def photo_path(instance, filename: str) -> str:
    # The original name is not kept: a random name under a private folder, never under MEDIA_URL.
    import uuid

    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(instance.content_type, "bin")
    return f"private/community/{instance.initiative_id}/{uuid.uuid4().hex}.{extension}"


class InitiativePhoto(models.Model):
    """A photo of the works; served only through a permission-checked view."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="photos"
    )
    visit = models.ForeignKey(
        InitiativeVisit, verbose_name=_("visit"), null=True, blank=True, on_delete=models.PROTECT, related_name="photos"
    )
    file = models.FileField(_("photo"), upload_to=photo_path)
    content_type = models.CharField(_("type"), max_length=40, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["initiative", "-uploaded_at"]

    def __str__(self) -> str:
        return self.caption or f"{self.initiative_id} · {self.pk}"


@choices_checked("source")
class CofundingReceipt(models.Model):
    class Source(models.TextChoices):
        LOCAL = "local", _("Local (community)")
        MUNICIPAL = "municipal", _("Municipality")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="cofunding"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    date = models.DateField(_("date received"))
    amount = models.DecimalField(_("amount (GEL)"), **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("co-funding received")
        verbose_name_plural = _("co-funding received")
        ordering = ["initiative", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.amount}"


class Completion(PeopleCounts):
    """The end of the works: the date and the people reached (by sex, age group and status)."""

    initiative = models.OneToOneField(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="completion"
    )
    date = models.DateField(_("completed on"))
    narrative = models.TextField(_("what was done"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")

    def __str__(self) -> str:
        return str(self.initiative)


def cofunding_received(initiative: Initiative) -> Decimal:
    return initiative.cofunding.aggregate(total=models.Sum("amount"))["total"] or Decimal(0)
