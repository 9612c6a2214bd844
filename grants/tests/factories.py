import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from grants.models import (
    Application,
    CommitteeMembership,
    Criterion,
    GrantCycle,
    MentorAssignment,
    MentoringSession,
    PlanVersion,
    Proposal,
    TeamMember,
)
from hubs.tests.factories import MunicipalityFactory


class GrantCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantCycle
        skip_postgeneration_save = True

    name_ka = factory.Sequence(lambda n: f"ბიზნეს გრანტები {2026 + n}")
    name_en = factory.Sequence(lambda n: f"Business grants {2026 + n}")
    kind = GrantCycle.Kind.BUSINESS
    call_opens = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=120))
    call_closes = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=90))
    budget = Decimal("100000.00")
    ceiling = Decimal("20000.00")
    target_awards = 6
    status = GrantCycle.Status.REVIEW

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.municipalities.set(extracted)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    cycle = factory.SubFactory(GrantCycleFactory)
    name_ka = factory.Sequence(lambda n: f"კრიტერიუმი {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = Decimal("1.00")
    order = factory.Sequence(lambda n: n)


class CommitteeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMembership

    cycle = factory.SubFactory(GrantCycleFactory)
    user = factory.SubFactory(UserFactory)
    role = CommitteeMembership.Role.MEMBER
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cycle = factory.SubFactory(GrantCycleFactory)
    reference = factory.Sequence(lambda n: f"G-{n:04d}")
    team_name = factory.Sequence(lambda n: f"გუნდი {n}")
    team_type = Application.TeamType.COLLECTIVE
    business_idea = "თხილის გადამამუშავებელი საამქრო"
    municipality = factory.SubFactory(MunicipalityFactory)
    requested_amount = Decimal("15000.00")
    status = Application.Status.MENTORING
    created_by = factory.SubFactory(UserFactory)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    application = factory.SubFactory(ApplicationFactory)
    full_name = factory.Sequence(lambda n: f"გიორგი მაისურაძე {n}")
    sex = "male"
    age = 35
    is_returnee = True


class MentorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorAssignment

    application = factory.SubFactory(ApplicationFactory)
    mentor = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=80))


class MentoringSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringSession

    application = factory.SubFactory(ApplicationFactory)
    mentor = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(timezone.localdate)
    duration_minutes = 90
    topics = "მარკეტინგი"


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion

    application = factory.SubFactory(ApplicationFactory)
    number = factory.Sequence(lambda n: n + 1)
    summary = "ბიზნეს გეგმა"
    created_by = factory.SubFactory(UserFactory)


def proposal_for(application: Application, **fields) -> Proposal:
    from django.contrib.contenttypes.models import ContentType

    defaults = {
        "cycle": application.cycle,
        "content_type": ContentType.objects.get_for_model(Application),
        "object_id": application.pk,
        "reference": application.reference,
        "title": application.team_name,
        "requested_amount": application.requested_amount,
        "municipality": application.municipality,
    }
    return Proposal.objects.create(**(defaults | fields))


def committee_cycle(*, chair, members=(), rapporteur=None, criteria=3, **cycle_fields) -> GrantCycle:
    """A cycle in review with criteria and a committee: chair, rapporteur and plain members."""
    cycle = GrantCycleFactory(**cycle_fields)
    for index in range(criteria):
        CriterionFactory(cycle=cycle, order=index)
    CommitteeMembershipFactory(cycle=cycle, user=chair, role=CommitteeMembership.Role.CHAIR)
    if rapporteur is not None:
        CommitteeMembershipFactory(cycle=cycle, user=rapporteur, role=CommitteeMembership.Role.RAPPORTEUR)
    for member in members:
        CommitteeMembershipFactory(cycle=cycle, user=member, role=CommitteeMembership.Role.MEMBER)
    return cycle
