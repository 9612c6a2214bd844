"""Caseload and grant counts that reintegration and grants add to the hubs app's pages."""

import pytest
from django.conf import settings
from django.urls import reverse

from grants.tests.factories import ApplicationFactory
from reintegration.models import Case
from reintegration.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_hub_and_municipality_pages_show_open_cases_and_grant_applications(client, world, officer):
    CaseFactory.create_batch(3, hub=world.hub_a)
    CaseFactory(hub=world.hub_a, status=Case.Status.CLOSED)
    ApplicationFactory(hub=world.hub_a, municipality=world.hub_a.municipality)
    client.force_login(officer)
    from reintegration.counts import open_cases_per_hub

    assert open_cases_per_hub([world.hub_a.pk, world.hub_b.pk]) == {world.hub_a.pk: 3}
    from grants.counts import applications_per_municipality

    assert applications_per_municipality([world.hub_a.municipality_id]) == {world.hub_a.municipality_id: 1}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("hubs:hub-list")).content.decode()
    assert "Open cases" in page and "Grant applications" in page
