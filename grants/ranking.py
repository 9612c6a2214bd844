"""Aggregation and ranking of the committee's scores: pure functions over plain values.

Only submitted reviews count: recused and abstaining members are left out of every figure.
A weighted total is the weighted mean of the per-criterion means, on the criteria's own scale
(the weights are normalised: divided by their sum). Minimums, ranks and ties are judged on the
exact, unrounded values (``exact_mean``, ``exact_total``); ``mean`` and ``total`` are the same
values rounded to two decimals, for display only.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.templatetags.money import gel

from .models import Decision, TieBreak

TWO = Decimal("0.01")


def q2(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


def num(value) -> str:
    """A figure in an explanation as the page writes figures (5,00 in Georgian, 5.00 in English)."""
    if isinstance(value, str):
        return value
    return number_format(value)


def shown(value: Decimal, against: Decimal) -> Decimal:
    """Two decimals, or four where two would hide the difference from ``against``."""
    if q2(value) == q2(against) and value != against:
        return value.quantize(Decimal("0.0001"), rounding=ROUND_DOWN if value < against else ROUND_UP)
    return q2(value)


@dataclass(frozen=True)
class CriterionSpec:
    pk: int
    name: str
    weight: Decimal
    minimum: Decimal


@dataclass(frozen=True)
class ProposalSpec:
    pk: int
    reference: str
    requested_amount: Decimal
    vulnerability_priority: int = 0
    women_share: Decimal = Decimal(0)
    municipality: str = ""


@dataclass
class CriterionResult:
    criterion: CriterionSpec
    values: list[int]
    mean: Decimal | None
    spread: int | None
    disagreement: bool
    below_minimum: bool
    exact_mean: Decimal | None = None


@dataclass
class Aggregate:
    proposal: ProposalSpec
    criteria: list[CriterionResult]
    counted: int
    total: Decimal | None
    total_minimum: Decimal
    failures: list[str] = field(default_factory=list)
    exact_total: Decimal | None = None

    @property
    def passes(self) -> bool:
        return not self.failures

    @property
    def disagreement(self) -> bool:
        return any(c.disagreement for c in self.criteria)

    def mean_of(self, criterion_pk: int | None) -> Decimal:
        for result in self.criteria:
            if result.criterion.pk == criterion_pk and result.exact_mean is not None:
                return result.exact_mean
        return Decimal(0)


def aggregate(
    proposal: ProposalSpec,
    criteria: list[CriterionSpec],
    scores: dict[int, list[int]],
    *,
    counted: int,
    total_minimum: Decimal,
    disagreement_spread: Decimal,
) -> Aggregate:
    """``scores`` maps criterion pk to the values of the counted (submitted) reviews only."""
    results, weighted, weights = [], Decimal(0), Decimal(0)
    for criterion in criteria:
        values = scores.get(criterion.pk, [])
        mean = Decimal(sum(values)) / len(values) if values else None
        spread = max(values) - min(values) if values else None
        results.append(
            CriterionResult(
                criterion=criterion,
                values=values,
                mean=q2(mean) if mean is not None else None,
                spread=spread,
                disagreement=spread is not None and spread >= disagreement_spread,
                below_minimum=mean is None or mean < criterion.minimum,
                exact_mean=mean,
            )
        )
        if mean is not None:
            weighted += mean * criterion.weight
            weights += criterion.weight
    exact = weighted / weights if counted and weights else None
    total = q2(exact) if exact is not None else None
    result = Aggregate(proposal, results, counted, total, total_minimum, exact_total=exact)
    if not counted or exact is None:
        result.failures.append(_("No member's scores count for this proposal."))
        return result
    for item in results:
        if item.below_minimum:
            result.failures.append(
                _("%(criterion)s: mean %(mean)s is below the minimum of %(minimum)s.")
                % {
                    "criterion": item.criterion.name,
                    "mean": num(shown(item.exact_mean, item.criterion.minimum)) if item.exact_mean is not None else "—",
                    "minimum": num(item.criterion.minimum),
                }
            )
    if exact < total_minimum:
        result.failures.append(
            _("Weighted total %(total)s is below the minimum of %(minimum)s.")
            % {"total": num(shown(exact, total_minimum)), "minimum": num(total_minimum)}
        )
    return result


@dataclass
class Ranked:
    aggregate: Aggregate
    position: int | None
    outcome: str
    explanation: list[str]
    cumulative: Decimal | None = None

    @property
    def proposal(self) -> ProposalSpec:
        return self.aggregate.proposal


def _tie_key(item: Aggregate, rule: str, *, criterion_pk: int | None, placed: list[Aggregate]):
    proposal = item.proposal
    if rule == TieBreak.VULNERABILITY:
        return Decimal(proposal.vulnerability_priority)
    if rule == TieBreak.CRITERION:
        return item.mean_of(criterion_pk)
    if rule == TieBreak.GENDER_BALANCE:
        return proposal.women_share
    if rule == TieBreak.MUNICIPALITY_SPREAD:
        # Fewer proposals from the same municipality already placed above ranks first.
        return -Decimal(sum(1 for other in placed if other.proposal.municipality == proposal.municipality))
    raise ValueError(rule)


def _describe(rule: str, winner, loser) -> str:
    labels = {
        TieBreak.VULNERABILITY: _("vulnerability priority (%(a)s against %(b)s)"),
        TieBreak.CRITERION: _("the tie-break criterion's mean (%(a)s against %(b)s)"),
        TieBreak.GENDER_BALANCE: _("share of women in the team (%(a)s against %(b)s)"),
        TieBreak.MUNICIPALITY_SPREAD: _(
            "municipality spread (%(a)s against %(b)s proposals from its municipality above)"
        ),
    }
    if rule == TieBreak.MUNICIPALITY_SPREAD:
        return labels[rule] % {"a": num(-winner), "b": num(-loser)}
    return labels[rule] % {"a": num(winner), "b": num(loser)}


def _order_tied(group: list[Aggregate], rules: list[str], criterion_pk, placed: list[Aggregate]):
    """Order proposals with equal totals by the cycle's tie-breaks; yields (aggregate, reason)."""
    remaining = sorted(group, key=lambda a: a.proposal.reference)
    while remaining:
        keys = {
            a.proposal.pk: [_tie_key(a, r, criterion_pk=criterion_pk, placed=placed) for r in rules] for a in remaining
        }
        best = max(remaining, key=lambda a: keys[a.proposal.pk])  # max keeps the first on a full tie
        reason = ""
        if len(remaining) > 1:
            runner = max((a for a in remaining if a is not best), key=lambda a: keys[a.proposal.pk])
            reason = _("Tied with %(other)s at %(total)s; placed ahead by reference, every tie-break being equal.") % {
                "other": runner.proposal.reference,
                "total": num(best.total),
            }
            for index, rule in enumerate(rules):
                mine, theirs = keys[best.proposal.pk][index], keys[runner.proposal.pk][index]
                if mine != theirs:
                    reason = _("Tied with %(other)s at %(total)s; placed ahead by %(rule)s.") % {
                        "other": runner.proposal.reference,
                        "total": num(best.total),
                        "rule": _describe(rule, mine, theirs),
                    }
                    break
        elif len(group) > 1:
            reason = _("Tied at %(total)s; placed last of the tied proposals.") % {"total": num(best.total)}
        remaining.remove(best)
        placed.append(best)
        yield best, reason


