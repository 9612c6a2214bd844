import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from reintegration.eligibility import state_programme_eligibility
from reintegration.models import AssessedNeed, Beneficiary, MigrationEpisode
from reintegration.taxonomy import DIMENSION_OF, Need
from reintegration.tests.factories import BeneficiaryFactory, HouseholdFactory, MigrationEpisodeFactory, case_at
from reintegration.vulnerability import YOUTH_MAX_AGE, YOUTH_MIN_AGE, rule_text

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case(world, counsellor):
    return case_at(world.hub_a, counsellor)


def test_counsellor_records_needs_across_dimensions(client_for, counsellor, case):
    response = client_for(counsellor).post(
        reverse("reintegration:assessment-add", args=[case.pk]),
        {
            "assessed_on": TODAY.isoformat(),
            "need_employment": "on",
            "priority_employment": "high",
            "note_employment": "ხელობა: მზარეული",
            "need_psychological_counselling": "on",
            "priority_psychological_counselling": "medium",
            **{
                f"priority_{n.value}": "medium"
                for n in Need
                if n not in (Need.EMPLOYMENT, Need.PSYCHOLOGICAL_COUNSELLING)
            },
        },
    )
    assert response.status_code == 302
    needs = {n.need: n for n in AssessedNeed.objects.filter(assessment__case=case)}
    assert set(needs) == {"employment", "psychological_counselling"}
    assert needs["employment"].dimension == DIMENSION_OF[Need.EMPLOYMENT] == "economic"
    assert needs["employment"].priority == "high" and needs["employment"].note == "ხელობა: მზარეული"
    assert needs["psychological_counselling"].dimension == "psychosocial"


def test_an_assessment_without_needs_is_refused(client_for, counsellor, case):
    response = client_for(counsellor).post(
        reverse("reintegration:assessment-add", args=[case.pk]),
        {"assessed_on": TODAY.isoformat(), **{f"priority_{n.value}": "medium" for n in Need}},
    )
    assert response.status_code == 200 and not AssessedNeed.objects.exists()


def _case_with_episode(world, counsellor, *, months, status="irregular", returned_days_ago=60, citizenship="georgian"):
    case = case_at(world.hub_a, counsellor, beneficiary__citizenship=citizenship)
    return_date = TODAY - datetime.timedelta(days=returned_days_ago)
    departure = return_date - datetime.timedelta(days=round(months * 30.5))
    MigrationEpisodeFactory(
        beneficiary=case.beneficiary, departure_date=departure, return_date=return_date, status_abroad=status
    )
    return case


def test_eligible_returnee_gets_a_reason_for_each_rule(world, counsellor):
    result = state_programme_eligibility(_case_with_episode(world, counsellor, months=26))
    assert result.eligible is True
    assert [r.passed for r in result.rules] == [True, True, True]
    assert "26" in result.rules[1].reason and result.region == world.hub_a.municipality.region


def test_a_short_irregular_stay_is_not_eligible(world, counsellor):
    result = state_programme_eligibility(_case_with_episode(world, counsellor, months=8))
    assert result.eligible is False and result.rules[1].passed is False


def test_asylum_seekers_qualify_whatever_the_length_of_stay(world, counsellor):
    result = state_programme_eligibility(_case_with_episode(world, counsellor, months=3, status="asylum_seeker"))
    assert result.rules[1].passed is True


def test_registering_more_than_a_year_after_return_fails_the_third_rule(world, counsellor):
    result = state_programme_eligibility(_case_with_episode(world, counsellor, months=30, returned_days_ago=400))
    assert result.eligible is False and result.rules[2].passed is False


def test_citizens_of_other_countries_are_not_eligible(world, counsellor):
    result = state_programme_eligibility(_case_with_episode(world, counsellor, months=30, citizenship="other"))
    assert result.rules[0].passed is False and result.eligible is False


def test_without_migration_history_eligibility_is_not_known_yet(case):
    result = state_programme_eligibility(case)
    assert result.eligible is None and result.rules[1].passed is None


def test_eligibility_is_shown_on_the_case_page(client_for, counsellor, world):
    case = _case_with_episode(world, counsellor, months=26)
    body = client_for(counsellor).get(case.get_absolute_url()).content.decode()
    assert 'data-testid="eligibility"' in body and str(world.hub_a.municipality.region) in body


def test_vulnerabilities_are_derived_with_their_rule(world):
    household = HouseholdFactory(female_headed=True)
    woman = BeneficiaryFactory(sex="female", birth_year=TODAY.year - 65, household=household, is_idp=True)
    household.head = woman
    household.save()
    MigrationEpisodeFactory(beneficiary=woman, return_type=MigrationEpisode.ReturnType.DEPORTED)
    codes = {f.code: f for f in woman.vulnerabilities()}
    assert set(codes) == {"deportee", "elderly_woman", "female_head", "idp"}
    assert codes["elderly_woman"].derived and "60" in codes["elderly_woman"].rule and not codes["idp"].derived


@pytest.mark.parametrize(
    ("age", "youth"),
    [(YOUTH_MIN_AGE - 1, False), (YOUTH_MIN_AGE, True), (YOUTH_MAX_AGE, True), (YOUTH_MAX_AGE + 1, False)],
)
def test_youth_is_aged_14_to_29_by_the_same_threshold_in_python_and_in_the_database(world, age, youth):
    person = BeneficiaryFactory(birth_year=TODAY.year - age, birth_date=None)
    assert ("youth" in {f.code for f in person.vulnerabilities()}) is youth
    assert Beneficiary.objects.with_vulnerability("youth").filter(pk=person.pk).exists() is youth
    with translation.override("en"):
        assert rule_text("youth") == f"aged {YOUTH_MIN_AGE} to {YOUTH_MAX_AGE}"


def test_database_filters_agree_with_the_derived_vulnerabilities(world):
    household = HouseholdFactory(female_headed=True)
    head = BeneficiaryFactory(sex="female", birth_year=1980, household=household)
    household.head = head
    household.save()
    BeneficiaryFactory(sex="female", birth_year=1980, household=household)
    deportee = MigrationEpisodeFactory(return_type="deported").beneficiary
    assert list(Beneficiary.objects.with_vulnerability("female_head")) == [head]
    assert list(Beneficiary.objects.with_vulnerability("deportee")) == [deportee]
