"""The volume generator: the rows it promises, on the real models, and never in production."""

import pytest
from django.core.management import CommandError, call_command

from grants.models import Proposal, Score
from referrals.models import Referral
from reintegration.models import Beneficiary, Case, Consent, CounsellingSession, FollowUp, NeedAssessment
from surveys.models import Response

pytestmark = pytest.mark.django_db


def test_seed_volume_adds_clients_with_their_casework_spread_over_the_hubs(settings):
    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("seed_volume", clients=240, seed=7, stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Beneficiary.objects.count() == 240
    assert Case.objects.count() == 240 and Consent.objects.count() == 240
    assert NeedAssessment.objects.count() == 240 and FollowUp.objects.count() == 240
    assert set(Case.objects.values_list("hub__code", flat=True).distinct()) >= {"SAM", "GLD", "TEL"}
    # About ten sessions and three referrals per client (uniform draws around those means).
    assert 8 * 240 <= CounsellingSession.objects.count() <= 12 * 240
    assert 2 * 240 <= Referral.objects.count() <= 4 * 240
    # Referral dates are spread out (the list sorts on them), not stamped with the same instant.
    assert Referral.objects.values("created_at").distinct().count() > 200
    assert len(set(Case.objects.values_list("number", flat=True))) == 240
    assert Proposal.objects.count() == 100 and Score.objects.count() == 100 * 5 * 4
    assert Response.objects.count() == 50


def test_seed_volume_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=False"):
        call_command("seed_volume", clients=10)
    assert Beneficiary.objects.count() == 0
