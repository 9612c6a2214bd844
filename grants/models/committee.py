"""The committee's record: any kind of proposal, reviewed by members against the cycle's criteria.

A Proposal points at what is reviewed (a team's business application today, a community idea
later) through a generic relation; the committee code reads only the proposal's own fields.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.append_only import AppendOnlyModel
from accounts.constraints import choices_checked

from .cycles import CommitteeMembership, Criterion, GrantCycle


class ProposalQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("cycle", "municipality", "municipality__region", "decision", "consensus")


class Proposal(models.Model):
    """One thing the committee reviews; ``subject`` is the application or idea behind it."""

    cycle = models.ForeignKey(
        GrantCycle, verbose_name=_("grant cycle"), on_delete=models.PROTECT, related_name="proposals"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind of proposal"))
    object_id = models.PositiveBigIntegerField(_("record key"))
    subject = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(_("reference"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    requested_amount = models.DecimalField(_("requested amount (GEL)"), max_digits=12, decimal_places=2)
    municipality = models.ForeignKey(
        "hubs.Municipality", verbose_name=_("municipality"), null=True, blank=True, on_delete=models.PROTECT
    )
    vulnerability_priority = models.PositiveSmallIntegerField(_("vulnerability priority"), default=0)
    vulnerability_rule = models.TextField(_("how the priority was computed"), blank=True)
    women_share = models.DecimalField(_("share of women in the team"), max_digits=4, decimal_places=3, default=0)
    created_at = models.DateTimeField(_("sent to the committee"), auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["cycle", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_proposal_per_subject"),
            models.UniqueConstraint(fields=["cycle", "reference"], name="proposal_reference_unique_in_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"


class ReviewQuerySet(models.QuerySet):
    def counted(self):
        """The reviews that enter the figures: submitted, neither recused nor abstaining."""
        return self.filter(status=Review.Status.SUBMITTED)


@choices_checked("conflict", "status")
class Review(models.Model):
    """One member's work on one proposal: the conflict step, then the scores, submitted once."""

    class Conflict(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Not yet confirmed")
        NONE = "none", _("No conflict of interest")
        DECLARED = "declared", _("Conflict of interest declared")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the conflict step")
        DRAFT = "draft", _("Scoring")
        SUBMITTED = "submitted", _("Submitted")
        ABSTAINED = "abstained", _("Abstained")
        RECUSED = "recused", _("Recused")

    TRANSITIONS: dict[str, set[str]] = {
        Status.PENDING: {Status.DRAFT, Status.RECUSED},
        Status.DRAFT: {Status.SUBMITTED, Status.ABSTAINED},
        Status.SUBMITTED: set(),
        Status.ABSTAINED: set(),
        Status.RECUSED: set(),
    }

    proposal = models.ForeignKey(Proposal, verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="reviews")
    membership = models.ForeignKey(
        CommitteeMembership, verbose_name=_("committee member"), on_delete=models.PROTECT, related_name="reviews"
    )
    conflict = models.CharField(
        _("conflict of interest"), max_length=20, choices=Conflict.choices, default=Conflict.UNCONFIRMED
    )
    conflict_note = models.TextField(_("what the conflict is"), blank=True)
    system_flags = models.JSONField(_("relationships the system found"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    abstain_reason = models.TextField(_("reason for abstaining"), blank=True)
    conflict_at = models.DateTimeField(_("conflict step taken at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["proposal", "membership__user__full_name"]
        constraints = [models.UniqueConstraint(fields=["proposal", "membership"], name="one_review_per_member")]

    def __str__(self) -> str:
        return f"{self.proposal.reference} · {self.membership.user}"


class Score(models.Model):
    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review", "criterion__order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")]

    def __str__(self) -> str:
        return f"{self.review} · {self.criterion_id}: {self.value}"


class Consensus(models.Model):
    """The rapporteur's consensus comment on a proposal, with the minority views."""

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="consensus"
    )
    text = models.TextField(_("consensus comment"))
    minority_views = models.TextField(_("minority views"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rapporteur"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consensus comment")
        verbose_name_plural = _("consensus comments")

    def __str__(self) -> str:
        return str(self.proposal)


@choices_checked("outcome", "ranked_outcome")
class Decision(models.Model):
    """The chair's decision on a proposal, next to what the ranking proposed."""

    class Outcome(models.TextChoices):
        SELECTED = "selected", _("Selected")
        RESERVE = "reserve", _("Reserve list")
        REJECTED = "rejected", _("Rejected")

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    ranked_outcome = models.CharField(_("what the ranking proposed"), max_length=20, choices=Outcome.choices)
    ranked_position = models.PositiveSmallIntegerField(_("position in the ranking"), null=True, blank=True)
    weighted_total = models.DecimalField(_("weighted total"), max_digits=6, decimal_places=2, null=True, blank=True)
    explanation = models.TextField(_("why this position"), blank=True)
    departure_reason = models.TextField(_("reason for departing from the ranking"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.proposal} · {self.outcome}"

    @property
    def departs_from_ranking(self) -> bool:
        return self.outcome != self.ranked_outcome


class CycleEvent(AppendOnlyModel):
    """The audit row for every status change and committee step of a cycle."""

    cycle = models.ForeignKey(
        GrantCycle, verbose_name=_("grant cycle"), on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("what"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("cycle event")
        verbose_name_plural = _("cycle events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cycle_id} · {self.action}"


class CycleMinutes(models.Model):
    """The minutes as rendered when the chair decided the cycle, per language; never changed after.

    Later edits to scores, names or decisions (in the app or the admin) do not reach them.
    """

    cycle = models.ForeignKey(
        GrantCycle, verbose_name=_("grant cycle"), on_delete=models.PROTECT, related_name="minutes"
    )
    language = models.CharField(_("language"), max_length=5)
    body = models.TextField(_("minutes as decided"), editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["cycle", "language"]
        constraints = [models.UniqueConstraint(fields=["cycle", "language"], name="one_minutes_per_language")]

    def __str__(self) -> str:
        return f"{self.cycle_id} · {self.language}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("The minutes of a decided cycle cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The minutes of a decided cycle cannot be changed."))
