"""A whole community cycle through the pages: consultation to completion, and an unfunded idea referred."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.pdf import pdf_text
from community.models import (
    Consultation,
    ConsultationPriority,
    Idea,
    IdeaPlan,
    IdeaReferral,
    Initiative,
    InitiativeTranche,
)
from community.selectors import initiatives_awarded, initiatives_completed
from grants.models import CommitteeMembership, CycleMinutes, GrantCycle, Proposal
from grants.tests.factories import CommitteeMembershipFactory, CriterionFactory
from referrals.models import Organization, Service
from reintegration.taxonomy import Need

from .factories import IdeaFactory, community_cycle, priorities_round, themes

pytestmark = pytest.mark.django_db

COUNTS = {
    "female": 12, "male": 8, "age_0_17": 0, "age_18_29": 5, "age_30_44": 7, "age_45_59": 5, "age_60_plus": 3,
    "returnees": 6, "potential_migrants": 4, "local_residents": 10,
}  # fmt: skip


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return SimpleUploadedFile("roof.png", buffer.getvalue(), content_type="image/png")


def _consultation(counsellor_client, municipality) -> Consultation:
    today = timezone.localdate()
    data = {
        "municipality": municipality.pk, "village": "შილდა", "date": (today - timezone.timedelta(days=60)).isoformat(),
        "place": "სკოლის დარბაზი", "facilitator": "ნინო ბერიძე", "vote_mode": "meeting", "votes_per_person": 3,
        "survey_round": "", "notes": "", **COUNTS,
    }  # fmt: skip
    response = counsellor_client.post(reverse("community:consultation-create"), data)
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and consultation.municipality == municipality
    return consultation


def _committee(cycle, world):
    chair, rapporteur = world.objects["c_chair"], world.objects["c_rapporteur"]
    for order in range(2):
        CriterionFactory(cycle=cycle, order=order)
    CommitteeMembershipFactory(cycle=cycle, user=chair, role=CommitteeMembership.Role.CHAIR)
    CommitteeMembershipFactory(cycle=cycle, user=rapporteur, role=CommitteeMembership.Role.RAPPORTEUR)
    CommitteeMembershipFactory(cycle=cycle, user=world.user("committee_member"))
    return [chair, rapporteur, world.user("committee_member")]


@pytest.fixture
def people(world):
    from accounts.tests.factories import UserFactory

    world.objects["c_chair"] = UserFactory(email="c-chair@example.ge")
    world.objects["c_rapporteur"] = UserFactory(email="c-rapporteur@example.ge")
    return world


def test_a_community_cycle_runs_from_consultation_to_completion(people, django_capture_on_commit_callbacks, mailoutbox):
    world = people
    municipality = world.hub_a.municipality
    counsellor, officer, expert = _as(world.user("counsellor")), _as(world.user("officer")), _as(world.user("mentor"))
    theme = themes()

    # 1. The consultation: participants, three priorities raised, paper totals.
    consultation = _consultation(counsellor, municipality)
    for code in ("water", "roads", "kindergarten"):
        counsellor.post(reverse("community:priority-add", args=[consultation.pk]), {"theme": theme[code].pk})
    ids = {p.theme.survey_choice: p.pk for p in consultation.priorities.select_related("theme")}
    votes = {f"votes_{ids['water']}": 14, f"votes_{ids['roads']}": 9, f"votes_{ids['kindergarten']}": 9}
    counsellor.post(reverse("community:paper-votes", args=[consultation.pk]), votes)
    assert ConsultationPriority.objects.get(pk=ids["water"]).paper_votes == 14

    # 2. Validation: the survey round beside the votes; the officer retains water, with a reason.
    survey = priorities_round(municipality, [["roads", "water"], ["water", "roads"], ["water", "kindergarten"]])
    officer.post(reverse("community:survey-link", args=[consultation.pk]), {"survey_round": survey.pk})
    results = officer.get(reverse("community:consultation-results", args=[consultation.pk])).context["results"]
    # water: 14 votes, rank 1; roads and kindergarten tie at 9 (rank 2). Survey mean places:
    # water (2+1+1)/3 = 1.33 -> 1; roads (1+2)/2 = 1.5 -> 2; kindergarten 2/1 = 2.0 -> 3.
    assert [(r.priority.theme.survey_choice, r.rank, r.survey_rank) for r in results] == [
        ("water", 1, 1), ("roads", 2, 2), ("kindergarten", 2, 3),
    ]  # fmt: skip
    officer.post(reverse("community:priority-retain", args=[ids["water"]]), {"retained": "yes", "reason": "ორივე"})
    assert ConsultationPriority.objects.get(pk=ids["water"]).retained is True

    # 3. The call, an idea, feasibility and shortlist.
    cycle = community_cycle()
    cycle.municipalities.add(municipality)
    voters = _committee(cycle, world)
    cycle_page = counsellor.get(reverse("community:cycle-detail", args=[cycle.pk]))
    assert b'data-testid="priorities-side-by-side"' in cycle_page.content
    # The cycle page puts the survey's ranks beside the consultation's votes (the same figures as above).
    [(shown, rows)] = cycle_page.context["consultations"]
    assert shown == consultation
    assert [(r.priority.theme.survey_choice, r.votes, r.rank, r.survey_rank) for r in rows] == [
        ("water", 14, 1, 1), ("roads", 9, 2, 2), ("kindergarten", 9, 2, 3),
    ]  # fmt: skip
    assert survey.name in cycle_page.content.decode()
    idea_data = {
        "title": "სასმელი წყლის სისტემა", "kind": "infrastructure", "municipality": municipality.pk,
        "location": "შილდა", "description": "მილსადენის რეაბილიტაცია", "applicant": "შილდის ჯგუფი", "contact": "",
        "estimated_cost": "20000", "local_cofunding": "1500", "municipal_cofunding": "2500",
        "priority": ids["water"], **COUNTS,
    }  # fmt: skip
    response = counsellor.post(reverse("community:idea-create", args=[cycle.pk]), idea_data)
    idea = Idea.objects.get()
    assert response.status_code == 302 and idea.status == Idea.Status.SUBMITTED
    officer.post(reverse("community:idea-feasibility", args=[idea.pk]), {"feasible": "yes", "checked_cost": "18000"})
    officer.post(reverse("community:idea-shortlist", args=[idea.pk]))
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SHORTLISTED and idea.grant_requested == Decimal("14000.00")  # 18000-1500-2500

    # 4. The expert: meetings, two budget versions and what changed.
    officer.post(reverse("community:expert-assign", args=[idea.pk]), {"expert": world.user("mentor").pk})
    day = (timezone.localdate() - timezone.timedelta(days=3)).isoformat()
    expert.post(
        reverse("community:meeting-add", args=[idea.pk]), {"date": day, "topics": ["idea", "budget"], "notes": "x"}
    )
    plan = {"summary": "მილსადენი", "budget": "მილები | 10000 | 1500\nსამუშაო | 8000 | 2500", "workplan": "1 | ტენდერი"}
    expert.post(reverse("community:plan-add", args=[idea.pk]), plan)
    plan["budget"] = "მილები | 11000 | 1500\nსამუშაო | 7000 | 2500"
    expert.post(reverse("community:plan-add", args=[idea.pk]), plan)
    assert list(IdeaPlan.objects.filter(idea=idea).values_list("number", flat=True)) == [1, 2]
    diff = expert.get(reverse("community:plan-diff", args=[idea.pk, 1, 2])).context["diff"]
    assert [(item, a["amount"], b["amount"]) for item, a, b in diff["lines_changed"]] == [
        ("მილები", "10000.00", "11000.00"), ("სამუშაო", "8000.00", "7000.00"),
    ]  # fmt: skip

    # 5. The committee: the idea is a proposal of the cycle; scoring opens, the seats are emailed.
    officer.post(reverse("grants:cycle-transition", args=[cycle.pk]), {"to": "mentoring"})
    officer.post(reverse("community:idea-send", args=[idea.pk]))
    proposal = Proposal.objects.get(cycle=cycle)
    assert proposal.subject == idea and proposal.requested_amount == Decimal("14000.00")
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(reverse("grants:cycle-transition", args=[cycle.pk]), {"to": "review"})
    assert {m.to[0] for m in mailoutbox} >= {u.email for u in voters}
    for user in voters:
        client = _as(user)
        client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
        for criterion in cycle.criteria.all():
            client.post(reverse("grants:score-save", args=[proposal.pk, criterion.pk]), {"value": 4, "comment": ""})
        client.post(reverse("grants:review-submit", args=[proposal.pk]))
    chair = _as(voters[0])
    detail = chair.get(reverse("grants:proposal-detail", args=[proposal.pk])).content.decode()
    assert 'data-testid="idea"' in detail and "მილსადენის რეაბილიტაცია" in detail and "11\xa0000,00" in detail
    assert chair.get(reverse("grants:scoring-close", args=[cycle.pk])).context["pending"] == 0
    chair.post(reverse("grants:scoring-close", args=[cycle.pk]))
    chair.post(reverse("grants:decision-record", args=[proposal.pk]), {"outcome": "selected", "reason": ""})
    chair.post(reverse("grants:cycle-decide", args=[cycle.pk]))
    idea.refresh_from_db()
    cycle.refresh_from_db()
    assert cycle.status == GrantCycle.Status.DECIDED and idea.status == Idea.Status.SELECTED
    assert CycleMinutes.objects.filter(cycle=cycle).count() == 2
    feedback = pdf_text(chair.get(reverse("grants:proposal-feedback", args=[proposal.pk]) + "?lang=ka").content)
    assert idea.reference in feedback

    # 6. The grant and its implementation, followed by the expert; tranches gated.
    officer.post(
        reverse("community:initiative-create", args=[idea.pk]),
        {
            "agreement_date": timezone.localdate().isoformat(),
            "amount": "14000",
            "tranches": "მილები | 8000\nდასრულება | 6000",
        },
    )
    initiative = Initiative.objects.get(idea=idea)
    first, second = initiative.tranches.order_by("number")
    officer.post(reverse("community:tranche-action", args=[first.pk, "release"]))
    assert InitiativeTranche.objects.get(pk=first.pk).status == "planned"  # no report, no visit yet
    expert.post(reverse("community:tranche-action", args=[first.pk, "report"]), {"report": "მილები შეძენილია"})
    expert.post(
        reverse("community:visit-add", args=[initiative.pk]), {"date": day, "tranche": first.pk, "findings": "ok"}
    )
    expert.post(reverse("community:photo-add", args=[initiative.pk]), {"file": png(), "caption": "მილები"})
    expert.post(
        reverse("community:cofunding-add", args=[initiative.pk]),
        {"source": "municipal", "date": day, "amount": "2500", "note": ""},
    )
    officer.post(reverse("community:tranche-action", args=[first.pk, "approve"]))
    officer.post(reverse("community:tranche-action", args=[first.pk, "release"]))
    assert InitiativeTranche.objects.get(pk=first.pk).status == "released"
    expert.post(reverse("community:tranche-action", args=[second.pk, "report"]), {"report": "დასრულდა"})
    expert.post(
        reverse("community:visit-add", args=[initiative.pk]), {"date": day, "tranche": second.pk, "findings": "ok"}
    )
    officer.post(reverse("community:tranche-action", args=[second.pk, "approve"]))
    officer.post(reverse("community:tranche-action", args=[second.pk, "release"]))
    reached = {"date": timezone.localdate().isoformat(), "narrative": "წყალი მიეწოდება 50 ოჯახს", **COUNTS}
    response = expert.post(reverse("community:completion-add", args=[initiative.pk]), reached)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Idea.Status.COMPLETED and initiative.completion.people_total == 20
    assert initiative.photos.count() == 1 and initiative.cofunding.get().amount == Decimal("2500.00")
    assert initiatives_awarded() == 1 and initiatives_completed() == 1


def test_an_unfunded_idea_is_referred_to_a_funding_scheme_and_its_outcome_recorded(world):
    officer = _as(world.user("officer"))
    organization = Organization.objects.create(name_ka="სამინისტრო", name_en="Ministry", type="state")
    scheme = Service.objects.create(
        organization=organization,
        name_ka="სოფლის მხარდაჭერის პროგრამა",
        name_en="Village Support",
        category=Need.FUNDING,
    )
    idea = IdeaFactory(status=Idea.Status.REJECTED, municipality=world.hub_a.municipality)
    inventory = officer.get(reverse("community:idea-list") + "?inventory=true")
    assert [i.pk for i in inventory.context["page"]] == [idea.pk]
    officer.post(reverse("community:referral-create", args=[idea.pk]), {"service": scheme.pk, "reason": "მცირე ინფრა"})
    referral = IdeaReferral.objects.get(idea=idea)
    assert referral.status == IdeaReferral.Status.SENT and referral.events.count() == 1
    officer.post(reverse("community:referral-move", args=[referral.pk]), {"to_status": "accepted"})
    officer.post(
        reverse("community:referral-move", args=[referral.pk]),
        {"to_status": "completed", "outcome": "got_service", "amount_obtained": "9000", "note": "დაფინანსდა"},
    )
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.amount_obtained) == (
        "completed",
        "got_service",
        Decimal("9000"),
    )
    assert [e.to_status for e in referral.events.all()] == ["sent", "accepted", "completed"]
    page = officer.get(reverse("community:idea-detail", args=[idea.pk]))
    assert "დაფინანსდა" in page.content.decode()


def test_an_idea_cannot_be_referred_to_a_service_that_is_not_funding(world):
    officer = _as(world.user("officer"))
    organization = Organization.objects.create(name_ka="ორგ", name_en="Org", type="ngo")
    legal = Service.objects.create(
        organization=organization, name_ka="იურიდიული", name_en="Legal", category=Need.LEGAL_DOCUMENTS
    )
    idea = IdeaFactory(status=Idea.Status.UNFEASIBLE, municipality=world.hub_a.municipality)
    response = officer.post(reverse("community:referral-create", args=[idea.pk]), {"service": legal.pk, "reason": "x"})
    assert response.status_code == 200 and not IdeaReferral.objects.exists()
