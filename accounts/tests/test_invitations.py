import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User
from accounts.services import user_deactivate, user_invite
from accounts.tests.factories import UserFactory, officer

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-enough-secret-42"


def _invite(django_capture_on_commit_callbacks, acting_user, email="tamar@example.ge"):
    with django_capture_on_commit_callbacks(execute=True):
        user = user_invite(
            email=email, full_name="თამარ კაპანაძე", acting_user=acting_user, base_url="https://hubs.example.org"
        )
    token = re.search(r"/accounts/invitation/([^/]+)/", mail.outbox[-1].body).group(1)
    return user, token


def test_officer_invites_a_person_and_the_email_carries_a_one_time_link(django_capture_on_commit_callbacks):
    user, token = _invite(django_capture_on_commit_callbacks, officer())
    assert not user.has_usable_password()
    assert mail.outbox[-1].to == ["tamar@example.ge"]
    assert "https://hubs.example.org/accounts/invitation/" in mail.outbox[-1].body
    invitation = Invitation.objects.get(user=user)
    assert invitation.token_hash != token  # only a hash is stored
    assert invitation.expires_at > timezone.now() + timedelta(days=6)


def test_person_without_a_role_cannot_invite():
    with pytest.raises(PermissionDenied):
        user_invite(email="x@example.ge", full_name="X", acting_user=UserFactory(), base_url="http://t")


def test_a_person_with_a_password_is_not_invited_again():
    UserFactory(email="nino@example.ge")
    with pytest.raises(ValidationError):
        user_invite(email="Nino@example.ge", full_name="ნინო", acting_user=officer(), base_url="http://t")


def test_invited_person_sets_a_password_once_and_signs_in(client, django_capture_on_commit_callbacks):
    user, token = _invite(django_capture_on_commit_callbacks, officer())
    url = reverse("accounts:invitation-accept", kwargs={"token": token})
    assert "თამარ კაპანაძე" in client.get(url).content.decode()
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert Invitation.objects.get(user=user).used_at is not None
    assert client.get(url).status_code == 404  # works once
    signed_in = client.post(reverse("accounts:login"), {"username": "tamar@example.ge", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_invitation_refuses_a_password_shorter_than_12_characters(client, django_capture_on_commit_callbacks):
    user, token = _invite(django_capture_on_commit_callbacks, officer())
    url = reverse("accounts:invitation-accept", kwargs={"token": token})
    response = client.post(url, {"password1": "short-pw-1", "password2": "short-pw-1"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert Invitation.objects.get(user=user).used_at is None


def test_expired_invitation_link_answers_not_found(client, django_capture_on_commit_callbacks):
    user, token = _invite(django_capture_on_commit_callbacks, officer())
    Invitation.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(minutes=1))
    url = reverse("accounts:invitation-accept", kwargs={"token": token})
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 404
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_new_invitation_stops_the_earlier_link(client, django_capture_on_commit_callbacks):
    inviter = officer()
    _user, first = _invite(django_capture_on_commit_callbacks, inviter)
    _user, second = _invite(django_capture_on_commit_callbacks, inviter)
    assert client.get(reverse("accounts:invitation-accept", kwargs={"token": first})).status_code == 404
    assert client.get(reverse("accounts:invitation-accept", kwargs={"token": second})).status_code == 200


def test_deactivated_person_is_signed_out_at_once(client):
    person = UserFactory(email="giorgi@example.ge")
    client.force_login(person)
    assert Session.objects.count() == 1
    user_deactivate(user=person, acting_user=officer())
    assert Session.objects.count() == 0
    assert not User.objects.get(pk=person.pk).is_active
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302


def test_only_officers_deactivate_and_not_themselves():
    me = officer()
    with pytest.raises(PermissionDenied):
        user_deactivate(user=me, acting_user=UserFactory())
    with pytest.raises(ValidationError):
        user_deactivate(user=me, acting_user=me)
