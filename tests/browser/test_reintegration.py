"""A counsellor working in Georgian: search, intake, consent, assessment, session, plan,
follow-up, closure request; the hub lead approves the closure."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reintegration.models import Case
from reintegration.tests.factories import BeneficiaryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page):
    page.locator("main form button[type=submit]").first.click()


def test_counsellor_goes_from_search_to_closure_and_the_hub_lead_approves(
    page, live_server, world, sign_in, screenshot
):
    BeneficiaryFactory(name_ka="ნინო გელაშვილი", birth_year=1970, municipality=world.hub_b.municipality)
    sign_in("counsellor@a.ge")
    expect(page.locator("html")).to_have_attribute("lang", "ka")

    page.goto(f"{live_server.url}/cases/intake/")
    page.fill("input[name=q]", "გელაშვილი")
    page.get_by_role("button", name="ძიება").click()
    expect(page.get_by_test_id("search-results")).to_contain_text("ნინო გელაშვილი")
    screenshot("reintegration-01-search")

    page.fill("input[name=name_ka]", "ნინო გელაშვილი")
    page.fill("input[name=personal_number]", "01024012345")
    page.fill("input[name=birth_year]", "1994")
    page.select_option("select[name=sex]", "female")
    page.fill("input[name=phone]", "+995 555 12 34 56")
    page.select_option("select[name=municipality]", str(world.hub_a.municipality_id))
    page.fill("input[name=address]", "სოფ. ხიდისთავი")
    page.select_option("select[name=category]", "returnee")
    page.get_by_test_id("register").click()
    expect(page.get_by_test_id("duplicate-warning")).to_be_visible()  # a similar name, born 1970: shown as a warning
    screenshot("reintegration-02-duplicate-warning")
    page.check("input[name=different_person]")
    page.get_by_test_id("register").click()

    expect(page.get_by_test_id("case-number")).to_contain_text(f"AAA-{timezone.localdate().year}-0001")
    case = Case.objects.get()
    assert case.beneficiary.name_latin == "Nino Gelashvili"
    case_url = f"{live_server.url}{case.get_absolute_url()}"

    page.goto(f"{case_url}consents/add/")
    page.select_option("select[name=purpose]", "sharing")
    page.fill("input[name=provider_name]", "ტოლერანტი")
    page.select_option("select[name=method]", "signed_form")
    _save(page)
    expect(page.get_by_test_id("consents")).to_contain_text("ტოლერანტი")

    page.get_by_test_id("assess").click()
    page.check("input[name=need_employment]")
    page.select_option("select[name=priority_employment]", "high")
    page.check("input[name=need_housing]")
    _save(page)
    sessions_tab = page.get_by_test_id("case-tab-sessions")
    sessions_tab.focus()
    page.keyboard.press("Enter")  # the tabs are links: the keyboard opens them
    expect(sessions_tab).to_have_attribute("aria-current", "page")
    page.get_by_test_id("add-session").click()
    page.select_option("select[name=kind]", "counselling")
    page.select_option("select[name=mode]", "in_person")
    page.fill("input[name=duration_minutes]", "45")
    page.fill("textarea[name=topics]", "დასაქმების შესაძლებლობები რეგიონში")
    page.fill("textarea[name=confidential_notes]", "ოჯახური დაძაბულობა")
    _save(page)
    expect(page.get_by_test_id("case-status")).to_contain_text("აქტიური")

    page.get_by_test_id("add-goal").click()
    page.select_option("select[name=dimension]", "economic")
    page.fill("input[name=description]", "საკუთარი სახელოსნოს გახსნა")
    _save(page)
    page.get_by_test_id("add-follow-up").click()
    page.fill("input[name=due_on]", (timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.fill("input[name=purpose]", "სატელეფონო ზარი")
    _save(page)
    screenshot("reintegration-03-case-page")
    # The timeline tab, fetched alone (htmx), with its own address; back returns to the overview.
    page.get_by_test_id("case-tab-timeline").click()
    expect(page).to_have_url(f"{case_url}?tab=timeline")
    expect(page.get_by_test_id("case-tab-timeline")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("timeline")).to_contain_text("დასაქმების შესაძლებლობები რეგიონში")
    expect(page.get_by_test_id("case-tab-overview")).not_to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("case-tab-overview")).not_to_have_class(re.compile(r"\bactive\b"))  # settled
    expect(page.get_by_test_id("vulnerabilities")).to_be_visible()  # the person's column stays
    screenshot("reintegration-03b-case-page-timeline-tab")
    page.go_back()
    expect(page).to_have_url(case_url)
    expect(page.get_by_test_id("follow-ups")).to_contain_text("სატელეფონო ზარი")
    expect(page.get_by_test_id("timeline")).to_have_count(0)
    page.goto(f"{case_url}?tab=timeline")  # a bookmark of a tab opens the whole page on it
    expect(page.get_by_test_id("timeline")).to_contain_text("დასაქმების შესაძლებლობები რეგიონში")

    page.get_by_test_id("request-closure").click()
    page.select_option("select[name=reason]", "goals_met")
    page.fill("textarea[name=note]", "დასაქმდა ადგილობრივ საწარმოში")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("case-status")).to_contain_text("დახურვა")

    page.context.clear_cookies()
    sign_in("lead@a.ge")
    page.goto(f"{live_server.url}/cases/my-work/")
    expect(page.get_by_test_id("approvals")).to_contain_text(case.number)
    screenshot("reintegration-04-hub-lead-work")
    page.get_by_test_id("approvals").get_by_role("link", name=case.number).click()
    page.get_by_test_id("approve-closure").click()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("case-status")).to_contain_text("დახურ")
    screenshot("reintegration-05-closed")
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
