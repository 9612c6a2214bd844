"""An officer runs a Steering Committee meeting in Georgian; the partner then reads the approved minutes."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.pdf import pdf_text
from accounts.tests.factories import officer as make_officer
from coordination.models import ActionItem, Decision, Meeting
from coordination.tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AGENDA = "რეფერალური სახელმძღვანელოების განხილვა"


def test_officer_records_a_meeting_and_the_partner_reads_its_minutes(page, live_server, world, sign_in, screenshot):
    make_officer(user__email="koordinatori@iom.ge", user__preferred_language="ka")
    committee = f.steering_committee()
    seat = f.CommitteeMemberFactory(committee=committee, user=world.user("partner"), full_name="ანა პარტნიორი")
    f.CommitteeMemberFactory(committee=committee, full_name="გიორგი მელაძე", organisation="შრომის სამინისტრო")

    sign_in("koordinatori@iom.ge")
    page.goto(f"{live_server.url}/coordination/")
    expect(page.locator("html")).to_have_attribute("lang", "ka")
    expect(page.get_by_test_id("committee-list")).to_contain_text("პროექტის სამეთვალყურეო კომიტეტი")
    screenshot("coordination-01-committees")

    page.get_by_role("link", name="პროექტის სამეთვალყურეო კომიტეტი").click()
    expect(page.get_by_test_id("members")).to_contain_text("გიორგი მელაძე")
    page.get_by_test_id("plan-meeting").click()
    starts = timezone.localtime() - datetime.timedelta(hours=2)
    page.fill("input[name=starts_at]", starts.strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=place]", "თბილისი, IOM-ის ოფისი")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("meeting-status")).to_contain_text("დაგეგმილი")

    page.get_by_test_id("agenda-add").click()
    page.fill("input[name=title_ka]", AGENDA)
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("agenda")).to_contain_text(AGENDA)
    page.get_by_test_id("mark-held").click()
    expect(page.get_by_test_id("meeting-status")).to_contain_text("ჩატარებული")
    screenshot("coordination-02-meeting-held")

    page.get_by_test_id("attendance").click()
    page.get_by_test_id("submit").click()
    page.get_by_test_id("decision-add").click()
    page.fill("textarea[name=text_ka]", "სახელმძღვანელოები მოწონებულია.")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("decisions")).to_contain_text("PSC-1")
    page.get_by_test_id("action-add").click()
    page.select_option("select[name=owner]", str(seat.pk))
    page.fill("input[name=title]", "სახელმძღვანელოს საბოლოო ვერსიის გაზიარება")
    page.fill("input[name=due_on]", (timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("action-items")).to_contain_text("ანა პარტნიორი")
    page.get_by_test_id("minutes-edit").click()
    page.fill("textarea[name=minutes_ka]", "კომიტეტმა განიხილა რეფერალური სახელმძღვანელოები.")
    screenshot("coordination-03-minutes-form")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("minutes-approve").click()
    expect(page.get_by_test_id("meeting-status")).to_contain_text("ოქმი დამტკიცებულია")
    screenshot("coordination-04-minutes-approved")

    meeting = Meeting.objects.get(committee=committee)
    assert meeting.status == Meeting.Status.MINUTED
    assert Decision.objects.get(meeting=meeting).reference == "PSC-1"
    assert ActionItem.objects.get(meeting=meeting).owner == seat
    pdf = page.request.get(f"{live_server.url}/coordination/meetings/{meeting.pk}/minutes.pdf?lang=ka")
    assert pdf.ok and AGENDA in pdf_text(pdf.body())

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name=re.compile("გასვლა|Sign out")).click()
    world.user("partner").preferred_language = "ka"
    world.user("partner").save(update_fields=["preferred_language"])
    sign_in("partner@sdc.ch")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.get_by_test_id("minutes")).to_contain_text("კომიტეტმა განიხილა")
    expect(page.get_by_test_id("action-items")).to_contain_text("სახელმძღვანელოს საბოლოო ვერსიის გაზიარება")
    expect(page.get_by_test_id("meeting-actions")).to_have_count(0)
    screenshot("coordination-05-partner-reads-minutes")
