"""Programme rules live in services, each once; forms only display them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLog
from reintegration import services
from reintegration.forms import BreakGlassForm, ConsentForm, SessionForm
from reintegration.models import Consent, CounsellingSession
from reintegration.services.casework import BREAK_GLASS_REASON_MIN_LENGTH
from reintegration.tests.factories import case_at

pytestmark = pytest.mark.django_db
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def case(world, counsellor):
    return case_at(world.hub_a, counsellor)


def test_the_service_refuses_a_consent_dated_tomorrow_on_its_field(case, counsellor):
    with pytest.raises(ValidationError) as refusal:
        services.consent_record(
            beneficiary=case.beneficiary,
            purpose="data_processing",
            method="signed_form",
            given_on=TOMORROW,
            acting_user=counsellor,
        )
    assert list(refusal.value.error_dict) == ["given_on"]
    assert not Consent.objects.exists()


def test_the_service_refuses_a_session_held_tomorrow_on_its_field(case, counsellor):
    with pytest.raises(ValidationError) as refusal:
        services.session_record(
            case=case, acting_user=counsellor, held_on=TOMORROW, kind="pfa", mode="phone", duration_minutes=5
        )
    assert list(refusal.value.error_dict) == ["held_on"]
    assert not CounsellingSession.objects.exists()


def test_the_forms_leave_the_date_rule_to_the_service():
    consent = ConsentForm({"purpose": "data_processing", "given_on": TOMORROW.isoformat(), "method": "signed_form"})
    session = SessionForm(
        {"held_on": TOMORROW.isoformat(), "kind": "pfa", "mode": "phone", "duration_minutes": 5, "topics": "x"}
    )
    assert consent.is_valid(), consent.errors
    assert session.is_valid(), session.errors


def test_a_future_session_posted_shows_the_services_error_on_the_date_field(client_for, counsellor, case):
    response = client_for(counsellor).post(
        reverse("reintegration:session-add", args=[case.pk]),
        {"held_on": TOMORROW.isoformat(), "kind": "pfa", "mode": "phone", "duration_minutes": 5, "topics": "x"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["held_on"]  # the service's refusal, on its field
    assert not CounsellingSession.objects.exists()


def test_the_break_glass_reason_length_is_the_services_and_the_form_only_hints_it(client_for, officer, case):
    short = "x" * (BREAK_GLASS_REASON_MIN_LENGTH - 1)
    form = BreakGlassForm({"reason": short})
    assert form.is_valid()
    assert f'minlength="{BREAK_GLASS_REASON_MIN_LENGTH}"' in str(form["reason"])
    with pytest.raises(ValidationError):
        services.confidential_notes_open(case=case, reason=short, acting_user=officer)
    response = client_for(officer).post(reverse("reintegration:confidential-notes", args=[case.pk]), {"reason": short})
    (error,) = response.context["form"].errors["reason"]  # the service's refusal, on the reason field
    assert str(BREAK_GLASS_REASON_MIN_LENGTH) in error
    assert not AccessLog.objects.filter(action=AccessLog.Action.BREAK_GLASS).exists()
    services.confidential_notes_open(case=case, reason="x" * BREAK_GLASS_REASON_MIN_LENGTH, acting_user=officer)
    assert AccessLog.objects.filter(action=AccessLog.Action.BREAK_GLASS).count() == 1


def test_romanisation_happens_once_in_save_and_follows_a_new_name(case, counsellor):
    person = case.beneficiary
    services.beneficiary_update(
        beneficiary=person, expected_version=person.version, acting_user=counsellor, name_ka="ნინო ბერიძე"
    )
    person.refresh_from_db()
    assert person.name_latin == "Nino Beridze"
