"""Cases: a hub's file for one person, its numbering, status history and transfers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.append_only import AppendOnlyModel
from accounts.constraints import choices_checked

from .people import Beneficiary


class CaseNumberCounter(models.Model):
    """The last sequence number used per hub and year; locked while a number is taken."""

    hub = models.ForeignKey("hubs.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")
        constraints = [models.UniqueConstraint(fields=["hub", "year"], name="case_counter_per_hub_year")]

    def __str__(self) -> str:
        return f"{self.hub_id}-{self.year}: {self.last}"


class CaseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("beneficiary__municipality", "hub", "counsellor")

    def live(self):
        return self.exclude(status__in=[Case.Status.CLOSED, Case.Status.TRANSFERRED])


@choices_checked("status", "closure_reason")
class Case(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIVE = "active", _("Active")
        CLOSURE_REQUESTED = "closure_requested", _("Closure requested")
        CLOSED = "closed", _("Closed")
        TRANSFERRED = "transferred", _("Transferred")

    class ClosureReason(models.TextChoices):
        GOALS_MET = "goals_met", _("Reintegration goals met")
        NO_LONGER_INTERESTED = "no_longer_interested", _("No longer interested")
        LOST_CONTACT = "lost_contact", _("Contact lost")
        MIGRATED_AGAIN = "migrated_again", _("Migrated again")
        MOVED_AWAY = "moved_away", _("Moved out of the hub's area")
        DECEASED = "deceased", _("Deceased")
        OTHER = "other", _("Other")

    TRANSITIONS: dict[str, set[str]] = {
        Status.OPEN: {Status.ACTIVE, Status.CLOSURE_REQUESTED, Status.TRANSFERRED},
        Status.ACTIVE: {Status.CLOSURE_REQUESTED, Status.TRANSFERRED},
        Status.CLOSURE_REQUESTED: {Status.CLOSED, Status.ACTIVE},
        Status.CLOSED: {Status.ACTIVE},
        Status.TRANSFERRED: set(),
    }

    number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary, verbose_name=_("beneficiary"), on_delete=models.PROTECT, related_name="cases"
    )
    hub = models.ForeignKey("hubs.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="cases")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible counsellor"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("registered on"), default=timezone.localdate)
    closure_reason = models.CharField(_("closure reason"), max_length=30, choices=ClosureReason.choices, blank=True)
    closure_note = models.TextField(_("closure note"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    transferred_from = models.ForeignKey(
        "self",
        verbose_name=_("transferred from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transferred_to",
    )
    summary = models.TextField(_("summary"), blank=True)
    second_hub_reason = models.TextField(
        _("reason for a case at a second hub"),
        blank=True,
        editable=False,
        help_text=_("Why the case was opened here although the person is registered at another hub."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    intake_token = models.UUIDField(_("intake form token"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-number"]
        indexes = [
            models.Index(fields=["hub", "status"]),
            # The case list's order, for everyone and per hub: a page is read off the index.
            models.Index(fields=["-opened_on", "-number"], name="case_list_order"),
            models.Index(fields=["hub", "-opened_on", "-number"], name="case_list_hub_order"),
        ]
        constraints = [
            # At most one live case per person per hub, whatever races the services lose.
            models.UniqueConstraint(
                fields=["beneficiary", "hub"],
                condition=~Q(status__in=["closed", "transferred"]),
                name="one_live_case_per_person_per_hub",
            )
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("reintegration:case-detail", kwargs={"pk": self.pk})

    @property
    def is_live(self) -> bool:
        return self.status not in (self.Status.CLOSED, self.Status.TRANSFERRED)


@choices_checked("from_status", "to_status")
class CaseStatusChange(AppendOnlyModel):
    """One row per status change: who, from, to, when, why."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Case.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("case status change")
        verbose_name_plural = _("case status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status} → {self.to_status}"


@choices_checked("status")
class CaseTransfer(models.Model):
    """A request to move a case to another hub; the receiving hub's lead accepts or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the receiving hub")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="transfers")
    from_hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("from hub"), on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("to hub"), on_delete=models.PROTECT, related_name="transfers_in"
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    new_case = models.OneToOneField(
        Case,
        verbose_name=_("case at the receiving hub"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="pending"), name="one_pending_transfer_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_hub}"


# --------------------------------------------------------------------------------------------
# Needs assessment
# --------------------------------------------------------------------------------------------
