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
from .problems import ProblemError, problem, problem_text

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
    errors: dict = field(default_factory=dict)  # question name -> problem {"code", "params"}
    hidden: set = field(default_factory=set)

    def messages(self) -> dict[str, str]:
        """The errors in the current language, by question name."""
        return {name: problem_text(p["code"], p["params"]) for name, p in self.errors.items()}


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def shown(value) -> str:
    """An answer as written in a problem message."""
    return " ".join(map(str, value)) if isinstance(value, list) else str(value)[:60]


def constraint_problem(question, value) -> dict:
    """The rule broken, the value given, and the XLSForm's own message when it has one."""
    if question.constraint_message_ka or question.constraint_message_en:
        return problem(
            "constraint_message", rule=question.constraint, value=shown(value),
            message_ka=question.constraint_message_ka, message_en=question.constraint_message_en,
        )  # fmt: skip
    return problem("constraint", rule=question.constraint, value=shown(value))


def is_asked(question, answers: dict) -> bool:
    """Whether skip logic shows the question, given the answers to the questions before it."""
    return not question.relevant or compiled(question.relevant).evaluate(answers)


def apply_rules(questions, values: dict) -> Outcome:
    """Walk the questions in order: skip what `relevant` hides, check required and constraints.

    An answer to a hidden question is an error, never silently dropped: the person (or the file)
    answered something the questionnaire did not ask.
    """
    outcome = Outcome()
    for question in questions:
        value = values.get(question.name)
        if not is_asked(question, outcome.answers):
            outcome.hidden.add(question.name)
            # Not when the rule reads an answer that was itself refused: that one error says it all.
            if not _empty(value) and not compiled(question.relevant).names & outcome.errors.keys():
                outcome.errors[question.name] = problem("hidden_answered", rule=question.relevant, value=shown(value))
            continue
        if _empty(value):
            if question.required:
                outcome.errors[question.name] = problem("required")
            continue
        if question.constraint and not compiled(question.constraint).evaluate(outcome.answers, current=value):
            outcome.errors[question.name] = constraint_problem(question, value)
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
    """A cell of an export (str, number or date) as stored in Response.answers; ProblemError if it cannot be."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    kind = question.type
    if kind == T.TEXT:
        return str(raw).strip()
    if kind in (T.INTEGER, T.DECIMAL):
        try:
            number = Decimal(str(raw).strip())
        except InvalidOperation:
            raise ProblemError("not_a_number", value=str(raw)[:40]) from None
        if kind == T.DECIMAL:
            return float(number)
        if number != number.to_integral_value():
            raise ProblemError("not_whole", value=str(raw)[:40])
        return int(number)
    if kind == T.DATE:
        return _date(raw)
    values = str(raw).split()
    unknown = [v for v in values if v not in choice_values]
    if unknown:
        raise ProblemError("not_a_choice", value=" ".join(unknown)[:60])
    if kind == T.SELECT_ONE:
        if len(values) != 1:
            raise ProblemError("one_choice")
        return values[0]
    if len(set(values)) != len(values):
        raise ProblemError("choice_twice")
    return values


def _date(raw) -> str:
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    try:
        return datetime.date.fromisoformat(str(raw).strip()[:10]).isoformat()
    except ValueError:
        raise ProblemError("not_a_date", value=str(raw)[:40]) from None
