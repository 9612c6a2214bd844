import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from dashboard.demo import DEMO_PASSWORD, demo_logins

pytestmark = pytest.mark.django_db


def test_every_demo_login_reaches_its_home_page():
    call_command("seed_demo", allow_production=True)
    logins = demo_logins()
    emails = {email for email, _role in logins}
    hub_codes = ["tel", "akh", "kva", "grj", "khr", "zes", "ter", "sac", "ozu", "lan", "sam", "gld"]
    expected = {"officer@demo.ge", "partner@demo.ge"}
    expected |= {f"{kind}.{code}@demo.ge" for kind in ("lead", "counsellor") for code in hub_codes}
    assert expected <= emails
    for email, _role in logins:
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        home = client.get(response["Location"])
        assert home.status_code == 200, email
        assert 'data-testid="no-role"' not in home.content.decode(), email


def test_seed_demo_twice_creates_nothing_more_and_if_empty_skips():
    call_command("seed_demo", allow_production=True)
    first = demo_logins()
    call_command("seed_demo", allow_production=True)
    call_command("seed_demo", if_empty=True, allow_production=True)
    assert demo_logins() == first


def test_seed_demo_refuses_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_every_demo_account_opens_every_page_of_its_menu_on_the_demo_data():
    """A new user's first walk: each demo account follows each entry of its own menu."""
    from accounts.models import User
    from accounts.navigation import menu_for

    call_command("seed_demo", allow_production=True)
    broken = []
    for email, _role in demo_logins():
        user = User.objects.get(email=email)
        client = Client()
        client.force_login(user)
        for entry in menu_for(user):
            for item in entry.get("children", [entry]):
                status = client.get(item["url"]).status_code
                if status != 200:
                    broken.append(f"{email} {item['url']}: {status}")
    assert broken == []
