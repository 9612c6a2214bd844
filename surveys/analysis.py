"""Analysis of a round's responses: shares, means, their 95% intervals, disaggregation, comparison.

Pure selectors: each takes rounds (and options) and returns plain dataclasses, so pages, exports and
the dashboard's registry read the same figures. How each figure is computed is said once, in
METHODS, which the analysis page, the comparison page and both exports print.

- The base (n) of a share of a multiple-choice question is everyone who was asked it (skip logic
  showed it to them): ticking nothing ("none of these") is an answer. The base of a single-choice
  share and of a mean is everyone who answered the question.
- Shares: p = Σw·[chose] / Σw over the base; 95% Wald interval p ± 1.96·√(p(1 − p) / n), cut to
  0–100%. Means: m = Σw·x / Σw; s² = Σw(x − m)² / Σw · n / (n − 1); interval m ± 1.96·√(s² / n).
- Without weights every w is 1. With sampling weights, n in the intervals is Kish's effective
  sample size n_eff = (Σw)² / Σw²; the page shows it beside n.
- Differences (final − baseline): d ± 1.96·√(SE₁² + SE₂²), the two rounds taken as independent.
- Cells with fewer than 5 respondents are flagged; partners see "<5" instead of the figure.
"""

import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubs.models import Municipality
from reintegration.models import Sex

from .logic import is_asked
from .models import AGE_GROUPS, OTHER, Question, Response
from .permissions import SMALL_CELL
from .selectors import version_questions

T = Question.Type
Z95 = 1.96
SHARE_TYPES = (T.SELECT_ONE, T.SELECT_MULTIPLE)
DIMENSIONS = {
    "": gettext_lazy("All respondents"),
    "sex": gettext_lazy("Sex"),
    "age_group": gettext_lazy("Age group"),
    "returnee": gettext_lazy("Returnee status"),
    "municipality": gettext_lazy("Municipality"),
}
METHODS = [
    gettext_lazy(
        "n is the base of each figure. For a multiple-choice question it is everyone who was asked the question "
        "(skip logic showed it to them), so ticking none of the choices counts as an answer; for a single-choice "
        "question and for a mean it is everyone who answered the question."
    ),
    gettext_lazy(
        "Shares: p = Σw·[chose it] / Σw over the base, with the 95% Wald interval p ± 1.96·√(p(1 − p) / n), "
        "cut to 0–100%."
    ),
    gettext_lazy(
        "Means: m = Σw·x / Σw; s² = Σw·(x − m)² / Σw · n / (n − 1); 95% CI m ± 1.96·√(s² / n). "
        "Ranks: the mean place given by those who ranked the choice."
    ),
    gettext_lazy(
        "Without sampling weights every w is 1. With weights, the n inside the intervals is Kish's effective "
        "sample size n_eff = (Σw)² / Σw², shown beside n."
    ),
    gettext_lazy(
        "Baseline versus final: the difference d = final − baseline (percentage points for shares) with the "
        "95% CI d ± 1.96·√(SE₁² + SE₂²), the two samples taken as independent."
    ),
    gettext_lazy(
        "Cells with fewer than 5 respondents are flagged ⚠; partners see “<5” instead of the figure, and a count "
        "of fewer than 5 people as “<5”."
    ),
]


def methods() -> list[str]:
    return [str(paragraph) for paragraph in METHODS]


@dataclass
class Record:
    answers: dict
    group: str
    weight: float


@dataclass
class Estimate:
    """One figure of one cell: the base n, the value (a share in % or a mean) and its 95% interval."""

    n: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    count: int | None = None  # shares: how many of the base chose it
    n_eff: float | None = None  # weighted: Kish's effective n
    small: bool = False
    hidden: bool = False
    count_hidden: bool = False

    @property
    def has_interval(self) -> bool:
        return self.low is not None and self.high is not None


Cell = Estimate  # the former name, kept for readers of the old tables


@dataclass
class Row:
    label: str
    cells: list[Estimate]


@dataclass
class QuestionTable:
    question: Question
    kind: str  # "share", "mean", "rank", "count"
    rows: list[Row] = field(default_factory=list)
    n: list[Estimate] = field(default_factory=list)


@dataclass
class Table:
    groups: list[tuple[str, str]]
    questions: list[QuestionTable]
    weighted: bool
    total: int
    methods: list[str] = field(default_factory=methods)


# Pure statistics --------------------------------------------------------------------------------


