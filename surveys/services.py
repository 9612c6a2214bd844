"""Writes for surveys: instruments and versions, rounds, responses, imports; reference data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from accounts.uploads import UploadValidator
from hubs.models import Municipality

from .analysis import analysis_forget
from .logic import apply_rules, expression_problems
from .models import (
    AGE,
    FEMALE,
    MALE,
    MUNICIPALITY,
    RETURNEE,
    SEX,
    Choice,
    ImportJob,
    Instrument,
    InstrumentVersion,
    Question,
    Response,
    Round,
    RoundEvent,
    RoundTarget,
)
from .permissions import can_enter_responses, can_manage_surveys, entry_municipalities, households_visible_to
from .tasks import import_check_task, import_run_task

QUESTION_FIELDS = [
    "name",
    "group",
    "type",
    "label_ka",
    "label_en",
    "hint_ka",
    "hint_en",
    "required",
    "constraint",
    "constraint_message_ka",
    "constraint_message_en",
    "relevant",
    "list_name",
]


def _require_manager(user) -> None:
    authorize(can_manage_surveys(user))


def question_problems(spec: dict, choices: list, earlier: set[str]) -> list[str]:
    """What is wrong with one question, given the names of the questions before it."""
    problems = []
    if spec.get("name") in earlier:
        problems.append(_("The name “%(name)s” is used twice.") % {"name": spec.get("name")})
    if spec.get("type") not in Question.Type.values:
        problems.append(_("Unknown question type “%(type)s”.") % {"type": spec.get("type")})
    elif spec["type"] in Question.CHOICE_TYPES and not choices:
        problems.append(_("A choice question needs at least one choice."))
    if not (spec.get("label_ka") or spec.get("label_en")):
        problems.append(_("The question has no label."))
    values = [c[0] for c in choices]
    if len(set(values)) != len(values):
        problems.append(_("A choice value is used twice."))
    problems += expression_problems(spec.get("relevant", ""), earlier, allow_dot=False)
    problems += expression_problems(spec.get("constraint", ""), earlier | {spec.get("name")}, allow_dot=True)
    return problems


def _check_unlocked(version: InstrumentVersion) -> None:
    if version.is_answered:
        raise ValidationError(_("This version has already been answered and cannot change. Create a new version."))


def _write_question(question: Question, spec: dict, choices: list) -> Question:
    for name in QUESTION_FIELDS:
        if name in spec:
            setattr(question, name, spec[name] if spec[name] is not None else "")
    question.label_ka = question.label_ka or question.label_en
    question.label_en = question.label_en or question.label_ka
    question.full_clean(exclude=["version"])
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, position=i, value=value, label_ka=ka or en, label_en=en or ka)
        for i, (value, ka, en) in enumerate(choices, start=1)
    )
    return question


@transaction.atomic
def instrument_create(*, code: str, name_ka: str, name_en: str, kind: str, acting_user, description: str = ""):
    _require_manager(acting_user)
    instrument = Instrument(code=code, name_ka=name_ka, name_en=name_en, kind=kind, description=description)
    instrument.full_clean()
    instrument.save()
    return instrument


@transaction.atomic
def version_create(
    *,
    instrument: Instrument,
    acting_user,
    source: str = InstrumentVersion.Source.BUILDER,
    form_id: str = "",
    copy_from: InstrumentVersion | None = None,
) -> InstrumentVersion:
    """A new, empty (or copied) version: the way to change an instrument that was answered.

    ``acting_user=None`` is the system itself (reference data); people always pass themselves.
    """
    if acting_user is not None:
        _require_manager(acting_user)
    Instrument.objects.select_for_update().get(pk=instrument.pk)
    number = (instrument.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = InstrumentVersion.objects.create(
        instrument=instrument, number=number, source=source, form_id=form_id, created_by=acting_user
    )
    if copy_from is not None:
        for question in copy_from.questions.prefetch_related("choices"):
            spec = {name: getattr(question, name) for name in QUESTION_FIELDS}
            choices = [(c.value, c.label_ka, c.label_en) for c in question.choices.all()]
            _write_question(Question(version=version, position=question.position), spec, choices)
        _profile_copy(copy_from, version)
    return version


def _profile_copy(source: InstrumentVersion, version: InstrumentVersion) -> None:
    """A copied version keeps the mapping, pointing at its own questions of the same names."""
    questions = {q.name: q for q in version.questions.all()}
    for key in ("sex_question", "age_question", "returnee_question", "municipality_question"):
        old = getattr(source, key)
        setattr(version, key, questions.get(old.name) if old is not None else None)
    version.sex_female, version.sex_male, version.returnee_yes = source.sex_female, source.sex_male, source.returnee_yes
    version.save(update_fields=PROFILE_FIELDS)


@transaction.atomic
def question_add(*, version: InstrumentVersion, spec: dict, choices: list, acting_user) -> Question:
    _require_manager(acting_user)
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    _check_unlocked(version)
    earlier = set(version.questions.values_list("name", flat=True))
    problems = question_problems(spec, choices, earlier)
    if problems:
        raise ValidationError(problems)
    position = (version.questions.aggregate(p=Max("position"))["p"] or 0) + 1
    question = _write_question(Question(version=version, position=position), spec, choices)
    _profile_autofill(version)
    return question


@transaction.atomic
def question_update(*, question: Question, spec: dict, choices: list | None, acting_user) -> Question:
    """Change a question of an unanswered version; ``choices=None`` keeps its choices."""
    _require_manager(acting_user)
    question = Question.objects.select_for_update().select_related("version").get(pk=question.pk)
    _check_unlocked(question.version)
    spec = {name: getattr(question, name) for name in QUESTION_FIELDS} | spec
    if choices is None:
        choices = [(c.value, c.label_ka, c.label_en) for c in question.choices.all()]
    earlier = set(question.version.questions.filter(position__lt=question.position).values_list("name", flat=True))
    problems = question_problems(spec, choices, earlier)
    if problems:
        raise ValidationError(problems)
    return _write_question(question, spec, choices)


# Disaggregation mapping ---------------------------------------------------------------------------

PROFILE_FIELDS = [
    "sex_question", "sex_female", "sex_male", "age_question", "returnee_question", "returnee_yes",
    "municipality_question",
]  # fmt: skip


def profile_guess(version: InstrumentVersion) -> dict:
    """The mapping the shipped instruments use: questions named sex (female/male), age, returnee (yes)
    and municipality. Only what the version really has; the officer confirms or changes it."""
    questions = {q.name: q for q in version.questions.prefetch_related("choices")}
    values = {name: {c.value for c in q.choices.all()} for name, q in questions.items()}
    guess = {}
    if SEX in questions and {FEMALE, MALE} <= values[SEX]:
        guess |= {"sex_question": questions[SEX], "sex_female": FEMALE, "sex_male": MALE}
    if AGE in questions and questions[AGE].type in Question.NUMBER_TYPES:
        guess["age_question"] = questions[AGE]
    if RETURNEE in questions and "yes" in values[RETURNEE]:
        guess |= {"returnee_question": questions[RETURNEE], "returnee_yes": "yes"}
    if MUNICIPALITY in questions and questions[MUNICIPALITY].type in (Question.Type.SELECT_ONE, Question.Type.TEXT):
        guess["municipality_question"] = questions[MUNICIPALITY]
    return guess


def profile_problems(version: InstrumentVersion, mapping: dict) -> dict[str, str]:
    """What is wrong with a mapping: each question must be the version's, of a fitting type and
    the chosen values its choices."""
    errors = {}
    for name in ("sex_question", "age_question", "returnee_question", "municipality_question"):
        question = mapping.get(name)
        if question is not None and question.version_id != version.pk:
            errors[name] = _("This question is not one of this version's.")
    sex, age, returnee = mapping.get("sex_question"), mapping.get("age_question"), mapping.get("returnee_question")
    if sex is not None:
        values = {c.value for c in sex.choices.all()}
        if sex.type != Question.Type.SELECT_ONE:
            errors["sex_question"] = _("The sex must be a single-choice question.")
        for field in ("sex_female", "sex_male"):
            if mapping.get(field) not in values:
                errors[field] = _("Choose one of the choices of “%(name)s”.") % {"name": sex.name}
        if mapping.get("sex_female") and mapping.get("sex_female") == mapping.get("sex_male"):
            errors["sex_male"] = _("Female and male need two different choices.")
    if age is not None and age.type not in Question.NUMBER_TYPES:
        errors["age_question"] = _("The age must be a number question.")
    if returnee is not None:
        if returnee.type not in (Question.Type.SELECT_ONE, Question.Type.SELECT_MULTIPLE):
            errors["returnee_question"] = _("The returnee status must be a choice question.")
        elif mapping.get("returnee_yes") not in {c.value for c in returnee.choices.all()}:
            errors["returnee_yes"] = _("Choose one of the choices of “%(name)s”.") % {"name": returnee.name}
    return errors


def _profiles_recompute(version: InstrumentVersion) -> int:
    """Every response of the version's rounds gets its sex, age group and returnee status again."""
    changed = []
    for response in Response.objects.filter(round__version=version).only("pk", "answers").iterator(chunk_size=2000):
        response.sex, response.age_group, response.is_returnee = version.profile_of(response.answers)
        changed.append(response)
    Response.objects.bulk_update(changed, ["sex", "age_group", "is_returnee"], batch_size=1000)
    analysis_forget(list(version.rounds.values_list("pk", flat=True)))
    return len(changed)


