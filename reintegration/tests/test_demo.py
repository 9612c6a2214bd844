import pytest

from reintegration import demo
from reintegration.models import Beneficiary, Case, CounsellingSession, FollowUp

pytestmark = pytest.mark.django_db


def test_demo_seed_gives_each_hub_a_georgian_caseload_once(world):
    demo.seed()
    assert Case.objects.filter(hub=world.hub_a).count() == demo.CASES_PER_HUB
    assert Case.objects.filter(hub=world.hub_b).count() == demo.CASES_PER_HUB
    assert all(
        any("\u10d0" <= ch <= "\u10ff" for ch in name) for name in Beneficiary.objects.values_list("name_ka", flat=True)
    )
    assert Beneficiary.objects.order_by().values("category").distinct().count() > 1
    assert CounsellingSession.objects.exists() and FollowUp.objects.exists()
    counts = (Beneficiary.objects.count(), Case.objects.count())
    demo.seed()
    assert (Beneficiary.objects.count(), Case.objects.count()) == counts
