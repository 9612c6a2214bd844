"""Lists that cost the same at any size: a count capped at LIST_COUNT_CAP, no deep offsets, a search
that reads the query for what it is (case number, personal number, or a name in either script)."""

import pytest
from django.db import connection
from django.urls import reverse

from accounts import pagination
from referrals.tests.factories import referral_for
from reintegration.tests.factories import case_at

pytestmark = pytest.mark.django_db


def _listed(client, **params):
    response = client.get(reverse("reintegration:case-list"), params)
    assert response.status_code == 200
    return response, {case.pk for case in response.context["page"]}


def test_case_list_past_the_cap_says_more_than_and_its_deepest_page_is_the_last_capped_one(
    client_for, counsellor, world, monkeypatch
):
    monkeypatch.setattr(pagination, "LIST_COUNT_CAP", 4)
    cases = [case_at(world.hub_a, counsellor) for _ in range(6)]
    client = client_for(counsellor)
    response = client.get(reverse("reintegration:case-list"), {"page": 99})
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.count == 4
    assert "4-ზე მეტი საქმე" in response.content.decode()
    assert page.number == page.paginator.num_pages == 1  # 4 rows, 25 a page: one page, never an offset of 99 pages
    assert {c.pk for c in page} <= {c.pk for c in cases}


def test_case_list_under_the_cap_counts_exactly(client_for, counsellor, world, monkeypatch):
    monkeypatch.setattr(pagination, "LIST_COUNT_CAP", 4)
    for _ in range(3):
        case_at(world.hub_a, counsellor)
    response, listed = _listed(client_for(counsellor))
    assert not response.context["page"].paginator.capped and len(listed) == 3
    assert 'data-testid="list-capped"' not in response.content.decode()


def test_referral_list_past_the_cap_says_so(client_for, counsellor, world, monkeypatch):
    monkeypatch.setattr(pagination, "LIST_COUNT_CAP", 2)
    for _ in range(3):
        referral_for(world, counsellor)
    response = client_for(counsellor).get(reverse("referrals:referral-list"))
    assert response.context["page"].paginator.capped
    assert 'data-testid="list-capped"' in response.content.decode()


def test_case_search_reads_a_case_number_prefix_a_personal_number_or_a_name(client_for, officer, world, counsellor):
    nino = case_at(
        world.hub_a, counsellor, beneficiary__name_ka="ნინო ბერიძე", beneficiary__personal_number="01001012345"
    )
    other = case_at(world.hub_a, counsellor, beneficiary__name_ka="გიორგი კაპანაძე")
    client = client_for(officer)
    assert _listed(client, q=nino.number)[1] == {nino.pk}
    assert _listed(client, q=nino.number[:8].lower())[1] == {nino.pk, other.pk}  # "tel-2026" prefix, any case
    assert _listed(client, q="01001012345")[1] == {nino.pk}
    assert _listed(client, q="ნინო ბერიძე")[1] == {nino.pk}
    assert _listed(client, q="Nino Beridze")[1] == {nino.pk}
    assert _listed(client, q="კაპანაძე")[1] == {other.pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram path exists on PostgreSQL only")
def test_case_search_on_postgresql_is_typo_tolerant_word_by_word_and_uses_the_trigram_index(
    client_for, officer, world, counsellor
):
    nino = case_at(world.hub_a, counsellor, beneficiary__name_ka="ნინო ბერიძე")
    case_at(world.hub_a, counsellor, beneficiary__name_ka="ნინო კაპანაძე")
    case_at(world.hub_a, counsellor, beneficiary__name_ka="გიორგი ბერიძე")
    client = client_for(officer)
    assert _listed(client, q="nino beridse")[1] == {nino.pk}  # a typo, and both words must match
    assert _listed(client, q="ნინო ბერძე")[1] == {nino.pk}
    from reintegration.selectors import people_named

    sql, params = people_named("nino beridse").values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "reintegration_beneficiary_name_latin_trgm" in plan, plan


def _sql_of_list(client, url, **params) -> list[str]:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return [query["sql"] for query in captured]


def test_a_capped_count_does_not_order_the_rows_it_counts(client_for, counsellor, world):
    """Any cap + 1 rows will do for the count: ordering them first made the database sort, or walk
    the order's index through other hubs' rows, before it could stop (35 ms → 5 ms at 100,000)."""
    referral_for(world, counsellor)
    client = client_for(counsellor)
    for url in (reverse("referrals:referral-list"), reverse("reintegration:case-list")):
        counts = [sql for sql in _sql_of_list(client, url) if sql.startswith("SELECT COUNT(*)")]
        assert len(counts) == 1 and "ORDER BY" not in counts[0], counts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram path exists on PostgreSQL only")
def test_a_name_search_matches_the_names_once_and_past_the_cap_still_lists_the_newest(
    client_for, officer, world, counsellor, monkeypatch
):
    import datetime

    ninos = [
        case_at(world.hub_a, counsellor, beneficiary__name_ka="ნინო ბერიძე", opened_on=datetime.date(2026, 3, day))
        for day in (1, 2, 3)
    ]
    case_at(world.hub_a, counsellor, beneficiary__name_ka="გიორგი კაპანაძე")
    client = client_for(officer)
    url = reverse("reintegration:case-list")
    # Under the cap: the names are matched in one query (the count and the page use the ids it read).
    sql = _sql_of_list(client, url, q="nino beridze")
    assert len([query for query in sql if "<%" in query]) == 1, sql
    response, listed = _listed(client, q="nino beridze")
    assert listed == {case.pk for case in ninos} and response.context["page"].paginator.count == 3
    # Past the cap (2 people): the match stays a subquery; the newest cases still come first.
    monkeypatch.setattr(pagination, "LIST_COUNT_CAP", 2)
    response = client.get(url, {"q": "nino beridze"})
    page = response.context["page"]
    assert page.paginator.capped
    assert [case.pk for case in page][:2] == [ninos[2].pk, ninos[1].pk]
