import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reintegration import services
from reintegration.models import Beneficiary, Case, CaseStatusChange
from reintegration.permissions import search_result_token
from reintegration.selectors import duplicate_warnings, intake_search
from reintegration.tests.factories import BeneficiaryFactory, case_at

pytestmark = pytest.mark.django_db


def intake_data(world, **overrides):
    data = {
        "name_ka": "ნინო გელაშვილი",
        "name_latin": "",
        "personal_number": "01024012345",
        "birth_year": "1994",
        "sex": "female",
        "phone": "+995 555 12 34 56",
        "municipality": world.hub_a.municipality_id,
        "address": "სოფ. ხიდისთავი",
        "category": "returnee",
        "citizenship": "georgian",
        "hub": world.hub_a.pk,
        "intake_token": str(uuid.uuid4()),
    }
    return data | overrides


def test_search_finds_a_person_by_georgian_name_latin_name_personal_number_and_phone(world):
    person = BeneficiaryFactory(name_ka="გიორგი წიკლაური", personal_number="12345678901", phone="+995 599 11 22 33")
    assert person.name_latin == "Giorgi Tsiklauri"
    assert intake_search("წიკლაური").close == [person]
    assert intake_search("tsiklauri").close == [person]
    assert intake_search("12345678901").exact == [person]
    assert intake_search("599112233").close == [person]
    assert intake_search("მარიამ").close == []


def test_georgian_query_also_matches_the_latin_spelling(world):
    person = BeneficiaryFactory(name_ka="Giorgi Tsiklauri", name_latin="Giorgi Tsiklauri")
    assert intake_search("წიკლაური").close == [person]


def test_intake_page_shows_the_search_before_the_form(client_for, counsellor, world):
    BeneficiaryFactory(name_ka="ნინო გელაშვილი", birth_year=1994)
    client = client_for(counsellor)
    page = client.get(reverse("reintegration:intake"))
    assert page.status_code == 200 and 'data-testid="register"' not in page.content.decode()
    page = client.get(reverse("reintegration:intake"), {"q": "გელაშვილი"})
    body = page.content.decode()
    assert "ნინო გელაშვილი" in body and 'data-testid="register"' in body


def test_counsellor_registers_a_new_person_and_a_numbered_case_opens(client_for, counsellor, world):
    response = client_for(counsellor).post(reverse("reintegration:intake"), intake_data(world))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.hub == world.hub_a and case.counsellor == counsellor and case.status == Case.Status.OPEN
    assert case.number.startswith(f"AAA-{case.opened_on.year}-0001")
    assert case.beneficiary.name_latin == "Nino Gelashvili"
    assert case.beneficiary.created_by == counsellor
    assert CaseStatusChange.objects.filter(case=case, to_status="open", actor=counsellor).exists()


def test_the_same_intake_form_sent_twice_creates_one_person(client_for, counsellor, world):
    client = client_for(counsellor)
    data = intake_data(world, personal_number="")
    first = client.post(reverse("reintegration:intake"), data)
    second = client.post(reverse("reintegration:intake"), data)
    assert Beneficiary.objects.count() == 1 and Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_an_existing_personal_number_blocks_the_duplicate_and_links_to_the_person(client_for, counsellor, world):
    existing = BeneficiaryFactory(personal_number="01024012345", name_ka="სხვა სახელი")
    response = client_for(counsellor).post(reverse("reintegration:intake"), intake_data(world))
    assert response.status_code == 200
    assert Beneficiary.objects.count() == 1
    body = response.content.decode()
    assert "სხვა სახელი" in body and reverse("reintegration:case-open-existing", args=[existing.pk]) in body


def test_a_close_name_match_warns_until_the_counsellor_confirms_a_different_person(client_for, counsellor, world):
    BeneficiaryFactory(name_ka="ნინო გელაშვილი", birth_year=1994)
    client = client_for(counsellor)
    data = intake_data(world, personal_number="")
    warned = client.post(reverse("reintegration:intake"), data)
    assert warned.status_code == 200 and 'data-testid="duplicate-warning"' in warned.content.decode()
    assert Beneficiary.objects.count() == 1
    confirmed = client.post(reverse("reintegration:intake"), data | {"different_person": "on"})
    assert confirmed.status_code == 302 and Beneficiary.objects.count() == 2


def test_close_names_are_all_shown_with_the_same_birth_year_first(world):
    far = BeneficiaryFactory(name_ka="ნინო გელაშვილი", birth_year=1960)
    near = BeneficiaryFactory(name_ka="ნინო გელაშვილი", birth_year=1995)
    assert duplicate_warnings(name_ka="ნინო გელაშვილი", birth_year=1994).close == [near, far]


def test_personal_number_must_have_eleven_digits(client_for, counsellor, world):
    response = client_for(counsellor).post(reverse("reintegration:intake"), intake_data(world, personal_number="12345"))
    assert response.status_code == 200 and not Beneficiary.objects.exists()
    assert "personal_number" in response.context["form"].errors


def test_personal_number_is_unique_when_given_but_may_be_left_empty(world, counsellor):
    BeneficiaryFactory(personal_number="")
    BeneficiaryFactory(personal_number="")
    with pytest.raises(ValidationError):
        services.beneficiary_register(
            hub=world.hub_a,
            acting_user=counsellor,
            name_ka="ა ბ",
            personal_number=BeneficiaryFactory(personal_number="11111111111").personal_number,
            birth_year=1990,
            sex="male",
            municipality=world.hub_a.municipality,
            category="returnee",
        )


def test_birth_date_sets_the_birth_year(world, counsellor):
    case = services.beneficiary_register(
        hub=world.hub_a,
        acting_user=counsellor,
        name_ka="ლევან კაპანაძე",
        birth_date="1990-05-04",
        sex="male",
        municipality=world.hub_a.municipality,
        category="returnee",
    )
    case.beneficiary.refresh_from_db()
    assert case.beneficiary.birth_year == 1990


def test_an_officer_or_other_hub_counsellor_cannot_register_at_hub_a(world, officer, other_hub_counsellor):
    for user in (officer, other_hub_counsellor):
        with pytest.raises(PermissionDenied):
            services.beneficiary_register(
                hub=world.hub_a,
                acting_user=user,
                name_ka="ა",
                birth_year=1990,
                sex="male",
                municipality=world.hub_a.municipality,
                category="returnee",
            )


def test_a_person_found_by_search_gets_a_case_at_the_counsellors_hub(
    client_for, other_hub_counsellor, counsellor, world
):
    case = case_at(world.hub_a, counsellor)
    response = client_for(other_hub_counsellor).post(
        reverse("reintegration:case-open-existing", args=[case.beneficiary_id]),
        {"token": search_result_token(other_hub_counsellor, case.beneficiary), "reason": "გადმოვიდა ქუთაისში"},
    )
    new_case = Case.objects.exclude(pk=case.pk).get()
    assert response["Location"] == new_case.get_absolute_url()
    assert new_case.hub == world.hub_b and new_case.beneficiary == case.beneficiary


def test_a_second_live_case_at_the_same_hub_is_refused(client_for, counsellor, world):
    case = case_at(world.hub_a, counsellor)
    response = client_for(counsellor).post(reverse("reintegration:case-open-existing", args=[case.beneficiary_id]))
    assert response.status_code == 302 and Case.objects.count() == 1
