"""Every grants URL against every persona.

setup(world): a cycle in review (criteria, chair, rapporteur, and the committee_member and
conflicted_member personas as members), an application from hub A mentored by the mentor persona
and before the committee (conflicted_member is on its team: the system flags the conflict), a
decided cycle with minutes, and a selected application with an award.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.tests.factories import UserFactory
from grants.models import Application, CommitteeMembership, Decision, GrantCycle, Tranche
from grants.tests.factories import (
    ApplicationFactory,
    MentorAssignmentFactory,
    PlanVersionFactory,
    TeamMemberFactory,
    committee_cycle,
    proposal_for,
)
from tests.matrix import DENIED, HIDDEN, OK, REDIRECT, Route, everyone, only


def setup(world):
    if "cycle" in world.objects:
        return
    chair, rapporteur = UserFactory(email="chair@example.ge"), UserFactory(email="rapporteur@example.ge")
    cycle = committee_cycle(
        chair=chair, rapporteur=rapporteur, members=[world.user("committee_member"), world.user("conflicted_member")]
    )
    cycle.municipalities.add(world.hub_a.municipality)
    application = ApplicationFactory(
        cycle=cycle, hub=world.hub_a, municipality=world.hub_a.municipality, status=Application.Status.MENTORING
    )
    TeamMemberFactory(application=application, personal_number="01001012345")
    TeamMemberFactory(application=application, sex="female", is_returnee=False)
    CommitteeMembership.objects.filter(cycle=cycle, user=world.user("conflicted_member")).update(
        personal_number="01001012345"
    )
    MentorAssignmentFactory(application=application, mentor=world.user("mentor"))
    PlanVersionFactory(application=application, number=1)
    PlanVersionFactory(application=application, number=2, is_final=True)
    proposal = proposal_for(application)
    application.status = Application.Status.IN_REVIEW
    application.save()
    mentoring = ApplicationFactory(cycle=cycle, hub=world.hub_a, status=Application.Status.MENTORING)
    MentorAssignmentFactory(application=mentoring, mentor=world.user("mentor"))

    decided = committee_cycle(chair=chair, members=[world.user("committee_member")], status=GrantCycle.Status.DECIDED)
    decided.decided_at = timezone.now()
    decided.save()
    won = ApplicationFactory(cycle=decided, hub=world.hub_b, status=Application.Status.SELECTED)
    won_proposal = proposal_for(won)
    Decision.objects.create(
        proposal=won_proposal, outcome="selected", ranked_outcome="rejected", decided_by=chair, departure_reason="x"
    )
    from grants.models import Award

    award = Award.objects.create(application=won, agreement_date=timezone.localdate(), amount=Decimal("10000"))
    tranche = Tranche.objects.create(award=award, number=1, milestone="equipment", amount=Decimal("10000"))
    from grants.models import Workshop

    workshop = Workshop.objects.create(cycle=cycle, title="სემინარი", date=timezone.localdate(), place="თელავი")
    world.objects.update(
        workshop=workshop,
        cycle=cycle,
        criterion=cycle.criteria.first(),
        application=application,
        mentoring=mentoring,
        proposal=proposal,
        decided=decided,
        won=won,
        won_proposal=won_proposal,
        award=award,
        tranche=tranche,
        yesterday=timezone.localdate() - datetime.timedelta(days=1),
    )


def _o(name):
    return lambda w: {"pk": w.objects[name].pk}


COMMITTEE = ["committee_member", "conflicted_member"]
# Outsiders of a scope get 404; personas without the role at all get 403 on role-gated pages.
CYCLE_SCOPE = everyone(HIDDEN) | dict.fromkeys([*COMMITTEE, "officer"], OK)
PROPOSAL_SCOPE = CYCLE_SCOPE
APPLICATION_SCOPE = everyone(HIDDEN) | dict.fromkeys(["officer", "mentor", "counsellor", "hub_lead"], OK)
OFFICER_ONLY = only(OK, ["officer"])
OFFICER_POST = only(REDIRECT, ["officer"])

ROUTES = {
    "grants:cycle-list": Route(expect=only(OK, ["officer", *COMMITTEE])),
    "grants:cycle-create": Route(expect=OFFICER_ONLY),
    "grants:cycle-detail": Route(expect=CYCLE_SCOPE, kwargs=_o("cycle")),
    "grants:cycle-edit": Route(expect=OFFICER_ONLY, kwargs=_o("cycle")),
    "grants:cycle-transition": Route(  # writes: refused: only the chair decides a cycle
        writes=(), expect=OFFICER_POST, kwargs=_o("cycle"), method="post", data=lambda w: {"to": "decided"}
    ),
    "grants:criterion-add": Route(expect=OFFICER_ONLY, kwargs=_o("cycle")),
    "grants:committee-add": Route(expect=OFFICER_ONLY, kwargs=_o("cycle")),
    # Only the chair closes scoring (none of the personas chairs this cycle); officers no longer may.
    "grants:scoring-close": Route(
        expect=everyone(HIDDEN) | dict.fromkeys(COMMITTEE, DENIED) | {"officer": DENIED},
        kwargs=_o("cycle"),
        method="post",
        get=None,  # a GET is the chair's confirmation page (pending reviews): same refusals as the POST
    ),
    # The decided cycle's ranking is open to its committee and officers.
    "grants:cycle-ranking": Route(
        expect=everyone(HIDDEN) | {"committee_member": OK, "officer": OK}, kwargs=_o("decided")
    ),
    "grants:cycle-decide": Route(
        expect=everyone(HIDDEN) | dict.fromkeys([*COMMITTEE, "officer"], DENIED), kwargs=_o("cycle")
    ),
    "grants:cycle-minutes": Route(
        expect=everyone(HIDDEN) | {"committee_member": OK, "officer": OK}, kwargs=_o("decided"), query="?lang=en"
    ),
    "grants:workshop-add": Route(expect=OFFICER_ONLY, kwargs=_o("cycle")),
    "grants:workshop-detail": Route(expect=OFFICER_ONLY, kwargs=_o("workshop")),
    "grants:application-create": Route(expect=OFFICER_ONLY, kwargs=lambda w: {"cycle_pk": w.objects["cycle"].pk}),
    "grants:proposal-detail": Route(expect=PROPOSAL_SCOPE, kwargs=_o("proposal")),
    "grants:review-conflict": Route(
        writes=["committee_member", "conflicted_member"],
        expect=everyone(HIDDEN) | dict.fromkeys(COMMITTEE, REDIRECT) | {"officer": DENIED},
        kwargs=_o("proposal"),
        method="post",
        data=lambda w: {"choice": "none"},
    ),
    "grants:score-save": Route(  # writes: the review row; the score itself waits for the conflict step
        writes=["committee_member", "conflicted_member"],
        expect=everyone(HIDDEN) | dict.fromkeys(COMMITTEE, REDIRECT) | {"officer": DENIED},
        kwargs=lambda w: {"pk": w.objects["proposal"].pk, "criterion_pk": w.objects["criterion"].pk},
        method="post",
        data=lambda w: {"value": "4", "comment": "ok"},
    ),
    "grants:review-submit": Route(  # no review yet (the conflict step comes first): back to the proposal
        expect=everyone(HIDDEN) | dict.fromkeys(COMMITTEE, REDIRECT) | {"officer": DENIED}, kwargs=_o("proposal")
    ),
    "grants:review-abstain": Route(
        writes=["committee_member", "conflicted_member"],
        expect=everyone(HIDDEN) | dict.fromkeys(COMMITTEE, REDIRECT) | {"officer": DENIED},
        kwargs=_o("proposal"),
        method="post",
        data=lambda w: {"reason": "no time"},
    ),
    "grants:consensus-save": Route(
        writes=(),
        expect=everyone(HIDDEN) | dict.fromkeys([*COMMITTEE, "officer"], DENIED),
        kwargs=_o("proposal"),
        method="post",
        data=lambda w: {"text": "t"},
    ),
    "grants:decision-record": Route(
        writes=(),
        expect=everyone(HIDDEN) | dict.fromkeys([*COMMITTEE, "officer"], DENIED),
        kwargs=_o("proposal"),
        method="post",
        data=lambda w: {"outcome": "selected"},
    ),
    "grants:proposal-feedback": Route(
        expect=everyone(HIDDEN) | {"committee_member": OK, "officer": OK}, kwargs=_o("won_proposal")
    ),
    "grants:application-list": Route(
        expect=only(OK, ["officer", "mentor", "counsellor", "hub_lead", "other_hub_counsellor"])
    ),
    "grants:application-detail": Route(expect=APPLICATION_SCOPE, kwargs=_o("application")),
    "grants:application-screen": Route(  # writes: refused: the application is already with the committee
        writes=(), expect=everyone(DENIED) | {"officer": REDIRECT}, kwargs=_o("application"), method="post"
    ),
    "grants:mentor-assign": Route(expect=everyone(DENIED) | {"officer": OK}, kwargs=_o("mentoring")),
    "grants:session-add": Route(
        expect=APPLICATION_SCOPE | {"officer": DENIED, "counsellor": DENIED, "hub_lead": DENIED},
        kwargs=_o("mentoring"),
    ),
    "grants:plan-add": Route(
        expect=APPLICATION_SCOPE | {"counsellor": DENIED, "hub_lead": DENIED}, kwargs=_o("mentoring")
    ),
    "grants:plan-diff": Route(
        expect=APPLICATION_SCOPE, kwargs=lambda w: {"pk": w.objects["application"].pk, "old": 1, "new": 2}
    ),
    "grants:application-send": Route(  # writes: refused: mentoring has not run two months
        writes=(), expect=everyone(DENIED) | {"officer": REDIRECT}, kwargs=_o("mentoring"), method="post"
    ),
    "grants:award-create": Route(expect=everyone(DENIED) | {"officer": OK}, kwargs=_o("won")),
    "grants:award-detail": Route(
        expect=everyone(HIDDEN) | {"officer": OK, "other_hub_counsellor": OK}, kwargs=_o("award")
    ),
    "grants:completion-add": Route(expect=everyone(DENIED) | {"officer": OK}, kwargs=_o("award")),
    "grants:tranche-action": Route(  # writes: refused: the tranche has no approved report
        writes=(),
        expect=everyone(DENIED) | {"officer": REDIRECT},
        kwargs=lambda w: {"pk": w.objects["tranche"].pk, "action": "release"},
        method="post",
    ),
}
