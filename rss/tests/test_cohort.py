"""The cohort view and the dashboard's share improved, against a hand count; the export."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AccessLog
from reintegration.models import PlanAction
from reintegration.tests.factories import PlanActionFactory, PlanGoalFactory
from rss import selectors
from rss.tests.factories import hand_version, scored_case
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

ALL = ["e1a", "e1b", "e2a", "s1a", "s1b", "p1a", "p2a"]


def every(option: str) -> dict:
    return dict.fromkeys(ALL, option)


# composite: full = 1, half = 0.5, quarter = 0.25, none = 0
HUB_A = [
    ("female", ["half", "full"]),  # improved
    ("male", ["half", "quarter"]),  # worse
    ("female", ["none", "half", "full"]),  # improved (latest follow-up against the baseline)
    ("male", ["full", "full"]),  # same: not improved
    ("female", ["quarter", "half"]),  # improved
    ("male", ["half"]),  # baseline only: not compared
]
HUB_B = [("female", ["none", "quarter"]), ("male", ["half", "none"])]  # improved, worse


@pytest.fixture
def cohort_world(world, tmp_path):
    version = hand_version(tmp_path)
    cases = []
    for hub, persona, clients in [(world.hub_a, "counsellor", HUB_A), (world.hub_b, "other_hub_counsellor", HUB_B)]:
        for sex, options in clients:
            case, _ = scored_case(hub, world.user(persona), version, [every(o) for o in options], beneficiary__sex=sex)
            cases.append(case)
    PlanActionFactory(goal=PlanGoalFactory(case=cases[0]), kind=PlanAction.Kind.GRANT)
    PlanActionFactory(goal=PlanGoalFactory(case=cases[1]), kind=PlanAction.Kind.REFERRAL)
    return version, cases


def test_the_share_improved_equals_a_hand_count_with_wilsons_interval(cohort_world):
    version, _ = cohort_world
    share = selectors.share_improved(version=version)
    # 8 clients, 7 with a baseline and a follow-up, 4 improved. Wilson, z = 1.96, n = 7, p = 4/7:
    # denominator 1 + 3.8416/7 = 1.548800; centre (0.571429 + 0.274400) / 1.5488 = 0.546119;
    # half 1.96·√(0.244898/7 + 3.8416/196) / 1.5488 = 1.96·0.233634 / 1.5488 = 0.295663 -> [0.2505, 0.8418]
    assert (share.improved, share.n) == (4, 7)
    assert round(share.low, 4) == Decimal("0.2505") and round(share.high, 4) == Decimal("0.8418")


def test_the_share_improved_can_be_limited_to_hubs(cohort_world, world):
    share = selectors.share_improved(hub_ids=[world.hub_b.pk])
    assert (share.improved, share.n) == (1, 2)


def test_the_officer_cohort_by_hub_equals_a_hand_count(cohort_world, officer):
    version, _ = cohort_world
    table = selectors.cohort(officer, version=version, by="hub")
    assert (table["total"].n, table["total"].improved.improved, table["total"].improved.n) == (8, 4, 7)
    hub_a, hub_b = table["rows"]
    assert (hub_a.n, hub_a.improved.improved, hub_a.improved.n) == (6, 3, 5)
    # latest composites in hub A: 1, 0.25, 1, 1, 0.5, 0.5 -> mean 4.25 / 6 = 0.7083
    assert hub_a.means["composite"] == Decimal("0.7083")
    assert dict(hub_a.bands) == {"Low": 1, "High": 5}  # below 0.5: only the 0.25
    assert (hub_b.n, hub_b.hidden, hub_b.improved.improved) == (2, False, 1)


def test_partners_do_not_see_cells_under_five(cohort_world, partner, client_for):
    version, _ = cohort_world
    table = selectors.cohort(partner, version=version, by="sex")
    assert not table["total"].hidden
    assert [row.hidden for row in table["rows"]] == [True, True]  # 4 women, 4 men
    by_hub = selectors.cohort(partner, version=version, by="hub")
    assert [row.hidden for row in by_hub["rows"]] == [False, True]
    page = client_for(partner).get(reverse("rss:cohort") + "?by=hub").content.decode()
    assert page.count('data-testid="hidden-cell"') == 1


def test_a_hub_lead_sees_only_their_hubs_cohort(cohort_world, hub_lead):
    version, _ = cohort_world
    table = selectors.cohort(hub_lead, version=version, by="hub")
    assert table["total"].n == 6 and len(table["rows"]) == 1


def test_the_cohort_by_support_received_follows_the_plan_actions(cohort_world, officer):
    version, _ = cohort_world
    rows = {row.label: row.n for row in selectors.cohort(officer, version=version, by="support")["rows"]}
    assert rows == {"გრანტი": 1, "მხოლოდ მიმართვა": 1, "არ არის აღრიცხული": 6}


def test_the_cohort_page_costs_the_same_queries_with_more_clients(cohort_world, officer, client_for, world):
    version, _ = cohort_world
    assert_constant_queries(
        client_for(officer),
        reverse("rss:cohort") + "?by=return_type",
        lambda: scored_case(world.hub_a, world.user("counsellor"), version, [every("half"), every("full")]),
    )


def test_the_export_follows_the_documented_layout_and_is_logged(cohort_world, officer, client_for):
    version, cases = cohort_world
    response = client_for(officer).get(reverse("rss:export") + f"?version={version.pk}")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:11] == [
        "case_number",
        "hub_code",
        "round_kind",
        "month",
        "conducted_on",
        "version",
        "provisional",
        "economic",
        "social",
        "psychosocial",
        "composite",
    ]
    assert rows[0][11:13] == ["e1a", "e1a_value"]
    first = next(r for r in rows if r[0] == cases[0].number and r[2] == "baseline")
    assert first[1:11] == ["AAA", "baseline", "0", first[4], "hand", "0", "0.5000", "0.5000", "0.5000", "0.5000"]
    assert first[11:13] == ["half", "0.5"]
    assert len(rows) == 1 + 16  # 12 completed rounds in hub A, 4 in hub B
    assert AccessLog.objects.filter(user=officer, action=AccessLog.Action.EXPORT).exists()


def test_the_xlsx_export_has_the_same_columns(cohort_world, officer, client_for):
    from openpyxl import load_workbook

    version, _ = cohort_world
    response = client_for(officer).get(reverse("rss:export") + f"?version={version.pk}&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows(max_row=1))][:3] == ["case_number", "hub_code", "round_kind"]
    assert sheet.max_row == 17


def test_the_share_improved_for_a_user_reads_only_the_hubs_of_their_cohort_view(cohort_world, hub_lead, partner):
    assert (selectors.share_improved(user=hub_lead).improved, selectors.share_improved(user=hub_lead).n) == (3, 5)
    assert selectors.share_improved(user=partner).n == 7


def test_the_dashboard_indicator_counts_the_same_clients_as_the_hand_count(cohort_world, world):
    from rss.indicators import reintegration_improved_share

    _, cases = cohort_world
    result = reintegration_improved_share(start=None, end=None, hub_ids=None)
    facts = result["facts"]
    # Of the 8 clients, 7 were compared (d) and 4 improved (n), as in the hand count above.
    assert sum(f["d"] for f in facts) == 7 and sum(f["n"] for f in facts) == 4
    improved_cases = {f["pk"] for f in facts if f["n"]}
    assert improved_cases == {cases[0].pk, cases[2].pk, cases[4].pk, cases[6].pk}
    assert {f["sex"] for f in facts if f["n"]} == {"female"}
    hub_b = reintegration_improved_share(start=None, end=None, hub_ids=[world.hub_b.pk])["facts"]
    assert (sum(f["n"] for f in hub_b), sum(f["d"] for f in hub_b)) == (1, 2)


@pytest.mark.parametrize("language,date_format", [("ka", "DD.MM.YYYY"), ("en", "DD/MM/YYYY")])
def test_the_xlsx_export_writes_dates_and_scores_as_typed_cells(
    cohort_world, officer, client_for, language, date_format
):
    import datetime
    from decimal import Decimal

    from django.conf import settings
    from openpyxl import load_workbook

    version, _ = cohort_world
    client = client_for(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("rss:export") + f"?version={version.pk}&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, first = (list(row) for row in sheet.iter_rows(max_row=2))
    cells = {h.value: c for h, c in zip(header, first, strict=True)}
    assert isinstance(cells["conducted_on"].value, datetime.datetime)  # openpyxl reads dates back as datetimes
    assert cells["conducted_on"].number_format == date_format
    assert Decimal(str(cells["composite"].value)) == Decimal("0.5") and cells["composite"].data_type == "n"
    assert cells["e1a_value"].data_type == "n" and cells["e1a"].value == "half"
    assert cells["case_number"].data_type == "s"
