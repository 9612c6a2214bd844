"""Reference data of the community pipeline: the default committee criteria, and where they are used."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import CommunityCriterion, PriorityTheme
from community.services import reference_load
from community.services.reference import CRITERIA
from grants.models import GrantCycle

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _cycle_form(world, kind: str, name: str) -> dict:
    today = timezone.localdate()
    return {
        "name_ka": name, "name_en": name, "kind": kind, "call_opens": today, "call_closes": today,
        "budget": "90000", "ceiling": "20000", "municipalities": [world.hub_a.municipality.pk],
        "target_awards": 6, "total_minimum": "3", "disagreement_spread": "2", "monitoring_visit_required": "on",
        "tie_break_1": "vulnerability",
    }  # fmt: skip


def test_the_default_criteria_load_once_in_georgian_and_english_and_keep_later_edits():
    assert reference_load()["community_criteria"] == len(CRITERIA) == 5
    criterion = CommunityCriterion.objects.get(code="priority")
    assert criterion.name_ka == "პასუხობს თემის მიერ შერჩეულ პრიორიტეტს"
    assert criterion.name_en == "Answers a priority the community retained"
    assert (criterion.weight, criterion.score_min, criterion.score_max, criterion.minimum) == (
        Decimal("2.00"), 1, 5, Decimal("3.00"),
    )  # fmt: skip
    criterion.weight = Decimal("3")
    criterion.save()
    again = reference_load()
    assert again == {"priority_themes": 0, "community_criteria": 0}
    assert CommunityCriterion.objects.count() == 5 and PriorityTheme.objects.exists()
    assert CommunityCriterion.objects.get(code="priority").weight == Decimal("3.00")


def test_a_community_cycle_created_on_the_page_starts_with_the_default_criteria(world):
    reference_load()
    CommunityCriterion.objects.filter(code="cofunding").update(is_active=False)  # no longer in use
    officer = _as(world.user("officer"))

    response = officer.post(reverse("grants:cycle-create"), _cycle_form(world, "community", "თემი 2026"))

    assert response.status_code == 302, response.content.decode()[:2000]
    cycle = GrantCycle.objects.get(name_en="თემი 2026")
    criteria = list(cycle.criteria.order_by("order"))
    assert [c.name_en for c in criteria] == [
        "Answers a priority the community retained",
        "Benefit to returnees and the wider community",
        "Feasibility of the budget and workplan",
        "Sustainability after the grant",
    ]
    assert [c.weight for c in criteria] == [Decimal("2.00"), Decimal("2.00"), Decimal("1.50"), Decimal("1.00")]
    assert [c.order for c in criteria] == [1, 2, 3, 4]
    assert criteria[0].name_ka == "პასუხობს თემის მიერ შერჩეულ პრიორიტეტს"
    # The cycle keeps its own copy: editing the reference data later does not change it.
    CommunityCriterion.objects.filter(code="priority").update(name_en="Changed")
    assert cycle.criteria.get(order=1).name_en == "Answers a priority the community retained"


def test_a_business_cycle_does_not_get_the_community_criteria(world):
    reference_load()
    response = _as(world.user("officer")).post(
        reverse("grants:cycle-create"), _cycle_form(world, "business", "ბიზნესი 2026")
    )
    assert response.status_code == 302
    assert not GrantCycle.objects.get(name_en="ბიზნესი 2026").criteria.exists()
