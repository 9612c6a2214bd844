"""Grant cycles: the call, its money, its criteria and its committee."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.bilingual import BilingualNameMixin
from accounts.constraints import choices_checked
from accounts.models import MembershipQuerySet


class TieBreak(models.TextChoices):
    VULNERABILITY = "vulnerability", _("Vulnerability priority")
    CRITERION = "criterion", _("Score on the chosen criterion")
    GENDER_BALANCE = "gender_balance", _("Gender balance (share of women in the team)")
    MUNICIPALITY_SPREAD = "municipality_spread", _("Municipality spread")


DEFAULT_TIE_BREAKS = [t.value for t in TieBreak]


def default_tie_breaks() -> list[str]:
    return list(DEFAULT_TIE_BREAKS)


class GrantCycleQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.prefetch_related("municipalities")
            .annotate(
                proposal_count=models.Count("proposals", distinct=True),
                member_count=models.Count("committee", distinct=True),
            )
            .order_by("-call_opens", "pk")
        )


@choices_checked("kind", "status")
class GrantCycle(BilingualNameMixin, models.Model):
    class Kind(models.TextChoices):
        BUSINESS = "business", _("Collective and community business reintegration grants")
        COMMUNITY = "community", _("Community revitalization initiatives")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CALL_OPEN = "call_open", _("Call open")
        MENTORING = "mentoring", _("Screening and mentoring")
        REVIEW = "review", _("Committee review")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.CALL_OPEN, Status.CANCELLED},
        Status.CALL_OPEN: {Status.MENTORING, Status.CANCELLED},
        Status.MENTORING: {Status.REVIEW, Status.CANCELLED},
        Status.REVIEW: {Status.DECIDED},
        Status.DECIDED: {Status.CLOSED},
        Status.CLOSED: set(),
        Status.CANCELLED: set(),
    }
    LOCKED = {Status.DECIDED, Status.CLOSED, Status.CANCELLED}

    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BUSINESS)
    call_opens = models.DateField(_("call opens"))
    call_closes = models.DateField(_("call closes"))
    budget = models.DecimalField(_("budget (GEL)"), max_digits=12, decimal_places=2)
    ceiling = models.DecimalField(_("grant ceiling (GEL)"), max_digits=12, decimal_places=2)
    municipalities = models.ManyToManyField(
        "hubs.Municipality", verbose_name=_("eligible municipalities"), related_name="grant_cycles", blank=True
    )
    target_awards = models.PositiveSmallIntegerField(
        _("target number of awards"), default=6, validators=[MinValueValidator(6)]
    )
    tie_breaks = models.JSONField(_("tie-break order"), default=default_tie_breaks)
    tie_break_criterion = models.ForeignKey(
        "Criterion",
        verbose_name=_("criterion used to break ties"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total_minimum = models.DecimalField(
        _("minimum weighted total"), max_digits=5, decimal_places=2, default=Decimal("3.00")
    )
    disagreement_spread = models.DecimalField(
        _("disagreement when scores spread by"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.00"),
        help_text=_("A criterion is flagged when the highest and lowest score differ by at least this much."),
    )
    monitoring_visit_required = models.BooleanField(_("a monitoring visit gates each tranche"), default=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    scoring_closed_at = models.DateTimeField(_("scoring closed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = GrantCycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant cycle")
        verbose_name_plural = _("grant cycles")
        ordering = ["-call_opens", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(call_closes__gte=models.F("call_opens")), name="grant_cycle_call_closes_after_open"
            ),
            models.CheckConstraint(condition=models.Q(target_awards__gte=6), name="grant_cycle_at_least_six_awards"),
            models.CheckConstraint(
                condition=models.Q(ceiling__lte=models.F("budget")), name="grant_cycle_ceiling_within_budget"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.status in self.LOCKED

    @property
    def scoring_open(self) -> bool:
        return self.status == self.Status.REVIEW and self.scoring_closed_at is None

    @property
    def scores_revealed(self) -> bool:
        """After the chair closes scoring every committee member and officer may see every score."""
        return self.scoring_closed_at is not None or self.status in (self.Status.DECIDED, self.Status.CLOSED)


class Criterion(BilingualNameMixin, models.Model):
    cycle = models.ForeignKey(
        GrantCycle, verbose_name=_("grant cycle"), on_delete=models.CASCADE, related_name="criteria"
    )
    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description = models.TextField(_("guidance for scorers"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1.00"))
    score_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    score_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    minimum = models.DecimalField(_("minimum mean score"), max_digits=5, decimal_places=2, default=Decimal("3.00"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["cycle", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score_max__gt=models.F("score_min")), name="criterion_range"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMembershipQuerySet(MembershipQuerySet):
    def voting(self):
        return self.filter(role__in=CommitteeMembership.VOTING)


@choices_checked("role")
class CommitteeMembership(models.Model):
    """A person sitting on one cycle's Grant Selection Committee in one role."""

    HOLDS_PERSONAL_DATA = True

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        SECRETARY = "secretary", _("Secretary")
        OBSERVER = "observer", _("Observer")

    VOTING = (Role.CHAIR, Role.MEMBER, Role.RAPPORTEUR)

    cycle = models.ForeignKey(
        GrantCycle, verbose_name=_("grant cycle"), on_delete=models.PROTECT, related_name="committee"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    personal_number = models.CharField(
        _("personal number"),
        max_length=11,
        blank=True,
        help_text=_("Lets the system flag a member who is on a team or in a team member's household."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CommitteeMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        ordering = ["cycle", "role", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "user"], name="one_committee_seat_per_cycle")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    @property
    def votes(self) -> bool:
        return self.role in self.VOTING
