"""The counsellor's day in Georgian, in a browser (issue 17): search to intake, household (several
members at once), consent, needs, session, plan (goal and action), referral (the provider answers
through the link), outcome and follow-up, without typing a provider's name, dates typed as
DD.MM.YYYY; the hub lead approves the closure from the home page; the officer opens the home page,
the dashboard (a chart whose axis speaks Georgian) and the unmet needs. Every page visited passes
tests.browser.audit in Georgian, then English."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dashboard.services import reference_load
from referrals.models import Referral
from referrals.services import provider_link_token
from referrals.tests.factories import ServiceFactory
from reintegration.models import AssessedNeed, Case, FollowUp, HouseholdMember, PlanAction
from tests.browser.audit import make_audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page):
    page.locator("main form button[type=submit]").last.click()


def test_the_counsellors_day_passes_axe_and_fits_every_width(page, browser, live_server, world, sign_in):
    municipality = world.hub_a.municipality
    service = ServiceFactory(
        category="employment",
        name_ka="დასაქმების კონსულტაცია",
        coverage="municipality",
        municipalities=[municipality],
        organization__name_ka="სოციალური მომსახურების სააგენტო, დასაქმების ხელშეწყობის დეპარტამენტი",
    )
    reference_load()  # the results framework, for the officer's dashboard at the end
    audit = make_audit(page, "day")
    sign_in("counsellor@a.ge")
    expect(page.get_by_test_id("home-tasks")).to_be_visible()
    audit("01-home")

    page.goto(f"{live_server.url}/cases/intake/")
    page.fill("input[name=q]", "გელაშვილი")
    page.get_by_role("button", name="ძიება").click()
    audit("02-intake-search")
    page.fill("input[name=name_ka]", "ნინო გელაშვილი")
    page.fill("input[name=personal_number]", "01024012345")
    page.fill("input[name=birth_year]", "1994")
    page.select_option("select[name=sex]", "female")
    page.fill("input[name=phone]", "+995 555 12 34 56")
    page.select_option("select[name=municipality]", str(municipality.pk))
    page.select_option("select[name=category]", "returnee")
    page.get_by_test_id("register").click()
    expect(page.get_by_test_id("case-number")).to_be_visible()
    case = Case.objects.get()
    case_url = f"{live_server.url}{case.get_absolute_url()}"
    audit("03-case")

    page.get_by_test_id("assess").click()
    audit("04-needs-form")
    page.check("input[name=need_employment]")
    page.select_option("select[name=priority_employment]", "high")
    _save(page)
    page.get_by_test_id("case-tab-sessions").click()  # the case page's tabs: only the tab is fetched (htmx)
    expect(page).to_have_url(f"{case_url}?tab=sessions")
    page.get_by_test_id("add-session").click()
    audit("05-session-form")
    page.select_option("select[name=kind]", "counselling")
    page.select_option("select[name=mode]", "in_person")
    page.fill("input[name=duration_minutes]", "45")
    page.fill("textarea[name=topics]", "დასაქმების შესაძლებლობები რეგიონში")
    _save(page)
    page.get_by_test_id("add-goal").click()
    page.select_option("select[name=dimension]", "economic")
    page.fill("input[name=description]", "სტაბილური შემოსავალი")
    _save(page)
    page.get_by_role("link", name="ქმედების დამატება").first.click()
    audit("05b-action-form")
    expect(page.locator("input[name=target_date]")).to_have_attribute("placeholder", "დდ.თთ.წწწწ")
    page.locator("main form select").first.select_option(index=1)
    page.locator("main form [name=description]").fill("CV-ის მომზადება")
    page.fill("input[name=target_date]", (timezone.localdate() + datetime.timedelta(days=14)).strftime("%d.%m.%Y"))
    _save(page)
    assert PlanAction.objects.get().target_date == timezone.localdate() + datetime.timedelta(days=14)

    # Household: the size, then two members on one page (the second block added by the button).
    page.goto(f"{case_url}household/")
    page.fill("input[name=size]", "3")
    _save(page)
    page.goto(f"{case_url}household/members/add/")
    page.fill("input[name=members-0-full_name]", "გიორგი გელაშვილი")
    page.locator("select[name=members-0-relationship]").select_option("spouse")
    page.fill("input[name=members-1-full_name]", "ანა გელაშვილი")
    page.locator("select[name=members-1-relationship]").select_option("child")
    page.fill("input[name=members-1-personal_number]", "123")  # a bad row: nothing is saved, nothing lost
    _save(page)
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    expect(page.locator("input[name=members-0-full_name]")).to_have_value("გიორგი გელაშვილი")
    audit("05c-household-members-error")
    page.fill("input[name=members-1-personal_number]", "")
    page.get_by_role("button", name="კიდევ ერთი წევრის დამატება").click()
    page.fill("input[name=members-4-full_name]", "ლიკა გელაშვილი")
    page.locator("select[name=members-4-relationship]").select_option("child")
    _save(page)
    assert sorted(HouseholdMember.objects.values_list("full_name", flat=True)) == [
        "ანა გელაშვილი",
        "გიორგი გელაშვილი",
        "ლიკა გელაშვილი",
    ]
    page.goto(case_url)

    # Referral: refused without consent; the refusal's link pre-fills the provider from the directory.
    page.get_by_test_id("case-tab-referrals").click()
    page.get_by_test_id("need-services-employment").click()
    audit("06-need-services")
    page.get_by_label(re.compile("დასაქმების კონსულტაცია")).check()
    page.locator("textarea[name=reason]").fill("ეძებს სამუშაოს")
    follow_up_on = page.locator("input[name=follow_up_on]")
    expect(follow_up_on).to_have_attribute("placeholder", "დდ.თთ.წწწწ")
    follow_up_on.fill((timezone.localdate() + datetime.timedelta(days=7)).strftime("%d.%m.%Y"))
    page.locator("[data-testid=referral-form] button[type=submit]").click()
    page.get_by_test_id("send").click()
    audit("07-referral-refused")
    page.get_by_role("link", name="თანხმობის რეგისტრაცია").click()
    expect(page.locator("select[name=provider_name]")).to_have_value(service.organization.name_ka)
    audit("08-consent-form")
    page.select_option("select[name=method]", "signed_form")
    _save(page)
    expect(page.get_by_test_id("send")).to_be_visible()  # back on the referral
    page.get_by_test_id("send").click()
    expect(page.get_by_test_id("referral-status")).to_contain_text("გაგზავნილი")
    audit("09-referral-sent")
    referral = Referral.objects.get()

    provider = browser.new_page()
    provider.goto(f"{live_server.url}/referrals/answer/{provider_link_token(referral)}/")
    provider_audit = make_audit(provider, "day-provider")
    provider_audit("10-provider-answer")
    provider.get_by_test_id("accept").click()
    expect(provider.get_by_test_id("referral-status")).to_have_text(re.compile("მიღებული|Accepted"))
    provider.close()

    page.reload()
    page.locator("[data-testid=outcome-form] input[value=got_service]").check()
    page.locator("[data-testid=outcome-form] button[type=submit]").click()
    expect(page.get_by_test_id("outcome")).to_be_visible()
    assert AssessedNeed.objects.get().status == AssessedNeed.Status.MET
    assert FollowUp.objects.get(case=case).due_on == timezone.localdate() + datetime.timedelta(days=7)

    page.goto(case_url)
    page.get_by_test_id("case-tab-timeline").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("დასაქმების კონსულტაცია")
    audit("11-case-after-referral")
    # A follow-up of the counsellor's own, typed as the page writes dates; a wrong date is explained.
    page.get_by_test_id("case-tab-overview").click()
    page.get_by_test_id("add-follow-up").click()
    page.fill("input[name=due_on]", "31.02.2026")
    page.fill("input[name=purpose]", "სატელეფონო ზარი")
    _save(page)
    expect(page.get_by_test_id("error-summary")).to_contain_text("დდ.თთ.წწწწ")
    audit("11b-follow-up-refused")
    due = timezone.localdate() + datetime.timedelta(days=20)
    page.fill("input[name=due_on]", due.strftime("%d.%m.%Y"))
    _save(page)
    assert FollowUp.objects.filter(case=case, due_on=due, purpose="სატელეფონო ზარი").exists()
    expect(page.get_by_test_id("follow-ups")).to_contain_text(due.strftime("%d.%m.%Y"))
    page.get_by_test_id("request-closure").click()
    audit("12-closure-request")
    page.select_option("select[name=reason]", "goals_met")
    page.get_by_test_id("confirm").click()
    audit.again_in("en")

    # The hub lead approves from the home page.
    page.context.clear_cookies()
    lead_audit = make_audit(page, "day-lead")
    sign_in("lead@a.ge")
    expect(page.get_by_test_id("task-approvals")).to_contain_text("1")
    lead_audit("13-lead-home")
    page.get_by_test_id("task-approvals").click()
    lead_audit("14-lead-my-work")
    page.get_by_test_id("approvals").get_by_role("link", name=case.number).click()
    page.get_by_test_id("approve-closure").click()
    lead_audit("15-lead-confirm-closure")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("case-status")).to_contain_text("დახურ")
    assert not FollowUp.objects.filter(case=case, done_at__isnull=True).exists()  # no orphan task
    lead_audit.again_in("en")

    # The officer opens the home page (the dashboard) and the unmet needs.
    page.context.clear_cookies()
    officer_audit = make_audit(page, "day-officer")
    sign_in("officer@iom.ge")
    page.get_by_test_id("lang-ka").first.click()
    officer_audit("16-officer-home")
    page.goto(f"{live_server.url}/cases/")
    expect(page.get_by_test_id("intake-button")).to_have_count(0)
    officer_audit("17-officer-cases")
    page.goto(f"{live_server.url}/cases/unmet-needs/")
    officer_audit("18-officer-unmet-needs")
    page.goto(f"{live_server.url}/results/")
    officer_audit("19-officer-dashboard")
    page.goto(f"{live_server.url}/results/people_counselled/")
    officer_audit("20-officer-indicator-chart")
    # The chart's axis is written by Intl in the page's language: no "1,000" or "0.5" on a Georgian page.
    locale, labels = page.evaluate(
        """() => { const c = Chart.getChart(document.querySelector("main canvas"));
                   return [c.options.locale, c.scales.y.ticks.map(t => String(t.label))]; }"""
    )
    assert locale == "ka" and labels and not any(re.search(r"\d[.,]\d{3}|\d\.\d", label) for label in labels)
    officer_audit.again_in("en")


def test_a_committee_member_scores_on_pages_that_pass_the_audit(page, live_server, world, sign_in):
    from accounts.tests.factories import UserFactory
    from grants.models import Application
    from grants.tests.factories import ApplicationFactory, PlanVersionFactory, committee_cycle, proposal_for

    member = world.user("committee_member")
    cycle = committee_cycle(chair=UserFactory(), rapporteur=UserFactory(), members=[member], criteria=2)
    application = ApplicationFactory(cycle=cycle, team_name="თელავის მეღვინეები", status=Application.Status.IN_REVIEW)
    PlanVersionFactory(application=application, number=1, summary="ოჯახური მარანი", is_final=True)
    proposal = proposal_for(application)
    audit = make_audit(page, "committee")

    sign_in(member.email)
    audit("01-home")
    page.goto(f"{live_server.url}/grants/")
    audit("02-cycles")
    page.get_by_role("link", name=cycle.name_ka).click()
    audit("03-cycle")
    page.get_by_role("link", name=proposal.reference).click()
    audit("04-conflict-step")
    page.get_by_test_id("conflict-form").locator("input[value=none]").check()
    page.get_by_test_id("conflict-form").get_by_role("button").click()
    forms = page.get_by_test_id("score-form")
    for index, value in enumerate(["4", "5"]):
        form = forms.nth(index)
        form.get_by_test_id("score-value").fill(value)
        form.get_by_test_id("score-comment").fill("კარგად დასაბუთებული გეგმა")
        form.get_by_test_id("score-comment").press("Tab")
        expect(form.get_by_test_id("saved")).to_be_visible()
    audit("05-scoring")
    page.get_by_test_id("submit-link").click()
    audit("06-confirm-submit")
    page.get_by_test_id("confirm-submit").click()
    expect(page.get_by_test_id("review-status")).to_contain_text("წარდგენილია")
    audit("07-submitted")
    audit.again_in("en")
