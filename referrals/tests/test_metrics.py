from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.metrics import referral_metrics
from referrals.models import Referral
from referrals.tests.factories import ServiceFactory, referral_for
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
Status = Referral.Status


def _set(referral, status, outcome="", days=None):
    sent = timezone.now() - timedelta(days=30)
    completed = sent + timedelta(days=days) if days is not None else None
    Referral.objects.filter(pk=referral.pk).update(status=status, outcome=outcome, sent_at=sent, completed_at=completed)


def test_metrics_per_service_provider_and_hub(world, counsellor):
    service = ServiceFactory()
    got = referral_for(world, counsellor, service=service)
    partly = referral_for(world, counsellor, service=service)
    declined = referral_for(world, counsellor, service=service)
    referral_for(world, counsellor, service=service)  # a draft: not sent, not counted
    waiting = referral_for(world, counsellor, service=service)
    _set(got, Status.COMPLETED, "got_service", days=4)
    _set(partly, Status.COMPLETED, "partly", days=10)
    _set(declined, Status.DECLINED)
    _set(waiting, Status.SENT)
    metrics = referral_metrics(Referral.objects.all())
    row = metrics["services"][0]
    assert row["sent"] == 4
    assert row["acceptance_rate"] == pytest.approx(2 / 3)  # 2 completed out of 3 decided; "sent" is undecided
    assert row["median_days"] == 7.0
    assert {code: count for code, _label, count in row["outcomes"]}["got_service"] == 1
    assert metrics["providers"][0]["name"] == service.organization.name_ka
    hub = metrics["hubs"][0]
    assert hub["sent"] == 4 and hub["outcome_share"] == 0.5


def test_metrics_page_costs_the_same_queries_at_two_sizes(client_for, world, counsellor, officer):
    def grow():
        for _ in range(3):
            referral = referral_for(world, counsellor)
            _set(referral, Status.COMPLETED, "got_service", days=3)

    grow()
    response = client_for(officer).get(reverse("referrals:referral-metrics"))
    assert 'data-testid="metrics-services"' in response.content.decode()
    assert_constant_queries(client_for(officer), reverse("referrals:referral-metrics"), grow)
