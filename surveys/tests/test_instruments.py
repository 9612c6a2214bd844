import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from surveys.logic import apply_rules
from surveys.models import Instrument, InstrumentVersion
from surveys.services import (
    instrument_create,
    question_add,
    question_update,
    version_build,
    version_create,
    version_signature,
)

from .factories import SAMPLE_QUESTIONS, ResponseFactory, RoundFactory, build_version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _spec(**overrides):
    return {"name": "q1", "type": "integer", "label_ka": "კითხვა", "label_en": "Question"} | overrides


def build_in_app(officer, questions=SAMPLE_QUESTIONS):
    """What an officer does in the builder: an instrument, a version, then one question at a time."""
    instrument = instrument_create(code="built", name_ka="ა", name_en="A", kind="baseline", acting_user=officer)
    version = version_create(instrument=instrument, acting_user=officer)
    for spec in questions:
        fields = {k: v for k, v in spec.items() if k != "choices"}
        question_add(version=version, spec=fields, choices=spec.get("choices", []), acting_user=officer)
    return version


def test_officer_builds_an_instrument_question_by_question(officer):
    version = build_in_app(officer)
    assert version.number == 1
    assert [q.name for q in version.questions.all()] == [s["name"] for s in SAMPLE_QUESTIONS]
    needs = version.questions.get(name="needs")
    assert [c.value for c in needs.choices.all()] == ["employment", "housing", "medical_care"]


def test_counsellor_cannot_build_instruments(counsellor):
    with pytest.raises(PermissionDenied):
        instrument_create(code="x", name_ka="ა", name_en="A", kind="baseline", acting_user=counsellor)


def test_skip_logic_may_only_refer_to_earlier_questions(officer):
    version = version_create(
        instrument=Instrument.objects.create(code="i", name_ka="ი", name_en="I"), acting_user=officer
    )
    with pytest.raises(ValidationError, match="not an earlier question"):
        question_add(version=version, spec=_spec(relevant="${later} = 1"), choices=[], acting_user=officer)
    with pytest.raises(ValidationError, match="Cannot read|Unexpected|Expected"):
        question_add(version=version, spec=_spec(constraint=". >>= 1"), choices=[], acting_user=officer)


def test_choice_question_needs_choices(officer):
    version = version_create(
        instrument=Instrument.objects.create(code="i", name_ka="ი", name_en="I"), acting_user=officer
    )
    with pytest.raises(ValidationError, match="at least one choice"):
        question_add(version=version, spec=_spec(type="select_one"), choices=[], acting_user=officer)


def test_an_answered_version_never_changes(officer):
    round_ = RoundFactory()
    ResponseFactory(round=round_)
    question = round_.version.questions.get(name="age")
    with pytest.raises(ValidationError, match="already been answered"):
        question_update(question=question, spec={"label_en": "Changed"}, choices=None, acting_user=officer)
    with pytest.raises(ValidationError, match="already been answered"):
        question_add(version=round_.version, spec=_spec(name="new"), choices=[], acting_user=officer)
    question.refresh_from_db()
    assert question.label_en == "Age"


def test_a_new_version_copies_the_answered_one_and_can_change(officer):
    round_ = RoundFactory()
    ResponseFactory(round=round_)
    copy = version_create(instrument=round_.version.instrument, acting_user=officer, copy_from=round_.version)
    assert copy.number == round_.version.number + 1
    assert version_signature(copy) == version_signature(round_.version)
    question = copy.questions.get(name="age")
    question_update(question=question, spec={"label_en": "Age in years"}, choices=None, acting_user=officer)
    assert round_.version.questions.get(name="age").label_en == "Age"


def test_version_build_refuses_a_broken_definition(officer):
    instrument = Instrument.objects.create(code="i", name_ka="ი", name_en="I")
    with pytest.raises(ValidationError):
        version_build(instrument=instrument, questions=[_spec(), _spec()], acting_user=officer, source="builder")
    assert not InstrumentVersion.objects.filter(instrument=instrument).exists()


@translation.override("en")
def test_rules_hide_skipped_questions_check_required_and_constraints():
    questions = list(build_version().questions.all())
    outcome = apply_rules(questions, {"sex": "male", "age": 70, "returnee": "no"})
    assert outcome.hidden == {"months_abroad", "plan_to_leave"} and outcome.errors == {}
    outcome = apply_rules(questions, {"sex": "male", "age": 70, "returnee": "no", "months_abroad": 12})
    assert "months_abroad" not in outcome.answers  # an answer to a hidden question is refused, not stored
    assert outcome.messages() == {
        "months_abroad": "Skip logic hides this question for this respondent (rule: ${returnee} = 'yes'), "
        "yet it has the answer “12”."
    }
    outcome = apply_rules(questions, {"sex": "male", "age": 12, "returnee": "yes"})
    assert outcome.messages() == {
        "age": "Age from 18 to 110 (answer “12”, rule: . >= 18 and . <= 110)",
        "months_abroad": "This question must be answered.",
    }


def test_the_shipped_instruments_map_their_disaggregation_questions_by_themselves():
    from surveys.services import reference_load

    reference_load()
    for version in InstrumentVersion.objects.filter(source=InstrumentVersion.Source.REFERENCE):
        assert (version.sex_question.name, version.sex_female, version.sex_male) == ("sex", "female", "male")
        assert (version.age_question.name, version.returnee_question.name, version.returnee_yes) == (
            "age",
            "returnee",
            "yes",
        )


def test_the_data_migration_maps_versions_made_before_the_mapping_by_their_question_names(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("surveys.migrations.0003_map_disaggregation_questions_by_name")
    round_ = RoundFactory(municipalities=[world.hub_a.municipality])
    response = ResponseFactory(round=round_, answers={"sex": "male", "age": 47, "returnee": "no"})
    InstrumentVersion.objects.filter(pk=round_.version_id).update(
        sex_question=None, sex_female="", sex_male="", age_question=None, returnee_question=None, returnee_yes=""
    )
    round_.responses.update(sex="", age_group="", is_returnee=None)
    migration.forwards(apps, None)
    version = InstrumentVersion.objects.get(pk=round_.version_id)
    assert (version.sex_question.name, version.age_question.name, version.returnee_yes) == ("sex", "age", "yes")
    response.refresh_from_db()
    assert (response.sex, response.age_group, response.is_returnee) == ("male", "45-59", False)
