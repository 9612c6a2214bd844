import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from community.models import (
    Consultation,
    ConsultationPriority,
    ExpertAssignment,
    Idea,
    IdeaPlan,
    Initiative,
    InitiativeTranche,
    PriorityTheme,
)
from grants.models import GrantCycle
from grants.tests.factories import GrantCycleFactory
from hubs.tests.factories import MunicipalityFactory
from surveys.models import Instrument
from surveys.tests.factories import InstrumentFactory, RoundFactory, build_version

THEMES = [
    ("roads", "გზების რეაბილიტაცია", "Road rehabilitation"),
    ("water", "სასმელი წყალი და სარწყავი სისტემა", "Drinking water and irrigation"),
    ("kindergarten", "საბავშვო ბაღი", "Kindergarten"),
    ("youth_centre", "ახალგაზრდული და სათემო ცენტრი", "Youth and community centre"),
]


class PriorityThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityTheme
        django_get_or_create = ["survey_choice"]

    survey_choice = factory.Sequence(lambda n: f"theme_{n}")
    name_ka = factory.Sequence(lambda n: f"პრიორიტეტი {n}")
    name_en = factory.Sequence(lambda n: f"Priority {n}")
    order = factory.Sequence(lambda n: n)


def themes() -> dict[str, PriorityTheme]:
    return {
        code: PriorityThemeFactory(survey_choice=code, name_ka=ka, name_en=en, order=i)
        for i, (code, ka, en) in enumerate(THEMES, start=1)
    }


PEOPLE_20 = {  # 20 people: 12 women and 8 men, by age and by status
    "female": 12, "male": 8, "age_18_29": 5, "age_30_44": 7, "age_45_59": 5, "age_60_plus": 3,
    "returnees": 6, "potential_migrants": 4, "local_residents": 10,
}  # fmt: skip


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    municipality = factory.SubFactory(MunicipalityFactory)
    village = "ყვარელი"
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=40))
    place = "საკრებულოს დარბაზი"
    facilitator = "ნინო ბერიძე"
    vote_mode = Consultation.VoteMode.MEETING
    created_by = factory.SubFactory(UserFactory)
    female, male = 12, 8
    age_18_29, age_30_44, age_45_59, age_60_plus = 5, 7, 5, 3
    returnees, potential_migrants, local_residents = 6, 4, 10


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationPriority

    consultation = factory.SubFactory(ConsultationFactory)
    theme = factory.SubFactory(PriorityThemeFactory)
    paper_votes = 0


def priorities_round(municipality, rankings: list[list[str]]):
    """A community-priorities survey round in the municipality with one response per ranking."""
    from surveys.tests.factories import ResponseFactory

    instrument = InstrumentFactory(code="community-priorities-test", kind=Instrument.Kind.PRIORITIES)
    version = build_version(
        [
            {
                "name": "community_priorities",
                "group": "priorities",
                "type": "rank",
                "label_ka": "დაალაგეთ",
                "label_en": "Rank",
                "list_name": "priorities",
                "choices": THEMES,
            },
        ],  # fmt: skip
        instrument=instrument,
    )
    survey_round = RoundFactory(version=version, municipalities=[municipality])
    for order in rankings:
        ResponseFactory(round=survey_round, municipality=municipality, answers={"community_priorities": order})
    return survey_round


def community_cycle(**fields) -> GrantCycle:
    fields = {"kind": GrantCycle.Kind.COMMUNITY, "status": GrantCycle.Status.CALL_OPEN} | fields
    return GrantCycleFactory(**fields)


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    cycle = factory.SubFactory(GrantCycleFactory, kind=GrantCycle.Kind.COMMUNITY, status=GrantCycle.Status.MENTORING)
    reference = factory.Sequence(lambda n: f"CI-{n:04d}")
    title = factory.Sequence(lambda n: f"სათემო ცენტრის რეაბილიტაცია {n}")
    kind = Idea.Kind.INFRASTRUCTURE
    municipality = factory.LazyAttribute(lambda o: o.priority.consultation.municipality)
    location = "სოფელი შილდა"
    description = "სათემო ცენტრის სახურავის შეკეთება"
    applicant = "შილდის საინიციატივო ჯგუფი"
    estimated_cost = Decimal("15000.00")
    local_cofunding = Decimal("1000.00")
    municipal_cofunding = Decimal("2000.00")
    priority = factory.SubFactory(PriorityFactory, retained=True, retention_reason="survey agrees")
    status = Idea.Status.SUBMITTED
    created_by = factory.SubFactory(UserFactory)
    female, male = 30, 20
    age_0_17, age_18_29, age_30_44, age_45_59, age_60_plus = 10, 10, 10, 10, 10
    returnees, potential_migrants, local_residents = 10, 5, 35


class ExpertAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertAssignment

    idea = factory.SubFactory(IdeaFactory)
    expert = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class IdeaPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdeaPlan

    idea = factory.SubFactory(IdeaFactory)
    number = factory.Sequence(lambda n: n + 1)
    summary = "სახურავის შეკეთება და ეზოს კეთილმოწყობა"
    budget = factory.LazyFunction(lambda: [{"item": "სახურავი", "amount": "12000.00", "cofunding": "3000.00"}])
    workplan = factory.LazyFunction(lambda: [{"activity": "ტენდერი", "month": 1}])
    created_by = factory.SubFactory(UserFactory)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    idea = factory.SubFactory(IdeaFactory, status=Idea.Status.SELECTED)
    agreement_date = factory.LazyFunction(timezone.localdate)
    amount = Decimal("12000.00")
    created_by = factory.SubFactory(UserFactory)


class TrancheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeTranche

    initiative = factory.SubFactory(InitiativeFactory)
    number = factory.Sequence(lambda n: n + 1)
    milestone = "მასალების შეძენა"
    amount = Decimal("6000.00")
