"""The dashboard's community indicators against a hand count."""

import datetime

import pytest

from community.indicators import INDICATORS
from community.models import Completion
from community.selectors import initiatives_awarded, initiatives_completed

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_initiatives_awarded_and_completed_count_by_hub_and_period(world):
    a, b = world.hub_a, world.hub_b
    day = datetime.date(2026, 6, 1)
    first = InitiativeFactory(idea__priority__consultation__municipality=a.municipality, agreement_date=day)
    InitiativeFactory(idea__priority__consultation__municipality=a.municipality, agreement_date=day.replace(month=9))
    InitiativeFactory(idea__priority__consultation__municipality=b.municipality, agreement_date=day)
    Completion.objects.create(
        initiative=first, date=day.replace(month=11), narrative="x", recorded_by=world.user("mentor"), female=3, male=2
    )
    awarded, completed = INDICATORS["community_initiatives_awarded"], INDICATORS["community_initiatives_completed"]
    # Three agreements: two in hub A's municipality (June, September), one in hub B's (June).
    assert len(awarded(start=None, end=None, hub_ids=None)["facts"]) == 3
    assert [f["hub"] for f in awarded(start=None, end=None, hub_ids=[a.pk])["facts"]] == [a.pk, a.pk]
    june = awarded(start=day, end=day.replace(day=30), hub_ids=None)["facts"]
    assert sorted(f["hub"] for f in june) == sorted([a.pk, b.pk])
    done = completed(start=None, end=None, hub_ids=None)["facts"]
    assert [(f["pk"], f["hub"], f["date"]) for f in done] == [(first.pk, a.pk, day.replace(month=11))]
    assert completed(start=None, end=day, hub_ids=None)["facts"] == []
    assert (initiatives_awarded(), initiatives_completed(), initiatives_awarded(municipality=b.municipality)) == (
        3,
        1,
        1,
    )
