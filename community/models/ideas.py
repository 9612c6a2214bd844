"""Ideas answering a call of a community grant cycle, the expert support, and their events."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.append_only import AppendOnlyModel
from accounts.constraints import choices_checked
from accounts.models import MembershipQuerySet
from grants.models import Proposal
from hubs.models.places import not_ended

from .people import PeopleCounts

MONEY = {"max_digits": 12, "decimal_places": 2}


class IdeaQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("cycle", "municipality", "priority__theme").order_by("cycle", "reference")

    def not_funded(self):
        """The inventory: ideas the committee did not fund (or that never reached it) once decided."""
        Status = Idea.Status
        settled = models.Q(status__in=[Status.UNFEASIBLE, Status.REJECTED, Status.RESERVE])
        left_over = models.Q(
            status__in=[Status.SUBMITTED, Status.FEASIBLE, Status.SHORTLISTED], cycle__status__in=["decided", "closed"]
        )
        return self.filter(settled | left_over)

    def awarded(self):
        return self.filter(status__in=[Idea.Status.SELECTED, Idea.Status.COMPLETED])


@choices_checked("kind", "status")
class Idea(PeopleCounts):
    """A community's idea for a social or small-infrastructure project."""

    class Kind(models.TextChoices):
        SOCIAL = "social", _("Social project")
        INFRASTRUCTURE = "infrastructure", _("Small infrastructure")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNFEASIBLE = "unfeasible", _("Not feasible")
        FEASIBLE = "feasible", _("Feasible")
        SHORTLISTED = "shortlisted", _("Shortlisted, with an expert")
        IN_REVIEW = "in_review", _("With the committee")
        SELECTED = "selected", _("Selected")
        RESERVE = "reserve", _("Reserve list")
        REJECTED = "rejected", _("Not selected")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS: dict[str, set[str]] = {
        Status.SUBMITTED: {Status.FEASIBLE, Status.UNFEASIBLE, Status.WITHDRAWN},
        Status.FEASIBLE: {Status.SHORTLISTED, Status.WITHDRAWN},
        Status.UNFEASIBLE: set(),
        Status.SHORTLISTED: {Status.IN_REVIEW, Status.WITHDRAWN},
        Status.IN_REVIEW: {Status.SELECTED, Status.RESERVE, Status.REJECTED},
        Status.RESERVE: {Status.SELECTED},
        Status.SELECTED: {Status.COMPLETED},
        Status.REJECTED: set(),
        Status.COMPLETED: set(),
        Status.WITHDRAWN: set(),
    }

    cycle = models.ForeignKey(
        "grants.GrantCycle", verbose_name=_("grant cycle"), on_delete=models.PROTECT, related_name="community_ideas"
    )
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        "hubs.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(_("location"), max_length=200, help_text=_("Village, street or site."))
    description = models.TextField(_("description"))
    applicant = models.CharField(_("applicant"), max_length=200, help_text=_("The initiative group or organisation."))
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    estimated_cost = models.DecimalField(_("estimated cost (GEL)"), **MONEY)
    local_cofunding = models.DecimalField(_("local co-funding (GEL)"), default=Decimal(0), **MONEY)
    municipal_cofunding = models.DecimalField(_("municipal co-funding (GEL)"), default=Decimal(0), **MONEY)
    priority = models.ForeignKey(
        "community.ConsultationPriority",
        verbose_name=_("retained priority it answers"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    feasibility_note = models.TextField(_("feasibility review"), blank=True)
    checked_cost = models.DecimalField(_("checked cost (GEL)"), null=True, blank=True, **MONEY)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    proposals = GenericRelation(Proposal, related_query_name="community_idea")
    history = HistoricalRecords()

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("community idea")
        verbose_name_plural = _("community ideas")
        ordering = ["cycle", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    @property
    def cost(self) -> Decimal:
        return self.checked_cost if self.checked_cost is not None else self.estimated_cost

    @property
    def grant_requested(self) -> Decimal:
        """What the grant is asked to pay: the cost less the local and municipal co-funding."""
        return max(self.cost - self.local_cofunding - self.municipal_cofunding, Decimal(0))


class IdeaEvent(AppendOnlyModel):
    """The audit row of every status change and step of an idea."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("what"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("idea event")
        verbose_name_plural = _("idea events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.idea_id} · {self.action}"


class ExpertAssignmentQuerySet(MembershipQuerySet):
    def active(self, on=None):
        """Today's experts: an assignment ended today stops at once (its ``ended_at``), not at midnight."""
        assignments = super().active(on)
        if on is None or on >= timezone.localdate():
            assignments = assignments.filter(not_ended())
        return assignments


class ExpertAssignment(models.Model):
    """The expert who supports a shortlisted idea and follows its implementation to the end.

    Assignments are never deleted: ending one keeps it, with who ended it, when and why, as the
    idea's history of experts.
    """

    HOLDS_PERSONAL_DATA = True

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="experts")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="community_ideas"
    )
    field = models.CharField(_("area of expertise"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ended by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )  # fmt: skip
    end_reason = models.TextField(_("why the assignment ended"), blank=True)
    history = HistoricalRecords()

    objects = ExpertAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        ordering = ["idea", "-start_date"]

    def __str__(self) -> str:
        return f"{self.expert} → {self.idea}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        if self.ended_at is not None and self.ended_at <= timezone.now():
            return False
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class ExpertMeeting(models.Model):
    class Topic(models.TextChoices):
        IDEA = "idea", _("The idea")
        BUDGET = "budget", _("The budget")
        WORKPLAN = "workplan", _("The workplan")

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="meetings")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    topics = models.JSONField(_("topics"), default=list)
    notes = models.TextField(_("notes"))

    class Meta:
        verbose_name = _("expert meeting")
        verbose_name_plural = _("expert meetings")
        ordering = ["idea", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.idea} · {self.date}"

    def topic_labels(self) -> list[str]:
        return [str(self.Topic(t).label) for t in self.topics if t in self.Topic.values]


class IdeaPlan(models.Model):
    """A version of the idea's budget and workplan; versions are never edited, only added."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="plans")
    number = models.PositiveSmallIntegerField(_("version"))
    summary = models.TextField(_("what the project does"))
    budget = models.JSONField(_("budget lines"), default=list)  # [{"item", "amount", "cofunding"}]
    workplan = models.JSONField(_("workplan"), default=list)  # [{"activity", "month"}]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget and workplan version")
        verbose_name_plural = _("budget and workplan versions")
        ordering = ["idea", "number"]
        constraints = [models.UniqueConstraint(fields=["idea", "number"], name="idea_plan_number_unique")]

    def __str__(self) -> str:
        return f"{self.idea.reference} v{self.number}"

    @property
    def total(self) -> Decimal:
        return sum((Decimal(line["amount"]) for line in self.budget), Decimal(0))

    @property
    def cofunding_total(self) -> Decimal:
        return sum((Decimal(line.get("cofunding") or 0) for line in self.budget), Decimal(0))
