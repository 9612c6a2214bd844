"""Casework on a case: needs assessments, counselling sessions, the plan and follow-ups."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.constraints import choices_checked

from ..taxonomy import DIMENSION_OF, Dimension, Need
from .cases import Case


class NeedAssessment(models.Model):
    HOLDS_PERSONAL_DATA = True

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessed by"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.assessed_on}"


@choices_checked("need", "dimension", "priority", "status")
class AssessedNeed(models.Model):
    """One need found in an assessment; referrals start from one of these."""

    HOLDS_PERSONAL_DATA = True

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        IN_PROGRESS = "in_progress", _("Being addressed")
        MET = "met", _("Met")
        UNMET = "unmet", _("Not met")
        NOT_RELEVANT = "not_relevant", _("No longer relevant")

    assessment = models.ForeignKey(
        NeedAssessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="needs"
    )
    need = models.CharField(_("need"), max_length=40, choices=Need.choices)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices, editable=False)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDENTIFIED)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessed need")
        verbose_name_plural = _("assessed needs")
        ordering = ["assessment", "dimension", "need"]
        constraints = [models.UniqueConstraint(fields=["assessment", "need"], name="assessed_need_once")]

    def __str__(self) -> str:
        return self.get_need_display()

    def save(self, *args, **kwargs):
        self.dimension = DIMENSION_OF[self.need]
        super().save(*args, **kwargs)


# --------------------------------------------------------------------------------------------
# Counselling, plan, follow-ups
# --------------------------------------------------------------------------------------------
@choices_checked("kind", "mode")
class CounsellingSession(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        COUNSELLING = "counselling", _("Counselling")
        PFA = "pfa", _("Psychosocial first aid")
        FOLLOW_UP = "follow_up", _("Follow-up")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        ONLINE = "online", _("Online")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    topics = models.TextField(_("topics"))
    next_steps = models.TextField(_("next steps"), blank=True)
    confidential_notes = models.TextField(
        _("confidential notes"), blank=True, help_text=_("Only the case's hub staff see these.")
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("counsellor"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on}"


@choices_checked("dimension", "status")
class PlanGoal(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="goals")
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    description = models.CharField(_("goal"), max_length=500)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["dimension", "target_date", "pk"]

    def __str__(self) -> str:
        return self.description


@choices_checked("kind", "status")
class PlanAction(models.Model):
    HOLDS_PERSONAL_DATA = True

    class Kind(models.TextChoices):
        COUNSELLING = "counselling", _("Counselling step")
        REFERRAL = "referral", _("Referral")
        GRANT = "grant", _("Grant application")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    goal = models.ForeignKey(PlanGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("action"), max_length=500)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["target_date", "pk"]

    def __str__(self) -> str:
        return self.description


class FollowUpQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today: datetime.date | None = None):
        return self.pending().filter(due_on__lt=today or timezone.localdate())

    def for_list(self):
        return self.select_related("case__beneficiary", "case__hub", "assigned_to")


class FollowUp(models.Model):
    HOLDS_PERSONAL_DATA = True

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due on"))
    purpose = models.CharField(_("purpose"), max_length=300)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    last_reminded_on = models.DateField(_("last reminder sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["assigned_to", "due_on"]),
            # "My work": the first pending follow-ups by due date (a hub lead's team list walks this
            # index and stops after a page; without it, every pending row was read and sorted).
            models.Index(fields=["due_on", "id"], condition=Q(done_at__isnull=True), name="followup_pending_due"),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.due_on}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()
