import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _emailed_code(mailoutbox) -> str:
    return re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)


def test_officer_without_an_authenticator_sets_one_up_before_reaching_any_page(
    client, officer, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'data-testid="qr-code"' not in page.content.decode()  # the password alone shows no QR code
    assert not TOTPDevice.objects.filter(user=officer).exists()  # and a GET writes nothing
    url = reverse("accounts:two-factor")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"step": "send", "next": reverse("dashboard:home")})
    assert mailoutbox[-1].to == [officer.email]
    scan = client.post(url, {"step": "email", "code": _emailed_code(mailoutbox)}, follow=True)
    assert 'data-testid="qr-code"' in scan.content.decode()
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    done = client.post(url, {"step": "totp", "token": _code(device), "next": reverse("dashboard:home")})
    assert done.status_code == 200 and 'data-testid="recovery-codes"' in done.content.decode()
    codes = done.context["codes"]
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=officer).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_a_wrong_emailed_code_shows_no_qr_code_and_creates_no_device(
    client, officer, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    url = reverse("accounts:two-factor")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"step": "send"})
    wrong = f"{(int(_emailed_code(mailoutbox)) + 1) % 1_000_000:06d}"
    page = client.post(url, {"step": "email", "code": wrong})
    assert 'data-testid="qr-code"' not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    # Without the emailed code, posting an authenticator code cannot confirm anything either.
    assert client.post(url, {"step": "totp", "token": "123456"}).status_code == 200
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_after_an_officer_removes_a_lost_device_the_next_enrolment_needs_the_emailed_code_again(client, officer):
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True).delete()  # removed in the admin
    client.force_login(officer)
    page = client.get(reverse("accounts:two-factor"))
    assert 'data-testid="send-email-code"' in page.content.decode()
    assert 'data-testid="qr-code"' not in page.content.decode()


def test_a_recovery_code_signs_in_once(client, officer):
    from accounts.two_factor import two_factor_recovery_codes_issue

    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    code = two_factor_recovery_codes_issue(user=officer)[0]
    client.force_login(officer)
    response = client.post(reverse("accounts:two-factor"), {"token": code, "next": reverse("admin:index")})
    assert response["Location"] == reverse("admin:index")
    client.post(reverse("accounts:logout"))
    client.force_login(officer)
    again = client.post(reverse("accounts:two-factor"), {"token": code})
    assert again.status_code == 200  # used up
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_a_wrong_code_is_refused_and_the_officer_stays_out(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client.force_login(officer)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:two-factor"), {"token": wrong})
    assert response.status_code == 200
    assert 'data-testid="qr-code"' not in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_officer_with_an_authenticator_enters_the_code_at_each_sign_in(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client.force_login(officer)
    response = client.post(reverse("accounts:two-factor"), {"token": _code(device), "next": reverse("admin:index")})
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_next_address_must_stay_on_this_site(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client.force_login(officer)
    response = client.post(reverse("accounts:two-factor"), {"token": _code(device), "next": "https://evil.example"})
    assert response["Location"] == reverse("dashboard:home")


def test_counsellors_are_not_asked_for_a_second_step(client, counsellor):
    client.force_login(counsellor)
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_signing_out_works_before_the_second_step(client, officer):
    client.force_login(officer)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("dashboard:home"))["Location"].startswith(reverse("accounts:login"))
