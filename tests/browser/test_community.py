"""A community consultation in Georgian: the meeting, its priorities and paper totals, the results
beside the community-priorities survey, a retained priority, an idea, its feasibility and shortlist,
its expert, and the expert handed over to another after the confirmation page."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from accounts.tests.factories import officer as make_officer
from community.models import Consultation, ConsultationPriority, Idea
from community.tests.factories import community_cycle, priorities_round, themes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultation_leads_to_a_shortlisted_idea_in_georgian(page, live_server, world, sign_in, screenshot):
    municipality = world.hub_a.municipality
    theme = themes()
    survey = priorities_round(municipality, [["water", "roads"], ["water", "kindergarten"], ["roads", "water"]])
    cycle = community_cycle(name_ka="თემის ინიციატივები 2026")
    cycle.municipalities.add(municipality)
    counsellor = world.user("counsellor")

    # The counsellor records the consultation held in her municipality.
    sign_in(counsellor.email)
    page.goto(f"{live_server.url}/community/")
    page.get_by_test_id("new-consultation").click()
    form = page.get_by_test_id("community-form")
    form.locator("select[name=municipality]").select_option(str(municipality.pk))
    form.locator("input[name=village]").fill("შილდა")
    form.locator("input[name=date]").fill("2026-10-01")
    form.locator("input[name=place]").fill("სკოლის სააქტო დარბაზი")
    form.locator("input[name=facilitator]").fill("ნინო ბერიძე")
    form.locator("select[name=vote_mode]").select_option("meeting")
    for name, value in {"female": 14, "male": 9, "age_18_29": 6, "age_30_44": 8, "age_45_59": 5, "age_60_plus": 4,
                        "returnees": 7, "potential_migrants": 5, "local_residents": 11}.items():  # fmt: skip
        form.locator(f"input[name={name}]").fill(str(value))
    screenshot("community-01-consultation-form")
    page.get_by_test_id("save").click()
    expect(page.locator("h1")).to_contain_text("შილდა")
    consultation = Consultation.objects.get()

    for code in ("water", "roads", "kindergarten"):
        priorities = page.get_by_test_id("priority-form")
        priorities.locator("select[name=theme]").select_option(str(theme[code].pk))
        priorities.get_by_role("button").click()
    totals = page.get_by_test_id("paper-votes-form")
    for code, votes in {"water": 15, "roads": 6, "kindergarten": 6}.items():
        pk = ConsultationPriority.objects.get(consultation=consultation, theme=theme[code]).pk
        totals.locator(f"input[name=votes_{pk}]").fill(str(votes))
    totals.get_by_role("button").click()
    expect(page.get_by_test_id("priorities")).to_contain_text("სასმელი წყალი")
    screenshot("community-02-priorities-and-votes")

    # An officer links the survey round, compares the ranks and retains drinking water.
    page.context.clear_cookies()
    officer = make_officer(user__email="oficeri@iom.ge", user__full_name="ლევან კაპანაძე")
    sign_in(officer.email)
    page.goto(f"{live_server.url}/community/consultations/{consultation.pk}/results/")
    page.get_by_test_id("survey-form").locator("select").select_option(str(survey.pk))
    page.get_by_test_id("survey-form").get_by_role("button").click()
    water = page.get_by_test_id("result-water")
    expect(water.get_by_test_id("consultation-rank")).to_have_text("1")
    expect(water.get_by_test_id("survey-rank")).to_contain_text("1")
    expect(page.get_by_test_id("result-kindergarten").get_by_test_id("consultation-rank")).to_have_text("2")
    water.locator("summary").click()
    water.locator("input[value=yes]").check()
    water.locator("textarea[name=reason]").fill("კონსულტაციაც და კვლევაც პირველ ადგილზე აყენებს")
    water.get_by_role("button").click()
    expect(page.get_by_test_id("result-water").get_by_test_id("retained")).to_be_visible()
    screenshot("community-03-results-beside-the-survey")

    # The idea answering the retained priority, entered by the counsellor.
    page.context.clear_cookies()
    sign_in(counsellor.email)
    page.goto(f"{live_server.url}/community/cycles/{cycle.pk}/")
    expect(page.get_by_test_id("priorities-side-by-side")).to_contain_text("სასმელი წყალი")
    page.get_by_test_id("new-idea").click()
    form = page.get_by_test_id("community-form")
    form.locator("input[name=title]").fill("შილდის სასმელი წყლის სისტემა")
    form.locator("select[name=kind]").select_option("infrastructure")
    form.locator("select[name=municipality]").select_option(str(municipality.pk))
    form.locator("input[name=location]").fill("შილდა, ზემო უბანი")
    form.locator("textarea[name=description]").fill("მილსადენის რეაბილიტაცია 60 ოჯახისთვის")
    form.locator("input[name=applicant]").fill("შილდის საინიციატივო ჯგუფი")
    form.locator("input[name=estimated_cost]").fill("18000")
    form.locator("input[name=local_cofunding]").fill("1500")
    form.locator("input[name=municipal_cofunding]").fill("2500")
    form.locator("select[name=priority]").select_option(index=1)
    for name, value in {"female": 110, "male": 100, "age_0_17": 50, "age_18_29": 40, "age_30_44": 50,
                        "age_45_59": 40, "age_60_plus": 30, "returnees": 25, "potential_migrants": 15,
                        "local_residents": 170}.items():  # fmt: skip
        form.locator(f"input[name={name}]").fill(str(value))
    screenshot("community-04-idea-form")
    page.get_by_test_id("save").click()
    idea = Idea.objects.get()
    assert idea.priority.theme == theme["water"] and idea.people_total == 210

    # The officer reviews feasibility with the checked cost, then shortlists it.
    page.context.clear_cookies()
    sign_in(officer.email)
    page.goto(f"{live_server.url}/community/ideas/{idea.pk}/")
    page.get_by_test_id("feasibility-link").click()
    page.locator("input[name=feasible][value=yes]").check()
    page.locator("input[name=checked_cost]").fill("17500")
    page.get_by_test_id("save").click()
    page.get_by_test_id("shortlist").click()
    expect(page.get_by_test_id("idea-status")).to_have_text("მოკლე სიაში, ექსპერტთან ერთად")
    screenshot("community-05-idea-shortlisted")
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SHORTLISTED and str(idea.grant_requested) == "13500.00"

    # The officer assigns an expert, then hands the idea to another one after the confirmation page.
    mentor = world.user("mentor")
    successor = UserFactory(email="inzhineri@example.ge", full_name="ეკა მაისურაძე")
    page.get_by_test_id("expert-link").click()
    page.locator("select[name=expert]").select_option(str(mentor.pk))
    page.get_by_test_id("save").click()
    page.get_by_test_id("expert-end-link").click()
    expect(page.get_by_test_id("end-confirmation")).to_contain_text(mentor.full_name)
    page.locator("textarea[name=reason]").fill("სხვა რეგიონში გადავიდა")
    page.locator("select[name=successor]").select_option(str(successor.pk))
    screenshot("community-06-expert-end-confirmation")
    page.get_by_test_id("confirm-end").click()
    history = page.get_by_test_id("expert-history")
    expect(history).to_contain_text("სხვა რეგიონში გადავიდა")
    expect(history).to_contain_text(successor.full_name)
    screenshot("community-07-expert-handed-over")
    assert [a.expert for a in idea.experts.active()] == [successor]
    assert idea.experts.count() == 2
