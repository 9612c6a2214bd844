"""Analysis of a round's responses: frequencies, means, disaggregation, baseline-versus-final.

Every cell carries the number of respondents behind it; cells under 5 are flagged (and emptied for
users who may not see them). With sampling weights, percentages and means are weighted and the
standard errors use Kish's effective sample size, (Σw)² / Σw². Confidence intervals are normal
approximations: difference ± 1.96 × √(SE₁² + SE₂²).
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubs.models import Municipality

from .models import AGE_GROUPS, Question, Response
from .permissions import SMALL_CELL
from .selectors import version_questions

T = Question.Type
Z95 = 1.96
DIMENSIONS = {
    "": gettext_lazy("All respondents"),
    "sex": gettext_lazy("Sex"),
    "age_group": gettext_lazy("Age group"),
    "returnee": gettext_lazy("Returnee status"),
    "municipality": gettext_lazy("Municipality"),
}


@dataclass
class Record:
    answers: dict
    group: str
    weight: float


@dataclass
class Cell:
    n: int
    value: float | None
    small: bool = False
    hidden: bool = False
    count: int | None = None


@dataclass
class Row:
    label: str
    cells: list[Cell]


@dataclass
class QuestionTable:
    question: Question
    kind: str  # "share", "mean", "rank", "count"
    rows: list[Row] = field(default_factory=list)
    n: list[Cell] = field(default_factory=list)


@dataclass
class Table:
    groups: list[tuple[str, str]]
    questions: list[QuestionTable]
    weighted: bool
    total: int


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


def group_labels(dimension: str, records: list[Record], questions) -> list[tuple[str, str]]:
    present = {r.group for r in records}
    if not dimension:
        return [("all", str(DIMENSIONS[""]))]
    if dimension == "sex":
        sex = next((q for q in questions if q.name == "sex"), None)
        labels = [(c.value, c.label) for c in sex.choices.all()] if sex else []
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


def _share(pairs: list[tuple[object, float]], choice: str) -> tuple[int, float | None]:
    """(respondents choosing it, weighted share of respondents who answered, 0–1)."""
    total = sum(w for _v, w in pairs)
    chosen = [(v, w) for v, w in pairs if (choice in v if isinstance(v, list) else v == choice)]
    return len(chosen), (sum(w for _v, w in chosen) / total if total else None)


def effective_n(weights: list[float]) -> float:
    squares = sum(w * w for w in weights)
    return sum(weights) ** 2 / squares if squares else 0.0


def mean_and_se(pairs: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Weighted mean and its standard error (sample variance with n - 1, effective n)."""
    n = len(pairs)
    if not n:
        return None, None
    total = sum(w for _x, w in pairs)
    mean = sum(x * w for x, w in pairs) / total
    if n < 2:
        return mean, None
    variance = sum(w * (x - mean) ** 2 for x, w in pairs) / total * n / (n - 1)
    return mean, math.sqrt(variance / effective_n([w for _x, w in pairs]))


def proportion_se(p: float, weights: list[float]) -> float:
    n = effective_n(weights)
    return math.sqrt(p * (1 - p) / n) if n else 0.0


def _answered(records: list[Record], name: str, group: str) -> list[tuple[object, float]]:
    return [
        (r.answers[name], r.weight)
        for r in records
        if (group == "all" or r.group == group) and r.answers.get(name) not in (None, "", [])
    ]


def _cell(n: int, value, can_see_small: bool) -> Cell:
    small = n < SMALL_CELL
    hidden = small and not can_see_small
    return Cell(n=n, value=None if hidden else value, small=small, hidden=hidden)


