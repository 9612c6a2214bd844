import re

import pytest
from playwright.sync_api import expect

from referrals.models import Referral
from referrals.services import provider_link_token
from referrals.tests.factories import ServiceFactory
from reintegration.models import Consent
from reintegration.tests.factories import AssessedNeedFactory, ConsentFactory, case_at
from tests.browser.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsellor_refers_provider_answers_and_counsellor_records_the_outcome(
    page, browser, live_server, world, counsellor, sign_in, screenshot
):
    case = case_at(world.hub_a, counsellor)
    need = AssessedNeedFactory(assessment__case=case, need="employment")
    service = ServiceFactory(
        category="employment",
        name_ka="დასაქმების კონსულტაცია",
        coverage="municipality",
        municipalities=[case.beneficiary.municipality],
    )
    ConsentFactory(
        beneficiary=case.beneficiary,
        purpose=Consent.Purpose.SHARING,
        provider_name=service.organization.name_ka,
        recorded_by=counsellor,
    )
    sign_in("counsellor@a.ge")
    page.goto(f"{live_server.url}/referrals/cases/{case.pk}/needs/{need.pk}/")
    expect(page.get_by_test_id("referral-form")).to_contain_text("დასაქმების კონსულტაცია")
    page.get_by_label(re.compile("დასაქმების კონსულტაცია")).check()
    page.locator("textarea[name=reason]").fill("ეძებს სამუშაოს მშენებლობაში")
    screenshot("referrals-01-need-services")
    page.locator("[data-testid=referral-form] button[type=submit]").click()
    page.get_by_test_id("send").click()
    expect(page.get_by_test_id("referral-status")).to_have_text(re.compile("გაგზავნილი|Sent"))
    screenshot("referrals-02-sent")

    referral = Referral.objects.get()
    provider = browser.new_page()
    provider.goto(f"{live_server.url}/referrals/answer/{provider_link_token(referral)}/")
    provider.get_by_test_id("accept").click()
    expect(provider.get_by_test_id("referral-status")).to_have_text(re.compile("მიღებული|Accepted"))
    provider.screenshot(path=str(SCREENSHOTS / "referrals-03-provider-accepted.png"), full_page=True)
    provider.close()

    page.reload()
    page.locator("[data-testid=outcome-form] input[value=got_service]").check()
    page.locator("[data-testid=outcome-form] textarea[name=feedback]").fill("კმაყოფილია")
    page.locator("[data-testid=outcome-form] button[type=submit]").click()
    expect(page.get_by_test_id("outcome")).to_be_visible()
    expect(page.get_by_test_id("events").locator("li")).to_have_count(4)
    screenshot("referrals-04-outcome")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.COMPLETED and referral.feedback == "კმაყოფილია"
