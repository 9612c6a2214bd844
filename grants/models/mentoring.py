"""Mentoring of a team by a business expert, the workshop, and business-plan versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import MembershipQuerySet

from .applications import Application, TeamMember
from .cycles import GrantCycle


class MentorAssignment(models.Model):
    """A business expert assigned to a team: the mentor role comes from an active assignment."""

    HOLDS_PERSONAL_DATA = True

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="mentor_assignments"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="mentor_assignments"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        ordering = ["application", "start_date"]

    def __str__(self) -> str:
        return f"{self.mentor} · {self.application.reference}"


class MentoringSession(models.Model):
    HOLDS_PERSONAL_DATA = True

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="sessions"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    topics = models.CharField(_("topics"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    agreed_tasks = models.TextField(_("agreed tasks"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["application", "-date"]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.date}"


class Workshop(models.Model):
    """The business-development workshop of a cycle, with attendance by team member."""

    cycle = models.ForeignKey(
        GrantCycle, verbose_name=_("grant cycle"), on_delete=models.PROTECT, related_name="workshops"
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    attendees = models.ManyToManyField(TeamMember, verbose_name=_("attended"), blank=True, related_name="workshops")

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["cycle", "date"]

    def __str__(self) -> str:
        return self.title


class PlanVersion(models.Model):
    """One version of a team's business plan; a version marked final is what the committee reads."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="plan_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    summary = models.TextField(_("summary"))
    is_final = models.BooleanField(_("final plan submitted"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("business-plan version")
        verbose_name_plural = _("business-plan versions")
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="plan_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.application.reference} v{self.number}"


class BudgetLine(models.Model):
    version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    item = models.CharField(_("item"), max_length=200)
    grant_amount = models.DecimalField(_("from the grant (GEL)"), max_digits=12, decimal_places=2, default=0)
    own_contribution = models.DecimalField(_("own contribution (GEL)"), max_digits=12, decimal_places=2, default=0)
    co_funding = models.DecimalField(_("co-funding (GEL)"), max_digits=12, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return self.item

    @property
    def total(self):
        return self.grant_amount + self.own_contribution + self.co_funding


class Milestone(models.Model):
    version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    month = models.PositiveSmallIntegerField(_("month of the workplan"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["version", "month", "pk"]

    def __str__(self) -> str:
        return self.title
