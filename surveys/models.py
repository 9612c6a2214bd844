import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.append_only import AppendOnlyModel
from accounts.bilingual import BilingualNameMixin, pick
from accounts.constraints import choices_checked
from hubs.models import Municipality

from .problems import problem, problem_text

# The names the shipped instruments give the questions the analysis disaggregates by. Any other
# instrument says which of its questions hold them (InstrumentVersion.sex_question etc.).
SEX, AGE, RETURNEE, MUNICIPALITY = "sex", "age", "returnee", "municipality"
FEMALE, MALE, OTHER = "female", "male", "other"
AGE_GROUPS = [(0, 17, "0-17"), (18, 29, "18-29"), (30, 44, "30-44"), (45, 59, "45-59"), (60, 200, "60+")]


def age_group_of(age) -> str:
    try:
        age = int(age)
    except (TypeError, ValueError):
        return ""
    return next((label for low, high, label in AGE_GROUPS if low <= age <= high), "")


@choices_checked("kind")
class Instrument(BilingualNameMixin, models.Model):
    """A questionnaire, e.g. the baseline household survey; its content lives in versions."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline household survey")
        PRIORITIES = "priorities", _("Community priorities survey")
        FINAL = "final", _("Final household survey")
        OTHER = "other", _("Other survey")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.name


class InstrumentVersionQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("instrument").annotate(
            question_count=Count("questions", distinct=True), response_count=Count("rounds__responses", distinct=True)
        )


@choices_checked("source")
class InstrumentVersion(models.Model):
    """One fixed text of an instrument. Once any response answers it, it never changes."""

    class Source(models.TextChoices):
        BUILDER = "builder", _("Built in the app")
        XLSFORM = "xlsform", _("Imported XLSForm")
        REFERENCE = "reference", _("Shipped with the system")

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.BUILDER)
    form_id = models.CharField(_("form ID"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, null=True, blank=True
    )

    # Which question holds each disaggregation, chosen by the officer (the text of the version is
    # fixed once answered; this mapping may change, and the responses' profiles follow it).
    sex_question = models.ForeignKey(
        "Question", verbose_name=_("question holding the sex"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    sex_female = models.CharField(_("choice meaning female"), max_length=80, blank=True)
    sex_male = models.CharField(_("choice meaning male"), max_length=80, blank=True)
    age_question = models.ForeignKey(
        "Question", verbose_name=_("question holding the age"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    returnee_question = models.ForeignKey(
        "Question", verbose_name=_("question holding the returnee status"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    returnee_yes = models.CharField(_("choice meaning a returnee"), max_length=80, blank=True)
    municipality_question = models.ForeignKey(
        "Question", verbose_name=_("question holding the municipality"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
        help_text=_("Its answers are municipality codes or names; a Kobo import reads the municipality from it."),
    )  # fmt: skip

    history = HistoricalRecords(excluded_fields=["created_at"])

    objects = InstrumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["instrument", "-number"]
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="survey_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.instrument} · v{self.number}"

    @property
    def is_answered(self) -> bool:
        return Response.objects.filter(round__version=self).exists()

    def profile_of(self, answers: dict) -> tuple[str, str, bool | None]:
        """(sex, age group, returnee) of a response, read through this version's mapping."""
        sex = ""
        if self.sex_question_id is not None:
            value = answers.get(self.sex_question.name)
            if value not in (None, "", []):
                sex = {self.sex_female: FEMALE, self.sex_male: MALE}.get(str(value), OTHER)
        age_group = age_group_of(answers.get(self.age_question.name)) if self.age_question_id is not None else ""
        returnee = None
        if self.returnee_question_id is not None:
            value = answers.get(self.returnee_question.name)
            if value not in (None, "", []):
                returnee = self.returnee_yes in value if isinstance(value, list) else str(value) == self.returnee_yes
        return sex, age_group, returnee


