"""Query counts of the case and proposal pages, held as ceilings.

The principal (issue 11) took each page below its count of commit 3f40e65 (BEFORE). The pages have
since gained content from the apps merged after it (the RSS panel and timeline, consent, household
and referral events on the timeline, the second-hub notice; the community subject's context), so
their counts today (NOW, measured on the merged main) are above BEFORE: these ceilings stop any
further rise. Issue 19's target (at most 15 on the case page) is not met yet."""

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


# Queries per page on the merged main (2026-11-29): a ceiling, not a target.
NOW = {
    ("case", "counsellor"): 36,
    ("case", "hub_lead"): 36,
    ("case", "officer"): 35,
    ("proposal", "committee_member"): 20,  # 27 before issue 19's second round (helper i19b)
    ("proposal", "conflicted_member"): 21,  # 28
    ("proposal", "officer"): 17,  # 22
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
def test_the_page_costs_no_more_queries_than_its_ceiling(page, persona, world):
    reintegration_matrix.setup(world)
    grants_matrix.setup(world)
    url = {
        "case": reverse("reintegration:case-detail", kwargs={"pk": world.objects["case"].pk}),
        "proposal": reverse("grants:proposal-detail", kwargs={"pk": world.objects["proposal"].pk}),
    }[page]
    assert _queries(world.user(persona), url) <= NOW[page, persona]
