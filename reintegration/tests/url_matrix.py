from tests.matrix import DENIED, HIDDEN, OK, REDIRECT, Route, everyone, only

HUB_A_STAFF = ["counsellor", "hub_lead"]


def case_page(status_for_staff: int = OK, officer: int = DENIED, **overrides) -> dict:
    """A URL of a hub A case: outsiders get 404, the officer reads but does not write."""
    return everyone(HIDDEN) | dict.fromkeys(HUB_A_STAFF, status_for_staff) | {"officer": officer} | overrides


def _case(w):
    return {"pk": w.objects["case"].pk}


def setup(world):
    from reintegration.models import Case
    from reintegration.tests import factories as f

    counsellor = world.user("counsellor")
    case = f.case_at(world.hub_a, counsellor)
    case.beneficiary.household = f.HouseholdFactory(head=case.beneficiary)
    case.beneficiary.save()
    goal = f.PlanGoalFactory(case=case)
    world.objects.update(
        case=case,
        open_case=f.case_at(world.hub_a, counsellor, status=Case.Status.OPEN),
        closure_case=f.case_at(
            world.hub_a, counsellor, status=Case.Status.CLOSURE_REQUESTED, closure_reason="goals_met"
        ),
        closed_case=f.case_at(world.hub_a, counsellor, status=Case.Status.CLOSED),
        consent=f.ConsentFactory(beneficiary=case.beneficiary, recorded_by=counsellor),
        need=f.AssessedNeedFactory(assessment=f.NeedAssessmentFactory(case=case)),
        goal=goal,
        action=f.PlanActionFactory(goal=goal),
        follow_up=f.FollowUpFactory(case=case),
    )
    b_case = f.case_at(world.hub_b, world.user("other_hub_counsellor"))
    from reintegration.models import CaseTransfer, RetentionRun

    world.objects["retention_run"] = RetentionRun.objects.create(trigger="nightly", dry_run=True)
    world.objects["transfer"] = CaseTransfer.objects.create(
        case=b_case,
        from_hub=world.hub_b,
        to_hub=world.hub_a,
        reason="მოვიდა საცხოვრებლად",
        requested_by=b_case.counsellor,
    )


HUB_STAFF = ["counsellor", "other_hub_counsellor", "hub_lead"]

