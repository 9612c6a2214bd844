"""Reads for surveys, starting from the user's scope."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Question, Response, Round, RoundTarget
from .permissions import rounds_visible_to


def rounds_for_list(user):
    return rounds_visible_to(user).for_list()


def round_progress(round_: Round) -> list[RoundTarget]:
    """Each municipality's target with the responses collected so far (one query)."""
    done = (
        Response.objects.filter(round=round_, municipality=OuterRef("municipality"))
        .values("municipality")
        .annotate(n=Count("pk"))
        .values("n")
    )
    targets = list(
        RoundTarget.objects.filter(round=round_)
        .select_related("municipality")
        .annotate(done=Coalesce(Subquery(done), 0))
        .order_by("municipality__name_en")
    )
    for target in targets:
        target.percent = min(100, int(100 * target.done / target.target)) if target.target else 0
    return targets


def version_questions(version) -> list[Question]:
    return list(version.questions.prefetch_related("choices").order_by("position"))


def responses_for_list(scope, round_: Round):
    return scope.filter(round=round_).for_list()


def answer_display(question: Question, value) -> str:
    """An answer as a person reads it: choice labels instead of values."""
    if value is None or value == "" or value == []:
        return ""
    if not question.has_choices:
        return str(value)
    labels = {c.value: c.label for c in question.choices.all()}
    values = value if isinstance(value, list) else [value]
    if question.type == Question.Type.RANK:
        return ", ".join(f"{i}. {labels.get(v, v)}" for i, v in enumerate(values, start=1))
    return ", ".join(labels.get(v, v) for v in values)


def answer_rows(questions, answers: dict) -> list[tuple[Question, str]]:
    return [(q, answer_display(q, answers.get(q.name))) for q in questions]
