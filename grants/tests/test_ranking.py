"""Aggregation and ranking as pure functions, against hand-computed values."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from accounts.templatetags.money import gel
from grants.models import Decision, TieBreak
from grants.ranking import CriterionSpec, ProposalSpec, aggregate, rank

A = CriterionSpec(1, "A", D(2), D(3))
B = CriterionSpec(2, "B", D(1), D(3))
C = CriterionSpec(3, "C", D(1), D(2))
CRITERIA = [A, B, C]


@pytest.fixture(autouse=True)
def _english():
    """Explanations are asserted in English."""
    with translation.override("en"):
        yield


def agg(spec, a, b, c):
    return aggregate(spec, CRITERIA, {1: a, 2: b, 3: c}, counted=len(a), total_minimum=D(3), disagreement_spread=D(2))


def spec(pk, amount="10000", vulnerability=0, women="0", municipality="m1"):
    return ProposalSpec(pk, f"P{pk}", D(amount), vulnerability, D(women), municipality)


def test_weighted_total_is_the_weighted_mean_of_criterion_means_rounded_half_up():
    result = agg(spec(1), [5, 4], [4, 4], [4, 5])
    assert [c.mean for c in result.criteria] == [D("4.50"), D("4.00"), D("4.50")]
    assert result.total == D("4.38")  # (4.5*2 + 4 + 4.5) / 4 = 4.375
    assert result.passes


def test_a_wide_spread_is_flagged_as_disagreement():
    result = agg(spec(1), [1, 5, 4], [5, 4, 4], [4, 4, 4])
    assert result.criteria[0].disagreement and not result.criteria[1].disagreement
    assert result.total == D("3.75")  # (3.333*2 + 4.333 + 4) / 4


def test_a_criterion_below_its_minimum_fails_even_with_a_high_total():
    result = agg(spec(1), [5, 5, 5], [2, 3, 3], [5, 5, 5])
    assert not result.passes
    assert "B" in result.failures[0]


def test_a_total_below_the_minimum_fails_when_each_criterion_passes():
    result = agg(spec(1), [3, 3], [3, 3], [2, 2])
    assert result.total == D("2.75")
    assert not result.passes and "2.75" in result.failures[0]


def test_explanations_write_figures_as_the_page_language_does():
    with translation.override("ka"):
        failing = agg(spec(1), [3, 3], [3, 3], [2, 2])  # total (3*2 + 3 + 2) / 4 = 2.75, minimum 3
        ranked = rank([agg(spec(2), [5, 4], [4, 4], [4, 5])], budget=D("50000"), tie_breaks=[])
    assert "2,75" in failing.failures[0] and "2.75" not in failing.failures[0]
    assert "4,38" in ranked[0].explanation[0]  # (4.5*2 + 4 + 4.5) / 4 = 4.375, rounded half up


def test_no_counted_review_means_no_total_and_a_failure():
    result = aggregate(spec(1), CRITERIA, {}, counted=0, total_minimum=D(3), disagreement_spread=D(2))
    assert result.total is None and not result.passes


def _rank(aggregates, budget="100000", rules=None, criterion=None):
    return rank(aggregates, budget=D(budget), tie_breaks=rules or list(TieBreak.values), criterion_pk=criterion)


def test_funded_line_falls_at_the_first_proposal_the_budget_cannot_cover():
    ranked = _rank(
        [
            agg(spec(1, "20000"), [5], [5], [5]),
            agg(spec(2, "20000"), [4], [4], [4]),
            agg(spec(3, "5000"), [3], [3], [3]),
        ],
        budget="30000",
    )
    assert [(r.proposal.pk, r.position, r.outcome) for r in ranked] == [
        (1, 1, Decision.Outcome.SELECTED),
        (2, 2, Decision.Outcome.RESERVE),
        (3, 3, Decision.Outcome.RESERVE),
    ]
    assert any(gel(D("10000")) in line for line in ranked[1].explanation)


def test_ties_break_on_vulnerability_first():
    ranked = _rank([agg(spec(1, vulnerability=1), [4], [4], [4]), agg(spec(2, vulnerability=3), [4], [4], [4])])
    assert [r.proposal.pk for r in ranked] == [2, 1]
    assert "3" in ranked[0].explanation[1] and "P1" in ranked[0].explanation[1]


def test_ties_then_break_on_the_chosen_criterion():
    ranked = _rank([agg(spec(1), [4], [5], [4]), agg(spec(2), [4], [3], [6])], criterion=2)
    # totals: (8+5+4)/4 = 4.25 and (8+3+6)/4 = 4.25
    assert ranked[0].aggregate.total == ranked[1].aggregate.total == D("4.25")
    assert [r.proposal.pk for r in ranked] == [1, 2]


def test_ties_then_break_on_gender_balance_then_municipality_spread():
    ranked = _rank([agg(spec(1, women="0.25"), [4], [4], [4]), agg(spec(2, women="0.75"), [4], [4], [4])])
    assert [r.proposal.pk for r in ranked] == [2, 1]
    ranked = _rank(
        [
            agg(spec(1, municipality="m1"), [5], [5], [5]),
            agg(spec(2, municipality="m1"), [4], [4], [4]),
            agg(spec(3, municipality="m2"), [4], [4], [4]),
        ]
    )
    assert [r.proposal.pk for r in ranked] == [1, 3, 2]
    assert "municipality" in ranked[1].explanation[1]


def test_the_cycles_order_of_tie_breaks_is_followed():
    items = [
        agg(spec(1, vulnerability=3, women="0"), [4], [4], [4]),
        agg(spec(2, vulnerability=0, women="1"), [4], [4], [4]),
    ]
    assert [r.proposal.pk for r in _rank(items)] == [1, 2]
    assert [r.proposal.pk for r in _rank(items, rules=[TieBreak.GENDER_BALANCE, TieBreak.VULNERABILITY])] == [2, 1]


def test_failing_proposals_are_rejected_with_their_reasons_and_no_position():
    ranked = _rank([agg(spec(1), [2], [2], [2]), agg(spec(2), [4], [4], [4])])
    assert ranked[-1].proposal.pk == 1 and ranked[-1].position is None
    assert ranked[-1].outcome == Decision.Outcome.REJECTED and ranked[-1].explanation
