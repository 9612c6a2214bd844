"""The RSS scoring engine: pure functions over Decimal, no database.

A version is a tree: options give each question a value in [0, 1]; a question feeds one indicator,
an indicator one dimension, the dimensions the composite. At every level a score is the weighted
mean of the children that have a value, re-weighted over those children (the weights of the
missing ones are left out of the divisor), provided the children with a value carry at least
``min_answered_share`` of the level's weight; below that share the level has no score. With a
share of 0 a single answered child is enough. Scores are kept at full precision while they are
combined and rounded to four places (half up) only when shown or stored.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

PLACES = Decimal("0.0001")


def q4(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    indicator: str
    weight: Decimal
    options: dict[str, Decimal]  # option code -> value in [0, 1]


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    dimension: str
    weight: Decimal


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    weight: Decimal


@dataclass(frozen=True)
class Threshold:
    lower: Decimal  # a score at or above ``lower`` (and below the next threshold) takes the label
    label_ka: str
    label_en: str


@dataclass(frozen=True)
class VersionSpec:
    dimensions: tuple[DimensionSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    questions: tuple[QuestionSpec, ...]
    min_answered_share: Decimal = Decimal(0)
    thresholds: tuple[Threshold, ...] = ()


@dataclass
class Part:
    """One node's score and how it came about: the children used, the ones missing, the share."""

    code: str
    weight: Decimal
    value: Decimal | None
    used: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    answered_share: Decimal = Decimal(0)


@dataclass
class Result:
    questions: dict[str, Part]
    indicators: dict[str, Part]
    dimensions: dict[str, Part]
    composite: Part

    def explanation(self) -> dict:
        """A JSON-ready record of every level, stored with the score."""

        def dump(part: Part) -> dict:
            return {
                "value": None if part.value is None else str(q4(part.value)),
                "weight": str(part.weight),
                "used": part.used,
                "missing": part.missing,
                "answered_share": str(q4(part.answered_share)),
            }

        return {
            "questions": {code: dump(p) for code, p in self.questions.items()},
            "indicators": {code: dump(p) for code, p in self.indicators.items()},
            "dimensions": {code: dump(p) for code, p in self.dimensions.items()},
            "composite": dump(self.composite),
        }

    def scores(self) -> dict[str, Decimal | None]:
        """The rounded scores: each dimension's and the composite."""
        return {code: q4(p.value) for code, p in self.dimensions.items()} | {"composite": q4(self.composite.value)}


def weighted_mean(code: str, weight: Decimal, children: list[Part], min_share: Decimal) -> Part:
    """The children's weighted mean, re-weighted over those with a value (see the module doc)."""
    total = sum((c.weight for c in children), Decimal(0))
    answered = [c for c in children if c.value is not None]
    answered_weight = sum((c.weight for c in answered), Decimal(0))
    share = answered_weight / total if total else Decimal(0)
    part = Part(
        code=code,
        weight=weight,
        value=None,
        used=[c.code for c in answered],
        missing=[c.code for c in children if c.value is None],
        answered_share=share,
    )
    if answered and answered_weight > 0 and share >= min_share:
        part.value = sum((c.weight * c.value for c in answered), Decimal(0)) / answered_weight
    return part


def score(spec: VersionSpec, answers: dict[str, str | None]) -> Result:
    """Score one round: ``answers`` maps question code to option code (None or absent: not answered)."""
    questions = {}
    for q in spec.questions:
        option = answers.get(q.code)
        value = q.options.get(option) if option else None
        questions[q.code] = Part(code=q.code, weight=q.weight, value=value, used=[option] if value is not None else [])
    indicators = {
        i.code: weighted_mean(
            i.code,
            i.weight,
            [questions[q.code] for q in spec.questions if q.indicator == i.code],
            spec.min_answered_share,
        )
        for i in spec.indicators
    }
    dimensions = {
        d.code: weighted_mean(
            d.code,
            d.weight,
            [indicators[i.code] for i in spec.indicators if i.dimension == d.code],
            spec.min_answered_share,
        )
        for d in spec.dimensions
    }
    composite = weighted_mean("composite", Decimal(1), list(dimensions.values()), spec.min_answered_share)
    return Result(questions=questions, indicators=indicators, dimensions=dimensions, composite=composite)


def band(spec: VersionSpec, value: Decimal | None) -> Threshold | None:
    """The threshold a score falls in (the highest lower bound not above it), if the version has any."""
    if value is None:
        return None
    found = None
    for threshold in sorted(spec.thresholds, key=lambda t: t.lower):
        if value >= threshold.lower:
            found = threshold
    return found


def weakest(scores: dict[str, Decimal | None], dimension_codes: list[str]) -> str | None:
    """The dimension with the lowest score (the first in the version's order on a tie)."""
    scored = [(scores[c], n, c) for n, c in enumerate(dimension_codes) if scores.get(c) is not None]
    return min(scored)[2] if scored else None