def question_table(question: Question, records, groups, can_see_small: bool) -> QuestionTable:
    answered = {key: _answered(records, question.name, key) for key, _label in groups}
    table = QuestionTable(question=question, kind="count")
    table.n = [_cell(len(answered[key]), len(answered[key]), can_see_small) for key, _l in groups]
    if question.type in (T.SELECT_ONE, T.SELECT_MULTIPLE):
        table.kind = "share"
        for choice in question.choices.all():
            cells = []
            for key, _label in groups:
                count, share = _share(answered[key], choice.value)
                cell = _cell(len(answered[key]), None if share is None else 100 * share, can_see_small)
                cell.count = None if cell.hidden else count
                cells.append(cell)
            table.rows.append(Row(label=choice.label, cells=cells))
    elif question.type in (T.INTEGER, T.DECIMAL):
        table.kind = "mean"
        cells = []
        for key, _label in groups:
            mean, _se = mean_and_se([(float(v), w) for v, w in answered[key]])
            cells.append(_cell(len(answered[key]), mean, can_see_small))
        table.rows.append(Row(label=_("Mean"), cells=cells))
    elif question.type == T.RANK:
        table.kind = "rank"
        for choice in question.choices.all():
            cells = []
            for key, _label in groups:
                places = [(v.index(choice.value) + 1, w) for v, w in answered[key] if choice.value in v]
                mean, _se = mean_and_se(places)
                cells.append(_cell(len(places), mean, can_see_small))
            table.rows.append(Row(label=choice.label, cells=cells))
    return table


def analyse(round_, *, dimension: str = "", weighted: bool = False, can_see_small: bool = True) -> Table:
    questions = version_questions(round_.version)
    records = load([round_], dimension, weighted)
    groups = group_labels(dimension, records, questions)
    tables = [question_table(q, records, groups, can_see_small) for q in questions]
    return Table(groups=groups, questions=tables, weighted=weighted, total=len(records))


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


def _difference(label, pairs1, pairs2, stat, can_see_small) -> Difference:
    (v1, se1), (v2, se2) = stat(pairs1), stat(pairs2)
    d = Difference(label=label, n1=len(pairs1), n2=len(pairs2), value1=v1, value2=v2)
    d.small = min(d.n1, d.n2) < SMALL_CELL
    if v1 is not None and v2 is not None:
        d.difference = v2 - v1
        if se1 is not None and se2 is not None:
            margin = Z95 * math.sqrt(se1**2 + se2**2)
            d.low, d.high = d.difference - margin, d.difference + margin
    if d.small and not can_see_small:
        d.hidden = True
        d.value1 = d.value2 = d.difference = d.low = d.high = None
    return d


def _proportion_stat(choice: str):
    def stat(pairs):
        if not pairs:
            return None, None
        _count, share = _share(pairs, choice)
        weights = [w for _v, w in pairs]
        return 100 * share, 100 * proportion_se(share, weights)

    return stat


def compare(baseline, final, *, weighted: bool = False, can_see_small: bool = True) -> list[tuple[Question, list]]:
    """Questions both rounds ask (same name and type): final minus baseline, with the 95% CI."""
    base_questions = {q.name: q for q in version_questions(baseline.version)}
    records1, records2 = load([baseline], "", weighted), load([final], "", weighted)
    result = []
    for question in version_questions(final.version):
        match = base_questions.get(question.name)
        if (
            match is None
            or match.type != question.type
            or question.type not in (T.SELECT_ONE, T.SELECT_MULTIPLE, T.INTEGER, T.DECIMAL)
        ):
            continue
        pairs1, pairs2 = _answered(records1, question.name, "all"), _answered(records2, question.name, "all")
        if question.type in (T.INTEGER, T.DECIMAL):
            as_numbers = lambda pairs: [(float(v), w) for v, w in pairs]  # noqa: E731
            rows = [_difference(_("Mean"), as_numbers(pairs1), as_numbers(pairs2), mean_and_se, can_see_small)]
        else:
            rows = [
                _difference(c.label, pairs1, pairs2, _proportion_stat(c.value), can_see_small)
                for c in question.choices.all()
                if c.value in {m.value for m in match.choices.all()}
            ]
        result.append((question, rows))
    return result
