import pytest

from reintegration.taxonomy import Need
from surveys.models import Instrument, Question
from surveys.services import reference_load

pytestmark = pytest.mark.django_db


def test_reference_load_ships_three_bilingual_instruments_once():
    assert reference_load() == {"instruments": 3, "versions": 3}
    assert reference_load() == {"instruments": 0, "versions": 0}
    assert set(Instrument.objects.values_list("kind", flat=True)) == {"baseline", "priorities", "final"}
    for question in Question.objects.all():
        assert question.label_ka and question.label_en and question.label_ka != question.label_en, question.name


def test_final_survey_repeats_every_baseline_question_and_adds_the_effect():
    reference_load()
    baseline = Instrument.objects.get(kind="baseline").versions.get()
    final = Instrument.objects.get(kind="final").versions.get()
    base = {q.name: (q.type, [c.value for c in q.choices.all()]) for q in baseline.questions.all()}
    fin = {q.name: (q.type, [c.value for c in q.choices.all()]) for q in final.questions.all()}
    assert base.items() <= fin.items()
    assert {"initiative_known", "initiative_effect"} <= fin.keys() - base.keys()


def test_baseline_asks_about_services_by_the_need_taxonomy_and_priorities_are_ranked():
    reference_load()
    baseline = Instrument.objects.get(kind="baseline").versions.get()
    aware = baseline.questions.get(name="aware")
    assert [c.value for c in aware.choices.all()] == list(Need.values)
    assert aware.choices.get(value="employment").label_ka == "დასაქმება და სამუშაოს ძიება"
    priorities = Instrument.objects.get(kind="priorities").versions.get()
    assert priorities.questions.get(name="community_priorities").type == Question.Type.RANK
