"""The case and proposal pages read the person's memberships once (one principal per request):
their query counts stay below what they were before (measured at commit 3f40e65 with this setup)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants.tests import url_matrix as grants_matrix
from reintegration.tests import url_matrix as reintegration_matrix

# Queries per page before the principal replaced the four user-object caches.
BEFORE = {
    ("case", "counsellor"): 33,
    ("case", "hub_lead"): 33,
    ("case", "officer"): 30,
    ("proposal", "committee_member"): 24,
    ("proposal", "conflicted_member"): 25,
    ("proposal", "officer"): 21,
}


def _queries(user, url) -> int:
    client = Client()
    client.force_login(user)
    client.get(url)  # the first request warms per-process caches (content types, ...)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(("page", "persona"), sorted(BEFORE))
def test_the_page_costs_fewer_queries_than_before_the_principal(page, persona, world):
    reintegration_matrix.setup(world)
    grants_matrix.setup(world)
    url = {
        "case": reverse("reintegration:case-detail", kwargs={"pk": world.objects["case"].pk}),
        "proposal": reverse("grants:proposal-detail", kwargs={"pk": world.objects["proposal"].pk}),
    }[page]
    assert _queries(world.user(persona), url) < BEFORE[page, persona]
