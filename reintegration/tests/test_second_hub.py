"""A person registered at another hub: a case there only from a search result, with a reason, the
other hub's lead told, each hub seeing its own consents; one live case per person per hub."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import AccessLog
from reintegration import services
from reintegration.models import Case
from reintegration.permissions import search_result_token
from reintegration.selectors import has_sharing_consent
from reintegration.tests.factories import BeneficiaryFactory, CaseFactory, ConsentFactory, case_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub_a_case(world, counsellor):
    return case_at(
        world.hub_a,
        counsellor,
        beneficiary__name_ka="თამარ ქავთარაძე",
        beneficiary__personal_number="01001012345",
        beneficiary__phone="+995 577 00 11 22",
    )


def _open(client, person, **data):
    return client.post(reverse("reintegration:case-open-existing", args=[person.pk]), data)


def test_another_hubs_person_cannot_be_taken_over_from_a_bare_id(client_for, other_hub_counsellor, hub_a_case):
    response = _open(client_for(other_hub_counsellor), hub_a_case.beneficiary, reason="x")
    assert response.status_code == 404
    assert Case.objects.count() == 1
    denied = AccessLog.objects.get(action=AccessLog.Action.DENIED)
    assert (denied.user, denied.object_id) == (other_hub_counsellor, str(hub_a_case.beneficiary_id))


def test_a_person_without_any_case_cannot_be_opened_from_a_bare_id_either(client_for, counsellor, world):
    stranger = BeneficiaryFactory()
    assert _open(client_for(counsellor), stranger).status_code == 404
    assert not Case.objects.exists()


def test_a_token_for_another_user_or_another_person_does_not_open(
    client_for, other_hub_counsellor, counsellor, hub_a_case
):
    someone_else = BeneficiaryFactory()
    forged = [
        search_result_token(counsellor, hub_a_case.beneficiary),  # someone else's result
        search_result_token(other_hub_counsellor, someone_else),  # a result for another person
        "1:abc:def",
    ]
    client = client_for(other_hub_counsellor)
    for token in forged:
        assert _open(client, hub_a_case.beneficiary, token=token, reason="x").status_code == 404
    assert Case.objects.count() == 1


def test_an_expired_search_result_does_not_open(client_for, other_hub_counsellor, hub_a_case, monkeypatch):
    import reintegration.permissions as perms

    token = search_result_token(other_hub_counsellor, hub_a_case.beneficiary)
    monkeypatch.setattr(perms, "SEARCH_RESULT_MAX_AGE", -1)
    assert _open(client_for(other_hub_counsellor), hub_a_case.beneficiary, token=token, reason="x").status_code == 404


def test_the_search_result_carries_the_token_and_asks_for_a_reason(client_for, other_hub_counsellor, hub_a_case):
    page = client_for(other_hub_counsellor).get(reverse("reintegration:intake"), {"q": "01001012345"})
    body = page.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', body).group(1)
    assert 'name="reason"' in body and "required" in body
    # Only what is needed to recognise the person: no phone, no address, no case number of hub A.
    assert "577 00 11 22" not in body and hub_a_case.number not in body
    assert token and (other_hub_counsellor.pk, hub_a_case.beneficiary_id) == tuple(
        __import__("django.core.signing", fromlist=["x"])
        .TimestampSigner(salt="reintegration.case-open-from-search")
        .unsign_object(token)
    )


def test_a_case_at_a_second_hub_needs_a_reason(client_for, other_hub_counsellor, hub_a_case):
    token = search_result_token(other_hub_counsellor, hub_a_case.beneficiary)
    response = _open(client_for(other_hub_counsellor), hub_a_case.beneficiary, token=token, reason="  ")
    assert response.status_code == 302 and reverse("reintegration:intake") in response["Location"]
    assert Case.objects.count() == 1


def test_opening_at_a_second_hub_records_the_reason_and_tells_the_other_hubs_lead_without_personal_data(
    client_for, other_hub_counsellor, hub_a_case, world, hub_lead, mailoutbox, django_capture_on_commit_callbacks
):
    token = search_result_token(other_hub_counsellor, hub_a_case.beneficiary)
    with django_capture_on_commit_callbacks(execute=True):
        response = _open(client_for(other_hub_counsellor), hub_a_case.beneficiary, token=token, reason="საცხოვრებლად")
    new_case = Case.objects.get(hub=world.hub_b)
    assert response["Location"] == new_case.get_absolute_url()
    assert new_case.second_hub_reason == "საცხოვრებლად"
    assert [m.to for m in mailoutbox] == [[hub_lead.email]]
    message = mailoutbox[0].subject + mailoutbox[0].body
    assert new_case.number in message and hub_a_case.number in message
    for personal in ("თამარ", "ქავთარაძე", "01001012345", "577", "საცხოვრებლად"):
        assert personal not in message


def test_the_other_hubs_lead_reads_the_reason_on_their_own_case_page(
    client_for, other_hub_counsellor, hub_a_case, world, hub_lead
):
    services.case_open(
        beneficiary=hub_a_case.beneficiary, hub=world.hub_b, reason="საცხოვრებლად", acting_user=other_hub_counsellor
    )
    page = client_for(hub_lead).get(hub_a_case.get_absolute_url())
    assert "საცხოვრებლად" in page.content.decode()


def test_opening_at_a_hub_where_nobody_else_has_the_person_needs_no_reason(counsellor, world):
    person = BeneficiaryFactory()
    case = services.case_open(beneficiary=person, hub=world.hub_a, acting_user=counsellor)
    assert case.second_hub_reason == ""


def test_each_hub_sees_and_acts_on_its_own_consent_only(
    client_for, other_hub_counsellor, counsellor, hub_a_case, world
):
    ConsentFactory(
        beneficiary=hub_a_case.beneficiary,
        recorded_by=counsellor,
        purpose="sharing",
        provider_name="ორგანიზაცია ტოლერანტი",
    )
    b_case = services.case_open(
        beneficiary=hub_a_case.beneficiary, hub=world.hub_b, reason="გადმოვიდა", acting_user=other_hub_counsellor
    )
    assert has_sharing_consent(hub_a_case.beneficiary, "ორგანიზაცია ტოლერანტი", hub=world.hub_a)
    assert not has_sharing_consent(hub_a_case.beneficiary, "ორგანიზაცია ტოლერანტი", hub=world.hub_b)
    client = client_for(other_hub_counsellor)
    page = client.get(b_case.get_absolute_url()).content.decode()
    page += client.get(b_case.get_absolute_url() + "?tab=timeline").content.decode()  # consents are on the timeline too
    assert "ორგანიზაცია ტოლერანტი" not in page
    consent = hub_a_case.beneficiary.consents.get()
    withdraw = reverse("reintegration:consent-withdraw", args=[b_case.pk, consent.pk])
    assert client_for(other_hub_counsellor).post(withdraw).status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_consent_recorded_on_a_case_belongs_to_the_cases_hub(client_for, counsellor, hub_a_case, world):
    client_for(counsellor).post(
        reverse("reintegration:consent-add", args=[hub_a_case.pk]),
        {"purpose": "data_processing", "method": "signed_form", "given_on": "2026-11-01"},
    )
    assert hub_a_case.beneficiary.consents.get().hub == world.hub_a


def test_a_double_click_opens_one_case_and_the_second_lands_on_it(client_for, counsellor, world):
    person = BeneficiaryFactory()
    client = client_for(counsellor)
    token = search_result_token(counsellor, person)
    first = _open(client, person, token=token)
    second = _open(client, person, token=token)
    case = Case.objects.get()
    assert first["Location"] == second["Location"] == case.get_absolute_url()


def test_the_service_refuses_a_second_live_case_at_the_same_hub(counsellor, world):
    person = BeneficiaryFactory()
    services.case_open(beneficiary=person, hub=world.hub_a, acting_user=counsellor)
    with pytest.raises(ValidationError) as error:
        services.case_open(beneficiary=person, hub=world.hub_a, acting_user=counsellor)
    assert error.value.code == "already_open"
    assert Case.objects.count() == 1


def test_the_database_refuses_a_second_live_case_at_the_same_hub(counsellor, world):
    first = case_at(world.hub_a, counsellor)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(beneficiary=first.beneficiary, hub=world.hub_a, counsellor=counsellor)
    # A closed case does not count: the person may come back.
    Case.objects.filter(pk=first.pk).update(status=Case.Status.CLOSED)
    CaseFactory(beneficiary=first.beneficiary, hub=world.hub_a, counsellor=counsellor)
    assert Case.objects.filter(beneficiary=first.beneficiary).count() == 2


def test_reopening_is_refused_while_another_case_of_the_person_is_live_at_the_hub(counsellor, hub_lead, world):
    closed = case_at(world.hub_a, counsellor, status=Case.Status.CLOSED)
    CaseFactory(beneficiary=closed.beneficiary, hub=world.hub_a, counsellor=counsellor)
    with pytest.raises(ValidationError):
        services.case_reopen(case=closed, acting_user=hub_lead, note="დაბრუნდა")
    closed.refresh_from_db()
    assert closed.status == Case.Status.CLOSED