def effective_n(weights: list[float]) -> float:
    """Kish's effective sample size (Σw)² / Σw²; equals n when every weight is 1."""
    squares = sum(w * w for w in weights)
    return sum(weights) ** 2 / squares if squares else 0.0


def wald_interval(p: float, n: float) -> tuple[float, float]:
    """p ± 1.96·√(p(1 − p) / n), cut to [0, 1]."""
    margin = Z95 * math.sqrt(p * (1 - p) / n) if n else 0.0
    return max(0.0, p - margin), min(1.0, p + margin)


def share_estimate(pairs: list[tuple[bool, float]], weighted: bool = False) -> Estimate:
    """A share in % over the base ``pairs`` of (chose it, weight)."""
    estimate = Estimate(n=len(pairs), count=sum(1 for chose, _w in pairs if chose))
    total = sum(w for _c, w in pairs)
    if not pairs or not total:
        return estimate
    p = sum(w for chose, w in pairs if chose) / total
    n = effective_n([w for _c, w in pairs])
    low, high = wald_interval(p, n)
    estimate.value, estimate.low, estimate.high = 100 * p, 100 * low, 100 * high
    estimate.n_eff = n if weighted else None
    return estimate


def mean_and_se(pairs: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Weighted mean and its standard error (sample variance with n − 1, effective n)."""
    n = len(pairs)
    total = sum(w for _x, w in pairs)
    if not n or not total:
        return None, None
    mean = sum(x * w for x, w in pairs) / total
    if n < 2:
        return mean, None
    variance = sum(w * (x - mean) ** 2 for x, w in pairs) / total * n / (n - 1)
    return mean, math.sqrt(variance / effective_n([w for _x, w in pairs]))


def mean_estimate(pairs: list[tuple[float, float]], weighted: bool = False) -> Estimate:
    """A mean over ``pairs`` of (value, weight), with m ± 1.96·SE."""
    mean, se = mean_and_se(pairs)
    estimate = Estimate(n=len(pairs), value=mean)
    if se is not None:
        estimate.low, estimate.high = mean - Z95 * se, mean + Z95 * se
    if weighted and pairs:
        estimate.n_eff = effective_n([w for _x, w in pairs])
    return estimate


def proportion_se(p: float, weights: list[float]) -> float:
    n = effective_n(weights)
    return math.sqrt(p * (1 - p) / n) if n else 0.0


def suppress(estimate: Estimate, can_see_small: bool) -> Estimate:
    """Flag a cell under 5 respondents; empty it (and counts under 5) for those who may not see it."""
    estimate.small = estimate.n < SMALL_CELL
    if can_see_small:
        return estimate
    if estimate.small:
        estimate.hidden = True
        estimate.value = estimate.low = estimate.high = estimate.n_eff = estimate.count = None
    elif estimate.count is not None and estimate.count < SMALL_CELL:
        estimate.count, estimate.count_hidden = None, True
    return estimate


# Reading the responses ---------------------------------------------------------------------------


def _group_of(dimension: str, response: dict) -> str:
    if dimension == "returnee":
        return {True: "yes", False: "no"}.get(response["is_returnee"], "")
    if dimension == "municipality":
        return str(response["municipality_id"])
    return response.get(dimension, "") if dimension else "all"


def load(rounds, dimension: str, weighted: bool) -> list[Record]:
    fields = ["answers", "sex", "age_group", "is_returnee", "municipality_id", "weight"]
    responses = Response.objects.filter(round__in=rounds).values(*fields).order_by("pk")
    return [
        Record(answers=r["answers"], group=_group_of(dimension, r), weight=float(r["weight"]) if weighted else 1.0)
        for r in responses.iterator(chunk_size=2000)
    ]


def group_labels(dimension: str, records: list[Record]) -> list[tuple[str, str]]:
    present = {r.group for r in records}
    if not dimension:
        return [("all", str(DIMENSIONS[""]))]
    if dimension == "sex":
        labels = [(Sex.FEMALE.value, str(Sex.FEMALE.label)), (Sex.MALE.value, str(Sex.MALE.label)), (OTHER, _("Other"))]
    elif dimension == "age_group":
        labels = [(label, label) for _low, _high, label in AGE_GROUPS]
    elif dimension == "returnee":
        labels = [("yes", _("Returnees")), ("no", _("Not returnees"))]
    else:
        municipalities = Municipality.objects.filter(pk__in=[int(g) for g in present if g])
        labels = [(str(m.pk), m.name) for m in municipalities]
    labels = [(key, label) for key, label in labels if key in present]
    if "" in present:
        labels.append(("", _("Not known")))
    return labels


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def question_base(question: Question, records: list[Record]) -> list[Record]:
    """Whom a figure of this question counts: those asked (multiple choice) or those who answered."""
    if question.type == T.SELECT_MULTIPLE:
        return [r for r in records if is_asked(question, r.answers)]
    return [r for r in records if not _empty(r.answers.get(question.name))]


def _chose(answer, value: str) -> bool:
    return value in answer if isinstance(answer, list) else answer == value


# Tables -------------------------------------------------------------------------------------------


def question_table(question: Question, records, groups, can_see_small: bool, weighted: bool = False) -> QuestionTable:
    base = question_base(question, records)
    by_group = {key: [r for r in base if key == "all" or r.group == key] for key, _label in groups}
    table = QuestionTable(question=question, kind="count")
    table.n = [suppress(Estimate(n=len(by_group[key])), can_see_small) for key, _l in groups]
    if question.type in SHARE_TYPES:
        table.kind = "share"
        for choice in question.choices.all():
            cells = [
                share_estimate([(_chose(r.answers.get(question.name), choice.value), r.weight) for r in by_group[k]],
                               weighted)
                for k, _label in groups
            ]  # fmt: skip
            table.rows.append(Row(label=choice.label, cells=[suppress(c, can_see_small) for c in cells]))
    elif question.type in (T.INTEGER, T.DECIMAL):
        table.kind = "mean"
        cells = [mean_estimate([(float(r.answers[question.name]), r.weight) for r in by_group[k]], weighted)
                 for k, _label in groups]  # fmt: skip
        table.rows.append(Row(label=_("Mean"), cells=[suppress(c, can_see_small) for c in cells]))
    elif question.type == T.RANK:
        table.kind = "rank"
        for choice in question.choices.all():
            cells = []
            for key, _label in groups:
                answers = [(r.answers[question.name], r.weight) for r in by_group[key]]
                places = [(v.index(choice.value) + 1, w) for v, w in answers if choice.value in v]
                cells.append(suppress(mean_estimate(places, weighted), can_see_small))
            table.rows.append(Row(label=choice.label, cells=cells))
    return table


def round_analysis(round_, *, dimension: str = "", weighted: bool = False, can_see_small: bool = True) -> Table:
    """Every question of the round: shares or means per group, each with n and its 95% interval."""
    questions = version_questions(round_.version)
    records = load([round_], dimension, weighted)
    groups = group_labels(dimension, records)
    tables = [question_table(q, records, groups, can_see_small, weighted) for q in questions]
    return Table(groups=groups, questions=tables, weighted=weighted, total=len(records))


analyse = round_analysis


# Cached tables ------------------------------------------------------------------------------------
#
# A round's table is computed in Python over every response (skip logic decides each base), which
# grows with the round: the page shows a stored table with the time it was computed and a button
# that computes it again. A stored table is used only while the round's responses are the same
# ones (their last id and the round's creation stamp) and nobody asked for a fresh one (the round's
# generation token, renewed by the refresh button, a change of the profile mapping and a deleted
# response); the figures are the very ones ``round_analysis`` returns.

ANALYSIS_CACHE_SECONDS = 24 * 3600


@dataclass
class StoredTable:
    table: Table
    computed_at: datetime


def _generation_key(round_pk: int) -> str:
    return f"surveys:analysis:generation:{round_pk}"


def analysis_forget(round_pks) -> None:
    """Stored tables of these rounds are no longer used (after the transaction commits)."""
    keys = [_generation_key(pk) for pk in round_pks]

    def renew():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)

    transaction.on_commit(renew)


def forget_deleted_response(sender, instance, **kwargs) -> None:
    """A deleted response (the admin) makes its round's stored tables unused."""
    analysis_forget([instance.round_id])


def _table_key(round_, dimension: str, weighted: bool, can_see_small: bool) -> str:
    # Responses are only ever added (entry, import); the last id tells an added one in one index probe,
    # and a deletion renews the generation (forget_deleted_response).
    last = Response.objects.filter(round=round_).order_by().aggregate(last=Max("pk"))["last"]
    generation = cache.get(_generation_key(round_.pk), "0")
    stamp = round_.created_at.timestamp() if round_.created_at else 0
    return (
        f"surveys:analysis:{round_.pk}:{stamp}:{generation}:{last}:"
        f"{dimension}:{int(weighted)}:{int(can_see_small)}:{translation.get_language()}"
    )


def stored_round_analysis(
    round_, *, dimension: str = "", weighted: bool = False, can_see_small: bool = True
) -> StoredTable:
    """``round_analysis``, computed once and kept while the round's responses stay the same."""
    key = _table_key(round_, dimension, weighted, can_see_small)
    stored = cache.get(key)
    if stored is None:
        table = round_analysis(round_, dimension=dimension, weighted=weighted, can_see_small=can_see_small)
        stored = StoredTable(table=table, computed_at=timezone.now())
        cache.set(key, stored, timeout=ANALYSIS_CACHE_SECONDS)
    return stored


# Baseline versus final ----------------------------------------------------------------------------


@dataclass
class Difference:
    label: str
    n1: int
    n2: int
    value1: float | None
    value2: float | None
    difference: float | None = None
    low: float | None = None
    high: float | None = None
    small: bool = False
    hidden: bool = False
    first: Estimate | None = None
    second: Estimate | None = None
    kind: str = "share"


def _difference(label, first: Estimate, second: Estimate, se1, se2, can_see_small) -> Difference:
    d = Difference(label=label, n1=first.n, n2=second.n, value1=first.value, value2=second.value)
    d.first, d.second = first, second
    d.small = min(d.n1, d.n2) < SMALL_CELL
    if d.value1 is not None and d.value2 is not None:
        d.difference = d.value2 - d.value1
        if se1 is not None and se2 is not None:
            margin = Z95 * math.sqrt(se1**2 + se2**2)
            d.low, d.high = d.difference - margin, d.difference + margin
    if d.small and not can_see_small:
        d.hidden = True
        d.value1 = d.value2 = d.difference = d.low = d.high = None
    suppress(first, can_see_small)
    suppress(second, can_see_small)
    return d


def _share_difference(label, pairs1, pairs2, weighted, can_see_small) -> Difference:
    first, second = share_estimate(pairs1, weighted), share_estimate(pairs2, weighted)
    se = [
        None if e.value is None else 100 * proportion_se(e.value / 100, [w for _c, w in pairs])
        for e, pairs in ((first, pairs1), (second, pairs2))
    ]
    return _difference(label, first, second, se[0], se[1], can_see_small)


def _mean_difference(label, pairs1, pairs2, weighted, can_see_small) -> Difference:
    (_m1, se1), (_m2, se2) = mean_and_se(pairs1), mean_and_se(pairs2)
    first, second = mean_estimate(pairs1, weighted), mean_estimate(pairs2, weighted)
    difference = _difference(label, first, second, se1, se2, can_see_small)
    difference.kind = "mean"
    return difference


def _comparable(question: Question, match: Question | None) -> bool:
    return (
        match is not None
        and match.type == question.type
        and question.type in (T.SELECT_ONE, T.SELECT_MULTIPLE, T.INTEGER, T.DECIMAL)
    )


def round_comparison(
    baseline, final, *, weighted: bool = False, can_see_small: bool = True
) -> list[tuple[Question, list[Difference]]]:
    """Questions both rounds ask (same name and type): final minus baseline, with the 95% CI."""
    base_questions = {q.name: q for q in version_questions(baseline.version)}
    records1, records2 = load([baseline], "", weighted), load([final], "", weighted)
    result = []
    for question in version_questions(final.version):
        match = base_questions.get(question.name)
        if not _comparable(question, match):
            continue
        base1, base2 = question_base(match, records1), question_base(question, records2)
        if question.type in (T.INTEGER, T.DECIMAL):
            pairs1 = [(float(r.answers[question.name]), r.weight) for r in base1]
            pairs2 = [(float(r.answers[question.name]), r.weight) for r in base2]
            rows = [_mean_difference(_("Mean"), pairs1, pairs2, weighted, can_see_small)]
        else:
            values = {m.value for m in match.choices.all()}
            rows = [
                _share_difference(
                    c.label,
                    [(_chose(r.answers.get(question.name), c.value), r.weight) for r in base1],
                    [(_chose(r.answers.get(question.name), c.value), r.weight) for r in base2],
                    weighted,
                    can_see_small,
                )  # fmt: skip
                for c in question.choices.all()
                if c.value in values
            ]
        result.append((question, rows))
    return result


compare = round_comparison
