"""The Reintegration Sustainability Survey: versions of the questionnaire and scoring, and the
rounds answered on a case.

A version (questions, option values, weights, the missing-answer rule, thresholds) is data. Once
a completed round uses it, it is frozen: its rows refuse to be saved or deleted (the services
check first and say why; the models make sure nothing else gets round it). A completed round
keeps its version, the answers it was scored from and the explanation of every level, so that it
can be recomputed and explained whatever is loaded later.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.constraints import choices_checked
from reintegration.models import Case
from reintegration.taxonomy import Dimension as NeedDimension

from . import scoring

UNIT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]
NON_NEGATIVE = [MinValueValidator(Decimal(0))]


def _weight(verbose_name):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=10, validators=NON_NEGATIVE)


class VersionLocked(ValidationError):
    pass


def _bilingual(obj, field: str) -> str:
    english = get_language() == "en"
    return getattr(obj, f"{field}_en") if english and getattr(obj, f"{field}_en") else getattr(obj, f"{field}_ka")


class VersionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True).first()

    def with_tree(self):
        return self.prefetch_related(
            "dimensions", "indicators__dimension", "questions__indicator", "questions__options", "thresholds"
        )


class Version(models.Model):
    name = models.SlugField(_("name"), max_length=60, unique=True)
    title_ka = models.CharField(_("title (Georgian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    is_provisional = models.BooleanField(
        _("provisional"), default=False, help_text=_("Built from the published structure, not IOM's official table.")
    )
    is_current = models.BooleanField(_("used for new rounds"), default=False)
    min_answered_share = models.DecimalField(
        _("minimum answered share"),
        max_digits=5,
        decimal_places=4,
        default=Decimal(0),
        validators=UNIT,
        help_text=_(
            "At each level, the answered parts must carry at least this share of the weight for a score;"
            " 0 re-weights over whatever is answered."
        ),
    )
    source_file = models.CharField(_("loaded from"), max_length=255, blank=True)
    checksum = models.CharField(_("file checksum (SHA-256)"), max_length=64, blank=True)
    loaded_at = models.DateTimeField(_("loaded"), default=timezone.now)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("RSS version")
        verbose_name_plural = _("RSS versions")
        ordering = ["-loaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=models.Q(is_current=True), name="rss_one_current")
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Marking a version current (or not) changes no score: allowed on a locked version.
        if kwargs.get("update_fields") != ["is_current"]:
            check_unlocked(self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rss:version-detail", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        check_unlocked(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def title(self) -> str:
        return _bilingual(self, "title")

    @property
    def is_locked(self) -> bool:
        """A completed round uses this version: nothing in it may change any more."""
        return self.pk is not None and self.rounds.filter(status=Round.Status.COMPLETED).exists()

    def spec(self) -> scoring.VersionSpec:
        """The scoring tree of this version (prefetch with ``with_tree()`` to read it in five queries)."""
        return scoring.VersionSpec(
            dimensions=tuple(scoring.DimensionSpec(d.code, d.weight) for d in self.dimensions.all()),
            indicators=tuple(scoring.IndicatorSpec(i.code, i.dimension.code, i.weight) for i in self.indicators.all()),
            questions=tuple(
                scoring.QuestionSpec(q.code, q.indicator.code, q.weight, {o.code: o.value for o in q.options.all()})
                for q in self.questions.all()
            ),
            min_answered_share=self.min_answered_share,
            thresholds=tuple(scoring.Threshold(t.lower, t.label_ka, t.label_en) for t in self.thresholds.all()),
        )


def check_unlocked(version_pk: int | None) -> None:
    if version_pk is not None and Round.objects.filter(version_id=version_pk, status=Round.Status.COMPLETED).exists():
        raise VersionLocked(_("This RSS version is used by recorded scores and cannot change; load a new version."))


class VersionPart(models.Model):
    """A row of a version's tree: frozen with its version."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        check_unlocked(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        check_unlocked(self.version_id)
        return super().delete(*args, **kwargs)


