import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLog
from reintegration import services
from reintegration.models import CounsellingSession, FollowUp, PlanAction, PlanGoal
from reintegration.tasks import send_overdue_follow_up_reminders
from reintegration.tests.factories import FollowUpFactory, SessionFactory, case_at

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case(world, counsellor):
    return case_at(world.hub_a, counsellor)


def test_counsellor_records_a_session_with_confidential_notes(client_for, counsellor, case):
    response = client_for(counsellor).post(
        reverse("reintegration:session-add", args=[case.pk]),
        {
            "held_on": TODAY.isoformat(),
            "kind": "pfa",
            "mode": "in_person",
            "duration_minutes": 50,
            "topics": "შფოთვა დაბრუნების შემდეგ",
            "next_steps": "ფსიქოლოგთან მიმართვა",
            "confidential_notes": "ოჯახში ძალადობის ნიშნები",
        },
    )
    assert response.status_code == 302
    session = CounsellingSession.objects.get()
    assert session.counsellor == counsellor and session.kind == "pfa" and session.duration_minutes == 50


def test_a_session_in_the_future_is_refused(client_for, counsellor, case):
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client_for(counsellor).post(
        reverse("reintegration:session-add", args=[case.pk]),
        {"held_on": tomorrow, "kind": "pfa", "mode": "phone", "duration_minutes": 5, "topics": "x"},
    )
    assert response.status_code == 200 and not CounsellingSession.objects.exists()


def test_confidential_notes_show_to_the_cases_hub_staff_only(client_for, counsellor, hub_lead, officer, case):
    session = SessionFactory(case=case, confidential_notes="საიდუმლო ჩანაწერი")
    sessions = case.get_absolute_url() + "?tab=sessions"
    assert session.topics in client_for(officer).get(sessions).content.decode()  # the officer sees the session
    assert "საიდუმლო ჩანაწერი" in client_for(counsellor).get(sessions).content.decode()
    assert "საიდუმლო ჩანაწერი" in client_for(hub_lead).get(sessions).content.decode()
    assert "საიდუმლო ჩანაწერი" not in client_for(officer).get(sessions).content.decode()


def test_an_officer_reads_confidential_notes_only_after_typing_a_reason_which_is_logged(client_for, officer, case):
    SessionFactory(case=case, confidential_notes="საიდუმლო ჩანაწერი")
    client = client_for(officer)
    url = reverse("reintegration:confidential-notes", args=[case.pk])
    assert "საიდუმლო ჩანაწერი" not in client.get(url).content.decode()
    assert "საიდუმლო ჩანაწერი" not in client.post(url, {"reason": "short"}).content.decode()
    assert not AccessLog.objects.filter(action=AccessLog.Action.BREAK_GLASS).exists()
    opened = client.post(url, {"reason": "Complaint review requested by the ombudsman"})
    assert "საიდუმლო ჩანაწერი" in opened.content.decode()
    entry = AccessLog.objects.get(action=AccessLog.Action.BREAK_GLASS)
    assert entry.user == officer and entry.object_id == str(case.pk) and "ombudsman" in entry.reason
    review = client.get(reverse("reintegration:break-glass-review")).content.decode()
    assert "ombudsman" in review and case.number in review


def test_counsellor_builds_a_plan_with_goals_and_actions(client_for, counsellor, case):
    client = client_for(counsellor)
    client.post(
        reverse("reintegration:goal-add", args=[case.pk]),
        {"dimension": "economic", "description": "საკუთარი სახელოსნო", "target_date": "2026-12-01"},
    )
    goal = PlanGoal.objects.get()
    client.post(
        reverse("reintegration:action-add", args=[case.pk, goal.pk]),
        {"kind": "grant", "description": "საგრანტო განაცხადი", "target_date": "2026-10-01"},
    )
    action = PlanAction.objects.get()
    assert (action.goal, action.kind) == (goal, "grant")
    client.post(reverse("reintegration:action-status", args=[case.pk, action.pk]), {"status": "done"})
    client.post(reverse("reintegration:goal-status", args=[case.pk, goal.pk]), {"status": "achieved"})
    action.refresh_from_db()
    goal.refresh_from_db()
    assert action.status == "done" and goal.status == "achieved"
    assert goal.history.count() == 2


def test_an_unknown_plan_status_is_refused(client_for, counsellor, case):
    goal = services.goal_add(case=case, acting_user=counsellor, dimension="social", description="x")
    client_for(counsellor).post(reverse("reintegration:goal-status", args=[case.pk, goal.pk]), {"status": "bogus"})
    goal.refresh_from_db()
    assert goal.status == "planned"


def test_follow_up_scheduled_and_done(client_for, counsellor, case):
    client = client_for(counsellor)
    client.post(reverse("reintegration:follow-up-add", args=[case.pk]), {"due_on": "2026-12-24", "purpose": "ზარი"})
    follow_up = FollowUp.objects.get()
    assert follow_up.assigned_to == counsellor
    client.post(reverse("reintegration:follow-up-done", args=[case.pk, follow_up.pk]), {"outcome": "დასაქმდა"})
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None and follow_up.outcome == "დასაქმდა"


def test_follow_ups_go_to_someone_at_the_cases_hub(case, counsellor, other_hub_counsellor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.follow_up_schedule(
            case=case, due_on=TODAY, purpose="x", acting_user=counsellor, assigned_to=other_hub_counsellor
        )


def test_my_work_lists_overdue_follow_ups_approvals_and_new_transfers(client_for, counsellor, hub_lead, case, world):
    FollowUpFactory(case=case, due_on=TODAY - datetime.timedelta(days=3), purpose="დაგვიანებული ზარი")
    services.case_request_closure(case=case, reason="goals_met", acting_user=counsellor)
    other = case_at(world.hub_b, world.user("other_hub_counsellor"))
    transfer = services.case_transfer_request(
        case=other, to_hub=world.hub_a, reason="x", acting_user=world.user("other_hub_counsellor")
    )
    mine = client_for(counsellor).get(reverse("reintegration:my-work")).content.decode()
    assert "დაგვიანებული ზარი" in mine
    lead_page = client_for(hub_lead).get(reverse("reintegration:my-work")).content.decode()
    assert case.number in lead_page and reverse("reintegration:transfer-detail", args=[transfer.pk]) in lead_page
    assert "დაგვიანებული ზარი" in lead_page  # the team's overdue work


def test_daily_reminder_emails_each_counsellor_once_per_day_per_follow_up(
    case, counsellor, world, django_capture_on_commit_callbacks
):
    FollowUpFactory(case=case, due_on=TODAY - datetime.timedelta(days=2), purpose="პირველი")
    FollowUpFactory(case=case, due_on=TODAY - datetime.timedelta(days=1), purpose="მეორე")
    FollowUpFactory(case=case, due_on=TODAY + datetime.timedelta(days=1), purpose="მომავალი")
    FollowUpFactory(case=case, due_on=TODAY - datetime.timedelta(days=1), purpose="შესრულებული", done_at=timezone.now())
    other = case_at(world.hub_b, world.user("other_hub_counsellor"))
    FollowUpFactory(case=other, due_on=TODAY - datetime.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_follow_up_reminders.delay().get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["counsellor@a.ge", "counsellor@b.ge"]
    body = next(m.body for m in mail.outbox if m.to == ["counsellor@a.ge"])
    assert "პირველი" in body and "მეორე" in body and "მომავალი" not in body and "შესრულებული" not in body
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_follow_up_reminders.delay().get() == 0
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_up_reminders_send(today=TODAY + datetime.timedelta(days=1)) == 2
    assert len(mail.outbox) == 4
