import pytest
from django.core.management import call_command

from hubs import demo
from hubs.models import (
    InfoSession,
    MunicipalityApplication,
    OpeningHours,
    SelectionCriterion,
    TrainingEvent,
    TrainingParticipant,
)

pytestmark = pytest.mark.django_db


def _counts():
    return [
        model.objects.count()
        for model in (
            SelectionCriterion,
            MunicipalityApplication,
            TrainingEvent,
            TrainingParticipant,
            InfoSession,
            OpeningHours,
        )
    ]


def test_demo_seed_adds_the_selection_trainings_and_information_sessions_once():
    call_command("seed_demo", allow_production=True)
    assert MunicipalityApplication.objects.filter(status="selected").count() == 12
    assert MunicipalityApplication.objects.filter(status="not_selected").exists()
    assert TrainingEvent.objects.filter(format="cascade").exists()
    assert TrainingParticipant.objects.completed().exclude(certificate_number="").exists()
    assert InfoSession.objects.values("hub").distinct().count() == 12
    before = _counts()
    demo.seed()
    assert _counts() == before


def test_reference_data_loads_the_training_and_information_topics():
    call_command("load_reference_data")
    from hubs.models import InfoSessionTopic, TrainingTopic

    assert set(TrainingTopic.objects.values_list("name_en", flat=True)) >= {
        "Counselling techniques",
        "Referral",
        "Psychosocial first aid",
        "Working with returnees",
        "Business basics",
        "Data protection",
    }
    assert InfoSessionTopic.objects.filter(code="legal-labour-migration").exists()
