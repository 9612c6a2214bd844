"""A counsellor enters a follow-up round of the sustainability survey in Georgian and sees the trend."""

import datetime

import pytest
from playwright.sync_api import expect

from rss.models import Round
from rss.tests.factories import answers_all, provisional, scored_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsellor_enters_a_follow_up_round_in_georgian_and_sees_the_trend(
    page, live_server, world, sign_in, screenshot
):
    version = provisional()
    counsellor = world.user("counsellor")
    worst, middle = answers_all(version, -1), answers_all(version, 1)
    case, _ = scored_case(world.hub_a, counsellor, version, [worst, middle], start=datetime.date(2026, 3, 2))
    sign_in("counsellor@a.ge")
    expect(page.locator("html")).to_have_attribute("lang", "ka")

    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_test_id("case-tab-referrals").click()  # fetched alone (htmx), its charts drawn all the same
    panel = page.get_by_test_id("rss-panel")
    expect(panel.get_by_test_id("rss-trend")).to_have_attribute("data-drawn", "true")
    expect(panel.get_by_test_id("rss-provisional")).to_contain_text("წინასწარი ვერსია")
    expect(panel.get_by_test_id("rss-scores").locator("tbody tr")).to_have_count(2)
    panel.get_by_test_id("rss-enter-6").click()

    form = page.get_by_test_id("rss-form")
    expect(form).to_contain_text("რამდენად კმაყოფილი ხართ თქვენი ამჟამინდელი ეკონომიკური მდგომარეობით?")
    form.get_by_label("ძალიან კმაყოფილი").check()
    form.get_by_label("დიახ, მუდმივი").check()
    for question in version.questions.exclude(code__in=["q01", "q03", "q08"]):
        form.locator(f"input[name=q_{question.code}][value={question.options.first().code}]").check()
    # q08 (children at school) stays unanswered: the person has no school-age children
    screenshot("rss-01-follow-up-form")
    page.get_by_test_id("rss-save").click()

    expect(page.get_by_test_id("rss-round-scores")).to_be_visible()
    expect(page.locator(".alert-success")).to_contain_text("რაუნდი შენახულია")
    screenshot("rss-02-round-explained")
    entered = Round.objects.get(case=case, month=6)
    assert entered.status == "completed" and entered.inputs["q08"] is None
    assert entered.scores["social"] == "1.0000" and entered.composite == 1

    page.goto(f"{live_server.url}{case.get_absolute_url()}?tab=referrals")
    rows = page.get_by_test_id("rss-scores").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(2)).to_contain_text("განმეორებითი გამოკითხვა, თვე 6")
    expect(page.get_by_test_id("rss-trend")).to_have_attribute("data-drawn", "true")
    page.get_by_test_id("rss-trend").scroll_into_view_if_needed()
    screenshot("rss-03-case-trend")
