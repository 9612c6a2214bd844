"""The Training-of-Trainers programme: ToT events, the cascade sessions they lead to, participants."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.bilingual import BilingualNameMixin
from accounts.constraints import choices_checked

from .places import Hub

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class TrainingTopic(BilingualNameMixin, models.Model):
    """A managed list (officers add topics in the admin); the starter topics come with the reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ka = models.CharField(_("name (Georgian)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")
        ordering = ["sort_order", "name_en"]

    def __str__(self) -> str:
        return self.name


class TrainingEventQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("topic", "hub", "trainer", "parent__topic").annotate(
            participant_count=Count("participants", distinct=True),
            completed_count=Count("participants", filter=Q(participants__completed_on__isnull=False), distinct=True),
        )


@choices_checked("format")
class TrainingEvent(models.Model):
    """A training-of-trainers event, or a cascade session a trained trainer delivers at a hub."""

    class Format(models.TextChoices):
        TOT = "tot", _("Training of Trainers")
        CASCADE = "cascade", _("Cascade session")

    topic = models.ForeignKey(TrainingTopic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="events")
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.TOT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ToT event it stems from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cascades",
        limit_choices_to={"format": Format.TOT},
    )
    hub = models.ForeignKey(
        Hub,
        verbose_name=_("hub"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_events",
        help_text=_("The hub that holds a cascade session; empty for a central ToT event."),
    )
    date = models.DateField(_("date"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainings_given",
    )
    trainer_name = models.CharField(
        _("trainer (without an account)"), max_length=200, blank=True, help_text=_("An external trainer's name.")
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format="tot", parent__isnull=True) | Q(format="cascade", parent__isnull=False),
                name="training_cascade_has_parent",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")), name="training_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} · {self.date:%Y-%m-%d}"

    @property
    def trainer_display(self) -> str:
        return self.trainer.full_name if self.trainer_id else self.trainer_name


class TrainingParticipantQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("user", "hub", "event__topic")

    def completed(self):
        return self.filter(completed_on__isnull=False)

    def stats(self) -> dict:
        """People trained (distinct), and the average gain between pre- and post-test."""
        scored = self.filter(pre_score__isnull=False, post_score__isnull=False)
        gain = scored.aggregate(gain=Avg(F("post_score") - F("pre_score")))["gain"]
        done = self.completed()
        return {
            "staff_trained": done.filter(user__isnull=False).values("user").distinct().count(),
            "people_trained": done.count(),
            "average_gain": gain,
        }


class TrainingParticipant(models.Model):
    """A person at a training event: a staff account or an external name; attendance, scores, completion."""

    HOLDS_PERSONAL_DATA = True

    event = models.ForeignKey(
        TrainingEvent, verbose_name=_("training event"), on_delete=models.PROTECT, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainings_attended",
    )
    external_name = models.CharField(_("name (without an account)"), max_length=200, blank=True)
    external_name_en = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    hub = models.ForeignKey(
        Hub,
        verbose_name=_("hub"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_participants",
        help_text=_("The hub the person works at, counted in the hub's training figures."),
    )
    attended = models.BooleanField(_("attended"), default=False)
    pre_score = models.DecimalField(
        _("pre-test score"), max_digits=5, decimal_places=1, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    post_score = models.DecimalField(
        _("post-test score"), max_digits=5, decimal_places=1, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    history = HistoricalRecords()

    objects = TrainingParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("training participant")
        verbose_name_plural = _("training participants")
        ordering = ["event", "external_name", "user__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(external_name=""), name="training_participant_has_name"
            ),
            models.UniqueConstraint(
                fields=["event", "user"], condition=Q(user__isnull=False), name="training_participant_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.user.full_name if self.user_id else self.external_name