ROUTES = {
    "reintegration:case-list": Route(expect=only(OK, [*HUB_STAFF, "officer"])),
    "reintegration:intake": Route(expect=only(OK, HUB_STAFF)),
    "reintegration:my-work": Route(expect=only(OK, HUB_STAFF)),
    "reintegration:my-work-list": Route(expect=only(OK, HUB_STAFF), kwargs=lambda w: {"name": "overdue"}),
    # Hub A's person: hub A staff are sent to the case already open; another hub's staff, with no
    # search result of theirs naming the person, get 404 like for any record outside their hubs.
    "reintegration:case-open-existing": Route(
        expect=only(REDIRECT, HUB_A_STAFF) | {"other_hub_counsellor": HIDDEN},
        method="post",
        kwargs=lambda w: {"pk": w.objects["case"].beneficiary_id},
    ),
    "reintegration:beneficiary-edit": Route(
        expect=case_page(), kwargs=lambda w: {"pk": w.objects["case"].beneficiary_id}
    ),
    "reintegration:beneficiary-export": Route(  # writes: the export is logged in the access log only
        writes=(),
        expect=only(OK, ["officer"]),
        method="post",
        data=lambda w: {"fmt": "json", "language": "ka"},
        get=None,  # a GET is the export page (formats, the break-glass reason): the same refusals as the POST
        kwargs=lambda w: {"pk": w.objects["case"].beneficiary_id},
    ),
    "reintegration:break-glass-review": Route(expect=only(OK, ["officer"])),
    "reintegration:unmet-needs": Route(expect=only(OK, ["officer"])),
    "reintegration:transfer-detail": Route(
        expect=everyone(HIDDEN) | {"hub_lead": OK, "other_hub_counsellor": OK, "officer": OK},
        kwargs=lambda w: {"pk": w.objects["transfer"].pk},
    ),
    "reintegration:case-detail": Route(expect=case_page(officer=OK), kwargs=_case),
    "reintegration:case-edit": Route(expect=case_page(), kwargs=_case),
    "reintegration:case-activate": Route(
        expect=case_page(REDIRECT),
        method="post",
        kwargs=lambda w: {"pk": w.objects["open_case"].pk},
        writes=HUB_A_STAFF,
    ),
    "reintegration:case-request-closure": Route(expect=case_page(), kwargs=_case),
    "reintegration:case-approve-closure": Route(
        expect=case_page(DENIED, hub_lead=OK), kwargs=lambda w: {"pk": w.objects["closure_case"].pk}
    ),
    "reintegration:case-return-closure": Route(
        expect=case_page(DENIED, hub_lead=OK), kwargs=lambda w: {"pk": w.objects["closure_case"].pk}
    ),
    "reintegration:case-reopen": Route(
        expect=case_page(DENIED, hub_lead=OK), kwargs=lambda w: {"pk": w.objects["closed_case"].pk}
    ),
    "reintegration:case-transfer": Route(expect=case_page(), kwargs=_case),
    "reintegration:consent-add": Route(expect=case_page(), kwargs=_case),
    "reintegration:consent-withdraw": Route(
        writes=HUB_A_STAFF,
        expect=case_page(REDIRECT),
        method="post",
        kwargs=lambda w: {"pk": w.objects["case"].pk, "consent_pk": w.objects["consent"].pk},
    ),
    "reintegration:episode-add": Route(expect=case_page(), kwargs=_case),
    "reintegration:household-edit": Route(expect=case_page(), kwargs=_case),
    "reintegration:household-member-add": Route(expect=case_page(), kwargs=_case),
    "reintegration:assessment-add": Route(expect=case_page(), kwargs=_case),
    "reintegration:need-status": Route(
        writes=HUB_A_STAFF,
        expect=case_page(REDIRECT),
        method="post",
        data=lambda w: {"status": "in_progress"},
        kwargs=lambda w: {"pk": w.objects["case"].pk, "need_pk": w.objects["need"].pk},
    ),
    "reintegration:session-add": Route(expect=case_page(), kwargs=_case),
    "reintegration:confidential-notes": Route(expect=case_page(DENIED, officer=OK), kwargs=_case),
    "reintegration:goal-add": Route(expect=case_page(), kwargs=_case),
    "reintegration:goal-status": Route(
        writes=HUB_A_STAFF,
        expect=case_page(REDIRECT),
        method="post",
        data=lambda w: {"status": "in_progress"},
        kwargs=lambda w: {"pk": w.objects["case"].pk, "goal_pk": w.objects["goal"].pk},
    ),
    "reintegration:action-add": Route(
        expect=case_page(), kwargs=lambda w: {"pk": w.objects["case"].pk, "goal_pk": w.objects["goal"].pk}
    ),
    "reintegration:action-status": Route(
        writes=HUB_A_STAFF,
        expect=case_page(REDIRECT),
        method="post",
        data=lambda w: {"status": "done"},
        kwargs=lambda w: {"pk": w.objects["case"].pk, "action_pk": w.objects["action"].pk},
    ),
    "reintegration:follow-up-add": Route(expect=case_page(), kwargs=_case),
    "reintegration:follow-up-done": Route(
        expect=case_page(), kwargs=lambda w: {"pk": w.objects["case"].pk, "follow_up_pk": w.objects["follow_up"].pk}
    ),
}


ROUTES |= {
    "reintegration:retention": Route(expect=only(OK, ["officer"])),
    "reintegration:retention-report": Route(
        expect=only(OK, ["officer"]), kwargs=lambda w: {"pk": w.objects["retention_run"].pk}
    ),
    # An officer's POST records a run (a dry one here: nothing in the world is due).
    "reintegration:retention-run": Route(
        expect=only(REDIRECT, ["officer"]), method="post", data=lambda w: {"dry_run": "on"}, writes=["officer"]
    ),
    # The erasure page: the officer sees the confirmation; a POST without the confirmation changes nothing.
    "reintegration:beneficiary-erase": Route(
        expect=only(OK, ["officer"]), kwargs=lambda w: {"pk": w.objects["closed_case"].beneficiary_id}
    ),
}
