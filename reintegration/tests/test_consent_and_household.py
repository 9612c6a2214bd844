import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reintegration import services
from reintegration.models import Consent
from reintegration.selectors import has_consent, has_sharing_consent, same_household
from reintegration.tests.factories import BeneficiaryFactory, ConsentFactory, HouseholdFactory, case_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, counsellor):
    return case_at(world.hub_a, counsellor)


def test_counsellor_records_a_sharing_consent_naming_the_provider(client_for, counsellor, case):
    response = client_for(counsellor).post(
        reverse("reintegration:consent-add", args=[case.pk]),
        {"purpose": "sharing", "provider_name": "ტოლერანტი", "given_on": "2026-01-10", "method": "signed_form"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.purpose, consent.provider_name, consent.recorded_by) == ("sharing", "ტოლერანტი", counsellor)
    page = client_for(counsellor).get(case.get_absolute_url())
    assert "ტოლერანტი" in page.content.decode()


def test_sharing_consent_must_name_a_provider_and_verbal_consent_a_witness(case, counsellor):
    with pytest.raises(ValidationError):
        services.consent_record(
            beneficiary=case.beneficiary, purpose="sharing", method="signed_form", acting_user=counsellor
        )
    with pytest.raises(ValidationError):
        services.consent_record(
            beneficiary=case.beneficiary, purpose="surveys", method="verbal_witness", acting_user=counsellor
        )


def test_has_sharing_consent_answers_per_provider_and_stops_after_withdrawal(case, counsellor):
    person = case.beneficiary
    assert not has_sharing_consent(person)
    consent = services.consent_record(
        beneficiary=person, purpose="sharing", provider_name="Tolerant ", method="signed_form", acting_user=counsellor
    )

    class Org:
        name = "tolerant"
        name_ka = "ტოლერანტი"
        name_en = "Tolerant"

    assert (
        has_sharing_consent(person) and has_sharing_consent(person, "TOLERANT") and has_sharing_consent(person, Org())
    )
    assert not has_sharing_consent(person, "Intellect")
    services.consent_withdraw(consent=consent, acting_user=counsellor)
    assert not has_sharing_consent(person) and not has_sharing_consent(person, "Tolerant")
    consent.refresh_from_db()
    assert consent.withdrawn_by == counsellor and consent.withdrawn_at is not None


def test_withdrawal_through_the_case_page(client_for, counsellor, case):
    consent = ConsentFactory(beneficiary=case.beneficiary, recorded_by=counsellor, purpose="surveys")
    client_for(counsellor).post(reverse("reintegration:consent-withdraw", args=[case.pk, consent.pk]))
    assert not has_consent(case.beneficiary, "surveys")


def test_counsellor_of_another_hub_cannot_record_consent(case, other_hub_counsellor):
    with pytest.raises(PermissionDenied):
        services.consent_record(
            beneficiary=case.beneficiary, purpose="surveys", method="signed_form", acting_user=other_hub_counsellor
        )


def test_same_household_through_registration_or_member_list(case, counsellor):
    services.household_update(
        beneficiary=case.beneficiary, size=4, female_headed=True, is_head=True, acting_user=counsellor
    )
    spouse = BeneficiaryFactory(personal_number="22222222222")
    stranger = BeneficiaryFactory()
    services.household_member_add(
        beneficiary=case.beneficiary,
        acting_user=counsellor,
        full_name="მეუღლე",
        relationship="spouse",
        personal_number="22222222222",
    )
    assert same_household(case.beneficiary, spouse)
    assert not same_household(case.beneficiary, stranger)
    household = HouseholdFactory()
    a, b = BeneficiaryFactory(household=household), BeneficiaryFactory(household=household)
    assert same_household(a, b)


def test_household_form_makes_the_person_head_of_a_female_headed_household(client_for, counsellor, case):
    client_for(counsellor).post(
        reverse("reintegration:household-edit", args=[case.pk]), {"size": 3, "female_headed": "on", "is_head": "on"}
    )
    case.beneficiary.refresh_from_db()
    household = case.beneficiary.household
    assert household.size == 3 and household.female_headed and household.head == case.beneficiary