@transaction.atomic
def version_set_profile(*, version: InstrumentVersion, mapping: dict, acting_user) -> InstrumentVersion:
    """Record which questions hold sex, age, returnee status and municipality (``None`` = none does),
    and recompute the profile of the responses already stored."""
    if acting_user is not None:
        _require_manager(acting_user)
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    mapping = {name: mapping.get(name) for name in PROFILE_FIELDS}
    for name in ("sex_female", "sex_male", "returnee_yes"):
        mapping[name] = mapping[name] or ""
    if mapping["sex_question"] is None:
        mapping["sex_female"] = mapping["sex_male"] = ""
    if mapping["returnee_question"] is None:
        mapping["returnee_yes"] = ""
    errors = profile_problems(version, mapping)
    if errors:
        raise ValidationError(errors)
    for name, value in mapping.items():
        setattr(version, name, value)
    version._history_user = acting_user
    version.save(update_fields=PROFILE_FIELDS)
    _profiles_recompute(version)
    return version


def _profile_autofill(version: InstrumentVersion) -> None:
    """Fill the dimensions a version has not mapped yet from the shipped names (never overwrite)."""
    guess = profile_guess(version)
    unmapped = {
        "sex_question": ["sex_question", "sex_female", "sex_male"], "age_question": ["age_question"],
        "returnee_question": ["returnee_question", "returnee_yes"], "municipality_question": ["municipality_question"],
    }  # fmt: skip
    fields = []
    for key, names in unmapped.items():
        if getattr(version, f"{key}_id") is None and key in guess:
            for name in names:
                setattr(version, name, guess[name])
            fields += names
    if fields:
        version.save(update_fields=fields)


