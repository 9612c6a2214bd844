import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from hubs.tests.factories import HubFactory, MunicipalityFactory
from reintegration.models import (
    AssessedNeed,
    Beneficiary,
    Case,
    Consent,
    CounsellingSession,
    FollowUp,
    Household,
    MigrationEpisode,
    NeedAssessment,
    PlanAction,
    PlanGoal,
)
from reintegration.services import case_number_next
from reintegration.taxonomy import Need

georgian = factory.Faker._get_faker(locale="ka_GE")


class BeneficiaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beneficiary

    name_ka = factory.LazyFunction(lambda: f"{georgian.first_name()} {georgian.last_name()}")
    birth_year = factory.Faker("random_int", min=1960, max=2005)
    sex = factory.Iterator(["female", "male"])
    phone = factory.Sequence(lambda n: f"+995 5{n % 100:02d} {n % 1000:03d} {n % 1000:03d}")
    municipality = factory.SubFactory(MunicipalityFactory)
    address = factory.LazyFunction(lambda: georgian.street_address())
    category = Beneficiary.Category.RETURNEE


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    size = 4


class MigrationEpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MigrationEpisode

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    country = "Germany"
    departure_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=900))
    return_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    status_abroad = MigrationEpisode.StatusAbroad.IRREGULAR
    return_type = MigrationEpisode.ReturnType.ASSISTED


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    hub = factory.SubFactory(HubFactory)
    counsellor = factory.SubFactory(UserFactory)
    status = Case.Status.ACTIVE
    number = factory.LazyAttribute(lambda o: case_number_next(hub=o.hub, year=timezone.localdate().year))


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    # Given to the hub of the person's first case (None for someone without a case yet).
    hub = factory.LazyAttribute(
        lambda o: (
            getattr(o.beneficiary.cases.order_by("opened_on", "pk").first(), "hub", None) if o.beneficiary.pk else None
        )
    )
    purpose = Consent.Purpose.DATA_PROCESSING
    method = Consent.Method.SIGNED_FORM
    recorded_by = factory.SubFactory(UserFactory)


class NeedAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedAssessment

    case = factory.SubFactory(CaseFactory)
    assessed_by = factory.LazyAttribute(lambda o: o.case.counsellor)


class AssessedNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessedNeed

    assessment = factory.SubFactory(NeedAssessmentFactory)
    need = Need.EMPLOYMENT


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CounsellingSession

    case = factory.SubFactory(CaseFactory)
    kind = CounsellingSession.Kind.COUNSELLING
    mode = CounsellingSession.Mode.IN_PERSON
    duration_minutes = 45
    topics = "დასაქმების შესაძლებლობები"
    counsellor = factory.LazyAttribute(lambda o: o.case.counsellor)


class PlanGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanGoal

    case = factory.SubFactory(CaseFactory)
    dimension = "economic"
    description = "სტაბილური შემოსავლის წყარო"
    created_by = factory.LazyAttribute(lambda o: o.case.counsellor)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    goal = factory.SubFactory(PlanGoalFactory)
    kind = PlanAction.Kind.REFERRAL
    description = "პროფესიული გადამზადება"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    case = factory.SubFactory(CaseFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    purpose = "სატელეფონო ზარი"
    assigned_to = factory.LazyAttribute(lambda o: o.case.counsellor)


def case_at(hub, counsellor, **kwargs) -> Case:
    """A case of hub ``hub`` whose person lives in the hub's municipality."""
    beneficiary_kwargs = {k[len("beneficiary__") :]: v for k, v in kwargs.items() if k.startswith("beneficiary__")}
    rest = {k: v for k, v in kwargs.items() if not k.startswith("beneficiary__")}
    beneficiary = BeneficiaryFactory(municipality=hub.municipality, **beneficiary_kwargs)
    return CaseFactory(hub=hub, counsellor=counsellor, beneficiary=beneficiary, **rest)
