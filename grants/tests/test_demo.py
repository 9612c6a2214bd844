import pytest

from accounts.tests.factories import officer
from grants import demo
from grants.models import Application, Award, GrantCycle, Review
from hubs.tests.factories import HubFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_adds_a_cycle_in_each_status_with_a_conflicted_member_and_is_idempotent():
    officer()
    for _ in range(5):
        HubFactory()
    demo.seed()
    demo.seed()
    assert set(GrantCycle.objects.values_list("status", flat=True)) == set(GrantCycle.Status.values)
    assert GrantCycle.objects.count() == len(GrantCycle.Status.values)
    review = GrantCycle.objects.get(status=GrantCycle.Status.REVIEW)
    assert review.committee.voting().count() == 3
    recused = Review.objects.filter(proposal__cycle=review, status=Review.Status.RECUSED)
    assert recused.count() == 1 and recused.get().system_flags
    decided = GrantCycle.objects.get(status=GrantCycle.Status.DECIDED)
    assert decided.proposals.filter(decision__isnull=False).count() == decided.proposals.count() == 5
    assert Application.objects.filter(cycle=decided, status=Application.Status.SELECTED).exists()
    assert Award.objects.count() == 1
