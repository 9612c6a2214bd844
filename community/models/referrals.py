"""An unfunded idea referred to an alternative funding scheme, tracked to its outcome.

The referrals app refers a person (a case and one of its needs). An idea is not a person, so it
gets its own referral row, but with the referral machinery's vocabulary: the same directory
(a service of category "funding"), the same statuses and TRANSITIONS table, the same outcome
codes, and the same append-only event history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.append_only import AppendOnlyModel
from accounts.constraints import choices_checked
from referrals.models import Referral

from .ideas import MONEY, Idea


class IdeaReferralQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("idea", "service__organization").order_by("-created_at")


@choices_checked("status", "outcome")
class IdeaReferral(models.Model):
    Status = Referral.Status
    Outcome = Referral.Outcome
    TRANSITIONS = Referral.TRANSITIONS
    HELPED = Referral.HELPED
    OPEN_STATUSES = Referral.OPEN_STATUSES

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(
        "referrals.Service", verbose_name=_("funding scheme"), on_delete=models.PROTECT, related_name="idea_referrals"
    )
    status = models.CharField(_("status"), max_length=20, choices=Referral.Status.choices, default=Status.SENT)
    reason = models.TextField(_("why this scheme"))
    outcome = models.CharField(_("outcome"), max_length=30, choices=Referral.Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    amount_obtained = models.DecimalField(_("funding obtained (GEL)"), null=True, blank=True, **MONEY)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    history = HistoricalRecords()

    objects = IdeaReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea referral")
        verbose_name_plural = _("idea referrals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.idea} → {self.service}"

    def clean(self):
        if self.status == self.Status.COMPLETED and not self.outcome:
            raise ValidationError({"outcome": _("Choose the outcome.")})

    @property
    def is_open(self) -> bool:
        return self.status in Referral.OPEN_STATUSES

    def next_statuses(self) -> list:
        return [self.Status(s) for s in self.TRANSITIONS[self.status]]


class IdeaReferralEvent(AppendOnlyModel):
    """Append-only history of an idea's referral: who, when, from, to, note."""

    referral = models.ForeignKey(
        IdeaReferral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="events"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("idea referral event")
        verbose_name_plural = _("idea referral events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"
