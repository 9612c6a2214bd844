from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from hubs.tests.factories import MunicipalityFactory, RegionFactory
from referrals.models import Coverage, Phone, Service
from referrals.services import service_save, service_verify
from referrals.tests.factories import LocationFactory, OrganizationFactory, PhoneFactory, ServiceFactory
from reintegration.taxonomy import Need
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _service_post(organization, **overrides):
    data = {
        "organization": organization.pk,
        "name_ka": "იურიდიული კონსულტაცია",
        "name_en": "Legal advice",
        "category": Need.LEGAL_DOCUMENTS,
        "status": Service.Status.ACTIVE,
        "target_groups": ["returnees"],
        "languages": ["ka", "ru"],
        "minimum_age": "18",
        "maximum_age": "65",
        "is_free": "on",
        "coverage": Coverage.NATIONAL,
        "phone_numbers": "+995 32 211 11 11\n+995 599 11 11 11",
    }
    return data | overrides


def test_officer_creates_a_service_with_regional_coverage_and_phones(client_for, officer):
    organization = OrganizationFactory()
    region = RegionFactory()
    data = _service_post(organization, coverage=Coverage.REGION, regions=[region.pk])
    response = client_for(officer).post(reverse("referrals:service-create"), data)
    service = Service.objects.get(name_en="Legal advice")
    assert response.status_code == 302 and response["Location"] == reverse(
        "referrals:service-detail", args=[service.pk]
    )
    assert list(service.regions.all()) == [region]
    assert service.languages == ["ka", "ru"] and (service.minimum_age, service.maximum_age) == (18, 65)
    assert sorted(service.phones.values_list("number", flat=True)) == ["+995 32 211 11 11", "+995 599 11 11 11"]
    assert service.history.count() == 1


def test_regional_coverage_without_regions_is_refused_on_the_form(client_for, officer):
    data = _service_post(OrganizationFactory(), coverage=Coverage.REGION)
    response = client_for(officer).post(reverse("referrals:service-create"), data)
    assert response.status_code == 200
    assert not Service.objects.exists()


def test_age_range_upside_down_is_refused(client_for, officer):
    data = _service_post(OrganizationFactory(), minimum_age="60", maximum_age="18")
    response = client_for(officer).post(reverse("referrals:service-create"), data)
    assert response.status_code == 200 and not Service.objects.exists()


def test_editing_a_service_replaces_its_phones(client_for, officer):
    service = ServiceFactory()
    PhoneFactory(service=service, number="+995 32 000 00 00")
    data = _service_post(service.organization, phone_numbers="+995 32 999 99 99")
    response = client_for(officer).post(reverse("referrals:service-update", args=[service.pk]), data)
    assert response.status_code == 302
    assert list(Phone.objects.filter(service=service).values_list("number", flat=True)) == ["+995 32 999 99 99"]


def test_counsellor_cannot_save_a_service_through_the_service(counsellor):
    with pytest.raises(PermissionDenied):
        service_save(
            service=Service(organization=OrganizationFactory(), name_ka="x", category="employment"),
            acting_user=counsellor,
        )


def test_officer_creates_an_organisation_and_a_location(client_for, officer):
    client = client_for(officer)
    response = client.post(
        reverse("referrals:organization-create"), {"name_ka": "ფონდი", "name_en": "Foundation", "type": "ngo"}
    )
    assert response.status_code == 302
    from referrals.models import Organization

    organization = Organization.objects.get(name_en="Foundation")
    municipality = MunicipalityFactory()
    response = client.post(
        reverse("referrals:location-create", args=[organization.pk]),
        {
            "name_ka": "ოფისი",
            "location_type": "physical",
            "address_ka": "ქუჩა 1",
            "municipality": municipality.pk,
            "phone_numbers": "+995 350 27 08 72",
        },
    )
    assert response.status_code == 302
    location = organization.locations.get()
    assert location.municipality == municipality and location.phones.get().number == "+995 350 27 08 72"


def test_verify_records_who_and_when(client_for, officer):
    service = ServiceFactory(last_verified_at=None)
    assert service.is_stale
    response = client_for(officer).post(reverse("referrals:service-verify", args=[service.pk]))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.last_verified_by == officer
    assert timezone.now() - service.last_verified_at < timedelta(minutes=1)
    assert not service.is_stale


