import pytest
from django.urls import reverse

from hubs.tests.factories import HubFactory, HubMembershipFactory, counsellor_of
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("dashboard:home")).content.decode()


def test_counsellor_sees_their_hub_and_team_but_not_other_hubs(client, world, counsellor, hub_lead):
    page = _home(client, counsellor)
    assert world.hub_a.name_ka in page
    assert hub_lead.full_name in page
    assert world.hub_b.name_ka not in page
    assert world.user("other_hub_counsellor").full_name not in page
    assert 'data-testid="officer-home"' not in page


def test_officer_sees_every_hub_with_its_staff_count_and_a_link_to_its_page(client, world, officer):
    page = _home(client, officer)
    assert world.hub_a.name_ka in page and world.hub_b.name_ka in page
    assert reverse("admin:index") in page
    assert reverse("hubs:hub-detail", args=[world.hub_a.pk]) in page


def test_partner_sees_counts_by_region_and_no_names_of_people(client, world, partner, counsellor):
    page = _home(client, partner)
    assert 'data-testid="regions-summary"' in page
    assert counsellor.full_name not in page
    assert 'data-testid="officer-home"' not in page
    assert reverse("admin:index") not in page


def test_account_without_role_is_told_what_to_do(client, world, mentor):
    page = _home(client, mentor)
    assert 'data-testid="no-role"' in page


def test_officer_home_costs_the_same_queries_with_more_hubs_and_staff(client, world, officer):
    client.force_login(officer)

    def grow():
        for _ in range(5):
            hub = HubFactory()
            HubMembershipFactory.create_batch(3, hub=hub)

    assert_constant_queries(client, reverse("dashboard:home"), grow)


def test_counsellor_home_costs_the_same_queries_with_more_colleagues(client, world, counsellor):
    client.force_login(counsellor)
    assert_constant_queries(client, reverse("dashboard:home"), lambda: [counsellor_of(world.hub_a) for _ in range(6)])


def test_committee_member_and_mentor_are_shown_their_grant_work(client, world):
    from grants.tests.url_matrix import setup as grants_setup

    grants_setup(world)
    member_page = _home(client, world.user("committee_member"))
    assert reverse("grants:cycle-list") in member_page
    assert 'data-testid="no-role"' not in member_page
    mentor_page = _home(client, world.user("mentor"))
    assert reverse("grants:application-list") in mentor_page
    assert 'data-testid="no-role"' not in mentor_page


@pytest.mark.parametrize("persona", ["officer", "counsellor"])
def test_the_home_costs_the_same_queries_with_clients_whose_optional_relations_are_filled(client, world, persona):
    """Clients with a household, a consent and a second hub's case: an N+1 on any of them would show."""
    from reintegration.tests.factories import BeneficiaryFactory, CaseFactory, ConsentFactory, HouseholdFactory

    client.force_login(world.user(persona))

    def grow():
        for hub in (world.hub_a, world.hub_b, HubFactory()):
            for _ in range(3):
                person = BeneficiaryFactory(household=HouseholdFactory())
                CaseFactory(beneficiary=person, hub=hub)
                ConsentFactory(beneficiary=person)
            HubMembershipFactory(hub=hub)

    assert_constant_queries(client, reverse("dashboard:home"), grow)
