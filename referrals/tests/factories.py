import factory
from django.utils import timezone

from hubs.tests.factories import MunicipalityFactory, RegionFactory
from referrals.models import Coverage, GuideEdition, Location, Organization, Phone, ReferralGuide, Service
from reintegration.taxonomy import Need


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_ka = factory.Sequence(lambda n: f"ორგანიზაცია {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    type = Organization.Type.NGO
    description_ka = "აღწერა"
    email = factory.Sequence(lambda n: f"org{n}@example.ge")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name_ka = factory.Sequence(lambda n: f"ოფისი {n}")
    name_en = factory.Sequence(lambda n: f"Office {n}")
    address_ka = "რუსთაველის გამზ. 1"
    address_en = "1 Rustaveli Avenue"
    municipality = factory.SubFactory(MunicipalityFactory)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name_ka = factory.Sequence(lambda n: f"სერვისი {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    description_ka = "მომსახურების აღწერა"
    category = Need.EMPLOYMENT
    coverage = Coverage.NATIONAL
    languages = ["ka"]
    target_groups = ["returnees"]
    email = factory.Sequence(lambda n: f"service{n}@example.ge")
    last_verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            self.locations.set(extracted)


class PhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phone

    service = factory.SubFactory(ServiceFactory)
    number = factory.Sequence(lambda n: f"+995 32 200 {n:04d}")


class ReferralGuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralGuide
        django_get_or_create = ["region"]

    region = factory.SubFactory(RegionFactory)


class GuideEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideEdition

    guide = factory.SubFactory(ReferralGuideFactory)
    number = factory.Sequence(lambda n: n + 1)
    published_at = factory.LazyFunction(timezone.now)
    snapshot = factory.LazyFunction(lambda: {"services": [], "implementers": []})


def referral_for(world_or_hub, counsellor, *, consent: bool = True, status=None, service=None, **kwargs):
    """A referral from a case of ``hub`` (the person living in the hub's municipality) for one need."""
    from referrals.models import Referral, ReferralEvent
    from reintegration.models import Consent
    from reintegration.tests.factories import AssessedNeedFactory, ConsentFactory, case_at

    hub = getattr(world_or_hub, "hub_a", world_or_hub)
    case = case_at(hub, counsellor)
    need = AssessedNeedFactory(assessment__case=case, need=(service.category if service else Need.EMPLOYMENT))
    service = service or ServiceFactory(category=need.need)
    if consent:
        ConsentFactory(
            beneficiary=case.beneficiary,
            purpose=Consent.Purpose.SHARING,
            provider_name=service.organization.name_ka,
            recorded_by=counsellor,
        )
    referral = Referral.objects.create(
        case=case, need=need, service=service, reason="სამუშაოს ძიება", created_by=counsellor, **kwargs
    )
    ReferralEvent.objects.create(referral=referral, at=timezone.now(), actor=counsellor, to_status=referral.status)
    if status is not None:
        Referral.objects.filter(pk=referral.pk).update(status=status, sent_at=timezone.now())
        referral.refresh_from_db()
    return referral
