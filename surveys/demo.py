"""Demo data: a baseline and a final household survey round, and a community priorities round,
with enough responses in each pilot municipality for the analysis page to show something real."""

import random
import uuid

from django.db import transaction
from django.utils import timezone

from hubs.models import Hub

from .models import Instrument, Response, Round, RoundTarget
from .selectors import version_questions
from .tests.factories import random_answers

ROUNDS = [
    # instrument kind, Georgian, English, days ago it started, status, responses per municipality, shift
    (Instrument.Kind.BASELINE, "საბაზისო კვლევა 2026", "Baseline survey 2026", 200, Round.Status.CLOSED, 40, 0),
    (
        Instrument.Kind.PRIORITIES,
        "თემის პრიორიტეტები 2026",
        "Community priorities 2026",
        150,
        Round.Status.CLOSED,
        25,
        0,
    ),
    (Instrument.Kind.FINAL, "საბოლოო კვლევა 2026", "Final survey 2026", 20, Round.Status.OPEN, 30, 1),
]


@transaction.atomic
def seed() -> None:
    hubs = list(Hub.objects.select_related("municipality").order_by("code"))
    if not hubs:
        return
    rng = random.Random(2026)
    for kind, name_ka, name_en, days_ago, status, per_place, shift in ROUNDS:
        instrument = Instrument.objects.filter(kind=kind).first()
        if instrument is None or Round.objects.filter(name_en=name_en).exists():
            continue
        version = instrument.versions.order_by("number").first()
        start = timezone.localdate() - timezone.timedelta(days=days_ago)
        round_ = Round.objects.create(
            version=version, name_ka=name_ka, name_en=name_en, start_date=start,
            end_date=start + timezone.timedelta(days=60), status=status,
        )  # fmt: skip
        RoundTarget.objects.bulk_create(RoundTarget(round=round_, municipality=h.municipality, target=50) for h in hubs)
        questions = version_questions(version)
        responses = []
        for hub in hubs:
            for _n in range(per_place):
                response = Response(
                    round=round_, municipality=hub.municipality, uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                    submitted_at=timezone.now() - timezone.timedelta(days=rng.randint(1, 40)),
                    source=Response.Source.IMPORT, answers=random_answers(questions, rng, shift=shift),
                    weight=rng.choice([1, 1, 1.5, 2]),
                )  # fmt: skip
                response.set_profile()
                responses.append(response)
        Response.objects.bulk_create(responses, batch_size=500)
