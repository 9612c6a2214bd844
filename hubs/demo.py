"""Demo data for hubs: the selection that chose the 12 hubs, opening hours, trainings, information sessions.

Idempotent: each part is skipped when its data already exists. Runs after the demo accounts exist.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import (
    ApplicationScore,
    Hub,
    HubMembership,
    InfoSession,
    InfoSessionTopic,
    Municipality,
    MunicipalityApplication,
    OpeningHours,
    SelectionCriterion,
    TrainingEvent,
    TrainingParticipant,
    TrainingTopic,
)
from .tests.factories import (
    CascadeSessionFactory,
    InfoSessionFactory,
    MunicipalityApplicationFactory,
    SelectionCriterionFactory,
    TrainingEventFactory,
    TrainingParticipantFactory,
)

CRITERIA = [
    ("დაბრუნებულ მიგრანტთა რაოდენობა", "Number of returned migrants", 3, 0, 10),
    ("მუნიციპალიტეტის წერილობითი ვალდებულება", "The municipality's written commitment", 2, 1, 5),
    ("თანადაფინანსება", "Co-funding offered", 2, 1, 5),
    ("შეთავაზებული ფართი", "Premises offered", 1, 1, 5),
]
NOT_SELECTED = ["lagodekhi", "vani", "chokhatauri"]
CONTACTS = ["ლევან ჯაფარიძე", "თამარ ღლონტი", "დავით ნოზაძე", "ქეთევან ბაქრაძე", "ზურაბ ცერცვაძე", "მაია ჩიქოვანი"]
EXTERNAL_TRAINEES = [("სოციალური მუშაკი ", "Social worker "), ("მერიის სპეციალისტი ", "City hall specialist ")]


def seed() -> None:
    rng = random.Random(2026)
    with transaction.atomic():
        _opening_hours()
    with transaction.atomic():
        _selection(rng)
    with transaction.atomic():
        _trainings(rng)
    with transaction.atomic():
        _info_sessions(rng)


def _opening_hours() -> None:
    for hub in Hub.objects.exclude(opening_hours__isnull=False):
        OpeningHours.objects.bulk_create(
            OpeningHours(hub=hub, weekday=day, opens=datetime.time(10), closes=datetime.time(18)) for day in range(5)
        )


def _officer() -> User | None:
    return User.objects.filter(email="officer@demo.ge").first()


def _selection(rng: random.Random) -> None:
    if not SelectionCriterion.objects.exists():
        for order, (name_ka, name_en, weight, low, high) in enumerate(CRITERIA):
            SelectionCriterionFactory(
                name_ka=name_ka, name_en=name_en, weight=weight, min_score=low, max_score=high, sort_order=order
            )
    officer = _officer()
    if officer is None or MunicipalityApplication.objects.exists():
        return
    criteria = list(SelectionCriterion.objects.all())
    decided = datetime.date(2025, 11, 14)
    candidates = list(Municipality.objects.filter(hub__isnull=False)) + list(
        Municipality.objects.filter(code__in=NOT_SELECTED)
    )
    for index, municipality in enumerate(candidates):
        selected = municipality.code not in NOT_SELECTED
        application = MunicipalityApplicationFactory(
            municipality=municipality,
            received_on=datetime.date(2025, 10, 1) + datetime.timedelta(days=index),
            returnees_last_year=rng.randint(30, 220),
            returnees_last_five_years=rng.randint(200, 1100),
            emigrants_estimate=rng.randint(1500, 9000),
            co_funding_gel=Decimal(rng.randrange(5000, 30000, 500)),
            contact_name=CONTACTS[index % len(CONTACTS)],
            contact_position="მერის მოადგილე",
            status="selected" if selected else "not_selected",
            decision_reason=(
                "მაღალი დაბრუნების მაჩვენებელი და მერიის მტკიცე ვალდებულება."
                if selected
                else "დაბრუნებულთა რაოდენობა და თანადაფინანსება სხვა განაცხადებზე დაბალია."
            ),
            decided_on=decided,
            decided_by=officer,
        )
        for criterion in criteria:
            low = criterion.min_score + (criterion.max_score - criterion.min_score) // (2 if selected else 4)
            score = rng.randint(low, criterion.max_score) if selected else rng.randint(criterion.min_score, low)
            ApplicationScore.objects.create(application=application, criterion=criterion, scorer=officer, score=score)


def _trainings(rng: random.Random) -> None:
    if TrainingEvent.objects.exists():
        return
    today = timezone.localdate()
    staff = list(HubMembership.objects.active().select_related("user", "hub").order_by("hub__code", "role"))
    plan = [
        ("counselling", today - datetime.timedelta(days=120), "თბილისი, IOM საქართველოს ოფისი", "ეკა ლომიძე"),
        ("referral", today - datetime.timedelta(days=75), "ქუთაისი, სასტუმრო „ბაგრატი“", "გიორგი ხუციშვილი"),
        ("psychosocial-first-aid", today - datetime.timedelta(days=40), "თელავი, კულტურის ცენტრი", "ნანა ჯიქია"),
    ]
    for code, date, place, trainer in plan:
        topic = TrainingTopic.objects.filter(code=code).first()
        if topic is None:
            continue
        tot = TrainingEventFactory(
            topic=topic, date=date, end_date=date + datetime.timedelta(days=2), place=place, trainer_name=trainer,
            hours=Decimal(18),
        )  # fmt: skip
        for membership in staff:
            pre = Decimal(rng.randint(35, 65))
            post = min(Decimal(100), pre + rng.randint(10, 35))
            attended = rng.random() > 0.1
            TrainingParticipantFactory(
                event=tot,
                user=membership.user,
                hub=membership.hub,
                attended=attended,
                pre_score=pre,
                post_score=post if attended else None,
                completed_on=tot.end_date if attended else None,
            )
        leads = [m for m in staff if m.role == "hub_lead"]
        for membership in rng.sample(leads, min(6, len(leads))):
            cascade = CascadeSessionFactory(
                parent=tot,
                hub=membership.hub,
                date=date + datetime.timedelta(days=rng.randint(10, 30)),
                place=membership.hub.address or membership.hub.name_ka,
                trainer=membership.user,
                trainer_name="",
            )
            for number, (name_ka, name_en) in enumerate(EXTERNAL_TRAINEES * 2, start=1):
                pre = Decimal(rng.randint(30, 60))
                TrainingParticipantFactory(
                    event=cascade,
                    user=None,
                    external_name=f"{name_ka}{number}",
                    external_name_en=f"{name_en}{number}",
                    hub=membership.hub,
                    pre_score=pre,
                    post_score=pre + rng.randint(5, 30),
                )
    _number_certificates()


def _number_certificates() -> None:
    for participant in TrainingParticipant.objects.completed().order_by("pk"):
        participant.certificate_number = f"TOT-{participant.completed_on.year}-{participant.pk:05d}"
        participant.save(update_fields=["certificate_number"])


def _info_sessions(rng: random.Random) -> None:
    if InfoSession.objects.exists():
        return
    topics = list(InfoSessionTopic.objects.all())
    if not topics:
        return
    today = timezone.localdate()
    places = ["საკრებულოს დარბაზი", "საჯარო სკოლა", "კულტურის სახლი", "ახალგაზრდული ცენტრი"]
    for hub in Hub.objects.all():
        facilitator = HubMembership.objects.active().filter(hub=hub).select_related("user").first()
        for month_back in range(4):
            InfoSessionFactory(
                hub=hub,
                topic=topics[(month_back + hub.pk) % len(topics)],
                date=today - datetime.timedelta(days=30 * month_back + rng.randint(1, 20)),
                place=rng.choice(places),
                facilitator=facilitator.user if facilitator else None,
                facilitator_name="" if facilitator else "ნათია კვარაცხელია",
                returnee_women=rng.randint(0, 8),
                returnee_men=rng.randint(0, 10),
                potential_women=rng.randint(2, 15),
                potential_men=rng.randint(2, 18),
                resident_women=rng.randint(0, 9),
                resident_men=rng.randint(0, 7),
                materials="ბროშურა „უსაფრთხო მიგრაცია“, რეინტეგრაციის სერვისების ბუკლეტი",
                materials_count=rng.randint(15, 60),
            )
