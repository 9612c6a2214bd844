import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hubs.counts import register_count, unregister_count
from hubs.models import Municipality
from hubs.services import municipality_update
from hubs.tests.factories import MunicipalityFactory, RegionFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_officer_browses_regions_with_their_municipality_and_hub_counts(client_for, world, officer):
    page = client_for(officer).get(reverse("hubs:region-list")).content.decode()
    assert world.hub_a.municipality.region.name_ka in page


def test_municipality_list_filters_by_region_and_name(client_for, world, officer):
    region = RegionFactory(code="guria", name_ka="გურია", name_en="Guria")
    MunicipalityFactory(region=region, name_ka="ოზურგეთი", name_en="Ozurgeti", is_pilot=False)
    client = client_for(officer)
    page = client.get(reverse("hubs:municipality-list") + f"?region={region.pk}").content.decode()
    assert "ოზურგეთი" in page and world.hub_a.municipality.name_ka not in page
    page = client.get(reverse("hubs:municipality-list") + "?q=Ozur").content.decode()
    assert "ოზურგეთი" in page


def test_municipality_list_costs_the_same_queries_with_more_rows(client_for, world, officer):
    register_count("test-grants", "Grants", per_municipality=lambda ids: dict.fromkeys(ids, 2))
    try:
        assert_constant_queries(
            client_for(officer),
            reverse("hubs:municipality-list"),
            lambda: [MunicipalityFactory() for _ in range(5)],
        )
    finally:
        unregister_count("test-grants")


def test_officer_edits_a_municipality_and_the_change_is_kept_in_history(client_for, world, officer):
    municipality = world.hub_a.municipality
    url = reverse("hubs:municipality-edit", kwargs={"pk": municipality.pk})
    data = {
        "name_ka": "თელავი",
        "name_en": "Telavi",
        "kind": "municipality",
        "population": "55000",
        "administrative_centre": "თელავი",
        "notes": "",
    }
    response = client_for(officer).post(url, data)
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert (municipality.name_en, municipality.population) == ("Telavi", 55000)
    assert municipality.history.first().history_user == officer
    detail = client_for(officer).get(reverse("hubs:municipality-detail", kwargs={"pk": municipality.pk}))
    assert "55000" in detail.content.decode()


def test_hub_lead_cannot_edit_a_municipality(world, hub_lead):
    with pytest.raises(PermissionDenied):
        municipality_update(municipality=world.hub_a.municipality, data={"notes": "x"}, acting_user=hub_lead)
    assert Municipality.objects.get(pk=world.hub_a.municipality_id).notes == ""
