"""A committee member declares no conflict of interest, scores with autosave and submits once."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from grants.models import Application, Review
from grants.tests.factories import (
    ApplicationFactory,
    PlanVersionFactory,
    TeamMemberFactory,
    committee_cycle,
    proposal_for,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_declares_no_conflict_scores_and_submits(page, live_server, world, sign_in, screenshot):
    member = world.user("committee_member")
    cycle = committee_cycle(chair=UserFactory(), rapporteur=UserFactory(), members=[member], criteria=2)
    application = ApplicationFactory(cycle=cycle, team_name="თელავის მეღვინეები", status=Application.Status.IN_REVIEW)
    TeamMemberFactory(application=application, full_name="გიორგი ბერიძე", is_lead=True)
    TeamMemberFactory(application=application, full_name="მარინე წიკლაური", sex="female", age=62)
    PlanVersionFactory(application=application, number=1, summary="ოჯახური მარანი", is_final=True)
    proposal = proposal_for(application)

    sign_in(member.email)
    page.goto(f"{live_server.url}/grants/")
    expect(page.get_by_test_id("cycle-list")).to_contain_text(cycle.name_ka)
    page.get_by_role("link", name=cycle.name_ka).click()
    page.get_by_role("link", name=proposal.reference).click()
    expect(page.get_by_test_id("team")).to_contain_text("მარინე წიკლაური")
    expect(page.get_by_test_id("scores-hidden")).to_be_visible()
    screenshot("grants-01-conflict-step")

    page.get_by_test_id("conflict-form").locator("input[value=none]").check()
    page.get_by_test_id("conflict-form").get_by_role("button").click()
    forms = page.get_by_test_id("score-form")
    expect(forms).to_have_count(2)
    for index, value in enumerate(["4", "5"]):
        form = forms.nth(index)
        form.get_by_test_id("score-value").fill(value)
        form.get_by_test_id("score-comment").fill("კარგად დასაბუთებული გეგმა")
        form.get_by_test_id("score-comment").press("Tab")
        expect(form.get_by_test_id("saved")).to_be_visible()
    screenshot("grants-02-scoring-autosaved")
    page.wait_for_load_state("networkidle")  # the last autosave (the comment's) has answered
    assert sorted(Review.objects.get(membership__user=member).scores.values_list("value", flat=True)) == [4, 5]

    page.get_by_test_id("submit-link").click()
    page.get_by_test_id("confirm-submit").click()
    expect(page.get_by_test_id("review-status")).to_contain_text("წარდგენილია")
    expect(page.get_by_test_id("weighted-total")).to_contain_text("4,50")  # Georgian decimal comma
    screenshot("grants-03-submitted-and-aggregate")
    assert Review.objects.get(membership__user=member).status == Review.Status.SUBMITTED
