"""The results framework as data (outcomes, outputs, indicators), cached indicator values, exports.

An indicator's actual value is computed by the app that owns its data (``<app>/indicators.py``, see
``dashboard.indicators``); the framework only names it by ``code``. Values are cached per scope and
period in ``IndicatorSnapshot`` so the dashboard reads every card in one query.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.bilingual import pick
from accounts.constraints import choices_checked
from accounts.jobs import failure_text


class BilingualTitleMixin:
    @property
    def title(self) -> str:
        return pick(self.title_ka, self.title_en)


class Outcome(BilingualTitleMixin, models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_ka = models.CharField(_("title (Georgian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Output(BilingualTitleMixin, models.Model):
    outcome = models.ForeignKey(Outcome, verbose_name=_("outcome"), on_delete=models.PROTECT, related_name="outputs")
    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("For example 2.3"))
    title_ka = models.CharField(_("title (Georgian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["outcome__number", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Dimension(models.TextChoices):
    """What an indicator can be broken down by."""

    REGION = "region", _("Region")
    HUB = "hub", _("Hub")
    SEX = "sex", _("Sex")
    AGE_GROUP = "age_group", _("Age group")
    VULNERABILITY = "vulnerability", _("Vulnerability")
    CATEGORY = "category", _("Category")
    MONTH = "month", _("Month")


class IndicatorQuerySet(models.QuerySet):
    def for_list(self):
        return self.filter(is_active=True).select_related("output__outcome")


@choices_checked("unit")
class Indicator(models.Model):
    class Unit(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENT = "percent", _("Percentage")

    output = models.ForeignKey(Output, verbose_name=_("output"), on_delete=models.PROTECT, related_name="indicators")
    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("The computation an app registers under this code.")
    )
    name_ka = models.CharField(_("name (Georgian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    definition_ka = models.TextField(_("definition (Georgian)"))
    definition_en = models.TextField(_("definition (English)"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.NUMBER)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    disaggregations = models.JSONField(
        _("disaggregations"), default=list, blank=True, help_text=_("Dimensions the value is broken down by.")
    )
    period = models.CharField(
        _("reporting period"), max_length=200, blank=True, help_text=_("For example: cumulative, reported monthly.")
    )
    counts_people = models.BooleanField(
        _("counts people"), default=True, help_text=_("Cells under 5 are hidden from partners.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown on the dashboard"), default=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["output__outcome__number", "output__order", "order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_ka, self.name_en)

    @property
    def definition(self) -> str:
        return pick(self.definition_ka, self.definition_en)

    @property
    def is_percent(self) -> bool:
        return self.unit == self.Unit.PERCENT

    def dimension_labels(self) -> list[str]:
        return [str(Dimension(code).label) for code in self.disaggregations if code in Dimension.values]


class IndicatorSnapshot(models.Model):
    """One indicator's computed value for one scope and period: the cache the dashboard reads."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(_("scope"), max_length=200, help_text=_("'all', or 'hubs:' and the hub ids"))
    period = models.CharField(_("period"), max_length=40, help_text=_("start..end, either may be empty"))
    available = models.BooleanField(_("available"), default=True)
    data = models.JSONField(_("values"), default=dict)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["indicator", "scope", "period"], name="dashboard_snapshot_once")]
        indexes = [models.Index(fields=["scope", "period"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.scope} {self.period}"


@choices_checked("kind", "status")
class ExportJob(models.Model):
    """An export built in the background; its file is downloadable by its author until it expires."""

    class Kind(models.TextChoices):
        DONOR_REPORT = "donor_report", _("Donor report (XLSX)")
        PSEUDONYMISED = "pseudonymised", _("Pseudonymised beneficiary export (XLSX)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    period = models.CharField(_("period"), max_length=40, blank=True)
    suppress_small_cells = models.BooleanField(_("cells under 5 hidden"), default=True)
    total = models.PositiveIntegerField(_("steps"), default=0)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    file = models.FileField(_("file"), upload_to="exports/", blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True, help_text=_("Why the export failed (a code)."))
    error_params = models.JSONField(_("error details"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def error_text(self) -> str:
        """Why the export failed, in the reader's language."""
        return failure_text(self.error, self.error_params) if self.error else ""

    def mark_failed(self, code: str, params: dict) -> None:
        """Called by accounts.jobs when the task stops for good (under the row lock)."""
        self.status = self.Status.FAILED
        self.error = code
        self.error_params = params
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "error_params", "finished_at"])

    @property
    def is_downloadable(self) -> bool:
        return (
            self.status == self.Status.DONE
            and bool(self.file)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
