import pytest

from hubs.tests.factories import HubFactory
from surveys import analysis, demo
from surveys.models import Response, Round
from surveys.services import reference_load

pytestmark = pytest.mark.django_db


def test_demo_seed_adds_baseline_and_final_rounds_with_analysable_responses_once():
    HubFactory.create_batch(2)
    reference_load()
    demo.seed()
    demo.seed()
    assert Round.objects.count() == 3
    baseline = Round.objects.get(version__instrument__kind="baseline")
    final = Round.objects.get(version__instrument__kind="final")
    assert baseline.responses.count() == 80 and Response.objects.count() == 80 + 50 + 60
    compared = dict(analysis.compare(baseline, final))
    assert any(row.difference is not None and row.low is not None for rows in compared.values() for row in rows)
    table = analysis.analyse(baseline, dimension="sex")
    assert len(table.groups) == 2
