from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.bilingual import pick
from accounts.constraints import choices_checked

from ._common import methodology_version_path
from .meetings import Decision


class MethodologyDocumentQuerySet(models.QuerySet):
    def for_list(self):
        return self.annotate(version_count=models.Count("versions", distinct=True)).order_by("kind", "title_ka", "pk")


@choices_checked("kind")
class MethodologyDocument(models.Model):
    """A tool, guide or lesson the pilot validates for national stakeholders."""

    class Kind(models.TextChoices):
        TOOL = "tool", _("Tool")
        GUIDE = "guide", _("Guide")
        LESSON = "lesson", _("Lessons learned")

    title_ka = models.CharField(_("title (Georgian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = MethodologyDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("methodology document")
        verbose_name_plural = _("methodology documents")
        ordering = ["kind", "title_ka"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coordination:methodology-detail", args=[self.pk])

    @property
    def title(self) -> str:
        return pick(self.title_ka, self.title_en)


class MethodologyVersionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved_by__isnull=False)

    def for_list(self):
        return self.select_related("document", "approved_by__committee", "approved_by__meeting")


class MethodologyVersion(models.Model):
    """A numbered version; approved when a Steering Committee decision approves it, then frozen."""

    document = models.ForeignKey(
        MethodologyDocument, verbose_name=_("document"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=methodology_version_path)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    changes = models.TextField(_("what changed"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    approved_by = models.OneToOneField(
        Decision,
        verbose_name=_("approved by decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_version",
    )

    objects = MethodologyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("methodology version")
        verbose_name_plural = _("methodology versions")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="coordination_one_version_number")]

    def __str__(self) -> str:
        return f"{self.document} · v{self.number}"

    @property
    def is_approved(self) -> bool:
        return self.approved_by_id is not None
