"""An officer goes from an indicator's card to the records behind it; a partner reaches the same card
and its definition, with small cells hidden and no way to the records."""

import re

import pytest
from playwright.sync_api import expect

from dashboard.services import reference_load
from dashboard.tests.fixtures import build
from tests.browser.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_walks_from_a_card_to_its_list_and_a_partner_to_the_same_card(
    page, browser, live_server, world, sign_in, screenshot
):
    build(world)
    reference_load()
    sign_in("officer@iom.ge")
    page.goto(f"{live_server.url}/results/")
    card = page.get_by_test_id("card-people_counselled")
    expect(card.get_by_test_id("value-people_counselled")).to_have_text("3")
    screenshot("dashboard-01-officer-results")
    card.get_by_test_id("value-people_counselled").locator("a").click()
    expect(page.get_by_test_id("records-total")).to_contain_text("3")
    expect(page.get_by_test_id("records").locator("tbody tr")).to_have_count(3)
    screenshot("dashboard-02-officer-records")

    partner = browser.new_context().new_page()
    partner.goto(f"{live_server.url}/accounts/login/")
    partner.fill("input[name=username]", "partner@sdc.ch")
    partner.fill("input[name=password]", "correct-horse-battery")
    partner.click("main form button[type=submit]")
    partner.goto(f"{live_server.url}/results/")
    partner_card = partner.get_by_test_id("card-people_counselled")
    expect(partner_card.get_by_test_id("value-people_counselled")).to_have_text("<5")
    expect(partner_card.get_by_test_id("value-people_counselled").locator("a")).to_have_count(0)
    partner_card.locator("h4 a").click()
    expect(partner.get_by_test_id("indicator-definition")).to_be_visible()
    expect(partner.get_by_test_id("indicator-name")).to_have_text(
        re.compile("კონსულტირებული ადამიანები|People counselled")
    )
    partner.screenshot(path=str(SCREENSHOTS / "dashboard-03-partner-card.png"), full_page=True)
