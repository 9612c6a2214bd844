import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.access import get_in_scope_or_404
from accounts.models import AccessLog, User
from accounts.permissions import has_admin_perm, is_officer, users_visible_to
from accounts.roles import Role, roles_of
from accounts.tests.factories import MembershipFactory, UserFactory
from hubs.models import Hub

pytestmark = pytest.mark.django_db


def test_roles_come_only_from_memberships_active_today():
    today = timezone.localdate()
    former = MembershipFactory(
        role=Role.OFFICER, start_date=today - timezone.timedelta(days=100), end_date=today - timezone.timedelta(days=1)
    ).user
    future = MembershipFactory(role=Role.PARTNER, start_date=today + timezone.timedelta(days=5)).user
    current = MembershipFactory(role=Role.PARTNER).user
    assert roles_of(former) == frozenset()
    assert roles_of(future) == frozenset()
    assert roles_of(current) == {Role.PARTNER}


def test_counsellor_and_lead_roles_come_from_hub_membership(counsellor, hub_lead, other_hub_counsellor):
    assert roles_of(counsellor) == {Role.COUNSELLOR}
    assert roles_of(hub_lead) == {Role.HUB_LEAD}
    assert not is_officer(counsellor)


def test_officer_may_view_add_change_in_admin_but_not_delete(officer, counsellor):
    assert has_admin_perm(officer, "hubs.change_hub")
    assert has_admin_perm(officer, "hubs.view_hub")
    assert not has_admin_perm(officer, "hubs.delete_hub")
    assert has_admin_perm(officer, "axes.delete_accessattempt")
    assert not has_admin_perm(counsellor, "hubs.view_hub")


def test_officers_see_every_account_others_only_their_own(officer, counsellor):
    assert users_visible_to(officer).count() == User.objects.count()
    assert list(users_visible_to(counsellor)) == [counsellor]


def _request(user, path="/x/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_reading_a_personal_record_in_scope_writes_a_view_entry(counsellor, officer):
    obj = get_in_scope_or_404(_request(officer, "/people/7/"), users_visible_to(officer), pk=counsellor.pk)
    assert obj == counsellor
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.object_id, entry.path) == (
        officer,
        AccessLog.Action.VIEW,
        str(counsellor.pk),
        "/people/7/",
    )


def test_a_record_outside_the_scope_answers_404_and_the_attempt_is_logged(counsellor, officer):
    with pytest.raises(Http404):
        get_in_scope_or_404(_request(counsellor), users_visible_to(counsellor), pk=officer.pk)
    entry = AccessLog.objects.get()
    assert entry.action == AccessLog.Action.DENIED
    assert entry.user == counsellor
    assert entry.object_id == str(officer.pk)


def test_a_record_that_does_not_exist_answers_the_same_404_without_a_log(counsellor):
    with pytest.raises(Http404):
        get_in_scope_or_404(_request(counsellor), users_visible_to(counsellor), pk=999_999)
    assert not AccessLog.objects.exists()


def test_reading_reference_data_is_not_logged(officer, world):
    get_in_scope_or_404(_request(officer), Hub.objects.all(), pk=world.hub_a.pk)
    assert not AccessLog.objects.exists()


def test_counsellor_refused_at_the_admin_is_logged(client, counsellor):
    client.force_login(counsellor)
    response = client.get(reverse("admin:hubs_hub_changelist"))
    assert response.status_code == 403
    entry = AccessLog.objects.get()
    assert entry.action == AccessLog.Action.DENIED
    assert entry.path == reverse("admin:hubs_hub_changelist")


def test_a_change_through_the_admin_keeps_who_and_what_in_the_history(client, officer, world):
    hub = world.hub_a
    client.force_login(officer)
    url = reverse("admin:hubs_hub_change", args=[hub.pk])
    data = {
        "code": hub.code,
        "name_ka": hub.name_ka,
        "name_en": hub.name_en,
        "municipality": hub.municipality_id,
        "address": hub.address,
        "phone": "+995 350 27 00 00",
        "opening_date": "2021-03-01",
        "status": Hub.Status.SUSPENDED,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = hub.history.first()
    assert latest.history_user == officer
    assert latest.status == Hub.Status.SUSPENDED
    assert latest.prev_record.status == Hub.Status.OPERATIONAL


def test_user_history_never_stores_the_password_hash():
    user = UserFactory()
    user.full_name = "ნინო კაპანაძე"
    user.save()
    assert user.history.count() >= 2
    assert not hasattr(user.history.first(), "password")


def test_a_new_officer_membership_grants_admin_access(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 403
    MembershipFactory(user=user, role=Role.OFFICER)
    assert client.get(reverse("admin:index")).status_code == 200
