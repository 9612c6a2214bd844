"""A provider's answer link does not outlive the referral's life or the person's consent."""

import pytest
from django.urls import reverse

from referrals.models import Referral
from referrals.services import provider_link_token, referral_cancel, referral_record_outcome
from referrals.tests.factories import referral_for
from reintegration import services as case_services

pytestmark = pytest.mark.django_db
Status = Referral.Status


def _page(client, token):
    return client.get(reverse("referrals:provider-answer", args=[token]))


def test_cancelling_ends_the_link_and_the_page_no_longer_names_the_person(client, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.SENT)
    token = provider_link_token(referral)
    assert _page(client, token).status_code == 200
    referral_cancel(referral=referral, acting_user=counsellor, note="x")
    page = _page(client, token)
    assert page.status_code == 403
    assert referral.case.beneficiary.name_ka not in page.content.decode()


def test_closing_with_an_outcome_ends_the_link(client, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.ACCEPTED)
    token = provider_link_token(referral)
    referral_record_outcome(referral=referral, outcome="got_service", acting_user=counsellor)
    assert _page(client, token).status_code == 403


def test_withdrawing_the_sharing_consent_ends_the_link(client, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.SENT)
    token = provider_link_token(referral)
    consent = referral.case.beneficiary.consents.get(purpose="sharing")
    case_services.consent_withdraw(consent=consent, acting_user=counsellor)
    assert _page(client, token).status_code == 403
    referral.refresh_from_db()
    assert referral.status == Status.SENT  # the counsellor decides what to do with the referral itself


def test_withdrawing_another_consent_leaves_the_link_working(client, world, counsellor):
    from reintegration.tests.factories import ConsentFactory

    referral = referral_for(world, counsellor, status=Status.SENT)
    token = provider_link_token(referral)
    other = ConsentFactory(beneficiary=referral.case.beneficiary, recorded_by=counsellor, purpose="surveys")
    case_services.consent_withdraw(consent=other, acting_user=counsellor)
    assert _page(client, token).status_code == 200


def test_the_providers_last_answer_ends_the_link_and_thanks_them(client, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.ACCEPTED)
    token = provider_link_token(referral)
    response = client.post(
        reverse("referrals:provider-answer", args=[token]), {"answer": "outcome", "outcome": "got_service"}
    )
    assert response.status_code == 200
    assert referral.case.beneficiary.name_ka not in response.content.decode()
    assert _page(client, token).status_code == 403


def test_the_provider_page_shows_no_phone_of_the_person(client, world, counsellor):
    referral = referral_for(world, counsellor, status=Status.SENT)
    referral.case.beneficiary.phone = "+995 599 98 76 54"
    referral.case.beneficiary.save()
    body = _page(client, provider_link_token(referral)).content.decode()
    assert referral.case.beneficiary.name_ka in body
    assert "98 76 54" not in body
