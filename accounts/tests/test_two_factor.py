import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_officer_without_an_authenticator_sets_one_up_before_reaching_any_page(client, officer):
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'data-testid="qr-code"' in page.content.decode()
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    done = client.post(reverse("accounts:two-factor"), {"token": _code(device), "next": reverse("dashboard:home")})
    assert done.status_code == 302 and done["Location"] == reverse("dashboard:home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("dashboard:home")).status_code == 200


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
