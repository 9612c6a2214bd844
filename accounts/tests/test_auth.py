import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import LOGIN_AT_KEY, RENEWED_AT_KEY
from accounts.tests.factories import UserFactory

PASSWORD = "correct-horse-battery"
pytestmark = pytest.mark.django_db


def test_login_page_speaks_georgian_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert '<html lang="ka">' in response.content.decode()
    assert "შესვლა" in response.content.decode()


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_person_signs_in_with_email_and_gets_their_language(client):
    UserFactory(email="nino@example.ge", preferred_language="en")
    response = client.post(reverse("accounts:login"), {"username": "Nino@Example.ge", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_six_failed_attempts_lock_the_username_even_with_the_right_password(client):
    UserFactory(email="nino@example.ge")
    UserFactory(email="giorgi@example.ge")
    for _ in range(6):
        client.post(reverse("accounts:login"), {"username": "nino@example.ge", "password": "wrong-password-1"})
    response = client.post(reverse("accounts:login"), {"username": "nino@example.ge", "password": PASSWORD})
    assert response.status_code == 429
    assert "30" in response.content.decode()
    other = client.post(reverse("accounts:login"), {"username": "giorgi@example.ge", "password": PASSWORD})
    assert other.status_code == 302


def test_five_failures_do_not_lock(client):
    UserFactory(email="nino@example.ge")
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "nino@example.ge", "password": "wrong-password-1"})
    response = client.post(reverse("accounts:login"), {"username": "nino@example.ge", "password": PASSWORD})
    assert response.status_code == 302


def test_password_must_have_at_least_12_characters(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password-change")
    short = {"old_password": PASSWORD, "new_password1": "Tbilisi-201", "new_password2": "Tbilisi-201"}
    response = client.post(url, short)
    assert response.status_code == 200
    assert "12" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    long_enough = {"old_password": PASSWORD, "new_password1": "Tbilisi-2026x", "new_password2": "Tbilisi-2026x"}
    assert client.post(url, long_enough).status_code == 302
    user.refresh_from_db()
    assert user.check_password("Tbilisi-2026x")


def test_password_reset_email_goes_out_after_commit_and_its_link_sets_a_new_password(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="nino@example.ge")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("accounts:password-reset"), {"email": "nino@example.ge"})
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new = {"new_password1": "Kutaisi-river-9", "new_password2": "Kutaisi-river-9"}
    response = client.post(form_page.redirect_chain[-1][0], new)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Kutaisi-river-9")


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.ge"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_session_ends_12_hours_after_login_however_active(client):
    client.force_login(UserFactory())
    session = client.session
    session[LOGIN_AT_KEY] = int(time.time()) - 12 * 3600 - 60
    session.save()
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_session_expires_after_60_idle_minutes_and_each_request_renews_it(client, settings):
    from freezegun import freeze_time

    settings.SESSION_RENEWAL_INTERVAL = 60
    with freeze_time() as clock:
        client.force_login(UserFactory())
        client.get(reverse("dashboard:home"))
        stored = Session.objects.get(session_key=client.session.session_key)
        remaining = (stored.expire_date - timezone.now()).total_seconds()
        assert 3500 < remaining <= 3600
        clock.tick(59 * 60)
        assert client.get(reverse("dashboard:home")).status_code == 200  # and renewed
        clock.tick(59 * 60)
        assert client.get(reverse("dashboard:home")).status_code == 200
        clock.tick(61 * 60)
        response = client.get(reverse("dashboard:home"))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
        assert client.get(reverse("dashboard:home")).status_code == 302  # signed out, not just redirected


def test_the_idle_expiry_is_renewed_at_most_once_a_minute(client, settings):
    settings.SESSION_RENEWAL_INTERVAL = 60
    client.force_login(UserFactory())
    client.get(reverse("dashboard:home"))
    stored = Session.objects.get(session_key=client.session.session_key)
    stored.expire_date = timezone.now() + timezone.timedelta(minutes=30)
    stored.save()
    client.get(reverse("dashboard:home"))  # within the minute: no session write
    stored.refresh_from_db()
    assert (stored.expire_date - timezone.now()).total_seconds() <= 1800
    session = client.session
    session[RENEWED_AT_KEY] = int(time.time()) - 61
    session.save()
    Session.objects.filter(pk=stored.pk).update(expire_date=timezone.now() + timezone.timedelta(minutes=30))
    client.get(reverse("dashboard:home"))  # a minute later: renewed for 60 idle minutes
    stored.refresh_from_db()
    assert (stored.expire_date - timezone.now()).total_seconds() > 3500


def test_deactivated_person_is_signed_out_at_once(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("dashboard:home")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_sign_out_is_a_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_language_switch_is_remembered_on_the_account(client):
    user = UserFactory(preferred_language="ka")
    client.force_login(user)
    response = client.post(reverse("accounts:set-language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "en"
    page = client.get(reverse("dashboard:home")).content.decode()
    assert '<html lang="en">' in page
    assert "Welcome" in page


def test_anonymous_language_switch_changes_the_login_page(client):
    client.post(reverse("accounts:set-language"), {"language": "en", "next": reverse("accounts:login")})
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in page
    assert "Sign in" in page


def test_profile_saves_preferred_language(client):
    user = UserFactory(preferred_language="ka")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"preferred_language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
