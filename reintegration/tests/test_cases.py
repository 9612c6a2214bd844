import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from hubs.tests.factories import counsellor_of, hub_lead_of
from reintegration import services
from reintegration.models import Case, CaseStatusChange, CaseTransfer
from reintegration.tests.factories import case_at

pytestmark = pytest.mark.django_db
S = Case.Status


@pytest.fixture
def case(world, counsellor):
    return case_at(world.hub_a, counsellor, status=S.ACTIVE)


def test_case_numbers_count_per_hub_and_year_and_never_repeat(world):
    year = timezone.localdate().year
    first = services.case_number_next(hub=world.hub_a, year=year)
    second = services.case_number_next(hub=world.hub_a, year=year)
    other = services.case_number_next(hub=world.hub_b, year=year)
    next_year = services.case_number_next(hub=world.hub_a, year=year + 1)
    assert (first, second) == (f"AAA-{year}-0001", f"AAA-{year}-0002")
    assert other == f"BBB-{year}-0001" and next_year == f"AAA-{year + 1}-0001"


def test_counsellor_requests_closure_and_the_hub_lead_is_emailed(
    client_for, counsellor, case, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(counsellor).post(
            reverse("reintegration:case-request-closure", args=[case.pk]), {"reason": "goals_met", "note": "დასაქმდა"}
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == S.CLOSURE_REQUESTED and case.closure_reason == "goals_met"
    change = case.status_changes.last()
    assert (change.from_status, change.to_status, change.actor, change.note) == (
        "active",
        "closure_requested",
        counsellor,
        "დასაქმდა",
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lead@a.ge"] and case.number in mail.outbox[0].subject


def test_hub_lead_approves_the_closure(client_for, hub_lead, case, counsellor):
    services.case_request_closure(case=case, reason="goals_met", acting_user=counsellor)
    response = client_for(hub_lead).post(reverse("reintegration:case-approve-closure", args=[case.pk]), {"note": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == S.CLOSED and case.closed_on == timezone.localdate()
    assert case.status_changes.last().actor == hub_lead


def test_a_counsellor_cannot_approve_their_own_closure_request(case, counsellor):
    services.case_request_closure(case=case, reason="goals_met", acting_user=counsellor)
    with pytest.raises(PermissionDenied):
        services.case_approve_closure(case=case, acting_user=counsellor)


def test_a_lead_of_another_hub_cannot_approve(case, counsellor, world):
    services.case_request_closure(case=case, reason="goals_met", acting_user=counsellor)
    with pytest.raises(PermissionDenied):
        services.case_approve_closure(case=case, acting_user=hub_lead_of(world.hub_b))


def test_closure_cannot_be_approved_before_it_is_requested(case, hub_lead):
    with pytest.raises(PermissionDenied):
        services.case_approve_closure(case=case, acting_user=hub_lead)


def test_the_hub_lead_can_send_a_closure_request_back_with_a_reason(case, counsellor, hub_lead):
    services.case_request_closure(case=case, reason="lost_contact", acting_user=counsellor)
    with pytest.raises(ValidationError):
        services.case_return_closure(case=case, acting_user=hub_lead, note=" ")
    services.case_return_closure(case=case, acting_user=hub_lead, note="კიდევ ერთი ზარი სცადე")
    case.refresh_from_db()
    assert case.status == S.ACTIVE and case.closure_reason == ""


def test_illegal_transitions_are_refused_with_a_message(case, counsellor):
    from reintegration.services._common import move_case

    case.status = S.TRANSFERRED
    with pytest.raises(ValidationError):
        move_case(case, S.ACTIVE, acting_user=counsellor)
    assert not CaseStatusChange.objects.filter(case=case).exists()


def test_a_closed_case_takes_no_more_work(case, counsellor, hub_lead):
    services.case_request_closure(case=case, reason="goals_met", acting_user=counsellor)
    services.case_approve_closure(case=case, acting_user=hub_lead)
    case.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.session_record(
            case=case, acting_user=counsellor, kind="counselling", mode="phone", duration_minutes=10, topics="x"
        )
    services.case_reopen(case=case, acting_user=hub_lead, note="ახალი საჭიროება")
    case.refresh_from_db()
    assert case.status == S.ACTIVE and case.closed_on is None


def test_the_first_session_makes_an_open_case_active(world, counsellor):
    case = case_at(world.hub_a, counsellor, status=S.OPEN)
    services.session_record(
        case=case, acting_user=counsellor, kind="information", mode="in_person", duration_minutes=30, topics="x"
    )
    case.refresh_from_db()
    assert case.status == S.ACTIVE


def test_transfer_is_accepted_by_the_receiving_hubs_lead_and_opens_a_case_there(client_for, case, counsellor, world):
    lead_b = hub_lead_of(world.hub_b)
    counsellor_b = world.user("other_hub_counsellor")
    client_for(counsellor).post(
        reverse("reintegration:case-transfer", args=[case.pk]),
        {"to_hub": world.hub_b.pk, "reason": "საცხოვრებლად გადავიდა"},
    )
    transfer = CaseTransfer.objects.get()
    assert transfer.status == CaseTransfer.Status.PENDING and transfer.to_hub == world.hub_b
    response = client_for(lead_b).post(
        reverse("reintegration:transfer-detail", args=[transfer.pk]),
        {"decision": "accept", "counsellor": counsellor_b.pk},
    )
    new_case = Case.objects.get(hub=world.hub_b)
    assert response["Location"] == new_case.get_absolute_url()
    case.refresh_from_db()
    transfer.refresh_from_db()
    assert case.status == S.TRANSFERRED and transfer.new_case == new_case and transfer.decided_by == lead_b
    assert (
        new_case.number.startswith("BBB-") and new_case.counsellor == counsellor_b and new_case.transferred_from == case
    )


def test_the_sending_hub_cannot_accept_its_own_transfer(case, counsellor, hub_lead, world):
    transfer = services.case_transfer_request(case=case, to_hub=world.hub_b, reason="x", acting_user=counsellor)
    with pytest.raises(PermissionDenied):
        services.case_transfer_accept(transfer=transfer, counsellor=counsellor, acting_user=hub_lead)


def test_a_transfer_must_go_to_a_counsellor_of_the_receiving_hub(case, counsellor, world):
    transfer = services.case_transfer_request(case=case, to_hub=world.hub_b, reason="x", acting_user=counsellor)
    with pytest.raises(ValidationError):
        services.case_transfer_accept(transfer=transfer, counsellor=counsellor, acting_user=hub_lead_of(world.hub_b))


def test_a_declined_transfer_leaves_the_case_where_it_was(case, counsellor, world):
    transfer = services.case_transfer_request(case=case, to_hub=world.hub_b, reason="x", acting_user=counsellor)
    with pytest.raises(ValidationError):
        services.case_transfer_request(case=case, to_hub=world.hub_b, reason="again", acting_user=counsellor)
    services.case_transfer_decline(transfer=transfer, acting_user=hub_lead_of(world.hub_b), note="ადგილი არ არის")
    case.refresh_from_db()
    assert case.status == S.ACTIVE and case.hub == world.hub_a
    assert "ადგილი არ არის" in case.status_changes.last().note


def test_counsellor_of_another_hub_gets_404_on_the_case_and_the_attempt_is_logged(
    client_for, other_hub_counsellor, case
):
    from accounts.models import AccessLog

    response = client_for(other_hub_counsellor).get(case.get_absolute_url())
    assert response.status_code == 404
    assert AccessLog.objects.filter(user=other_hub_counsellor, action="denied", object_id=str(case.pk)).exists()


def test_every_status_change_keeps_history(case, counsellor, hub_lead):
    services.case_request_closure(case=case, reason="goals_met", acting_user=counsellor)
    services.case_approve_closure(case=case, acting_user=hub_lead)
    assert [h.status for h in case.history.order_by("history_date")][-2:] == ["closure_requested", "closed"]


def test_responsible_counsellor_must_work_at_the_hub(case, counsellor, world):
    with pytest.raises(ValidationError):
        services.case_update(
            case=case,
            expected_version=case.version,
            acting_user=counsellor,
            counsellor=world.user("other_hub_counsellor"),
        )
    colleague = counsellor_of(world.hub_a)
    services.case_update(case=case, expected_version=case.version, acting_user=counsellor, counsellor=colleague)
    case.refresh_from_db()
    assert case.counsellor == colleague and case.version == 2


def test_closing_a_case_closes_its_open_follow_ups_and_keeps_the_done_ones(client_for, hub_lead, case, counsellor):
    from reintegration.models import FollowUp
    from reintegration.tests.factories import FollowUpFactory

    pending = FollowUpFactory(case=case, assigned_to=counsellor, due_on=timezone.localdate(), purpose="ზარი")
    done_at = timezone.now() - datetime.timedelta(days=2)
    done = FollowUpFactory(case=case, assigned_to=counsellor, purpose="ვიზიტი", done_at=done_at, outcome="შედგა")
    services.case_request_closure(case=case, reason="goals_met", acting_user=counsellor)
    client_for(hub_lead).post(reverse("reintegration:case-approve-closure", args=[case.pk]), {"note": ""})
    pending.refresh_from_db()
    done.refresh_from_db()
    assert pending.done_at is not None and pending.outcome  # "closed with the case", in the page language
    assert (done.done_at, done.outcome) == (done_at, "შედგა")
    assert not FollowUp.objects.pending().filter(assigned_to=counsellor).exists()


def test_a_transfer_moves_the_open_follow_ups_to_the_new_case_and_its_counsellor(client_for, case, counsellor, world):
    from reintegration.models import FollowUp
    from reintegration.tests.factories import FollowUpFactory

    lead_b, counsellor_b = hub_lead_of(world.hub_b), world.user("other_hub_counsellor")
    open_ones = [
        FollowUpFactory(case=case, assigned_to=counsellor, due_on=timezone.localdate(), purpose=p) for p in ("ა", "ბ")
    ]
    done = FollowUpFactory(case=case, assigned_to=counsellor, purpose="გ", done_at=timezone.now(), outcome="შედგა")
    client_for(counsellor).post(
        reverse("reintegration:case-transfer", args=[case.pk]), {"to_hub": world.hub_b.pk, "reason": "გადავიდა"}
    )
    transfer = CaseTransfer.objects.get()
    client_for(lead_b).post(
        reverse("reintegration:transfer-detail", args=[transfer.pk]),
        {"decision": "accept", "counsellor": counsellor_b.pk},
    )
    new_case = Case.objects.get(hub=world.hub_b)
    for follow_up in open_ones:
        follow_up.refresh_from_db()
        assert (follow_up.case, follow_up.assigned_to, follow_up.done_at) == (new_case, counsellor_b, None)
    done.refresh_from_db()
    assert (done.case, done.assigned_to) == (case, counsellor)
    assert not FollowUp.objects.pending().filter(assigned_to=counsellor).exists()
    assert new_case.status_changes.filter(note__contains=case.number).exists()