def test_verify_by_a_counsellor_is_denied_and_changes_nothing(counsellor):
    service = ServiceFactory(last_verified_at=None)
    with pytest.raises(PermissionDenied):
        service_verify(service=service, acting_user=counsellor)
    service.refresh_from_db()
    assert service.last_verified_at is None


def test_a_service_not_verified_for_twelve_months_is_flagged(client_for, counsellor):
    old = ServiceFactory(last_verified_at=timezone.now() - timedelta(days=366))
    fresh = ServiceFactory(last_verified_at=timezone.now() - timedelta(days=300))
    never = ServiceFactory(last_verified_at=None)
    assert set(Service.objects.stale()) == {old, never}
    response = client_for(counsellor).get(reverse("referrals:service-list"), {"stale": "on"})
    names = {s.name for s in response.context["page"]}
    assert names == {old.name, never.name} and fresh.name not in names
    page = client_for(counsellor).get(reverse("referrals:service-detail", args=[old.pk])).content.decode()
    assert 'data-testid="stale-badge"' in page


def _listed(client, **params):
    response = client.get(reverse("referrals:service-list"), params)
    assert response.status_code == 200
    return {service.pk for service in response.context["page"]}


def test_search_by_municipality_finds_national_regional_and_local_services(client_for, counsellor):
    telavi = MunicipalityFactory()
    other = MunicipalityFactory()
    national = ServiceFactory(coverage=Coverage.NATIONAL)
    regional = ServiceFactory(coverage=Coverage.REGION, regions=[telavi.region])
    local = ServiceFactory(coverage=Coverage.MUNICIPALITY, municipalities=[telavi])
    elsewhere = ServiceFactory(coverage=Coverage.MUNICIPALITY, municipalities=[other])
    found = _listed(client_for(counsellor), municipality=telavi.pk)
    assert found == {national.pk, regional.pk, local.pk}
    assert elsewhere.pk not in found


def test_search_by_need_and_by_text(client_for, counsellor):
    medical = ServiceFactory(category=Need.MEDICAL_CARE, name_ka="დიაგნოსტიკა", name_en="Diagnostics")
    job = ServiceFactory(category=Need.EMPLOYMENT, organization=OrganizationFactory(name_ka="დასაქმების ცენტრი"))
    client = client_for(counsellor)
    assert _listed(client, category=Need.MEDICAL_CARE) == {medical.pk}
    assert _listed(client, q="დიაგნოსტ") == {medical.pk}
    assert _listed(client, q="diagnostics") == {medical.pk}
    assert _listed(client, q="დასაქმების") == {job.pk}


def test_service_list_costs_the_same_queries_at_two_sizes(client_for, counsellor):
    def grow():
        for _ in range(5):
            location = LocationFactory()
            service = ServiceFactory(coverage=Coverage.REGION, regions=[RegionFactory()], locations=[location])
            PhoneFactory(service=service)

    grow()
    assert_constant_queries(client_for(counsellor), reverse("referrals:service-list"), grow)


def test_organisation_list_costs_the_same_queries_at_two_sizes(client_for, counsellor):
    def grow():
        for _ in range(4):
            ServiceFactory()

    grow()
    assert_constant_queries(client_for(counsellor), reverse("referrals:organization-list"), grow)


def test_service_detail_shows_contacts_and_verification(client_for, counsellor, officer):
    location = LocationFactory(name_ka="რესურს ცენტრი")
    service = ServiceFactory(locations=[location], last_verified_by=officer)
    PhoneFactory(service=service, number="+995 32 291 34 61")
    page = client_for(counsellor).get(reverse("referrals:service-detail", args=[service.pk])).content.decode()
    assert "+995 32 291 34 61" in page and "რესურს ცენტრი" in page and officer.full_name in page
    assert 'data-testid="verify"' not in page


def test_a_refused_directory_form_opens_with_the_error_summary_and_keeps_what_was_typed(client_for, officer):
    organization = OrganizationFactory()
    data = _service_post(organization, name_ka="", phone_numbers="+995 599 11 11 11\nზარი")
    response = client_for(officer).post(reverse("referrals:service-create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and html.count('data-testid="error-summary"') == 1
    summary = html[html.index('data-testid="error-summary"') : html.index("</ul>", html.index("error-summary"))]
    assert 'href="#id_name_ka"' in summary and 'href="#id_phone_numbers"' in summary and "ზარი" in summary
    assert "+995 599 11 11 11" in html[html.index("</ul>", html.index("error-summary")) :]
