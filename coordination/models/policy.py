from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.bilingual import pick
from accounts.constraints import choices_checked

from ._common import StatusChangeBase, policy_document_path, policy_report_path
from .meetings import Meeting


class PolicyDocumentQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("municipality")
            .annotate(
                assessment_count=models.Count("assessments", distinct=True),
                recommendation_count=models.Count("recommendations", distinct=True),
            )
            .order_by("level", "-year", "title_ka", "pk")
        )


@choices_checked("level", "sector")
class PolicyDocument(models.Model):
    """A policy or programme document assessed for how it takes migration into account."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        MUNICIPAL = "municipal", _("Municipal")

    class Sector(models.TextChoices):
        ECONOMY = "economy", _("Economic development")
        EMPLOYMENT = "employment", _("Employment and vocational training")
        SOCIAL = "social", _("Social protection")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        AGRICULTURE = "agriculture", _("Agriculture and rural development")
        REGIONAL = "regional", _("Regional and local development")
        MIGRATION = "migration", _("Migration")
        OTHER = "other", _("Other")

    title_ka = models.CharField(_("title (Georgian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    issuing_body = models.CharField(_("issuing body"), max_length=300)
    municipality = models.ForeignKey(
        "hubs.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=policy_document_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = PolicyDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        ordering = ["level", "-year", "title_ka"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coordination:policy-detail", args=[self.pk])

    @property
    def title(self) -> str:
        return pick(self.title_ka, self.title_en)


@choices_checked("migration_addressed")
class PolicyAssessment(models.Model):
    class Addressed(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    document = models.ForeignKey(
        PolicyDocument, verbose_name=_("policy document"), on_delete=models.PROTECT, related_name="assessments"
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    migration_addressed = models.CharField(_("migration addressed"), max_length=10, choices=Addressed.choices)
    gaps = models.TextField(_("gaps"))
    opportunities = models.TextField(_("opportunities"))
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("Articles, pages or quotations."))

    class Meta:
        verbose_name = _("policy assessment")
        verbose_name_plural = _("policy assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document} · {self.assessed_on}"


class RecommendationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("meeting__committee").prefetch_related("documents")


@choices_checked("priority", "status")
class Recommendation(models.Model):
    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected")

    TRANSITIONS = {
        Status.PROPOSED: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: {Status.IN_PROGRESS, Status.DONE, Status.REJECTED},
        Status.IN_PROGRESS: {Status.DONE, Status.REJECTED},
        Status.DONE: set(),
        Status.REJECTED: {Status.PROPOSED},
    }

    text_ka = models.TextField(_("recommendation (Georgian)"))
    text_en = models.TextField(_("recommendation (English)"), blank=True)
    addressee = models.CharField(_("addressee"), max_length=300)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    documents = models.ManyToManyField(
        PolicyDocument, verbose_name=_("policy documents"), related_name="recommendations", blank=True
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("discussed at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    follow_up = models.TextField(_("follow-up notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("coordination:recommendation-detail", args=[self.pk])

    @property
    def text(self) -> str:
        return pick(self.text_ka, self.text_en)


class RecommendationStatusChange(StatusChangeBase):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="status_changes")

    class Meta(StatusChangeBase.Meta):
        verbose_name = _("recommendation status change")
        verbose_name_plural = _("recommendation status changes")


class PolicyReport(models.Model):
    """A frozen edition of the report for the Government: PDFs in both languages and the XLSX annex."""

    number = models.PositiveIntegerField(_("edition"), unique=True)
    pdf_ka = models.FileField(_("report (Georgian)"), upload_to=policy_report_path)
    pdf_en = models.FileField(_("report (English)"), upload_to=policy_report_path)
    annex_xlsx = models.FileField(_("register (XLSX annex)"), upload_to=policy_report_path)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    generated_at = models.DateTimeField(_("generated"), default=timezone.now)
    document_count = models.PositiveIntegerField(_("policy documents"), default=0)
    recommendation_count = models.PositiveIntegerField(_("recommendations"), default=0)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivered_to = models.CharField(_("delivered to"), max_length=300, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("policy report")
        verbose_name_plural = _("policy reports")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"#{self.number}"