def version_build(*, instrument: Instrument, questions: list[dict], acting_user, source: str, form_id: str = ""):
    """A version from question specs (each with its `choices`), checked as the builder checks them."""
    with transaction.atomic():
        version = version_create(instrument=instrument, acting_user=acting_user, source=source, form_id=form_id)
        earlier: set[str] = set()
        for position, spec in enumerate(questions, start=1):
            choices = spec.get("choices", [])
            problems = question_problems(spec, choices, earlier)
            if problems:
                raise ValidationError({spec.get("name", "?"): problems})
            _write_question(Question(version=version, position=position), spec, choices)
            earlier.add(spec["name"])
        _profile_autofill(version)
    return version


def version_signature(version: InstrumentVersion) -> list[tuple]:
    """Everything that defines a version's questions, to compare two versions."""
    return [
        (
            *(getattr(q, name) for name in QUESTION_FIELDS),
            tuple((c.value, c.label_ka, c.label_en) for c in q.choices.all()),
        )
        for q in version.questions.prefetch_related("choices").order_by("position")
    ]


# Rounds -------------------------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *, version, name_ka: str, name_en: str, start_date, end_date, targets: dict[Municipality, int], acting_user
) -> Round:
    _require_manager(acting_user)
    if not version.questions.exists():
        raise ValidationError(_("This version has no questions yet."))
    round_ = Round(version=version, name_ka=name_ka, name_en=name_en, start_date=start_date, end_date=end_date)
    round_.full_clean()
    round_.save()
    RoundTarget.objects.bulk_create(
        RoundTarget(round=round_, municipality=municipality, target=target) for municipality, target in targets.items()
    )
    return round_


@transaction.atomic
def round_set_targets(*, round_: Round, targets: dict[int, int], acting_user) -> None:
    """New target samples, keyed by municipality id."""
    _require_manager(acting_user)
    for target in RoundTarget.objects.select_for_update().filter(round=round_, municipality_id__in=targets):
        target.target = targets[target.municipality_id]
        target.full_clean()
        target.save(update_fields=["target"])


