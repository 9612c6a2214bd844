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


NAME = "ნინო ბერიძე"


def filled_client(world, counsellor, *, hub=None, name: str = NAME):
    """A case whose person has every optional relation the lists and pages show: a household with a
    member, consents (data processing and sharing), a needs assessment, a referral with its event, a
    session, an overdue follow-up, a case at another hub (the second-hub notice), a pending transfer."""
    import datetime

    from referrals.models import Referral, ReferralEvent
    from reintegration.models import CaseTransfer, Consent, HouseholdMember
    from reintegration.tests.factories import (
        AssessedNeedFactory,
        CaseFactory,
        ConsentFactory,
        FollowUpFactory,
        HouseholdFactory,
        SessionFactory,
        case_at,
    )

    case = case_at(hub or world.hub_a, counsellor, beneficiary__name_ka=name)
    person = case.beneficiary
    person.household = HouseholdFactory(head=person)
    person.save()
    HouseholdMember.objects.create(household=person.household, full_name="ეკა ბერიძე", relationship="spouse")
    ConsentFactory(beneficiary=person, recorded_by=counsellor)
    need = AssessedNeedFactory(assessment__case=case)
    service = ServiceFactory(category=need.need)
    ConsentFactory(
        beneficiary=person,
        purpose=Consent.Purpose.SHARING,
        provider_name=service.organization.name_ka,
        recorded_by=counsellor,
    )
    referral = Referral.objects.create(case=case, need=need, service=service, reason="x", created_by=counsellor)
    ReferralEvent.objects.create(referral=referral, at=timezone.now(), actor=counsellor, to_status=referral.status)
    SessionFactory(case=case, counsellor=counsellor)
    FollowUpFactory(case=case, due_on=timezone.localdate() - datetime.timedelta(days=3))
    other_counsellor = world.user("other_hub_counsellor")
    elsewhere = CaseFactory(hub=world.hub_b, counsellor=other_counsellor, beneficiary=person)
    CaseTransfer.objects.create(
        case=elsewhere, from_hub=world.hub_b, to_hub=world.hub_a, reason="x", requested_by=other_counsellor
    )
    return case
