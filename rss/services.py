"""Every write of the sustainability survey: loading versions, recording rounds, accepting a plan suggestion.

Services take the acting user and never see a request.
"""

import datetime
import hashlib
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegration.models import Case, PlanGoal
from reintegration.services import goal_add

from . import loader, scoring
from .models import Dimension, Indicator, Option, Question, Round, Threshold, Version, check_unlocked
from .permissions import can_enter_round

PROVISIONAL_FILE = Path(__file__).parent / "data" / "provisional.csv"
DEFAULT_FOLLOW_UP_MONTHS = (3, 6, 12)


def follow_up_months() -> tuple[int, ...]:
    return tuple(getattr(settings, "RSS_FOLLOW_UP_MONTHS", DEFAULT_FOLLOW_UP_MONTHS))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# Versions -----------------------------------------------------------------------------------
@transaction.atomic
def version_load(*, path: Path, provisional: bool = False, make_current: bool = False, acting_user=None) -> Version:
    """Load a version table (CSV or XLSX) as a new version; every error is raised, nothing is stored."""
    table = loader.parse(loader.read_rows(path))
    name = table.version.code
    if Version.objects.filter(name=name).exists():
        raise loader.TableError(
            [
                _("Row %(row)s: a version named “%(name)s” is already loaded; versions never change, give a new name.")
                % {"row": table.version.number, "name": name}
            ]
        )
    version = Version(
        name=name,
        title_ka=table.version.text_ka,
        title_en=table.version.text_en,
        is_provisional=provisional,
        min_answered_share=table.version.value or 0,
        source_file=path.name,
        checksum=hashlib.sha256(path.read_bytes()).hexdigest(),
        loaded_by=acting_user,
    )
    _clean(version, table.version.number)
    version.save()
    _store_tree(version, table)
    if make_current or not Version.objects.filter(is_current=True).exists():
        version_make_current(version=version)
    return version


