import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsellor_signs_in_sees_georgian_home_and_switches_to_english(page, world, sign_in, screenshot):
    sign_in("counsellor@a.ge")
    expect(page.locator("html")).to_have_attribute("lang", "ka")
    expect(page.get_by_role("heading", level=1)).to_contain_text("მოგესალმებით")
    expect(page.get_by_test_id("hub-staff-home")).to_contain_text(world.hub_a.name_ka)
    assert screenshot("01-counsellor-home-ka").stat().st_size > 10_000

    page.get_by_test_id("lang-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(page.get_by_test_id("hub-staff-home")).to_contain_text(world.hub_a.name_en)
    assert screenshot("02-counsellor-home-en").stat().st_size > 10_000


def test_login_page_refuses_a_wrong_password_in_georgian(page, world, sign_in, screenshot):
    sign_in("counsellor@a.ge", "not-the-password")
    expect(page.locator(".alert-danger, .invalid-feedback, .errorlist").first).to_be_visible()
    assert "/accounts/login/" in page.url
    screenshot("03-login-error-ka")
