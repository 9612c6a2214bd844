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

from .logic import apply_rules, expression_problems
from .models import Choice, ImportJob, Instrument, InstrumentVersion, Question, Response, Round, RoundEvent, RoundTarget
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
    return version


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
    return _write_question(Question(version=version, position=position), spec, choices)


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
    outcome = apply_rules(list(round_.version.questions.all()), values)
    if outcome.errors:
        raise ValidationError(outcome.errors)
    response = Response(
        round=round_,
        municipality=municipality,
        submitted_at=timezone.now(),
        enumerator=acting_user,
        answers=outcome.answers,
        household=household,
    )
    response.set_profile()
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
