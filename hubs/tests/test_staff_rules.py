"""Who a hub lead may make staff of their hub, and ending a membership today takes effect at once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from hubs.models import HubMembership
from hubs.services import membership_end, staff_assign
from reintegration.tests.factories import case_at

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _assign_page(client, hub):
    return client.get(reverse("hubs:staff-assign", kwargs={"pk": hub.pk}))


def test_a_hub_lead_is_offered_only_accounts_without_any_role(client_for, world, hub_lead):
    free = UserFactory(email="free@example.ge", full_name="თავისუფალი ანგარიში")
    page = _assign_page(client_for(hub_lead), world.hub_a)
    offered = set(page.context["form"].fields["user"].queryset)
    # The world's mentor and committee accounts hold no membership yet: they are role-less here.
    roleless = {world.user(p) for p in ("mentor", "committee_member", "conflicted_member")}
    assert offered == {free} | roleless
    body = page.content.decode()
    for someone in ("partner@sdc.ch", "officer@iom.ge", "counsellor@b.ge"):
        assert someone not in body


def test_an_officer_is_offered_every_active_account_not_working_at_the_hub(client_for, world, officer):
    page = _assign_page(client_for(officer), world.hub_a)
    offered = set(page.context["form"].fields["user"].queryset)
    assert world.user("partner") in offered and world.user("other_hub_counsellor") in offered
    assert world.user("counsellor") not in offered


@pytest.mark.parametrize("persona", ["partner", "other_hub_counsellor", "officer"])
def test_a_hub_lead_cannot_give_a_hub_role_to_an_account_holding_another_role(world, hub_lead, persona):
    with pytest.raises(PermissionDenied):
        staff_assign(
            user=world.user(persona), hub=world.hub_a, role=Role.COUNSELLOR, start_date=TODAY, acting_user=hub_lead
        )
    assert not HubMembership.objects.filter(user=world.user(persona), hub=world.hub_a).exists()


def test_a_hub_lead_cannot_post_a_partner_into_the_form_either(client_for, world, hub_lead):
    url = reverse("hubs:staff-assign", kwargs={"pk": world.hub_a.pk})
    data = {"user": world.user("partner").pk, "role": Role.COUNSELLOR, "start_date": TODAY.isoformat()}
    response = client_for(hub_lead).post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["user"]
    assert not HubMembership.objects.filter(user=world.user("partner")).exists()


def test_a_committee_member_or_mentor_counts_as_holding_a_role(world, hub_lead):
    from grants.tests.factories import CommitteeMembershipFactory

    member = CommitteeMembershipFactory().user
    with pytest.raises(PermissionDenied):
        staff_assign(user=member, hub=world.hub_a, role=Role.COUNSELLOR, start_date=TODAY, acting_user=hub_lead)


def test_a_hub_lead_assigns_an_account_without_a_role(world, hub_lead):
    free = UserFactory()
    membership = staff_assign(user=free, hub=world.hub_a, role=Role.COUNSELLOR, start_date=TODAY, acting_user=hub_lead)
    assert membership.hub == world.hub_a


def test_an_officer_gives_a_second_role_to_an_existing_account(world, officer):
    partner = world.user("partner")
    staff_assign(user=partner, hub=world.hub_a, role=Role.COUNSELLOR, start_date=TODAY, acting_user=officer)
    assert HubMembership.objects.filter(user=partner, hub=world.hub_a).exists()


def test_ending_a_membership_today_takes_effect_at_once(world, hub_lead, counsellor):
    case = case_at(world.hub_a, counsellor)
    client = Client()
    client.force_login(counsellor)
    assert client.get(case.get_absolute_url()).status_code == 200
    membership_end(membership=HubMembership.objects.get(user=counsellor), end_date=TODAY, acting_user=hub_lead)
    assert client.get(case.get_absolute_url()).status_code in (403, 404)
    fresh = User.objects.get(pk=counsellor.pk)
    from hubs.permissions import hub_ids_of

    assert hub_ids_of(fresh) == frozenset()
    membership = HubMembership.objects.get(user=counsellor)
    assert membership.end_date == TODAY and not membership.is_active


def test_ending_a_membership_on_a_later_day_keeps_it_until_then(world, hub_lead, counsellor):
    later = TODAY + timezone.timedelta(days=3)
    membership_end(membership=HubMembership.objects.get(user=counsellor), end_date=later, acting_user=hub_lead)
    membership = HubMembership.objects.get(user=counsellor)
    assert membership.is_active and membership.ended_at is None
    assert HubMembership.objects.active().filter(user=counsellor).exists()


def test_the_hub_staff_count_drops_at_once(world, hub_lead, counsellor):
    from hubs.models import Hub

    before = Hub.objects.for_list().get(pk=world.hub_a.pk).staff_count
    membership_end(membership=HubMembership.objects.get(user=counsellor), end_date=TODAY, acting_user=hub_lead)
    assert Hub.objects.for_list().get(pk=world.hub_a.pk).staff_count == before - 1
