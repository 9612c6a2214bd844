import factory
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from hubs.models import Hub, HubMembership, Municipality, Region


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
