"""The task-first home page: a counsellor lands on caseload, overdue follow-ups and referrals
awaiting an answer; a hub lead also sees approvals and transfers; each count links to its list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Referral
from referrals.tests.factories import referral_for
from reintegration.models import Case
from reintegration.tests.factories import FollowUpFactory, case_at

pytestmark = pytest.mark.django_db


def _tasks(response) -> dict:
    return {task["key"]: task for task in response.context["tasks"]}


def test_a_counsellor_lands_on_caseload_overdue_follow_ups_and_referrals_awaiting(client_for, world, counsellor):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    first, second = case_at(world.hub_a, counsellor), case_at(world.hub_a, counsellor)
    case_at(world.hub_a, counsellor, status=Case.Status.CLOSED)  # not in the caseload
    FollowUpFactory(case=first, due_on=yesterday)
    FollowUpFactory(case=second)  # not yet due
    FollowUpFactory(case=second, due_on=yesterday, done_at=timezone.now())  # done
    referral_for(world, counsellor, status=Referral.Status.SENT)  # a third open case, one referral waiting
    referral_for(world, counsellor, status=Referral.Status.ACCEPTED)  # a fourth, answered

    response = client_for(counsellor).get(reverse("dashboard:home"))

    tasks = _tasks(response)
    assert tasks["caseload"]["count"] == 4
    assert tasks["overdue"]["count"] == 1 and tasks["overdue"]["urgent"]
    assert tasks["referrals_awaiting"]["count"] == 1
    assert "approvals" not in tasks and "transfers" not in tasks
    assert tasks["referrals_awaiting"]["url"] == reverse("referrals:referral-list") + "?status=sent"
    assert tasks["overdue"]["url"] == reverse("reintegration:my-work") + "#overdue-title"
    html = response.content.decode()
    assert 'data-testid="task-overdue"' in html and 'href="/cases/my-work/#overdue-title"' in html.replace(
        reverse("reintegration:my-work"), "/cases/my-work/"
    )


def test_a_hub_lead_sees_closures_waiting_for_approval(client_for, world, counsellor, hub_lead):
    case_at(world.hub_a, counsellor, status=Case.Status.CLOSURE_REQUESTED)
    case_at(world.hub_b, counsellor, status=Case.Status.CLOSURE_REQUESTED)  # another hub: not theirs

    tasks = _tasks(client_for(hub_lead).get(reverse("dashboard:home")))

    assert tasks["approvals"]["count"] == 1 and tasks["approvals"]["urgent"]
    assert tasks["transfers"]["count"] == 0 and not tasks["transfers"]["urgent"]


def test_an_officer_sees_no_intake_button_on_the_case_list(client_for, officer, counsellor):
    assert (
        'data-testid="intake-button"'
        not in client_for(officer).get(reverse("reintegration:case-list")).content.decode()
    )


def test_a_counsellor_sees_the_intake_button_on_the_case_list(client_for, counsellor):
    assert (
        'data-testid="intake-button"' in client_for(counsellor).get(reverse("reintegration:case-list")).content.decode()
    )
