"""Services for a need also come from related categories and nearby; when nothing exists the page
says so and the need can be marked unmet, which the officer sees per hub."""

import pytest
from django.urls import reverse

from hubs.tests.factories import MunicipalityFactory
from referrals.tests.factories import ServiceFactory
from reintegration.models import AssessedNeed
from reintegration.selectors import unmet_needs_per_hub
from reintegration.tests.factories import AssessedNeedFactory, case_at

pytestmark = pytest.mark.django_db


def _page(client, case, need):
    return client.get(reverse("referrals:need-services", args=[case.pk, need.pk]))


def test_related_categories_are_offered_after_the_exact_one(client_for, world, counsellor):
    case = case_at(world.hub_a, counsellor)
    need = AssessedNeedFactory(assessment__case=case, need="psychological_counselling")
    here = case.beneficiary.municipality
    exact = ServiceFactory(category="psychological_counselling", coverage="municipality", municipalities=[here])
    related = ServiceFactory(category="psychosocial_rehabilitation", coverage="municipality", municipalities=[here])
    ServiceFactory(category="housing", coverage="municipality", municipalities=[here])  # serves another need

    services = list(_page(client_for(counsellor), case, need).context["services"])

    assert services == [exact, related]


def test_services_elsewhere_in_the_region_are_listed_as_nearby(client_for, world, counsellor):
    case = case_at(world.hub_a, counsellor)
    need = AssessedNeedFactory(assessment__case=case, need="employment")
    neighbour = MunicipalityFactory(region=case.beneficiary.municipality.region)
    nearby = ServiceFactory(category="employment", coverage="municipality", municipalities=[neighbour])

    response = _page(client_for(counsellor), case, need)

    assert list(response.context["services"]) == [] and list(response.context["nearby"]) == [nearby]
    assert 'data-testid="no-service"' in response.content.decode()


def test_marking_a_need_unmet_returns_to_the_page_and_the_officer_sees_it_per_hub(
    client_for, world, counsellor, officer
):
    case = case_at(world.hub_a, counsellor)
    need = AssessedNeedFactory(assessment__case=case, need="employment")
    other = AssessedNeedFactory(assessment__case=case_at(world.hub_a, counsellor), need="employment")
    AssessedNeedFactory(assessment__case=case_at(world.hub_b, counsellor), need="housing", status="unmet")
    page = reverse("referrals:need-services", args=[case.pk, need.pk])
    client = client_for(counsellor)

    response = client.post(
        reverse("reintegration:need-status", args=[case.pk, need.pk]), {"status": "unmet", "next": page}
    )
    AssessedNeed.objects.filter(pk=other.pk).update(status="unmet")

    assert response["Location"] == page
    rows = unmet_needs_per_hub(officer)
    assert [(row["hub"], row["count"]) for row in rows] == [("AAA", 2), ("BBB", 1)]
    assert unmet_needs_per_hub(counsellor) == [] or all(row["hub"] == "AAA" for row in unmet_needs_per_hub(counsellor))
    html = client_for(officer).get(reverse("reintegration:unmet-needs")).content.decode()
    assert "AAA" in html and "BBB" in html
