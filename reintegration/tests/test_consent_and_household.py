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


def _members_post(rows, total=None):
    data = {"members-TOTAL_FORMS": str(total or len(rows)), "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "1", "members-MAX_NUM_FORMS": "30"}  # fmt: skip
    for index, row in enumerate(rows):
        data.update({f"members-{index}-{key}": value for key, value in row.items()})
    return data


SPOUSE = {"full_name": "ნინო ბერიძე", "relationship": "spouse", "personal_number": "", "birth_year": "1990", "sex": ""}
CHILD = {"full_name": "ლუკა ბერიძე", "relationship": "child", "personal_number": "", "birth_year": "2015", "sex": ""}
BLANK = {"full_name": "", "relationship": "", "personal_number": "", "birth_year": "", "sex": ""}


@pytest.fixture
def household_case(case, counsellor):
    services.household_update(
        beneficiary=case.beneficiary, size=4, female_headed=False, is_head=True, acting_user=counsellor
    )
    return case


def test_several_household_members_are_added_on_one_page_and_blank_rows_skipped(client_for, counsellor, household_case):
    from reintegration.models import HouseholdMember

    client = client_for(counsellor)
    url = reverse("reintegration:household-member-add", args=[household_case.pk])
    page = client.get(url).content.decode()
    assert page.count("data-formset-form") >= 4 and "data-formset-add" in page  # one required row, three spare
    response = client.post(url, _members_post([SPOUSE, BLANK, CHILD, BLANK]))
    assert response.status_code == 302
    household_case.beneficiary.refresh_from_db()
    members = HouseholdMember.objects.filter(household=household_case.beneficiary.household_id).order_by("pk")
    assert [(m.full_name, m.relationship, m.birth_year) for m in members] == [
        ("ნინო ბერიძე", "spouse", 1990),
        ("ლუკა ბერიძე", "child", 2015),
    ]


def test_a_bad_row_saves_nothing_names_the_row_and_keeps_every_row_typed(client_for, counsellor, household_case):
    from reintegration.models import HouseholdMember

    client = client_for(counsellor)
    bad = dict(CHILD, full_name="მარიამ ბერიძე", personal_number="123")
    response = client.post(
        reverse("reintegration:household-member-add", args=[household_case.pk]), _members_post([SPOUSE, bad, CHILD])
    )
    assert response.status_code == 200 and not HouseholdMember.objects.exists()
    html = response.content.decode()
    summary = html[html.index('data-testid="error-summary"') : html.index("</ul>", html.index("error-summary"))]
    assert 'href="#id_members-1-personal_number"' in summary and "members-0" not in summary
    for typed in ("ნინო ბერიძე", "მარიამ ბერიძე", "ლუკა ბერიძე", 'value="123"'):
        assert typed in html


def test_an_all_blank_page_asks_for_one_member(client_for, counsellor, household_case):
    from reintegration.models import HouseholdMember

    response = client_for(counsellor).post(
        reverse("reintegration:household-member-add", args=[household_case.pk]), _members_post([BLANK, BLANK])
    )
    assert response.status_code == 200 and not HouseholdMember.objects.exists()
    assert 'data-testid="error-summary"' in response.content.decode()
