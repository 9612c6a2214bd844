"""A hub lead reads their own hub's training figures and referral metrics (no longer a 403)."""

import datetime

import pytest
from django.urls import reverse

from hubs.selectors import training_stats_total
from hubs.tests.factories import CascadeSessionFactory, TrainingParticipantFactory
from referrals.models import Referral
from referrals.tests.factories import referral_for

pytestmark = pytest.mark.django_db


def test_hub_lead_sees_only_their_hubs_training_figures(client_for, world, hub_lead, counsellor, other_hub_counsellor):
    done = datetime.date(2026, 3, 1)
    cascade_a = CascadeSessionFactory(hub=world.hub_a)
    CascadeSessionFactory(hub=world.hub_b)
    TrainingParticipantFactory(event=cascade_a, user=counsellor, hub=world.hub_a, completed_on=done)
    TrainingParticipantFactory(event=cascade_a.parent, user=other_hub_counsellor, hub=world.hub_b, completed_on=done)
    # Hand count for hub A: one person trained, one cascade session, no ToT event attended by hub A staff.
    assert training_stats_total(hub_ids=[world.hub_a.pk]) | {"average_gain": None} == {
        "staff_trained": 1,
        "people_trained": 1,
        "average_gain": None,
        "cascade_sessions": 1,
        "tot_events": 0,
    }
    response = client_for(hub_lead).get(reverse("hubs:training-stats"))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.hub_a.name_ka in page and world.hub_b.name_ka not in page


def test_hub_lead_sees_their_hubs_referral_metrics_and_not_another_hubs(client_for, world, hub_lead, counsellor):
    referral_for(world, counsellor, status=Referral.Status.SENT)
    referral_for(world.hub_b, world.user("other_hub_counsellor"), status=Referral.Status.SENT)
    response = client_for(hub_lead).get(reverse("referrals:referral-metrics"))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.hub_a.name_ka in page and world.hub_b.name_ka not in page


def test_counsellor_still_gets_403_on_the_figures(client_for, counsellor, world):
    assert client_for(counsellor).get(reverse("hubs:training-stats")).status_code == 403
