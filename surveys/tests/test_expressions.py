import pytest

from surveys.expressions import ExpressionError, parse


@pytest.mark.parametrize(
    ("text", "answers", "current", "expected"),
    [
        ("${a} = 'yes'", {"a": "yes"}, None, True),
        ("${a} = 'yes'", {"a": "no"}, None, False),
        ("${a} != 'yes'", {}, None, True),
        ("${age} >= 18", {"age": 18}, None, True),
        ("${age} >= 18", {"age": 17}, None, False),
        ("${age} > 18", {}, None, False),  # an empty answer never satisfies a numeric comparison
        (". >= 0 and . <= 120", {}, 121, False),
        (". >= 0 and . <= 120", {}, 45, True),
        ("${a} = 'x' or ${b} < 3", {"a": "y", "b": 2}, None, True),
        ("${a} = 'x' or ${b} < 3", {"a": "y", "b": 3}, None, False),
        ("(${a} = 'x' or ${a} = 'y') and not(${b} = 1)", {"a": "y", "b": 2}, None, True),
        ("selected(${needs}, 'housing')", {"needs": ["employment", "housing"]}, None, True),
        ("selected(${needs}, 'housing')", {"needs": ["employment"]}, None, False),
        ("count-selected(${needs}) <= 2", {"needs": ["a", "b", "c"]}, None, False),
        ("string-length(.) <= 5", {}, "hello!", False),
        ("${income} div 2 > 100", {"income": 250.5}, None, True),
        ("${d} < '2024-01-01'", {"d": "2023-12-31"}, None, True),
        ("${n} + 1 = 3", {"n": 2}, None, True),
        ("-${n} < 0", {"n": 2}, None, True),
        ("true()", {}, None, True),
    ],
)
def test_expression_evaluates_like_xlsform(text, answers, current, expected):
    assert parse(text).evaluate(answers, current=current) is expected


def test_expression_lists_the_questions_it_refers_to():
    assert parse("${a} = 1 and selected(${b}, 'x')").names == {"a", "b"}


@pytest.mark.parametrize(
    "text", ["${a} = ", "__import__('os')", "${a} == 1", "(${a} = 1", "selected(${a})", "", "${a} = 1 ; 2", "a.b"]
)
def test_expression_refuses_what_is_not_the_xlsform_subset(text):
    with pytest.raises(ExpressionError):
        parse(text)
