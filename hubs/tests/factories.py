import factory
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from hubs.models import (
    Hub,
    HubMembership,
    InfoSession,
    InfoSessionTopic,
    Municipality,
    MunicipalityApplication,
    Region,
    SelectionCriterion,
    TrainingEvent,
    TrainingParticipant,
    TrainingTopic,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"region-{n}")
    name_ka = factory.Sequence(lambda n: f"რეგიონი {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    is_target = True


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"municipality-{n}")
    name_ka = factory.Sequence(lambda n: f"მუნიციპალიტეტი {n}")
    name_en = factory.Sequence(lambda n: f"Municipality {n}")
    is_pilot = True


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"H{n:02d}"[-3:])
    municipality = factory.SubFactory(MunicipalityFactory)
    name_ka = factory.LazyAttribute(lambda o: f"{o.municipality.name_ka} ჰაბი")
    name_en = factory.LazyAttribute(lambda o: f"{o.municipality.name_en} hub")
    address = "ცენტრალური ქუჩა 1"
    phone = "+995 32 200 00 00"
    status = Hub.Status.OPERATIONAL


class HubMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubMembership

    user = factory.SubFactory(UserFactory)
    hub = factory.SubFactory(HubFactory)
    role = Role.COUNSELLOR
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=90))


def counsellor_of(hub: Hub, **kwargs):
    return HubMembershipFactory(hub=hub, role=Role.COUNSELLOR, **kwargs).user


def hub_lead_of(hub: Hub, **kwargs):
    return HubMembershipFactory(hub=hub, role=Role.HUB_LEAD, **kwargs).user


class TrainingTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTopic
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"topic-{n}")
    name_ka = factory.Sequence(lambda n: f"თემა {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class TrainingEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingEvent

    topic = factory.SubFactory(TrainingTopicFactory)
    format = TrainingEvent.Format.TOT
    date = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=30))
    place = "თბილისი, IOM-ის ოფისი"
    trainer_name = "ეკა ლომიძე"


class CascadeSessionFactory(TrainingEventFactory):
    format = TrainingEvent.Format.CASCADE
    parent = factory.SubFactory(TrainingEventFactory)
    hub = factory.SubFactory(HubFactory)
    topic = factory.SelfAttribute("parent.topic")
    place = factory.LazyAttribute(lambda o: o.hub.address)


class TrainingParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingParticipant

    event = factory.SubFactory(TrainingEventFactory)
    user = factory.SubFactory(UserFactory)
    attended = True


class InfoSessionTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoSessionTopic
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"info-topic-{n}")
    name_ka = factory.Sequence(lambda n: f"საინფორმაციო თემა {n}")
    name_en = factory.Sequence(lambda n: f"Information topic {n}")


class InfoSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoSession

    hub = factory.SubFactory(HubFactory)
    topic = factory.SubFactory(InfoSessionTopicFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=10))
    place = "საკრებულოს დარბაზი"
    facilitator_name = "ნათია კვარაცხელია"
    returnee_women = 3
    returnee_men = 2
    potential_women = 4
    potential_men = 5
    resident_women = 1
    resident_men = 0


class SelectionCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionCriterion

    name_ka = factory.Sequence(lambda n: f"კრიტერიუმი {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    min_score = 0
    max_score = 5


class MunicipalityApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalityApplication

    municipality = factory.SubFactory(MunicipalityFactory, is_pilot=False)
    returnees_last_year = 120
    returnees_last_five_years = 640
    commitment = "მუნიციპალიტეტი უზრუნველყოფს ოფისს და ერთ თანამშრომელს."
    co_funding_gel = 15000
    premises = "ორი ოთახი მერიის შენობაში"
    contact_name = "გიორგი მაისურაძე"
    contact_phone = "+995 599 00 00 00"