@transaction.atomic
def round_move(*, round_: Round, to_status: str, acting_user) -> Round:
    """Open or close a round; every move is recorded."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    _require_manager(acting_user)
    if round_.status == to_status:
        return round_
    if to_status not in Round.TRANSITIONS[round_.status]:
        raise ValidationError(
            _("A round cannot move from “%(from)s” to this status.") % {"from": round_.get_status_display()}
        )
    old = round_.status
    round_.status = to_status
    round_.save(update_fields=["status"])
    RoundEvent.objects.create(round=round_, actor=acting_user, from_status=old, to_status=to_status)
    return round_


# Responses ----------------------------------------------------------------------------------------


@transaction.atomic
def response_submit(
    *, round_: Round, municipality: Municipality, values: dict, acting_user, household=None
) -> Response:
    """An enumerator's completed questionnaire, checked against the version's rules on the server."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    authorize(can_enter_responses(acting_user, round_))
    authorize(entry_municipalities(acting_user, round_).filter(pk=municipality.pk).exists())
    authorize(household is None or households_visible_to(acting_user).filter(pk=household.pk).exists())
    questions = list(round_.version.questions.all())
    unknown = sorted(set(values) - {q.name for q in questions})
    if unknown:
        raise ValidationError(
            _("These are not questions of this questionnaire: %(names)s.") % {"names": ", ".join(unknown[:10])}
        )
    outcome = apply_rules(questions, values)
    if outcome.errors:
        raise ValidationError(outcome.messages())
    response = Response(
        round=round_,
        municipality=municipality,
        submitted_at=timezone.now(),
        enumerator=acting_user,
        answers=outcome.answers,
        household=household,
    )
    response.set_profile(round_.version)
    response.full_clean(exclude=["uuid"])
    response.save()
    return response


# Imports ------------------------------------------------------------------------------------------


@transaction.atomic
def import_start(*, round_: Round, upload, acting_user) -> ImportJob:
    """Store the file and queue the dry run."""
    _require_manager(acting_user)
    UploadValidator(kinds=("csv", "xlsx"), max_size=settings.SURVEY_IMPORT_MAX_SIZE)(upload)
    job = ImportJob(round=round_, file=upload, original_name=upload.name[:255], created_by=acting_user)
    job.save()
    transaction.on_commit(lambda: import_check_task.delay(job.pk))
    return job


@transaction.atomic
def import_set_municipality(*, job: ImportJob, acting_user, column: str = "", municipality=None) -> ImportJob:
    """Say where the rows' municipality comes from (a column of the file or one fixed municipality
    of the round), then check the file again."""
    _require_manager(acting_user)
    job = ImportJob.objects.select_for_update().select_related("round").get(pk=job.pk)
    if ImportJob.Status.CHECKING not in ImportJob.TRANSITIONS[job.status]:
        raise ValidationError(_("The municipality can be chosen only before the import."))
    if bool(column) == (municipality is not None):
        raise ValidationError(_("Choose either the column that holds the municipality or one municipality."))
    if column and column not in job.columns:
        raise ValidationError(_("The file has no column “%(column)s”.") % {"column": column})
    if municipality is not None and not job.round.targets.filter(municipality=municipality).exists():
        raise ValidationError(_("This municipality is not one of the round's."))
    job.municipality_column, job.municipality = column, municipality
    job.status, job.problems, job.problem_count, job.valid_rows, job.processed_rows = "uploaded", [], 0, 0, 0
    job.full_clean(exclude=["file"])
    job.save()
    transaction.on_commit(lambda: import_check_task.delay(job.pk))
    return job


@transaction.atomic
def import_commit(*, job: ImportJob, acting_user) -> ImportJob:
    """After the dry run: queue the import proper (rows with problems are skipped)."""
    _require_manager(acting_user)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status == ImportJob.Status.IMPORTING:
        return job
    if ImportJob.Status.IMPORTING not in ImportJob.TRANSITIONS[job.status]:
        raise ValidationError(_("Only a checked file can be imported."))
    job.status = ImportJob.Status.IMPORTING
    job.processed_rows = 0
    job.save(update_fields=["status", "processed_rows"])
    transaction.on_commit(lambda: import_run_task.delay(job.pk))
    return job


def reference_load() -> dict[str, int]:
    """The programme's three instruments, in Georgian and English (idempotent)."""
    from .reference import load_reference_instruments

    return load_reference_instruments()
