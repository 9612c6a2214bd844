"""Business grant applications by teams, and their members."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.constraints import choices_checked
from reintegration.models import Sex
from reintegration.vulnerability import Vulnerability

from .committee import Proposal
from .cycles import GrantCycle


class ApplicationQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("cycle", "municipality", "hub")
            .annotate(member_count=models.Count("members", distinct=True))
            .order_by("cycle", "reference")
        )


@choices_checked("team_type", "status")
class Application(models.Model):
    """A team's application for a collective or community business grant."""

    HOLDS_PERSONAL_DATA = True

    class TeamType(models.TextChoices):
        COLLECTIVE = "collective", _("Collective (returnees)")
        COMMUNITY = "community", _("Community (returnees with non-migrant residents)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        INELIGIBLE = "ineligible", _("Not eligible")
        MENTORING = "mentoring", _("Eligible, in mentoring")
        IN_REVIEW = "in_review", _("With the committee")
        SELECTED = "selected", _("Selected")
        RESERVE = "reserve", _("Reserve list")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.MENTORING, Status.INELIGIBLE, Status.WITHDRAWN},
        Status.INELIGIBLE: set(),
        Status.MENTORING: {Status.IN_REVIEW, Status.WITHDRAWN},
        Status.IN_REVIEW: {Status.SELECTED, Status.RESERVE, Status.REJECTED},
        Status.SELECTED: set(),
        Status.RESERVE: {Status.SELECTED},
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
    }

    cycle = models.ForeignKey(
        GrantCycle, verbose_name=_("grant cycle"), on_delete=models.PROTECT, related_name="applications"
    )
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    team_name = models.CharField(_("team name"), max_length=200)
    team_type = models.CharField(_("team type"), max_length=20, choices=TeamType.choices)
    business_idea = models.CharField(_("business idea"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        "hubs.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    hub = models.ForeignKey(
        "hubs.Hub",
        verbose_name=_("hub"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    requested_amount = models.DecimalField(_("requested amount (GEL)"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    eligibility = models.JSONField(_("eligibility screening"), default=list, blank=True)
    vulnerability_priority = models.PositiveSmallIntegerField(_("vulnerability priority"), default=0)
    vulnerability_rule = models.TextField(_("how the priority was computed"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    proposals = GenericRelation(Proposal, related_query_name="application")
    history = HistoricalRecords()

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["cycle", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} · {self.team_name}"


@choices_checked("sex")
class TeamMember(models.Model):
    HOLDS_PERSONAL_DATA = True

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="members"
    )
    beneficiary = models.ForeignKey(
        "reintegration.Beneficiary",
        verbose_name=_("registered beneficiary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grant_team_memberships",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    personal_number = models.CharField(_("personal number"), max_length=11, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(_("age"))
    is_returnee = models.BooleanField(_("returned migrant"), default=False)
    vulnerabilities = models.JSONField(_("vulnerabilities"), default=list, blank=True)
    is_lead = models.BooleanField(_("team lead"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["application", "-is_lead", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.application.team_name})" if self.application_id else self.full_name

    def vulnerability_labels(self) -> list[str]:
        return [str(Vulnerability(code).label) for code in self.vulnerabilities if code in Vulnerability.values]
