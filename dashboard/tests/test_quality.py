"""The data-quality queue: each count, its list (same number) and the way to fix each row."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.models import Application
from grants.tests.factories import ApplicationFactory
from referrals.models import Referral
from referrals.tests.factories import ServiceFactory, referral_for
from reintegration.models import Case, Consent
from reintegration.tests.factories import ConsentFactory, FollowUpFactory, case_at
from surveys.tests.factories import ResponseFactory, RoundFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def _world(world):
    a, b = world.hub_a, world.hub_b
    counsellor = world.user("counsellor")
    c1 = case_at(a, counsellor)  # no consent
    c2 = case_at(a, counsellor)
    ConsentFactory(beneficiary=c2.beneficiary)
    case_at(a, counsellor, status=Case.Status.CLOSED)  # closed: not a live case
    case_at(b, world.user("other_hub_counsellor"))  # no consent, hub B
    FollowUpFactory(case=c2, due_on=YESTERDAY)
    FollowUpFactory(case=c2, due_on=YESTERDAY, done_at=timezone.now())
    FollowUpFactory(case=c2)
    waiting = referral_for(world, counsellor, status=Referral.Status.SENT, follow_up_on=YESTERDAY)
    ConsentFactory(beneficiary=waiting.case.beneficiary, purpose=Consent.Purpose.DATA_PROCESSING)
    ServiceFactory(last_verified_at=timezone.now() - datetime.timedelta(days=400))  # stale
    ServiceFactory(last_verified_at=timezone.now())  # verified lately: not stale
    ApplicationFactory(
        hub=a, status=Application.Status.SUBMITTED, submitted_at=timezone.now() - datetime.timedelta(days=30)
    )
    ApplicationFactory(hub=a, status=Application.Status.MENTORING, screened_at=timezone.now())
    behind = RoundFactory(
        municipalities=[a.municipality], start_date=YESTERDAY - datetime.timedelta(days=30), end_date=YESTERDAY
    )
    ResponseFactory.create_batch(2, round=behind, municipality=a.municipality)
    return c1


def _queue(client) -> dict[str, int]:
    page = client.get(reverse("dashboard:quality-queue")).content.decode()
    return {code: int(n) for code, n in re.findall(r'data-testid="count-([a-z_]+)">(\d+)<', page)}


def _list_count(client, code) -> tuple[int, str]:
    page = client.get(reverse("dashboard:quality-list", args=[code])).content.decode()
    return int(re.search(r'data-testid="quality-total">(\d+)', page).group(1)), page


def test_officer_queue_counts_equal_their_lists_with_a_link_to_fix_each(client_for, world, officer):
    c1 = _world(world)
    client = client_for(officer)
    counts = _queue(client)
    # Hand count: no consent = c1 (A) and the hub B case; one service verified 400 days ago.
    assert counts == {
        "cases_without_consent": 2,
        "overdue_follow_ups": 1,
        "referrals_without_outcome": 1,
        "stale_services": 1,
        "applications_stuck": 1,
        "rounds_behind_target": 1,
    }
    for code, count in counts.items():
        assert _list_count(client, code)[0] == count, code
    _count, page = _list_count(client, "cases_without_consent")
    assert reverse("reintegration:consent-add", args=[c1.pk]) in page


def test_hub_lead_queue_covers_their_hub_only(client_for, world, hub_lead):
    _world(world)
    client = client_for(hub_lead)
    counts = _queue(client)
    assert counts["cases_without_consent"] == 1
    assert "stale_services" not in counts
    assert client.get(reverse("dashboard:quality-list", args=["stale_services"])).status_code == 404
    for code, count in counts.items():
        assert _list_count(client, code)[0] == count, code


def test_partner_and_counsellor_have_no_queue(client_for, world, partner):
    assert client_for(partner).get(reverse("dashboard:quality-queue")).status_code == 403


def test_queue_and_its_lists_cost_the_same_queries_at_two_sizes(client_for, world, officer):
    _world(world)
    client = client_for(officer)

    def grow():
        for _ in range(5):
            case_at(world.hub_b, world.user("other_hub_counsellor"))
            FollowUpFactory(case=case_at(world.hub_a, world.user("counsellor")), due_on=YESTERDAY)

    urls = [reverse("dashboard:quality-queue")]
    urls += [reverse("dashboard:quality-list", args=[code]) for code in ("cases_without_consent", "overdue_follow_ups")]
    before = [queries_for(client, url) for url in urls]
    grow()
    assert [queries_for(client, url) for url in urls] == before
