import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User
from accounts.roles import Role, roles_of
from accounts.tests.factories import UserFactory
from hubs.models import HubMembership
from hubs.services import membership_end, staff_assign, staff_deactivate, staff_move

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _invite_data(**overrides):
    return {
        "full_name": "მარიამ გელაშვილი",
        "email": "mariam@example.ge",
        "role": Role.COUNSELLOR,
        "start_date": TODAY.isoformat(),
        "language": "ka",
    } | overrides


def test_officer_invites_a_counsellor_who_gets_an_email_and_a_membership(
    client_for, world, officer, django_capture_on_commit_callbacks
):
    url = reverse("hubs:staff-invite", kwargs={"pk": world.hub_a.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(url, _invite_data())
    assert response.status_code == 302
    person = User.objects.get(email="mariam@example.ge")
    membership = HubMembership.objects.get(user=person)
    assert (membership.hub, membership.role, membership.start_date) == (world.hub_a, Role.COUNSELLOR, TODAY)
    assert Invitation.objects.filter(user=person, used_at__isnull=True).exists()
    assert mail.outbox[-1].to == ["mariam@example.ge"]
    assert "http://testserver/accounts/invitation/" in mail.outbox[-1].body


def test_hub_lead_invites_a_counsellor_to_their_own_hub(
    client_for, world, hub_lead, django_capture_on_commit_callbacks
):
    url = reverse("hubs:staff-invite", kwargs={"pk": world.hub_a.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(hub_lead).post(url, _invite_data())
    assert response.status_code == 302
    assert HubMembership.objects.filter(user__email="mariam@example.ge", hub=world.hub_a).exists()


def test_hub_lead_cannot_name_another_hub_lead(client_for, world, hub_lead):
    url = reverse("hubs:staff-invite", kwargs={"pk": world.hub_a.pk})
    response = client_for(hub_lead).post(url, _invite_data(role=Role.HUB_LEAD))
    assert response.status_code == 200  # the role is not offered to them
    assert not User.objects.filter(email="mariam@example.ge").exists()


def test_hub_lead_cannot_touch_another_hubs_staff(client_for, world, hub_lead):
    client = client_for(hub_lead)
    assert client.post(reverse("hubs:staff-invite", kwargs={"pk": world.hub_b.pk}), _invite_data()).status_code == 404
    other = HubMembership.objects.get(user=world.user("other_hub_counsellor"))
    response = client.post(reverse("hubs:membership-end", kwargs={"pk": other.pk}), {"end_date": TODAY.isoformat()})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.end_date is None


def test_inviting_someone_who_already_has_an_account_asks_to_assign_instead(client_for, world, officer):
    url = reverse("hubs:staff-invite", kwargs={"pk": world.hub_a.pk})
    response = client_for(officer).post(url, _invite_data(email="counsellor@b.ge"))
    assert response.status_code == 200
    assert "assign" in response.content.decode() or "მიამაგრეთ" in response.content.decode()
    assert not HubMembership.objects.filter(user__email="counsellor@b.ge", hub=world.hub_a).exists()


def test_officer_assigns_an_existing_account_as_hub_lead(client_for, world, officer):
    person = UserFactory(email="levan@example.ge")
    url = reverse("hubs:staff-assign", kwargs={"pk": world.hub_b.pk})
    data = {"user": person.pk, "role": Role.HUB_LEAD, "start_date": TODAY.isoformat(), "end_date": ""}
    response = client_for(officer).post(url, data)
    assert response.status_code == 302
    assert HubMembership.objects.get(user=person).role == Role.HUB_LEAD
    assert Role.HUB_LEAD in roles_of(User.objects.get(pk=person.pk))


def test_a_person_cannot_be_assigned_twice_to_the_same_hub_in_one_period(world, officer, counsellor):
    with pytest.raises(ValidationError):
        staff_assign(user=counsellor, hub=world.hub_a, role=Role.HUB_LEAD, start_date=TODAY, acting_user=officer)


def test_counsellor_cannot_assign_anyone(world, counsellor):
    with pytest.raises(PermissionDenied):
        staff_assign(
            user=UserFactory(), hub=world.hub_a, role=Role.COUNSELLOR, start_date=TODAY, acting_user=counsellor
        )


def test_hub_lead_ends_a_counsellors_membership_which_stays_as_history(client_for, world, hub_lead, counsellor):
    membership = HubMembership.objects.get(user=counsellor)
    url = reverse("hubs:membership-end", kwargs={"pk": membership.pk})
    response = client_for(hub_lead).post(url, {"end_date": TODAY.isoformat()})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == TODAY
    assert membership.history.count() == 2
    page = client_for(hub_lead).get(reverse("hubs:hub-detail", kwargs={"pk": world.hub_a.pk})).content.decode()
    assert "ნინო ბერიძე" in page


def test_hub_lead_cannot_end_their_own_membership(world, hub_lead):
    with pytest.raises(PermissionDenied):
        membership_end(membership=HubMembership.objects.get(user=hub_lead), end_date=TODAY, acting_user=hub_lead)


def test_an_end_date_before_the_start_is_refused(world, officer, counsellor):
    membership = HubMembership.objects.get(user=counsellor)
    with pytest.raises(ValidationError):
        membership_end(
            membership=membership, end_date=membership.start_date - datetime.timedelta(days=1), acting_user=officer
        )


def test_officer_moves_a_counsellor_to_another_hub_without_losing_history(client_for, world, officer, counsellor):
    membership = HubMembership.objects.get(user=counsellor)
    url = reverse("hubs:membership-move", kwargs={"pk": membership.pk})
    response = client_for(officer).post(
        url, {"to_hub": world.hub_b.pk, "on_date": TODAY.isoformat(), "role": "counsellor"}
    )
    assert response.status_code == 302
    memberships = list(HubMembership.objects.filter(user=counsellor).order_by("start_date"))
    assert [(m.hub, m.end_date) for m in memberships] == [
        (world.hub_a, TODAY - datetime.timedelta(days=1)),
        (world.hub_b, None),
    ]
    fresh = User.objects.get(pk=counsellor.pk)
    assert client_for(fresh).get(reverse("hubs:hub-detail", kwargs={"pk": world.hub_b.pk})).status_code == 200


def test_moving_to_the_same_hub_is_refused(world, officer, counsellor):
    with pytest.raises(ValidationError):
        staff_move(
            membership=HubMembership.objects.get(user=counsellor),
            to_hub=world.hub_a,
            on_date=TODAY,
            acting_user=officer,
        )


def test_hub_lead_cannot_move_staff(world, hub_lead, counsellor):
    with pytest.raises(PermissionDenied):
        staff_move(
            membership=HubMembership.objects.get(user=counsellor),
            to_hub=world.hub_b,
            on_date=TODAY,
            acting_user=hub_lead,
        )


def test_officer_deactivates_a_counsellor_whose_session_ends_at_once(client, world, officer, counsellor):
    from django.test import Client

    victim = Client()
    victim.force_login(counsellor)
    assert victim.get(reverse("dashboard:home")).status_code == 200
    client.force_login(officer)
    url = reverse("hubs:staff-deactivate", kwargs={"user_pk": counsellor.pk})
    assert "ნინო ბერიძე" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not User.objects.get(pk=counsellor.pk).is_active
    assert HubMembership.objects.get(user=counsellor).end_date == TODAY
    assert not Session.objects.filter(session_key=victim.session.session_key).exists()
    assert victim.get(reverse("dashboard:home")).status_code == 302


def test_hub_lead_cannot_deactivate(world, hub_lead, counsellor):
    with pytest.raises(PermissionDenied):
        staff_deactivate(user=counsellor, acting_user=hub_lead)


def test_hub_lead_sends_a_pending_colleague_a_fresh_link_and_the_old_one_stops(
    client_for, world, hub_lead, django_capture_on_commit_callbacks
):
    client = client_for(hub_lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("hubs:staff-invite", kwargs={"pk": world.hub_a.pk}), _invite_data())
    membership = HubMembership.objects.get(user__email="mariam@example.ge")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("hubs:membership-reinvite", kwargs={"pk": membership.pk}))
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    invitations = Invitation.objects.filter(user=membership.user)
    assert invitations.count() == 2
    assert [i.is_usable for i in invitations.order_by("created_at")] == [False, True]


def test_no_fresh_link_for_someone_who_already_set_a_password(world, hub_lead, counsellor):
    from hubs.services import staff_reinvite

    with pytest.raises(ValidationError):
        staff_reinvite(membership=HubMembership.objects.get(user=counsellor), acting_user=hub_lead, base_url="http://t")
