"""The analysis page at any size: stored tables (the time they were computed shown, a button to compute
them again, never stale after a new response), the same queries with 3 responses or 30 (responses with
their optional relations filled: a household, an enumerator), and the raw export streamed."""

import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts import streaming
from reintegration.tests.factories import HouseholdFactory
from surveys import analysis, exports
from surveys.models import Response
from tests.queries import assert_constant_queries

from .factories import ResponseFactory, RoundFactory


@pytest.fixture
def round_(world):
    return RoundFactory(municipalities=[world.hub_a.municipality])


def _respond(round_, world, count: int, sex: str = "female") -> None:
    household = HouseholdFactory()
    for _index in range(count):
        ResponseFactory(
            round=round_,
            household=household,
            enumerator=world.user("counsellor"),
            answers={"sex": sex, "age": 34, "returnee": "yes", "months_abroad": 24, "needs": ["housing"]},
        )


def _officer(world) -> Client:
    client = Client()
    client.force_login(world.user("officer"))
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize("query", ["", "?by=sex", "?by=municipality&weighted=1"])
def test_the_analysis_page_costs_the_same_queries_with_3_responses_or_30(round_, world, query):
    _respond(round_, world, 3)
    client = _officer(world)
    url = reverse("surveys:round-analysis", args=[round_.pk]) + query
    client.get(url)

    def grow():
        _respond(round_, world, 27, sex="male")
        cache.clear()  # computed again: the computation itself reads no more with more responses

    cache.clear()
    assert_constant_queries(client, url, grow)


def test_the_page_shows_a_stored_table_a_new_response_is_counted_and_refresh_computes_again(
    round_, world, monkeypatch, django_capture_on_commit_callbacks
):
    computed = []
    original = analysis.round_analysis

    def counting(*args, **kwargs):
        computed.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(analysis, "round_analysis", counting)
    _respond(round_, world, 2)
    _respond(round_, world, 1, sex="male")
    client = _officer(world)
    url = reverse("surveys:round-analysis", args=[round_.pk])
    page = client.get(url)
    assert 'data-testid="analysis-computed-at"' in page.content.decode()
    sex = next(q for q in page.context["table"].questions if q.question.name == "sex")
    assert [round(row.cells[0].value, 2) for row in sex.rows] == [66.67, 33.33]  # 2 of 3 women, 1 of 3 men
    assert len(computed) == 1
    again = client.get(url)
    assert len(computed) == 1 and again.context["computed_at"] == page.context["computed_at"]  # stored
    _respond(round_, world, 1, sex="male")  # a new response: never read from the stored table
    sex = next(q for q in client.get(url).context["table"].questions if q.question.name == "sex")
    assert [row.cells[0].value for row in sex.rows] == [50.0, 50.0] and len(computed) == 2
    with django_capture_on_commit_callbacks(execute=True):
        refreshed = client.post(reverse("surveys:round-analysis-refresh", args=[round_.pk]), {"query": "by=sex"})
    assert refreshed.status_code == 302 and refreshed["Location"].endswith("?by=sex")
    client.get(url)
    assert len(computed) == 3


def test_the_raw_export_streams_its_first_chunk_before_the_responses_are_all_read(round_, world, monkeypatch):
    monkeypatch.setattr(streaming, "CHUNK", 4096)
    _respond(round_, world, 1)
    template = Response.objects.get(round=round_)
    Response.objects.bulk_create(
        Response(
            round=round_,
            municipality_id=template.municipality_id,
            uuid=f"bulk-{index:05d}-{'x' * 20}",
            submitted_at=template.submitted_at,
            answers={"sex": ["female", "male"][index % 2], "age": 18 + index % 60, "returnee": "no"},
            sex=["female", "male"][index % 2],
        )
        for index in range(1999)
    )
    read = []
    rows = exports.responses_rows

    def counting_rows(*args, **kwargs):
        for row in rows(*args, **kwargs):
            read.append(1)
            yield row

    monkeypatch.setattr(exports, "responses_rows", counting_rows)
    response = _officer(world).get(reverse("surveys:round-responses-export", args=[round_.pk]))
    assert response.streaming
    content = iter(response.streaming_content)
    first = next(content)
    assert 0 < len(read) < 2000, len(read)
    data = first + b"".join(content)
    assert len(read) == 2000
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == 2001
