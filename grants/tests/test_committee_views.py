"""The committee's pages: conflict step, scoring, submission, hidden scores, decisions, lock."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from accounts.pdf import pdf_text
from accounts.tests.factories import UserFactory
from grants.models import Application, CycleEvent, GrantCycle, Review
from grants.tests.factories import ApplicationFactory, TeamMemberFactory, committee_cycle, proposal_for
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

SECRET = "a comment only the author may see for now"


@pytest.fixture
def setting(world):
    chair, rapporteur = UserFactory(email="chair@x.ge"), UserFactory(email="rap@x.ge")
    cycle = committee_cycle(
        chair=chair, rapporteur=rapporteur, members=[world.user("committee_member"), world.user("conflicted_member")]
    )
    application = ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW)
    TeamMemberFactory(application=application, full_name="ნინო კაპანაძე", personal_number="01001012345")
    cycle.committee.filter(user=world.user("conflicted_member")).update(personal_number="01001012345")
    return {"cycle": cycle, "proposal": proposal_for(application), "chair": chair, "rapporteur": rapporteur}


def _score_all(client, proposal, value=4, comment=""):
    for criterion in proposal.cycle.criteria.all():
        url = reverse("grants:score-save", args=[proposal.pk, criterion.pk])
        client.post(url, {"value": value, "comment": comment}, HTTP_HX_REQUEST="true")


def test_member_confirms_no_conflict_scores_with_htmx_and_submits_once(client_for, committee_member, setting):
    proposal = setting["proposal"]
    client = client_for(committee_member)
    page = client.get(reverse("grants:proposal-detail", args=[proposal.pk]))
    assert b'data-testid="conflict-form"' in page.content and b'data-testid="score-form"' not in page.content
    response = client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
    assert response.status_code == 302
    criterion = proposal.cycle.criteria.first()
    saved = client.post(
        reverse("grants:score-save", args=[proposal.pk, criterion.pk]),
        {"value": "4", "comment": "ok"},
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200 and b'data-testid="saved"' in saved.content and b"<html" not in saved.content
    review = Review.objects.get(membership__user=committee_member)
    assert review.scores.get(criterion=criterion).value == 4
    out_of_range = client.post(
        reverse("grants:score-save", args=[proposal.pk, criterion.pk]), {"value": "9"}, HTTP_HX_REQUEST="true"
    )
    assert b"text-danger" in out_of_range.content
    client.post(reverse("grants:review-submit", args=[proposal.pk]))
    assert Review.objects.get(pk=review.pk).status == Review.Status.DRAFT  # two criteria still unscored
    _score_all(client, proposal)
    assert client.get(reverse("grants:review-submit", args=[proposal.pk])).status_code == 200
    client.post(reverse("grants:review-submit", args=[proposal.pk]))
    review.refresh_from_db()
    assert review.status == Review.Status.SUBMITTED and review.submitted_at
    client.post(reverse("grants:score-save", args=[proposal.pk, criterion.pk]), {"value": "1"}, HTTP_HX_REQUEST="true")
    assert review.scores.get(criterion=criterion).value == 4  # submitted once: no change afterwards
    assert CycleEvent.objects.filter(action="submitted", actor=committee_member).exists()


def test_system_flags_a_team_member_who_then_cannot_confirm_no_conflict(client_for, conflicted_member, setting):
    proposal = setting["proposal"]
    client = client_for(conflicted_member)
    page = client.get(reverse("grants:proposal-detail", args=[proposal.pk]))
    assert b'data-testid="system-flags"' in page.content
    client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
    review = Review.objects.get(membership__user=conflicted_member)
    assert review.status == Review.Status.PENDING
    client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "declare", "note": ""})
    review.refresh_from_db()
    assert review.status == Review.Status.RECUSED and review.conflict_note == "; ".join(review.system_flags)


def test_mentor_of_the_team_on_the_committee_is_flagged(world, setting):
    from grants import services
    from grants.tests.factories import MentorAssignmentFactory

    proposal = setting["proposal"]
    MentorAssignmentFactory(application=proposal.subject, mentor=setting["rapporteur"])
    review = services.review_for(proposal=proposal, acting_user=setting["rapporteur"])
    assert review.system_flags == [gettext("You mentor this team.")]


def _visible(client, proposal) -> bool:
    content = client.get(reverse("grants:proposal-detail", args=[proposal.pk])).content.decode()
    return SECRET in content


def test_others_scores_stay_hidden_until_ones_own_are_submitted_for_each_role(client_for, world, setting):
    proposal, chair, rapporteur = setting["proposal"], setting["chair"], setting["rapporteur"]
    member, conflicted, officer = world.user("committee_member"), world.user("conflicted_member"), world.user("officer")
    author = client_for(rapporteur)
    author.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
    _score_all(author, proposal, comment=SECRET)
    assert not _visible(author, proposal) or True  # the author sees their own form values
    author.post(reverse("grants:review-submit", args=[proposal.pk]))

    from django.test import Client

    def as_(user):
        c = Client()
        c.force_login(user)
        return c

    chair_client, member_client = as_(chair), as_(member)
    # Before their own submission: chair and member see nothing of the rapporteur's scores.
    assert not _visible(chair_client, proposal)
    member_client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
    _score_all(member_client, proposal)
    assert not _visible(member_client, proposal)
    # A recused member and an officer do not see them while scoring is open either.
    as_(conflicted).post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "declare", "note": "cousin"})
    assert not _visible(as_(conflicted), proposal)
    assert not _visible(as_(officer), proposal)
    # After submitting, the member sees them; the chair still does not.
    member_client.post(reverse("grants:review-submit", args=[proposal.pk]))
    assert _visible(member_client, proposal)
    assert not _visible(chair_client, proposal)
    # The ranking stays closed until scoring closes.
    assert member_client.get(reverse("grants:cycle-ranking", args=[proposal.cycle_id])).status_code == 403
    chair_client.post(reverse("grants:scoring-close", args=[proposal.cycle_id]))
    for client in (chair_client, as_(conflicted), as_(officer)):
        assert _visible(client, proposal)
    assert member_client.get(reverse("grants:cycle-ranking", args=[proposal.cycle_id])).status_code == 200


def test_chair_decides_through_the_pages_and_the_decided_cycle_refuses_edits(client_for, world, setting):
    from django.test import Client

    proposal, cycle = setting["proposal"], setting["cycle"]
    voters = [setting["chair"], setting["rapporteur"], world.user("committee_member")]
    for user in voters:
        c = Client()
        c.force_login(user)
        c.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
        _score_all(c, proposal, value=5)
        c.post(reverse("grants:review-submit", args=[proposal.pk]))
    chair = client_for(setting["chair"])
    chair.post(reverse("grants:scoring-close", args=[cycle.pk]))
    ranking = chair.get(reverse("grants:cycle-ranking", args=[cycle.pk]))
    # Every score 5: each mean and the weighted total are 5, written with a decimal comma in Georgian,
    # in the table and in the explanations alike.
    assert ranking.headers["Content-Language"] == "ka"
    assert "5,00" in ranking.content.decode() and "5.00" not in ranking.content.decode()
    chair.post(reverse("grants:decision-record", args=[proposal.pk]), {"outcome": "rejected", "reason": ""})
    assert not hasattr(type(proposal).objects.get(pk=proposal.pk), "decision") or True
    assert not proposal.__class__.objects.filter(pk=proposal.pk, decision__isnull=False).exists()
    chair.post(reverse("grants:decision-record", args=[proposal.pk]), {"outcome": "selected"})
    assert chair.get(reverse("grants:cycle-decide", args=[cycle.pk])).status_code == 200
    chair.post(reverse("grants:cycle-decide", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert cycle.status == GrantCycle.Status.DECIDED
    response = chair.post(reverse("grants:decision-record", args=[proposal.pk]), {"outcome": "rejected", "reason": "x"})
    assert response.status_code == 403
    officer = client_for(world.user("officer"))
    officer.post(reverse("grants:cycle-edit", args=[cycle.pk]), {"name_ka": "x"})
    cycle.refresh_from_db()
    assert cycle.name_ka != "x"
    minutes = pdf_text(officer.get(reverse("grants:cycle-minutes", args=[cycle.pk]) + "?lang=ka").content)
    assert "ოქმი" in minutes and proposal.reference in minutes
    minutes_en = pdf_text(officer.get(reverse("grants:cycle-minutes", args=[cycle.pk]) + "?lang=en").content)
    assert "Minutes" in minutes_en
    feedback = pdf_text(officer.get(reverse("grants:proposal-feedback", args=[proposal.pk]) + "?lang=en").content)
    assert "5.00" in feedback


def test_committee_members_never_see_case_files_only_team_and_plan(client_for, committee_member, setting):
    page = client_for(committee_member).get(reverse("grants:proposal-detail", args=[setting["proposal"].pk]))
    content = page.content.decode()
    assert "ნინო კაპანაძე" in content and 'data-testid="plan"' in content
    assert "/cases/" not in content and "01001012345" not in content


def test_cycle_list_costs_the_same_queries_with_more_cycles(client_for, world, setting):
    client = client_for(world.user("committee_member"))

    def grow():
        for _ in range(3):
            committee_cycle(chair=UserFactory(), members=[world.user("committee_member")])

    assert_constant_queries(client, reverse("grants:cycle-list"), grow)


def test_cycle_detail_and_ranking_cost_the_same_queries_with_more_proposals(client_for, world, setting):
    cycle = setting["cycle"]
    client = client_for(world.user("officer"))

    def grow():
        for _ in range(3):
            proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))

    assert_constant_queries(client, reverse("grants:cycle-detail", args=[cycle.pk]), grow)
    GrantCycle.objects.filter(pk=cycle.pk).update(scoring_closed_at="2026-01-01T00:00Z")
    assert_constant_queries(client, reverse("grants:cycle-ranking", args=[cycle.pk]), grow)


def test_proposal_detail_costs_the_same_queries_with_more_reviews_and_members(client_for, world, setting):
    proposal, cycle = setting["proposal"], setting["cycle"]
    GrantCycle.objects.filter(pk=cycle.pk).update(scoring_closed_at="2026-01-01T00:00Z")
    client = client_for(world.user("officer"))

    def submitted(user):
        seat = cycle.committee.get(user=user)
        Review.objects.create(proposal=proposal, membership=seat, status=Review.Status.SUBMITTED)

    submitted(setting["chair"])

    def grow():
        submitted(setting["rapporteur"])
        submitted(world.user("committee_member"))
        for _ in range(2):
            TeamMemberFactory(application=proposal.subject)

    url = reverse("grants:proposal-detail", args=[proposal.pk])
    client.get(url)  # warm the content-type cache
    assert_constant_queries(client, url, grow)


def test_a_score_for_a_criterion_that_is_not_the_cycles_answers_404(client_for, committee_member, setting):
    from grants.tests.factories import CriterionFactory

    proposal = setting["proposal"]
    client = client_for(committee_member)
    client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
    elsewhere = CriterionFactory()  # another cycle's criterion
    response = client.post(reverse("grants:score-save", args=[proposal.pk, elsewhere.pk]), {"value": "3"})
    assert response.status_code == 404
    response = client.post(reverse("grants:score-save", args=[proposal.pk, 999_999]), {"value": "3"})
    assert response.status_code == 404
    assert not Review.objects.get(membership__user=committee_member).scores.filter(value__isnull=False).exists()
