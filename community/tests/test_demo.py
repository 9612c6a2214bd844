"""The community demo data: seed_demo builds the whole pipeline once, and a second run adds nothing."""

import pytest
from django.core.management import call_command

from community.models import (
    Consultation,
    ConsultationPriority,
    ExpertAssignment,
    Idea,
    IdeaPlan,
    IdeaReferral,
    Initiative,
    InitiativeTranche,
    VoteSet,
)
from grants.models import CycleMinutes, GrantCycle

pytestmark = pytest.mark.django_db

MODELS = [Consultation, ConsultationPriority, VoteSet, Idea, ExpertAssignment, IdeaPlan, IdeaReferral, Initiative,
          InitiativeTranche, GrantCycle, CycleMinutes]  # fmt: skip


def test_seed_demo_builds_the_community_pipeline_once():
    call_command("seed_demo", allow_production=True)
    counts = {model: model.objects.count() for model in MODELS}
    call_command("seed_demo", allow_production=True)
    assert {model: model.objects.count() for model in MODELS} == counts

    consultations = Consultation.objects.order_by("vote_mode")
    assert [c.vote_mode for c in consultations] == ["individual", "meeting"]
    assert all(c.survey_round_id for c in consultations)  # validated by the community-priorities survey
    assert VoteSet.objects.count() == 18
    assert ConsultationPriority.objects.filter(retained=True).count() == 4

    decided = GrantCycle.objects.get(name_en="Demo: community initiatives 2026")
    assert decided.status == GrantCycle.Status.DECIDED and decided.kind == GrantCycle.Kind.COMMUNITY
    assert decided.criteria.count() == 5  # the default criteria for community projects
    assert CycleMinutes.objects.filter(cycle=decided).exists()
    by_status = dict(Idea.objects.filter(cycle=decided).values_list("title", "status"))
    assert by_status == {
        "სასმელი წყლის სისტემის რეაბილიტაცია": "selected",
        "სოფლის გზის მოასფალტება": "rejected",
        "ახალი წყალსაცავის აშენება": "unfeasible",
    }
    initiative = Initiative.objects.get(idea__cycle=decided)
    assert [t.status for t in initiative.tranches.order_by("number")] == ["released", "planned"]
    referral = IdeaReferral.objects.get()
    assert (referral.idea.title, referral.status, referral.outcome) == ("სოფლის გზის მოასფალტება", "completed",
                                                                       "got_service")  # fmt: skip
    assert referral.service.category == "funding"

    open_cycle = GrantCycle.objects.get(name_en="Demo: community call in progress")
    assert open_cycle.status == GrantCycle.Status.MENTORING
    states = sorted(Idea.objects.filter(cycle=open_cycle).values_list("status", flat=True))
    assert states == ["in_review", "shortlisted", "submitted"]
    shortlisted = Idea.objects.get(cycle=open_cycle, status="shortlisted")
    history = list(shortlisted.experts.order_by("pk"))
    assert [a.is_active for a in history] == [False, True] and history[0].end_reason
    assert shortlisted.plans.count() == 2 and shortlisted.meetings.count() == 2
