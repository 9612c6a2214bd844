"""The scoring engine against hand-computed values: unequal weights, a missing answer, per level."""

from decimal import Decimal

import pytest

from rss import scoring
from rss.statistics import wilson
from rss.tests.factories import hand_version

pytestmark = pytest.mark.django_db

# e1a=1, e1b=0.5, e2a=0.25, s1a=0.5, s1b missing, p1a=0, p2a=1
ANSWERS = {"e1a": "full", "e1b": "half", "e2a": "quarter", "s1a": "half", "s1b": None, "p1a": "none", "p2a": "full"}


def test_question_level_takes_the_option_value_and_leaves_a_missing_answer_without_one(tmp_path):
    result = scoring.score(hand_version(tmp_path).spec(), ANSWERS)
    assert result.questions["e1b"].value == Decimal("0.5")
    assert result.questions["e2a"].value == Decimal("0.25")
    assert result.questions["s1b"].value is None


def test_indicator_level_is_the_weighted_mean_re_weighted_over_answered_questions(tmp_path):
    result = scoring.score(hand_version(tmp_path).spec(), ANSWERS)
    # e1 = 0.5*1 + 0.5*0.5 = 0.75; s1 = (0.7*0.5) / 0.7 = 0.5 (s1b missing, re-weighted)
    assert scoring.q4(result.indicators["e1"].value) == Decimal("0.7500")
    assert scoring.q4(result.indicators["s1"].value) == Decimal("0.5000")
    assert result.indicators["s1"].missing == ["s1b"]
    assert scoring.q4(result.indicators["s1"].answered_share) == Decimal("0.7000")


def test_dimension_level_uses_the_unequal_indicator_weights(tmp_path):
    scores = scoring.score(hand_version(tmp_path).spec(), ANSWERS).scores()
    # economic = 0.6*0.75 + 0.4*0.25 = 0.55; social = 0.5; psychosocial = 0.25*0 + 0.75*1 = 0.75
    assert scores["economic"] == Decimal("0.5500")
    assert scores["social"] == Decimal("0.5000")
    assert scores["psychosocial"] == Decimal("0.7500")


def test_composite_uses_the_unequal_dimension_weights(tmp_path):
    # 0.5*0.55 + 0.3*0.5 + 0.2*0.75 = 0.275 + 0.15 + 0.15 = 0.575
    assert scoring.score(hand_version(tmp_path).spec(), ANSWERS).scores()["composite"] == Decimal("0.5750")


def test_a_minimum_answered_share_leaves_a_level_without_score_and_passes_it_up(tmp_path):
    spec = hand_version(tmp_path, name="strict", min_share="0.8").spec()
    result = scoring.score(spec, ANSWERS)
    # s1 has 0.7 of its weight answered (< 0.8): no s1, so no social; composite then holds
    # economic and psychosocial = 0.7 of its weight (< 0.8): no composite either.
    assert result.indicators["s1"].value is None
    assert result.dimensions["social"].value is None
    assert scoring.q4(result.dimensions["economic"].value) == Decimal("0.5500")
    assert result.composite.value is None


def test_with_a_lower_minimum_the_composite_re_weights_over_the_scored_dimensions(tmp_path):
    spec = hand_version(tmp_path, name="mid", min_share="0.7").spec()
    answers = ANSWERS | {"s1a": None}
    # social has nothing answered; composite = (0.5*0.55 + 0.2*0.75) / 0.7 = 0.425 / 0.7 = 0.607142…
    assert scoring.score(spec, answers).scores()["composite"] == Decimal("0.6071")


def test_nothing_answered_gives_no_score_at_any_level(tmp_path):
    result = scoring.score(hand_version(tmp_path).spec(), {})
    assert all(v is None for v in result.scores().values())


def test_the_band_is_the_highest_threshold_at_or_below_the_score(tmp_path):
    spec = hand_version(tmp_path).spec()
    assert scoring.band(spec, Decimal("0.4999")).label_en == "Low"
    assert scoring.band(spec, Decimal("0.5")).label_en == "High"


def test_the_weakest_dimension_is_the_lowest_score():
    assert (
        scoring.weakest(
            {"economic": Decimal("0.55"), "social": Decimal("0.5"), "psychosocial": None},
            ["economic", "social", "psychosocial"],
        )
        == "social"
    )


def test_wilson_interval_matches_a_hand_computation():
    # 7 of 10, z = 1.96: centre (0.7 + 0.19208) / 1.38416 = 0.644477, half = 1.96·√(0.021 + 0.009604) / 1.38416
    # = 0.247718 -> [0.396759, 0.892195] (R's prop.test(7, 10, correct=FALSE): 0.3967781 0.8922087).
    share = wilson(7, 10)
    assert share.share == Decimal("0.7")
    assert round(share.low, 4) == Decimal("0.3968")
    assert round(share.high, 4) == Decimal("0.8922")


def test_wilson_interval_of_nothing_is_empty_and_stays_inside_zero_one():
    assert wilson(0, 0).share is None
    assert wilson(0, 5).low == 0 and wilson(5, 5).high == 1
