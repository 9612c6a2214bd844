import pytest

from hubs.services import reference_load as hubs_reference_load
from referrals.demo import seed
from referrals.models import Referral
from reintegration.tests.factories import AssessedNeedFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_makes_a_referral_in_every_status_once(world):
    from accounts.tests.factories import officer
    from referrals.models import GuideEdition, ReferralGuide

    officer(user__email="officer@demo.ge")
    hubs_reference_load()
    for _ in range(9):
        AssessedNeedFactory()
    seed()
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    seed()
    assert Referral.objects.count() == 9
    guides = ReferralGuide.objects.count()
    assert guides >= 4 and GuideEdition.objects.filter(number=1).count() == GuideEdition.objects.count() == guides
