import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.append_only import AppendOnlyModel


def _private(folder: str, filename: str) -> str:
    """A random name: files are served only through a permission-checked view, never by URL."""
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"coordination/{folder}/{uuid.uuid4().hex}.{suffix}"


def meeting_document_path(instance, filename: str) -> str:
    return _private("meetings", filename)


def policy_document_path(instance, filename: str) -> str:
    return _private("policy", filename)


def methodology_version_path(instance, filename: str) -> str:
    return _private("methodology", filename)


def policy_report_path(instance, filename: str) -> str:
    return _private("reports", filename)


class StatusChangeBase(AppendOnlyModel):
    """One row per status move: who, when, from, to and why."""

    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
