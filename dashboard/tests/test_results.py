"""The results pages: cards, drill-down lists equal to their numbers, scopes, suppression, queries."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.indicators import providers
from dashboard.models import Indicator, IndicatorSnapshot
from dashboard.services import reference_load, snapshots_refresh_stale
from hubs.tests.factories import HubFactory, InfoSessionFactory, TrainingParticipantFactory
from reintegration.models import Beneficiary, Case
from reintegration.tests.factories import SessionFactory, case_at
from tests.queries import queries_for

from .fixtures import build

pytestmark = pytest.mark.django_db

CELL = re.compile(r'data-cell="([^"]*)"')


def _card_value(page: str, code: str) -> str:
    block = page.split(f'data-testid="value-{code}"', 1)[1]
    return CELL.search(block).group(1)


def _records(client, code: str, query: str = "") -> tuple[int, str]:
    page = client.get(reverse("dashboard:indicator-records", args=[code]) + "?" + query).content.decode()
    count = int(re.search(r'data-testid="records-total">(\d+)', page).group(1))
    return count, page


def test_officer_every_drill_down_list_equals_its_card(client_for, world, officer):
    build(world)
    reference_load()
    client = client_for(officer)
    page = client.get(reverse("dashboard:results")).content.decode()
    expected = {
        "hubs_operational": 2,
        "people_counselled": 3,
        "referrals_made": 4,
        "referrals_completed_share": 2,  # the list holds the numerator: 2 of 4 sent
        "staff_trained_tot": 2,
        "staff_trained_cascade": 1,
        "people_informed": 1,  # one session, adding 15 people
        "business_grants_awarded": 2,
        "business_grants_completed": 1,
        "survey_sample_reached": 3,
        "referral_guides_published": 1,
    }
    assert _card_value(page, "people_counselled") == "3"
    assert _card_value(page, "referrals_completed_share") == "50,0%"
    assert _card_value(page, "people_informed") == "15"
    assert 'data-testid="unavailable-policy_report_delivered"' in page
    assert "computed at" in page or "გამოთვლილია" in page
    for code, count in expected.items():
        assert _records(client, code)[0] == count, code
    informed_count, informed = _records(client, "people_informed")
    assert 'data-testid="records-sum">15<' in informed
    # A cell's list: the women counselled are P1 and P3.
    count, cell_page = _records(client, "people_counselled", "dimension=sex&cell=female")
    assert count == 2
    assert Case.objects.get(beneficiary__birth_year=1950).number in cell_page


def test_hub_lead_sees_their_hubs_figures_and_lists_only(client_for, world, hub_lead):
    data = build(world)
    reference_load()
    client = client_for(hub_lead)
    page = client.get(reverse("dashboard:results")).content.decode()
    assert _card_value(page, "people_counselled") == "2"
    count, records = _records(client, "people_counselled")
    assert count == 2
    assert data["cases"][2].number not in records  # P3 is at hub B
    detail = client.get(reverse("dashboard:indicator-detail", args=["people_counselled"])).content.decode()
    assert world.hub_b.name_ka not in detail


def test_partner_sees_no_cell_under_5_no_personal_field_and_no_list(client_for, world, partner):
    data = build(world)
    reference_load()
    client = client_for(partner)
    pages = [client.get(reverse("dashboard:results")).content.decode()]
    people = list(Indicator.objects.filter(counts_people=True).values_list("code", flat=True))
    for code in Indicator.objects.values_list("code", flat=True):
        pages.append(client.get(reverse("dashboard:indicator-detail", args=[code])).content.decode())
    for code in people:
        detail = client.get(reverse("dashboard:indicator-detail", args=[code])).content.decode()
        for value in CELL.findall(detail):
            shown = value in ("&lt;5", "0") or value.endswith("%") or int(value.replace(",", "")) >= 5
            assert shown, (code, value)
        for chart in re.findall(r'<script id="indicator-charts" type="application/json">(.*?)</script>', detail):
            for series in json.loads(chart):
                assert all(v is None or v == 0 or v >= 5 for v in series["values"]), code
    results = pages[0]
    assert _card_value(results, "people_counselled") == "&lt;5"
    assert _card_value(results, "people_informed") == "15"
    assert _card_value(results, "referrals_completed_share") == "&lt;5"
    assert reverse("dashboard:indicator-records", args=["people_counselled"]) not in results
    people_data = [
        *Beneficiary.objects.values_list("name_ka", flat=True),
        *Beneficiary.objects.exclude(phone="").values_list("phone", flat=True),
        *[case.number for case in data["cases"]],
        world.user("counsellor").full_name,
    ]
    for page in pages:
        for value in people_data:
            assert value not in page
    assert client.get(reverse("dashboard:indicator-records", args=["people_counselled"])).status_code == 403


def _grow_to_twelve_hubs(counsellor):
    for _ in range(10):
        hub = HubFactory()
        case = case_at(hub, counsellor)
        SessionFactory(case=case, held_on=datetime.date(2026, 4, 1))
        InfoSessionFactory(hub=hub)
        TrainingParticipantFactory(hub=hub, completed_on=datetime.date(2026, 4, 1))


def test_results_page_costs_the_same_queries_with_one_hubs_data_and_twelve(client_for, world, officer):
    reference_load()
    counsellor = world.user("counsellor")
    SessionFactory(case=case_at(world.hub_a, counsellor), held_on=datetime.date(2026, 4, 1))
    client = client_for(officer)
    url = reverse("dashboard:results")
    cold_one = (IndicatorSnapshot.objects.all().delete(), queries_for(client, url))[1]
    warm_one = queries_for(client, url)
    _grow_to_twelve_hubs(counsellor)
    IndicatorSnapshot.objects.all().delete()
    cold_twelve = queries_for(client, url)
    warm_twelve = queries_for(client, url)
    assert (cold_one, warm_one) == (cold_twelve, warm_twelve)
    assert warm_one < 15


def test_indicator_page_and_drill_down_cost_the_same_queries_at_two_sizes(client_for, world, officer):
    reference_load()
    counsellor = world.user("counsellor")
    SessionFactory(case=case_at(world.hub_a, counsellor), held_on=datetime.date(2026, 4, 1))
    client = client_for(officer)
    urls = [
        reverse("dashboard:indicator-detail", args=["people_counselled"]),
        reverse("dashboard:indicator-records", args=["people_counselled"]),
    ]
    queries_for(client, urls[0])  # fill the cache
    before = [queries_for(client, url) for url in urls]
    _grow_to_twelve_hubs(counsellor)
    IndicatorSnapshot.objects.all().delete()
    queries_for(client, urls[0])  # recompute the cache once
    assert [queries_for(client, url) for url in urls] == [before[0], before[1]]


def test_stale_values_are_recomputed_in_the_background(
    client_for, world, officer, settings, django_capture_on_commit_callbacks
):
    reference_load()
    client = client_for(officer)
    client.get(reverse("dashboard:results"))
    old = timezone.now() - datetime.timedelta(minutes=settings.DASHBOARD_MAX_AGE_MINUTES + 1)
    IndicatorSnapshot.objects.update(computed_at=old)
    SessionFactory(case=case_at(world.hub_a, world.user("counsellor")), held_on=datetime.date(2026, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(reverse("dashboard:results")).content.decode()
    assert _card_value(page, "people_counselled") == "0"  # shown with its time while recomputed
    counselled = IndicatorSnapshot.objects.get(indicator__code="people_counselled", scope="all")
    assert counselled.data["n"] == 1 and counselled.computed_at > old
    IndicatorSnapshot.objects.update(computed_at=old)
    assert snapshots_refresh_stale() == len(providers()) + 5
    assert not IndicatorSnapshot.objects.filter(computed_at=old).exists()


def test_every_cell_of_every_breakdown_lists_as_many_as_it_counts(world):
    from dashboard.indicators import Period, drill_down
    from dashboard.selectors import snapshots_for

    build(world)
    reference_load()
    checked = 0
    for indicator, snapshot in snapshots_for(hub_ids=None, period=Period()):
        if not snapshot.available:
            continue
        for dimension, cells in snapshot.data["dims"].items():
            for key, (n, _d) in cells.items():
                records, per_record, _link = drill_down(indicator.code, Period(), None, dimension, key)
                assert sum(per_record.values()) == n, (indicator.code, dimension, key)
                assert records.count() == len(per_record), (indicator.code, dimension, key)
                checked += 1
    assert checked > 50
