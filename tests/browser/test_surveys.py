"""Survey journey: an enumerator enters a household questionnaire whose skip logic hides questions
as she answers; an officer then reads the analysis with its charts."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from surveys.models import Response
from surveys.tests.factories import ResponseFactory, RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enumerator_enters_a_response_with_skip_logic_and_officer_sees_the_analysis(
    page, live_server, world, sign_in, screenshot
):
    round_ = RoundFactory(
        name_ka="საბაზისო კვლევა", name_en="Baseline survey", municipalities=[world.hub_a.municipality]
    )
    for age, sex in [(25, "female"), (34, "male"), (41, "female"), (52, "male"), (63, "female"), (29, "male")]:
        ResponseFactory(
            round=round_, municipality=world.hub_a.municipality, answers={"sex": sex, "age": age, "returnee": "yes"}
        )

    sign_in("counsellor@a.ge")
    page.goto(live_server.url + reverse("surveys:round-list"))
    page.get_by_role("link", name="საბაზისო კვლევა").click()
    expect(page.get_by_test_id("round-progress")).to_contain_text("6")
    page.get_by_test_id("enter-response").click()

    months = page.locator("fieldset[data-question=months_abroad]")
    expect(months).to_be_hidden()  # nothing answered yet: the question is skipped
    page.check("input[name=sex][value=female]")
    page.fill("input[name=age]", "38")
    page.check("input[name=returnee][value=yes]")
    expect(months).to_be_visible()
    page.fill("input[name=months_abroad]", "30")
    page.check("input[name=needs][value=employment]")
    page.select_option("select[name=priorities__1]", "water")
    screenshot("surveys-01-entry-form-ka")

    page.check("input[name=returnee][value=no]")
    expect(months).to_be_hidden()  # the answer above no longer applies and is not saved
    page.get_by_test_id("save-response").click()
    expect(page.locator(".alert-success")).to_be_visible()
    saved = Response.objects.get(enumerator=world.user("counsellor"))
    assert saved.answers["returnee"] == "no" and "months_abroad" not in saved.answers
    assert saved.answers["priorities"] == ["water"]

    page.context.clear_cookies()
    sign_in("officer@iom.ge")
    page.goto(live_server.url + reverse("surveys:round-analysis", args=[round_.pk]) + "?by=sex")
    expect(page.get_by_test_id("analysis-total")).to_contain_text("7")
    expect(page.locator("canvas").first).to_be_visible()
    expect(page.locator("[data-question=age]").first).to_contain_text("n = 4")  # women: 3 + the new one
    assert screenshot("surveys-02-analysis").stat().st_size > 10_000