@choices_checked("code")
class Dimension(VersionPart):
    version = models.ForeignKey(Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(_("code"), max_length=20, choices=NeedDimension.choices)
    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    weight = _weight(_("weight in the composite"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("RSS dimension")
        verbose_name_plural = _("RSS dimensions")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="rss_dimension_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _bilingual(self, "name")


class Indicator(VersionPart):
    version = models.ForeignKey(Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="indicators")
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=40)
    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    weight = _weight(_("weight in its dimension"))
    suggestion_ka = models.CharField(_("suggested goal (Georgian)"), max_length=300, blank=True)
    suggestion_en = models.CharField(_("suggested goal (English)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("RSS indicator")
        verbose_name_plural = _("RSS indicators")
        ordering = ["dimension__order", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="rss_indicator_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _bilingual(self, "name")

    @property
    def suggestion(self) -> str:
        return _bilingual(self, "suggestion")


class Question(VersionPart):
    version = models.ForeignKey(Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="questions")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="questions"
    )
    code = models.CharField(_("code"), max_length=40)
    text_ka = models.CharField(_("question (Georgian)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    weight = _weight(_("weight in its indicator"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("RSS question")
        verbose_name_plural = _("RSS questions")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="rss_question_once")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _bilingual(self, "text")


class Option(VersionPart):
    version = models.ForeignKey(Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options")
    code = models.CharField(_("code"), max_length=40)
    label_ka = models.CharField(_("answer (Georgian)"), max_length=300)
    label_en = models.CharField(_("answer (English)"), max_length=300, blank=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=10, validators=UNIT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("RSS answer option")
        verbose_name_plural = _("RSS answer options")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="rss_option_once")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _bilingual(self, "label")


class Threshold(VersionPart):
    version = models.ForeignKey(Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="thresholds")
    code = models.CharField(_("code"), max_length=40)
    lower = models.DecimalField(_("from score"), max_digits=12, decimal_places=10, validators=UNIT)
    label_ka = models.CharField(_("label (Georgian)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("RSS threshold")
        verbose_name_plural = _("RSS thresholds")
        ordering = ["lower"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="rss_threshold_once")]

    def __str__(self) -> str:
        return _bilingual(self, "label")


class RoundQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(status=Round.Status.COMPLETED)

    def scheduled(self):
        return self.filter(status=Round.Status.SCHEDULED)

    def for_list(self):
        return self.select_related("case__beneficiary", "case__hub", "case__counsellor", "version")


@choices_checked("kind", "status")
class Round(models.Model):
    """One sitting of the survey on a case: the baseline at intake, or a follow-up at a set month."""

    HOLDS_PERSONAL_DATA = True

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        FOLLOW_UP = "follow_up", pgettext_lazy("rss round", "Follow-up")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS: dict[str, set[str]] = {
        Status.SCHEDULED: {Status.COMPLETED, Status.CANCELLED},
        Status.COMPLETED: set(),
        Status.CANCELLED: set(),
    }

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="rss_rounds")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    month = models.PositiveSmallIntegerField(_("month after the baseline"), default=0)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    conducted_on = models.DateField(_("conducted on"), null=True, blank=True)
    version = models.ForeignKey(
        Version, verbose_name=_("version"), null=True, blank=True, on_delete=models.PROTECT, related_name="rounds"
    )
    inputs = models.JSONField(_("answers (question code → option code)"), default=dict, blank=True)
    composite = models.DecimalField(_("composite score"), max_digits=5, decimal_places=4, null=True, blank=True)
    scores = models.JSONField(_("scores by dimension"), default=dict, blank=True)
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("RSS round")
        verbose_name_plural = _("RSS rounds")
        ordering = ["month", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(kind="baseline"), name="rss_one_baseline_per_case"
            ),
            models.UniqueConstraint(
                fields=["case", "month"],
                condition=models.Q(kind="follow_up") & ~models.Q(status="cancelled"),
                name="rss_one_follow_up_per_month",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case} · {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("rss:round-detail", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        if self.kind == self.Kind.BASELINE:
            return str(_("Baseline"))
        return str(_("Follow-up, month %(month)s") % {"month": self.month})

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.SCHEDULED and self.due_on is not None and self.due_on < timezone.localdate()

    def score_of(self, code: str) -> Decimal | None:
        value = self.composite if code == "composite" else self.scores.get(code)
        return None if value is None else Decimal(str(value))