def _clean(obj, row: int, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise loader.TableError(
            [_("Row %(row)s: %(problem)s") % {"row": row, "problem": message} for message in error.messages]
        ) from error


def _store_tree(version: Version, table: loader.Table) -> None:
    dimensions, indicators, questions = {}, {}, {}
    for n, row in enumerate(table.dimensions):
        dimensions[row.code] = _make(
            Dimension,
            row,
            version=version,
            code=row.code,
            name_ka=row.text_ka,
            name_en=row.text_en,
            weight=row.weight,
            order=n,
        )
    for n, row in enumerate(table.indicators):
        indicators[row.code] = _make(
            Indicator,
            row,
            version=version,
            dimension=dimensions[row.parent],
            code=row.code,
            name_ka=row.text_ka,
            name_en=row.text_en,
            weight=row.weight,
            suggestion_ka=row.suggestion_ka,
            suggestion_en=row.suggestion_en,
            order=n,
        )
    for n, row in enumerate(table.questions):
        questions[row.code] = _make(
            Question,
            row,
            version=version,
            indicator=indicators[row.parent],
            code=row.code,
            text_ka=row.text_ka,
            text_en=row.text_en,
            weight=row.weight,
            order=n,
        )
    for n, row in enumerate(table.options):
        _make(
            Option,
            row,
            version=version,
            question=questions[row.parent],
            code=row.code,
            label_ka=row.text_ka,
            label_en=row.text_en,
            value=row.value,
            order=n,
        )
    for row in table.thresholds:
        _make(
            Threshold, row, version=version, code=row.code, lower=row.value, label_ka=row.text_ka, label_en=row.text_en
        )


def _make(model, row: loader.Row, **fields):
    obj = model(**fields)
    _clean(obj, row.number, exclude=["version", "dimension", "indicator", "question"])
    obj.save()
    return obj


@transaction.atomic
def version_make_current(*, version: Version, acting_user=None) -> Version:
    """New rounds use this version from now on; rounds already recorded keep theirs."""
    Version.objects.filter(is_current=True).exclude(pk=version.pk).update(is_current=False)
    version.is_current = True
    version.save(update_fields=["is_current"])
    return version


def provisional_load() -> Version | None:
    """The shipped provisional version, loaded once (idempotent)."""
    if Version.objects.filter(name="provisional").exists():
        return None
    return version_load(path=PROVISIONAL_FILE, provisional=True)


def reference_load() -> dict[str, int]:
    """Hook of ``manage.py load_reference_data``."""
    return {"rss versions": 1 if provisional_load() else 0}


def version_assert_editable(version: Version) -> None:
    """Raise if a recorded score uses the version (the admin and any future editor call this first)."""
    check_unlocked(version.pk)


# Rounds -------------------------------------------------------------------------------------
def current_version() -> Version:
    version = Version.objects.with_tree().filter(is_current=True).first()
    if version is None:
        raise ValidationError(_("No RSS version is loaded yet: ask an officer to run load_reference_data."))
    return version


def _checked_answers(version: Version, answers: dict[str, str | None]) -> dict[str, str | None]:
    """Every question of the version, with its option code or None; unknown codes are refused."""
    options = {q.code: {o.code for o in q.options.all()} for q in version.questions.all()}
    unknown = set(answers) - set(options)
    if unknown:
        raise ValidationError(_("Unknown questions: %(codes)s.") % {"codes": ", ".join(sorted(unknown))})
    checked = {}
    for code, allowed in options.items():
        answer = answers.get(code) or None
        if answer is not None and answer not in allowed:
            raise ValidationError(
                _("“%(answer)s” is not an answer to question %(code)s.") % {"answer": answer, "code": code}
            )
        checked[code] = answer
    return checked


def _complete(round_: Round, *, version: Version, answers: dict, conducted_on: datetime.date, acting_user) -> Round:
    if Round.Status.COMPLETED not in Round.TRANSITIONS[round_.status]:
        raise ValidationError(_("This round is %(status)s.") % {"status": round_.get_status_display()})
    if conducted_on > timezone.localdate():
        raise ValidationError({"conducted_on": _("The round cannot take place in the future.")})
    inputs = _checked_answers(version, answers)
    result = scoring.score(version.spec(), inputs)
    scores = result.scores()
    round_.version = version
    round_.inputs = inputs
    round_.composite = scores.pop("composite")
    round_.scores = {code: None if value is None else str(value) for code, value in scores.items()}
    round_.explanation = result.explanation()
    round_.status = Round.Status.COMPLETED
    round_.conducted_on = conducted_on
    round_.entered_by, round_.entered_at = acting_user, timezone.now()
    round_.full_clean()
    round_.save()
    return round_


@transaction.atomic
def baseline_record(*, case: Case, answers: dict, acting_user, conducted_on: datetime.date | None = None) -> Round:
    """The first round on a case; it schedules the follow-ups at the set months after it."""
    case = Case.objects.select_for_update().select_related("hub").get(pk=case.pk)
    require(can_enter_round(acting_user, case))
    existing = Round.objects.filter(case=case, kind=Round.Kind.BASELINE).first()
    if existing is not None and existing.status == Round.Status.COMPLETED and existing.inputs == answers:
        return existing  # a double submission of the same answers
    if existing is not None and existing.status == Round.Status.COMPLETED:
        raise ValidationError(_("This case already has its baseline round."))
    round_ = existing or Round(case=case, kind=Round.Kind.BASELINE, month=0)
    conducted_on = conducted_on or timezone.localdate()
    round_ = _complete(
        round_, version=current_version(), answers=answers, conducted_on=conducted_on, acting_user=acting_user
    )
    for month in follow_up_months():
        Round.objects.get_or_create(
            case=case,
            kind=Round.Kind.FOLLOW_UP,
            month=month,
            status=Round.Status.SCHEDULED,
            defaults={"due_on": conducted_on + relativedelta(months=month)},
        )
    return round_


@transaction.atomic
def follow_up_record(*, round: Round, answers: dict, acting_user, conducted_on: datetime.date | None = None) -> Round:  # noqa: A002
    round_ = Round.objects.select_for_update().select_related("case__hub").get(pk=round.pk)
    require(can_enter_round(acting_user, round_.case))
    if round_.status == Round.Status.COMPLETED and round_.inputs == answers:
        return round_
    if round_.kind != Round.Kind.FOLLOW_UP:
        raise ValidationError(_("Enter the baseline from the case page."))
    return _complete(
        round_,
        version=current_version(),
        answers=answers,
        conducted_on=conducted_on or timezone.localdate(),
        acting_user=acting_user,
    )


@transaction.atomic
def suggestion_accept(*, round: Round, indicator_code: str, acting_user, target_date=None) -> PlanGoal:  # noqa: A002
    """The counsellor takes a suggested goal into the case's plan (through reintegration's own service)."""
    round_ = Round.objects.select_related("case__hub", "version").get(pk=round.pk)
    require(can_enter_round(acting_user, round_.case))
    if round_.status != Round.Status.COMPLETED:
        raise ValidationError(_("Only a completed round suggests goals."))
    indicator = (
        Indicator.objects.select_related("dimension").filter(version=round_.version, code=indicator_code).first()
    )
    if indicator is None or not indicator.suggestion_ka:
        raise ValidationError(_("This round suggests no such goal."))
    description = indicator.suggestion
    existing = PlanGoal.objects.filter(case=round_.case, description=description).first()
    if existing is not None:
        return existing
    return goal_add(
        case=round_.case,
        acting_user=acting_user,
        dimension=indicator.dimension.code,
        description=description,
        target_date=target_date,
    )