def _near_ties(item: Aggregate, passing: list[Aggregate]) -> list[str]:
    """Totals that print alike but differ: the position follows the unrounded values."""
    return [
        _("Shown as %(total)s like %(other)s, but ranked on the unrounded totals: %(mine)s against %(theirs)s.")
        % {
            "total": num(item.total),
            "other": other.proposal.reference,
            "mine": num(shown(item.exact_total, other.exact_total)),
            "theirs": num(shown(other.exact_total, item.exact_total)),
        }
        for other in sorted(passing, key=lambda a: a.proposal.reference)
        if other is not item and other.total == item.total and other.exact_total != item.exact_total
    ]


def rank(
    aggregates: list[Aggregate], *, budget: Decimal, tie_breaks: list[str], criterion_pk: int | None = None
) -> list[Ranked]:
    """Passing proposals in order with the funded line drawn by the budget; failing ones after."""
    rules = [r for r in tie_breaks if r in TieBreak.values and (r != TieBreak.CRITERION or criterion_pk)]
    passing = [a for a in aggregates if a.passes]
    totals = sorted({a.exact_total for a in passing}, reverse=True)
    ranked, placed, cumulative, line_drawn = [], [], Decimal(0), False
    for total in totals:
        group = [a for a in passing if a.exact_total == total]
        for item, tie_reason in _order_tied(group, rules, criterion_pk, placed):
            position = len(ranked) + 1
            amount = item.proposal.requested_amount
            lines = [_("Weighted total %(total)s meets every minimum.") % {"total": num(item.total)}]
            if tie_reason:
                lines.append(tie_reason)
            lines.extend(_near_ties(item, passing))
            if not line_drawn and cumulative + amount <= budget:
                cumulative += amount
                outcome = Decision.Outcome.SELECTED
                lines.append(
                    _("Above the funded line: %(cumulative)s of the %(budget)s budget committed.")
                    % {"cumulative": gel(cumulative), "budget": gel(budget)}
                )
            else:
                if not line_drawn:
                    lines.append(
                        _("The funded line falls here: %(left)s left does not cover the %(amount)s requested.")
                        % {"left": gel(budget - cumulative), "amount": gel(amount)}
                    )
                line_drawn = True
                outcome = Decision.Outcome.RESERVE
                lines.append(_("On the reserve list, in this order."))
            ranked.append(Ranked(item, position, outcome, lines, cumulative))
    for item in sorted((a for a in aggregates if not a.passes), key=lambda a: a.proposal.reference):
        ranked.append(Ranked(item, None, Decision.Outcome.REJECTED, list(item.failures)))
    return ranked
