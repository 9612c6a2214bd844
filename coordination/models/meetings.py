from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.bilingual import pick
from accounts.constraints import choices_checked

from ._common import StatusChangeBase, meeting_document_path
from .committees import Committee, CommitteeMember


class MeetingQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("committee")
            .annotate(
                decision_count=models.Count("decisions", distinct=True),
                action_count=models.Count("action_items", distinct=True),
            )
            .order_by("-starts_at", "-pk")
        )

    def held(self):
        return self.filter(status__in=[Meeting.Status.HELD, Meeting.Status.MINUTED])


@choices_checked("status")
class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        MINUTED = "minuted", _("Minutes approved")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.PLANNED: {Status.HELD, Status.CANCELLED},
        Status.HELD: {Status.MINUTED},
        Status.MINUTED: set(),
        Status.CANCELLED: {Status.PLANNED},
    }

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    online_link = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    minutes_ka = models.TextField(_("minutes (Georgian)"), blank=True)
    minutes_en = models.TextField(_("minutes (English)"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.committee.code} · {timezone.localtime(self.starts_at):%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("coordination:meeting-detail", args=[self.pk])

    @property
    def minutes(self) -> str:
        return pick(self.minutes_ka, self.minutes_en)

    @property
    def minutes_approved(self) -> bool:
        return self.status == self.Status.MINUTED

    @property
    def is_open_for_record(self) -> bool:
        """Decisions, action items and minutes are recorded once the meeting took place."""
        return self.status == self.Status.HELD


class MeetingStatusChange(StatusChangeBase):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="status_changes")

    class Meta(StatusChangeBase.Meta):
        verbose_name = _("meeting status change")
        verbose_name_plural = _("meeting status changes")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title_ka = models.CharField(_("title (Georgian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_ka, self.title_en)


@choices_checked("status")
class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        CommitteeMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["member__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="coordination_one_attendance")]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_status_display()}"


@choices_checked("kind")
class MeetingDocument(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        BACKGROUND = "background", _("Background paper")
        PRESENTATION = "presentation", _("Presentation")
        SIGNED_MINUTES = "signed_minutes", _("Signed minutes")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BACKGROUND)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=meeting_document_path)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
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
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """Numbered per committee, in the order recorded (the number never changes)."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="decisions"
    )
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions")
    number = models.PositiveIntegerField(_("number"))
    text_ka = models.TextField(_("decision (Georgian)"))
    text_en = models.TextField(_("decision (English)"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["committee", "number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="coordination_decision_number_per_committee")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.committee.code}-{self.number}"

    @property
    def text(self) -> str:
        return pick(self.text_ka, self.text_en)


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=ActionItem.OPEN_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)

    def for_list(self):
        return self.select_related("meeting__committee", "owner", "decision__committee")


@choices_checked("status")
class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)
    TRANSITIONS = {
        Status.OPEN: {Status.IN_PROGRESS, Status.DONE, Status.CANCELLED},
        Status.IN_PROGRESS: {Status.DONE, Status.CANCELLED, Status.OPEN},
        Status.DONE: {Status.IN_PROGRESS},
        Status.CANCELLED: {Status.OPEN},
    }

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="action_items"
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        CommitteeMember, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="action_items"
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    last_reminded_on = models.DateField(_("last reminded"), null=True, blank=True, editable=False)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="coordination_action_due")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today=None) -> bool:
        return self.status in self.OPEN_STATUSES and self.due_on < (today or timezone.localdate())


class ActionItemStatusChange(StatusChangeBase):
    action_item = models.ForeignKey(ActionItem, on_delete=models.PROTECT, related_name="status_changes")

    class Meta(StatusChangeBase.Meta):
        verbose_name = _("action item status change")
        verbose_name_plural = _("action item status changes")
