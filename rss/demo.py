"""Demo rounds for a local run: a baseline and follow-ups on some live cases of every hub."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from reintegration.models import Case

from . import services
from .models import Round, Version


def seed() -> None:
    """Idempotent: cases that already have a round are left as they are."""
    services.provisional_load()
    version = Version.objects.with_tree().filter(is_current=True).first()
    if version is None or Round.objects.exists():
        return
    rng = random.Random(2026)
    questions = [(q.code, [o.code for o in q.options.all()]) for q in version.questions.all()]
    for case in Case.objects.live().select_related("hub", "counsellor").order_by("hub__code", "pk"):
        if rng.random() < 0.6:
            _seed_case(case, questions, rng)


@transaction.atomic
def _seed_case(case, questions, rng) -> None:
    today = timezone.localdate()
    start = today - datetime.timedelta(days=rng.randint(100, 400))
    skill = rng.uniform(0.2, 0.9)  # how far from the worst answer a person's answers start

    def answers(progress: float) -> dict:
        chosen = {}
        for code, options in questions:
            if rng.random() < 0.05:
                continue  # a question left unanswered now and then
            worst = len(options) - 1
            index = worst - round(min(1.0, skill + progress + rng.uniform(-0.2, 0.2)) * worst)
            chosen[code] = options[max(0, min(worst, index))]
        return chosen

    services.baseline_record(case=case, answers=answers(0), acting_user=case.counsellor, conducted_on=start)
    for n, round_ in enumerate(case.rss_rounds.filter(status=Round.Status.SCHEDULED).order_by("month")):
        if round_.due_on > today:
            break
        services.follow_up_record(
            round=round_, answers=answers(0.1 * (n + 1)), acting_user=case.counsellor, conducted_on=round_.due_on
        )
