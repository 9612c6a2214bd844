"""Community consultations: who came, which priorities were raised, and the votes on them."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.bilingual import BilingualNameMixin
from accounts.constraints import choices_checked

from .people import AgeGroup, PeopleCounts, ResidentStatus, Sex


class PriorityTheme(BilingualNameMixin, models.Model):
    """The managed list priorities are grouped into (ka/en); ``survey_choice`` is the value of the
    same priority in the community-priorities survey, so the two rankings can be set side by side."""

    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    survey_choice = models.CharField(
        _("choice in the priorities survey"),
        max_length=80,
        blank=True,
        help_text=_("The value of this priority in the community-priorities survey's ranking question."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("priority theme")
        verbose_name_plural = _("priority themes")
        ordering = ["order", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey_choice"], condition=~models.Q(survey_choice=""), name="priority_theme_survey_choice"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ConsultationQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("municipality__region")
            .annotate(priority_count=models.Count("priorities", distinct=True))
            .order_by("-date", "-pk")
        )


@choices_checked("vote_mode")
class Consultation(PeopleCounts):
    """One community meeting in a municipality (and village): participants and priorities."""

    class VoteMode(models.TextChoices):
        MEETING = "meeting", _("At the meeting, counted on paper (totals)")
        INDIVIDUAL = "individual", _("Individually, one vote set per registered resident")

    municipality = models.ForeignKey(
        "hubs.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.CharField(_("village or settlement"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    facilitator = models.CharField(_("facilitator"), max_length=200)
    vote_mode = models.CharField(_("how votes are cast"), max_length=20, choices=VoteMode.choices)
    votes_per_person = models.PositiveSmallIntegerField(
        _("votes per resident"), default=3, validators=[MinValueValidator(1)]
    )
    survey_round = models.ForeignKey(
        "surveys.Round",
        verbose_name=_("community-priorities survey round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The household survey that validates this consultation's priorities."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("community consultation")
        verbose_name_plural = _("community consultations")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        place = f"{self.municipality} · {self.village}" if self.village else str(self.municipality)
        return f"{place} · {self.date:%Y-%m-%d}"


class ConsultationPriority(models.Model):
    """A priority raised at a consultation, under a theme of the managed list, with its votes."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.PROTECT, related_name="priorities"
    )
    theme = models.ForeignKey(PriorityTheme, verbose_name=_("priority"), on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("as raised at the meeting"), blank=True)
    paper_votes = models.PositiveIntegerField(_("votes counted at the meeting"), default=0)
    retained = models.BooleanField(_("retained"), null=True)
    retention_reason = models.TextField(_("reason"), blank=True)
    retained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    retained_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation priority")
        verbose_name_plural = _("consultation priorities")
        ordering = ["consultation", "theme__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["consultation", "theme"], name="one_priority_per_theme")]

    def __str__(self) -> str:
        return f"{self.theme} ({self.consultation})"


@choices_checked("sex", "age_group", "status")
class VoteSet(models.Model):
    """One registered resident's votes at a consultation that votes individually."""

    HOLDS_PERSONAL_DATA = True

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.PROTECT, related_name="vote_sets"
    )
    voter = models.CharField(
        _("registration number"), max_length=40, help_text=_("The resident's number on the sign-in sheet.")
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    status = models.CharField(_("status"), max_length=20, choices=ResidentStatus.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote set")
        verbose_name_plural = _("vote sets")
        ordering = ["consultation", "voter"]
        constraints = [models.UniqueConstraint(fields=["consultation", "voter"], name="one_vote_set_per_resident")]

    def __str__(self) -> str:
        return f"{self.consultation_id} · {self.voter}"


class Vote(models.Model):
    vote_set = models.ForeignKey(VoteSet, verbose_name=_("vote set"), on_delete=models.PROTECT, related_name="votes")
    priority = models.ForeignKey(
        ConsultationPriority, verbose_name=_("priority"), on_delete=models.PROTECT, related_name="votes"
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["vote_set", "priority"], name="one_vote_per_priority")]

    def __str__(self) -> str:
        return f"{self.vote_set} → {self.priority_id}"