@choices_checked("type")
class Question(models.Model):
    class Type(models.TextChoices):
        TEXT = "text", _("Text")
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Decimal number")
        SELECT_ONE = "select_one", _("Single choice")
        SELECT_MULTIPLE = "select_multiple", _("Multiple choice")
        RANK = "rank", _("Ranking")
        DATE = "date", _("Date")

    CHOICE_TYPES = {Type.SELECT_ONE, Type.SELECT_MULTIPLE, Type.RANK}
    NUMBER_TYPES = {Type.INTEGER, Type.DECIMAL}

    version = models.ForeignKey(
        InstrumentVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(_("position"))
    name = models.SlugField(_("name"), max_length=80, help_text=_("The XLSForm name: letters, digits, underscores."))
    group = models.CharField(_("group"), max_length=200, blank=True, help_text=_("Group path, e.g. household/members."))
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    label_ka = models.TextField(_("label (Georgian)"))
    label_en = models.TextField(_("label (English)"))
    hint_ka = models.CharField(_("hint (Georgian)"), max_length=500, blank=True)
    hint_en = models.CharField(_("hint (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    constraint = models.CharField(_("constraint"), max_length=500, blank=True, help_text=_("e.g. . >= 0 and . <= 120"))
    constraint_message_ka = models.CharField(_("constraint message (Georgian)"), max_length=300, blank=True)
    constraint_message_en = models.CharField(_("constraint message (English)"), max_length=300, blank=True)
    relevant = models.CharField(
        _("relevant when"), max_length=500, blank=True, help_text=_("Skip logic, e.g. ${returnee} = 'yes'")
    )
    list_name = models.CharField(_("choice list"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="survey_question_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return pick(self.label_ka, self.label_en)

    @property
    def hint(self) -> str:
        return pick(self.hint_ka, self.hint_en)

    @property
    def constraint_message(self) -> str:
        return pick(self.constraint_message_ka, self.constraint_message_en)

    @property
    def has_choices(self) -> bool:
        return self.type in self.CHOICE_TYPES


class Choice(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(_("position"))
    value = models.CharField(_("value"), max_length=80)
    label_ka = models.CharField(_("label (Georgian)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="survey_choice_unique_value")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick(self.label_ka, self.label_en)


class RoundQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("version__instrument")
            .annotate(
                response_count=Count("responses", distinct=True),
                target_total=models.Subquery(
                    RoundTarget.objects.filter(round=models.OuterRef("pk"))
                    .values("round")
                    .annotate(total=models.Sum("target"))
                    .values("total")[:1]
                ),
            )
            .prefetch_related("targets__municipality")
            .order_by("-start_date", "pk")  # Meta.ordering does not apply to GROUP BY queries
        )


@choices_checked("status")
class Round(BilingualNameMixin, models.Model):
    """A survey round: one instrument version asked in some municipalities between two dates."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for data entry")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = {Status.PLANNED: {Status.OPEN}, Status.OPEN: {Status.CLOSED}, Status.CLOSED: {Status.OPEN}}

    version = models.ForeignKey(
        InstrumentVersion, verbose_name=_("instrument version"), on_delete=models.PROTECT, related_name="rounds"
    )
    name_ka = models.CharField(_("name (Georgian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), through="RoundTarget", related_name="survey_rounds"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="survey_round_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoundTarget(models.Model):
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="targets")
    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT)
    target = models.PositiveIntegerField(_("target sample"), default=0)

    class Meta:
        verbose_name = _("round target")
        verbose_name_plural = _("round targets")
        ordering = ["round", "municipality__name_en"]
        constraints = [models.UniqueConstraint(fields=["round", "municipality"], name="survey_target_unique")]

    def __str__(self) -> str:
        return f"{self.round} · {self.municipality}: {self.target}"


class RoundEvent(AppendOnlyModel):
    """A status change of a round: who, from, to, when."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.from_status} → {self.to_status}"


class ResponseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("municipality", "enumerator", "round")


@choices_checked("source")
class Response(models.Model):
    """One completed questionnaire. The answers are keyed by question name."""

    HOLDS_PERSONAL_DATA = True

    class Source(models.TextChoices):
        ENTRY = "entry", _("Entered in the app")
        IMPORT = "import", _("Imported from Kobo/ODK")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="responses")
    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT)
    uuid = models.CharField(_("submission UUID"), max_length=64, unique=True, default=uuid.uuid4)
    submitted_at = models.DateTimeField(_("submitted"))
    enumerator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("enumerator"), on_delete=models.PROTECT, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.ENTRY)
    answers = models.JSONField(_("answers"), default=dict)
    sex = models.CharField(_("sex"), max_length=20, blank=True)
    age_group = models.CharField(_("age group"), max_length=10, blank=True)
    is_returnee = models.BooleanField(_("returnee"), null=True, blank=True)
    weight = models.DecimalField(_("sampling weight"), max_digits=10, decimal_places=4, default=1)
    household = models.ForeignKey(
        "reintegration.Household",
        verbose_name=_("registered household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    import_job = models.ForeignKey(
        "ImportJob", verbose_name=_("import"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["round", "municipality"]),
            # The analysis page's stored tables are keyed by the round's last response: one index probe.
            models.Index(fields=["round", "id"], name="survey_response_round_last"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.uuid}"

    def set_profile(self, version: "InstrumentVersion | None" = None) -> None:
        """Copy the answers the analysis disaggregates by into columns, through the version's mapping."""
        version = version or self.round.version
        self.sex, self.age_group, self.is_returnee = version.profile_of(self.answers)


@choices_checked("status")
class ImportJob(models.Model):
    """A Kobo/ODK export being checked (dry run) and imported in the background."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Checking")
        NEEDS_MUNICIPALITY = "needs_municipality", _("Waiting for the municipality column")
        CHECKED = "checked", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    TRANSITIONS = {
        Status.UPLOADED: {Status.CHECKING, Status.FAILED},
        Status.CHECKING: {Status.CHECKED, Status.NEEDS_MUNICIPALITY, Status.FAILED},
        Status.NEEDS_MUNICIPALITY: {Status.CHECKING},
        Status.CHECKED: {Status.IMPORTING, Status.CHECKING},
        Status.IMPORTING: {Status.DONE, Status.FAILED},
        Status.FAILED: set(),
        Status.DONE: set(),
    }
    MAX_PROBLEMS = 5000

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="imports")
    file = models.FileField(_("file"), upload_to="survey-imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    created_count = models.PositiveIntegerField(_("responses added"), default=0)
    skipped_count = models.PositiveIntegerField(_("rows skipped"), default=0)
    problem_count = models.PositiveIntegerField(_("problems"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True, help_text=_("The problem code of a file that failed."))
    error_params = models.JSONField(_("error details"), default=dict, blank=True)
    columns = models.JSONField(_("columns"), default=list, blank=True)
    municipality_column = models.CharField(
        _("municipality column"), max_length=255, blank=True, help_text=_("The column that holds the municipality.")
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality of every row"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.UPLOADED, self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def error_text(self) -> str:
        """Why the file failed, in the reader's language."""
        return problem_text(self.error, self.error_params) if self.error else ""

    def mark_failed(self, code: str, params: dict) -> None:
        """Called by accounts.jobs when the task stops for good (under the row lock)."""
        self.status = self.Status.FAILED
        self.error = code
        self.error_params = problem(code, **params)["params"]
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "error_params", "finished_at"])
