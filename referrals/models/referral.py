"""Closed-loop referrals: from a case and one of its needs to a service, with an append-only history.

The outcome says whether the person was helped (a referral marked "done" says nothing about that),
so it is one code from a fixed list plus the person's own feedback.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.append_only import AppendOnlyModel
from accounts.constraints import choices_checked

from .directory import Service


class ReferralQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related(
            "case__beneficiary", "case__hub", "need", "service__organization", "created_by"
        ).order_by("-created_at", "-id")

    def open(self):
        return self.filter(status__in=Referral.OPEN_STATUSES)


@choices_checked("status", "outcome")
class Referral(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CLOSED_NO_RESPONSE = "closed_no_response", _("Closed without response")
        CANCELLED = "cancelled", _("Cancelled")

    class Outcome(models.TextChoices):
        GOT_SERVICE = "got_service", _("Got the service")
        PARTLY = "partly", _("Got part of the service")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        NO_CAPACITY = "no_capacity", _("Provider had no capacity")
        COULD_NOT_CONTACT = "could_not_contact", _("Could not contact the person")
        NO_LONGER_INTERESTED = "no_longer_interested", _("No longer interested")
        OTHER = "other", _("Other")

    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.SENT, Status.CANCELLED},
        Status.SENT: {Status.ACCEPTED, Status.DECLINED, Status.CLOSED_NO_RESPONSE, Status.CANCELLED},
        Status.ACCEPTED: {Status.IN_PROGRESS, Status.COMPLETED, Status.CANCELLED},
        Status.IN_PROGRESS: {Status.COMPLETED, Status.CANCELLED},
        Status.DECLINED: set(),
        Status.COMPLETED: set(),
        Status.CLOSED_NO_RESPONSE: set(),
        Status.CANCELLED: set(),
    }
    OPEN_STATUSES = [Status.DRAFT, Status.SENT, Status.ACCEPTED, Status.IN_PROGRESS]
    # Outcomes that count as the person having received help.
    HELPED = [Outcome.GOT_SERVICE, Outcome.PARTLY]

    case = models.ForeignKey(
        "reintegration.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="referrals"
    )
    need = models.ForeignKey(
        "reintegration.AssessedNeed", verbose_name=_("need"), on_delete=models.PROTECT, related_name="referrals"
    )
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    reason = models.TextField(_("reason for the referral"), help_text=_("Shared with the provider in the letter."))
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    feedback = models.TextField(_("the person's feedback"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered by the provider"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)
    link_nonce = models.UUIDField(default=uuid.uuid4, editable=False)
    history = HistoricalRecords()

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "sent_at"]),
            # The referral lists sort on it (newest first) and stop after a page.
            models.Index(fields=["-created_at", "-id"], name="referral_created_desc"),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.service}"

    def clean(self):
        if self.need_id and self.case_id and self.need.assessment.case_id != self.case_id:
            raise ValidationError({"need": _("The need belongs to another case.")})
        if self.status == self.Status.DECLINED and not self.decline_reason:
            raise ValidationError({"decline_reason": _("Say why the referral was declined.")})
        if self.status == self.Status.COMPLETED and not self.outcome:
            raise ValidationError({"outcome": _("Choose the outcome.")})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


@choices_checked("provider_answer", "from_status", "to_status")
class ReferralEvent(AppendOnlyModel):
    """Append-only history of a referral: who, when, from, to, note."""

    HOLDS_PERSONAL_DATA = True

    class Answer(models.TextChoices):
        RESPONSE = "response", _("Accept or decline")
        OUTCOME = "outcome", _("Outcome")

    referral = models.ForeignKey(Referral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    by_provider = models.BooleanField(_("answered by the provider"), default=False)
    provider_answer = models.CharField(_("provider's answer"), max_length=10, choices=Answer.choices, blank=True)
    from_status = models.CharField(_("from"), max_length=20, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Referral.Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "provider_answer"],
                condition=~models.Q(provider_answer=""),
                name="referrals_provider_answers_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"
