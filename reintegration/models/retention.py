"""Retention runs: each pass of the anonymisation, real or dry, with what it counted."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.constraints import choices_checked


class RetentionRunQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("started_by").order_by("-started_at", "-pk")


@choices_checked("trigger")
class RetentionRun(models.Model):
    """One anonymisation pass: the nightly task, an officer's run or dry run, or one erasure on request.

    It names what it anonymised by kind and key only (case numbers, record keys), never by content.
    """

    class Trigger(models.TextChoices):
        NIGHTLY = "nightly", _("Nightly task")
        OFFICER = "officer", _("Started by an officer")
        ERASURE = "erasure", _("Erasure on request")

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    trigger = models.CharField(_("started by"), max_length=20, choices=Trigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    counts = models.JSONField(_("records per kind"), default=dict, blank=True)
    rows = models.JSONField(_("rows changed per table"), default=dict, blank=True)
    items = models.JSONField(_("records"), default=list, blank=True)  # [{"kind", "key", "label"}]

    objects = RetentionRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} · {self.get_trigger_display()}"

    def get_absolute_url(self) -> str:
        return reverse("reintegration:retention-report", kwargs={"pk": self.pk})

    @property
    def total(self) -> int:
        return sum(self.counts.values())
