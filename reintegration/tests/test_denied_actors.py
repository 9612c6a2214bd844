"""Every write refuses the people it is not for, with the same predicate the views use."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from reintegration import services
from reintegration.models import Case
from reintegration.tests import factories as f

pytestmark = pytest.mark.django_db
OUTSIDERS = ["other_hub_counsellor", "officer", "partner", "mentor"]


def _calls(case, world):
    goal = f.PlanGoalFactory(case=case)
    need = f.AssessedNeedFactory(assessment=f.NeedAssessmentFactory(case=case))
    follow_up = f.FollowUpFactory(case=case)
    consent = f.ConsentFactory(beneficiary=case.beneficiary, recorded_by=case.counsellor)
    today = timezone.localdate()
    return {
        "beneficiary_update": lambda u: services.beneficiary_update(
            beneficiary=case.beneficiary, expected_version=1, acting_user=u, phone="1"
        ),
        "case_update": lambda u: services.case_update(case=case, expected_version=1, acting_user=u, summary="x"),
        "case_request_closure": lambda u: services.case_request_closure(case=case, reason="goals_met", acting_user=u),
        "case_transfer_request": lambda u: services.case_transfer_request(
            case=case, to_hub=world.hub_b, reason="x", acting_user=u
        ),
        "consent_record": lambda u: services.consent_record(
            beneficiary=case.beneficiary, purpose="surveys", method="signed_form", acting_user=u
        ),
        "consent_withdraw": lambda u: services.consent_withdraw(consent=consent, acting_user=u),
        "migration_episode_add": lambda u: services.migration_episode_add(
            beneficiary=case.beneficiary, acting_user=u, country="Greece", status_abroad="irregular"
        ),
        "household_update": lambda u: services.household_update(
            beneficiary=case.beneficiary, size=2, female_headed=False, is_head=True, acting_user=u
        ),
        "assessment_record": lambda u: services.assessment_record(
            case=case, needs=[{"need": "housing", "priority": "high"}], acting_user=u
        ),
        "assessed_need_set_status": lambda u: services.assessed_need_set_status(need=need, status="met", acting_user=u),
        "session_record": lambda u: services.session_record(
            case=case, acting_user=u, kind="counselling", mode="phone", duration_minutes=10, topics="x"
        ),
        "goal_add": lambda u: services.goal_add(case=case, acting_user=u, dimension="social", description="x"),
        "goal_set_status": lambda u: services.goal_set_status(goal=goal, status="achieved", acting_user=u),
        "follow_up_schedule": lambda u: services.follow_up_schedule(
            case=case, due_on=today + datetime.timedelta(days=3), purpose="x", acting_user=u
        ),
        "follow_up_complete": lambda u: services.follow_up_complete(follow_up=follow_up, outcome="x", acting_user=u),
        "case_open": lambda u: services.case_open(beneficiary=case.beneficiary, hub=world.hub_a, acting_user=u),
    }


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_people_outside_the_cases_hub_cannot_write_to_it(world, persona):
    case = f.case_at(world.hub_a, world.user("counsellor"))
    user = world.user(persona)
    allowed = []
    for name, call in _calls(case, world).items():
        try:
            call(user)
        except PermissionDenied:
            continue
        allowed.append(name)
    assert allowed == []
    case.refresh_from_db()
    assert case.status == Case.Status.ACTIVE and case.version == 1


def test_the_cases_hub_staff_can_do_each_of_them(world):
    case = f.case_at(world.hub_a, world.user("counsellor"), status=Case.Status.ACTIVE)
    calls = _calls(case, world)
    calls.pop("case_open")  # a second live case at the same hub is refused on purpose
    calls.pop("case_transfer_request")  # not alongside a closure request
    for call in calls.values():
        call(world.user("counsellor"))
