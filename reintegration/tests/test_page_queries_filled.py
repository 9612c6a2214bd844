"""Query counts of the case list, case page, intake search, "My work" (and its lists) with rows whose
optional relations are filled: a household with a member, consents (data processing and sharing),
a referral with its event, a needs assessment, a session, an overdue follow-up, a case of the same
person at another hub (the second-hub notice) and a pending transfer. An N+1 on any of them makes
the second count larger than the first (tests/queries.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Referral, ReferralEvent
from referrals.tests.factories import NAME, ServiceFactory, filled_client
from reintegration.models import HouseholdMember
from reintegration.tests.factories import (
    AssessedNeedFactory,
    CaseFactory,
    ConsentFactory,
    FollowUpFactory,
    SessionFactory,
)
from tests.queries import assert_constant_queries, queries_for

pytestmark = pytest.mark.django_db


def _grow(world, counsellor, count: int = 3):
    return lambda: [filled_client(world, counsellor) for _ in range(count)]


def test_case_list_costs_the_same_with_filled_relations(client_for, world, counsellor):
    filled_client(world, counsellor)
    assert_constant_queries(client_for(counsellor), reverse("reintegration:case-list"), _grow(world, counsellor))


def test_case_list_search_costs_the_same_with_filled_relations(client_for, world, officer, counsellor):
    filled_client(world, counsellor)
    url = reverse("reintegration:case-list") + "?q=ბერიძე"
    assert_constant_queries(client_for(officer), url, _grow(world, counsellor))


def test_case_page_costs_the_same_with_filled_relations(client_for, world, counsellor):
    case = filled_client(world, counsellor)

    def grow():
        person = case.beneficiary
        for _ in range(3):
            HouseholdMember.objects.create(household=person.household, full_name="სხვა", relationship="child")
            ConsentFactory(beneficiary=person, recorded_by=counsellor)
            need = AssessedNeedFactory(assessment__case=case)
            referral = Referral.objects.create(
                case=case, need=need, service=ServiceFactory(category=need.need), reason="x", created_by=counsellor
            )
            ReferralEvent.objects.create(referral=referral, at=timezone.now(), actor=counsellor, to_status="draft")
            SessionFactory(case=case, counsellor=counsellor)
        other = world.user("other_hub_counsellor")  # an earlier case at the other hub, closed
        CaseFactory(hub=world.hub_b, counsellor=other, beneficiary=case.beneficiary, status="closed")

    client = client_for(counsellor)
    client.get(case.get_absolute_url())  # the first view warms the per-process caches (content types)
    assert_constant_queries(client, case.get_absolute_url(), grow)


def _fill_every_tab(world, counsellor):
    """A filled case whose every tab has rows: a grant application of the person, an RSS baseline
    (it schedules the follow-ups), a plan goal with an action, a follow-up done, a status change."""
    from grants.tests.factories import TeamMemberFactory
    from reintegration.models import CaseStatusChange
    from reintegration.tests.factories import PlanActionFactory
    from rss import services as rss_services
    from rss.tests.factories import answers_all, provisional

    case = filled_client(world, counsellor)
    version = provisional()
    rss_services.baseline_record(case=case, answers=answers_all(version), acting_user=counsellor)

    def one_more_of_each():
        person = case.beneficiary
        HouseholdMember.objects.create(household=person.household, full_name="სხვა", relationship="child")
        ConsentFactory(beneficiary=person, recorded_by=counsellor)
        need = AssessedNeedFactory(assessment__case=case)
        referral = Referral.objects.create(
            case=case, need=need, service=ServiceFactory(category=need.need), reason="x", created_by=counsellor
        )
        ReferralEvent.objects.create(referral=referral, at=timezone.now(), actor=counsellor, to_status="draft")
        SessionFactory(case=case, counsellor=counsellor)
        PlanActionFactory(goal__case=case, goal__created_by=counsellor)
        FollowUpFactory(case=case, done_at=timezone.now(), outcome="შედგა")
        CaseStatusChange.objects.create(case=case, from_status="active", to_status="active", actor=counsellor)
        TeamMemberFactory(beneficiary=person, full_name=person.name_ka)
        scheduled = case.rss_rounds.filter(status="scheduled").order_by("month").first()
        if scheduled:
            rss_services.follow_up_record(round=scheduled, answers=answers_all(version, 1), acting_user=counsellor)

    one_more_of_each()
    return case, lambda: [one_more_of_each() for _ in range(3)]


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("tab", ["overview", "sessions", "referrals", "timeline"])
def test_each_tab_of_the_case_page_costs_the_same_with_one_or_many_rows(client_for, world, counsellor, tab, htmx):
    case, grow = _fill_every_tab(world, counsellor)
    client = client_for(counsellor)
    headers = {"HX-Request": "true"} if htmx else {}
    url = f"{case.get_absolute_url()}?tab={tab}"
    client.get(url, headers=headers)  # the first view warms the per-process caches (content types)
    before = queries_for(client, url, headers=headers)
    grow()
    page = client.get(url, headers=headers).content.decode()
    assert queries_for(client, url, headers=headers) == before
    assert ("<html" in page) is not htmx
    if htmx:  # a tab alone: the request's 4 and its own reads, at most 5 (tests/test_page_queries.py)
        assert before <= 9 + (tab == "referrals")  # + the RSS suggestions for a scored round (one query)


def test_intake_search_costs_the_same_with_filled_relations(client_for, world, counsellor):
    filled_client(world, counsellor)
    url = reverse("reintegration:intake") + "?q=" + NAME
    client = client_for(counsellor)
    assert_constant_queries(client, url, _grow(world, counsellor))
    assert client.get(url).content.decode().count(NAME) >= 4


@pytest.mark.parametrize("persona", ["counsellor", "hub_lead"])
def test_my_work_costs_the_same_with_filled_relations(client_for, world, persona):
    counsellor = world.user("counsellor")
    filled_client(world, counsellor)
    assert_constant_queries(client_for(world.user(persona)), reverse("reintegration:my-work"), _grow(world, counsellor))


@pytest.mark.parametrize("name", ["overdue", "upcoming", "cases", "team-overdue", "approvals", "transfers", "tasks"])
def test_each_list_of_my_work_costs_the_same_at_two_sizes(client_for, world, hub_lead, name):
    counsellor = world.user("counsellor")
    filled_client(world, counsellor)
    url = reverse("reintegration:my-work-list", args=[name])
    assert_constant_queries(client_for(hub_lead), url, _grow(world, counsellor))
