"""A referral without dead ends: the consent's provider comes from the directory, the refusal's
link pre-fills it and comes back, the need follows the referral, follow-ups are created and closed."""

import datetime
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Referral
from referrals.services.referrals import provider_link_token, referral_answer_as_provider
from referrals.tests.factories import OrganizationFactory, ServiceFactory, referral_for
from reintegration.models import AssessedNeed, Case, Consent, FollowUp
from reintegration.services import case_approve_closure
from reintegration.tests.factories import AssessedNeedFactory, FollowUpFactory, case_at

pytestmark = pytest.mark.django_db
Status = Referral.Status


def test_the_consent_form_offers_the_directory_and_the_chosen_provider_lets_the_referral_go(
    client_for, world, counsellor
):
    referral = referral_for(world, counsellor, consent=False)
    org = referral.service.organization
    client = client_for(counsellor)
    refused = client.post(reverse("referrals:referral-send", args=[referral.pk]), follow=True).content.decode()
    link = urlparse(re.search(r'href="([^"]*/consents/add/[^"]*)"', refused).group(1).replace("&amp;", "&"))
    query = parse_qs(link.query)
    assert query["purpose"] == ["sharing"] and query["provider"] == [org.name_ka]
    detail = reverse("referrals:referral-detail", args=[referral.pk])
    assert query["next"] == [detail]

    consent_url = reverse("reintegration:consent-add", args=[referral.case_id])
    page = client.get(consent_url, query).content.decode()
    assert f'<option value="{org.name_ka}" selected>' in page

    data = {"purpose": "sharing", "provider_name": org.name_ka, "given_on": timezone.localdate().isoformat()}
    response = client.post(consent_url, {**data, "method": "signed_form", "next": detail})

    assert response.status_code == 302 and response["Location"] == detail
    assert Consent.objects.get(beneficiary=referral.case.beneficiary).provider_name == org.name_ka
    client.post(reverse("referrals:referral-send", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_a_provider_outside_the_directory_is_typed_in(client_for, world, counsellor):
    OrganizationFactory()  # the directory is not empty: the form offers a list and "another provider"
    case = case_at(world.hub_a, counsellor)
    url = reverse("reintegration:consent-add", args=[case.pk])
    data = {"purpose": "sharing", "provider_name": "__other__", "provider_other": "სოფლის ამბულატორია"}
    client_for(counsellor).post(url, {**data, "given_on": "2026-01-10", "method": "signed_form"})
    assert Consent.objects.get(beneficiary=case.beneficiary).provider_name == "სოფლის ამბულატორია"


def test_a_next_address_on_another_site_is_ignored(client_for, world, counsellor):
    case = case_at(world.hub_a, counsellor)
    url = reverse("reintegration:consent-add", args=[case.pk])
    data = {"purpose": "data_processing", "given_on": "2026-01-10", "method": "signed_form"}
    response = client_for(counsellor).post(url, {**data, "next": "https://evil.example/"})
    assert response["Location"] == case.get_absolute_url()


def test_sending_puts_the_need_in_progress_and_the_outcome_marks_it_met(client_for, world, counsellor):
    referral = referral_for(world, counsellor)
    client = client_for(counsellor)
    client.post(reverse("referrals:referral-send", args=[referral.pk]))
    assert AssessedNeed.objects.get(pk=referral.need_id).status == AssessedNeed.Status.IN_PROGRESS
    Referral.objects.filter(pk=referral.pk).update(status=Status.ACCEPTED)
    client.post(reverse("referrals:referral-outcome", args=[referral.pk]), {"outcome": "got_service"})
    assert AssessedNeed.objects.get(pk=referral.need_id).status == AssessedNeed.Status.MET


def test_a_provider_reporting_no_capacity_leaves_the_need_unmet(world, counsellor):
    referral = referral_for(world, counsellor, status=Status.ACCEPTED)
    referral_answer_as_provider(token=provider_link_token(referral), answer="outcome", outcome="no_capacity")
    assert AssessedNeed.objects.get(pk=referral.need_id).status == AssessedNeed.Status.UNMET


def test_a_referral_follow_up_date_creates_a_follow_up_task(client_for, world, counsellor):
    case = case_at(world.hub_a, counsellor)
    need = AssessedNeedFactory(assessment__case=case, need="employment")
    service = ServiceFactory(category="employment")
    due = timezone.localdate() + datetime.timedelta(days=10)
    url = reverse("referrals:need-services", args=[case.pk, need.pk])
    data = {"service": service.pk, "reason": "სამუშაო", "follow_up_on": due.isoformat()}
    client_for(counsellor).post(url, data)
    follow_up = FollowUp.objects.get(case=case)
    assert (follow_up.due_on, follow_up.assigned_to, follow_up.done_at) == (due, counsellor, None)


def test_closing_a_case_closes_its_pending_follow_ups(world, counsellor, hub_lead):
    case = case_at(world.hub_a, counsellor, status=Case.Status.CLOSURE_REQUESTED)
    pending = FollowUpFactory(case=case)
    other = FollowUpFactory(case=case_at(world.hub_a, counsellor))
    case_approve_closure(case=case, acting_user=hub_lead)
    pending.refresh_from_db(), other.refresh_from_db()
    assert pending.done_at is not None and other.done_at is None
