import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from hubs.models import HubMembership
from hubs.tests.factories import TrainingParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "mtis-kalta-2026-ok"


def test_officer_invites_a_counsellor_who_sets_a_password_and_finds_their_certificate(
    page, live_server, world, counsellor, sign_in, screenshot
):
    TrainingParticipantFactory(user=counsellor, hub=world.hub_a, pre_score=40, post_score=85)
    sign_in("officer@iom.ge")
    page.goto(f"{live_server.url}/hubs/")
    expect(page.get_by_test_id("hub-list")).to_contain_text("AAA")
    page.get_by_test_id("hub-list").get_by_role("link", name=re.compile("ჰაბი ა|Hub A")).click()
    expect(page.get_by_test_id("hub-staff")).to_contain_text("ნინო ბერიძე")
    screenshot("hubs-01-hub-page")

    page.get_by_test_id("hub-staff").get_by_role("link", name=re.compile("მოწვევა|Invite")).click()
    page.fill("input[name=full_name]", "მარიამ გელაშვილი")
    page.fill("input[name=email]", "mariam@example.ge")
    screenshot("hubs-02-invite")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("hub-staff")).to_contain_text("მარიამ გელაშვილი")
    assert HubMembership.objects.filter(user__email="mariam@example.ge", hub=world.hub_a).exists()

    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body).group(0)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name=re.compile("გასვლა|Sign out")).click()
    page.goto(link)
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    screenshot("hubs-03-set-password")
    page.get_by_test_id("invitation-form").locator("button[type=submit]").click()
    sign_in("mariam@example.ge", NEW_PASSWORD)
    expect(page.get_by_test_id("hub-staff-home")).to_contain_text(world.hub_a.name_ka)
    assert User.objects.get(email="mariam@example.ge").check_password(NEW_PASSWORD)
    screenshot("hubs-04-new-counsellor-home")


def test_officer_completes_a_participant_whose_certificate_opens_as_a_pdf(
    page, live_server, world, counsellor, sign_in, screenshot
):
    participant = TrainingParticipantFactory(user=counsellor, hub=world.hub_a, pre_score=40, post_score=85)
    sign_in("officer@iom.ge")
    page.goto(f"{live_server.url}/hubs/trainings/{participant.event_id}/")
    expect(page.get_by_test_id("participants")).to_contain_text("ნინო ბერიძე")
    page.get_by_test_id("participants").get_by_role("button").first.click()
    expect(page.get_by_test_id("participants")).to_contain_text("TOT-")
    screenshot("hubs-05-training-completed")
    participant.refresh_from_db()
    response = page.request.get(f"{live_server.url}/hubs/trainings/participants/{participant.pk}/certificate.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
