"""Answers against a version's rules: types, required, constraints and skip logic.

The entry form, the Kobo/ODK import and the relevance preview all go through here, so the server
applies the same rules whatever the way in.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import gettext as _

from .expressions import Expression, ExpressionError, parse
from .models import Question

T = Question.Type


@lru_cache(maxsize=2048)
def compiled(text: str) -> Expression:
    return parse(text)


def expression_problems(text: str, known: set[str], *, allow_dot: bool) -> list[str]:
    """Problems with an expression written for a question that may refer to ``known`` names."""
    if not text:
        return []
    try:
        expression = compiled(text)
    except ExpressionError as error:
        return [str(error)]
    problems = [
        _("“%(name)s” is not an earlier question.") % {"name": name} for name in sorted(expression.names - known)
    ]
    if not allow_dot and expression.uses_dot:
        problems.append(_("“.” (this answer) may only be used in a constraint."))
    return problems


@dataclass
class Outcome:
    answers: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    hidden: set = field(default_factory=set)


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def apply_rules(questions, values: dict) -> Outcome:
    """Walk the questions in order: skip what `relevant` hides, check required and constraints."""
    outcome = Outcome()
    for question in questions:
        if question.relevant and not compiled(question.relevant).evaluate(outcome.answers):
            outcome.hidden.add(question.name)
            continue
        value = values.get(question.name)
        if _empty(value):
            if question.required:
                outcome.errors[question.name] = _("This question must be answered.")
            continue
        if question.constraint and not compiled(question.constraint).evaluate(outcome.answers, current=value):
            outcome.errors[question.name] = question.constraint_message or _("This answer is not allowed here.")
            continue
        outcome.answers[question.name] = value
    return outcome


def to_json(question, value):
    """A form's cleaned value as stored in Response.answers."""
    if _empty(value):
        return None
    if question.type == T.DECIMAL:
        return float(value)
    if question.type == T.DATE:
        return value.isoformat()
    return value


def coerce(question, raw, choice_values: set[str]):
    """A cell of an export (str, number or date) as stored in Response.answers; ValueError if it cannot be."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    kind = question.type
    if kind == T.TEXT:
        return str(raw).strip()
    if kind in (T.INTEGER, T.DECIMAL):
        try:
            number = Decimal(str(raw).strip())
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": str(raw)[:40]}) from None
        if kind == T.DECIMAL:
            return float(number)
        if number != number.to_integral_value():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": str(raw)[:40]})
        return int(number)
    if kind == T.DATE:
        return _date(raw)
    values = str(raw).split()
    unknown = [v for v in values if v not in choice_values]
    if unknown:
        raise ValueError(_("“%(value)s” is not one of the choices.") % {"value": " ".join(unknown)[:60]})
    if kind == T.SELECT_ONE:
        if len(values) != 1:
            raise ValueError(_("Only one choice may be given."))
        return values[0]
    if len(set(values)) != len(values):
        raise ValueError(_("A choice is given twice."))
    return values


def _date(raw) -> str:
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    try:
        return datetime.date.fromisoformat(str(raw).strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": str(raw)[:40]}) from None
