"""The committee's pages at any size: the cycle page lists one page of proposals (filtered, counted up
to the cap), and both it and the proposal page cost the same queries with 3 proposals or 33 —
rows with their optional relations filled (a decision, a consensus, a municipality, reviews)."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.pagination import LIST_PAGE_SIZE
from accounts.tests.factories import UserFactory
from grants import selectors
from grants.models import Consensus, Decision, Review, Score
from grants.tests.factories import (
    ApplicationFactory,
    PlanVersionFactory,
    TeamMemberFactory,
    committee_cycle,
    proposal_for,
)
from tests.queries import assert_constant_queries


@pytest.fixture
def setting(world):
    chair, rapporteur = UserFactory(email="scale.chair@example.ge"), UserFactory(email="scale.rapp@example.ge")
    cycle = committee_cycle(chair=chair, rapporteur=rapporteur, members=[world.user("committee_member")])
    cycle.municipalities.add(world.hub_a.municipality)
    return {"cycle": cycle, "chair": chair, "rapporteur": rapporteur, "world": world}


def _add_proposals(setting, count: int, *, scores=(3, 5)) -> list:
    """Proposals with a team, a final plan, two submitted reviews (``scores`` on every criterion), a
    recusal, a decision and a consensus comment every other one."""
    cycle, world = setting["cycle"], setting["world"]
    seats = {seat.user_id: seat for seat in cycle.committee.all()}
    chair, rapporteur = seats[setting["chair"].pk], seats[setting["rapporteur"].pk]
    member = seats[world.user("committee_member").pk]
    start = cycle.proposals.count()
    made = []
    for index in range(start, start + count):
        application = ApplicationFactory(
            cycle=cycle, hub=world.hub_a, municipality=world.hub_a.municipality, reference=f"S-{index:04d}"
        )
        TeamMemberFactory(application=application)
        PlanVersionFactory(application=application, number=1, is_final=True)
        proposal = proposal_for(application)
        for seat, value in zip((chair, rapporteur), scores, strict=True):
            review = Review.objects.create(proposal=proposal, membership=seat, status=Review.Status.SUBMITTED)
            for criterion in cycle.criteria.all():
                Score.objects.create(review=review, criterion=criterion, value=value)
        Review.objects.create(proposal=proposal, membership=member, status=Review.Status.RECUSED)
        if index % 2:
            Decision.objects.create(
                proposal=proposal, outcome="selected", ranked_outcome="selected", decided_by=setting["chair"]
            )
            Consensus.objects.create(proposal=proposal, text="ერთსულოვნად", author=setting["rapporteur"])
        made.append(proposal)
    return made


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ["committee_member", "officer"])
def test_the_cycle_page_costs_the_same_queries_with_3_proposals_or_33(setting, persona):
    _add_proposals(setting, 3)
    client = _client(setting["world"].user(persona))
    url = reverse("grants:cycle-detail", args=[setting["cycle"].pk])
    client.get(url)
    assert_constant_queries(client, url, lambda: _add_proposals(setting, 30))


def test_the_cycle_page_lists_a_page_of_proposals_with_their_counts_and_filters(setting):
    _add_proposals(setting, LIST_PAGE_SIZE + 5)
    client = _client(setting["world"].user("committee_member"))
    url = reverse("grants:cycle-detail", args=[setting["cycle"].pk])
    first = client.get(url).context["page"]
    assert first.paginator.count == LIST_PAGE_SIZE + 5 and not first.paginator.capped
    rows = list(first.object_list)
    assert [p.reference for p in rows] == [f"S-{i:04d}" for i in range(LIST_PAGE_SIZE)]
    # Hand count: two submitted reviews and one recusal each; the member's own review is the recusal.
    assert {(p.submitted_count, p.recused_count) for p in rows} == {(2, 1)}
    assert {r.status for p in rows for r in p.my_reviews} == {Review.Status.RECUSED}
    second = client.get(url + "?page=2").context["page"]
    assert [p.reference for p in second.object_list] == [
        f"S-{i:04d}" for i in range(LIST_PAGE_SIZE, LIST_PAGE_SIZE + 5)
    ]
    found = client.get(url + "?q=S-0007").context["page"]
    assert [p.reference for p in found.object_list] == ["S-0007"]
    undecided = client.get(url + "?outcome=none").context["page"]
    assert undecided.paginator.count == 15  # the even-numbered of S-0000 … S-0029
    selected = client.get(url + "?outcome=selected&page=1").content.decode()
    assert "S-0001" in selected and "S-0000" not in selected
    # The pages keep the filter in their links.
    assert "?q=S-00&amp;page=2" in client.get(url + "?q=S-00").content.decode()


def test_the_cycle_page_past_the_cap_says_more_than(setting, monkeypatch):
    monkeypatch.setattr("accounts.pagination.LIST_COUNT_CAP", 4)
    _add_proposals(setting, 6)
    page = _client(setting["world"].user("officer")).get(reverse("grants:cycle-detail", args=[setting["cycle"].pk]))
    assert page.context["page"].paginator.capped
    assert 'data-testid="list-capped"' in page.content.decode()


@pytest.mark.parametrize("persona", ["chair", "officer"])
def test_the_proposal_page_costs_the_same_queries_with_3_proposals_or_33(setting, persona):
    proposal = _add_proposals(setting, 3)[1]  # with a decision and a consensus
    cycle = setting["cycle"]
    cycle.scoring_closed_at = timezone.now()  # every score shown: the aggregate and each member's scores
    cycle.save()
    user = setting["chair"] if persona == "chair" else setting["world"].user(persona)
    client = _client(user)
    url = reverse("grants:proposal-detail", args=[proposal.pk])
    client.get(url)
    assert_constant_queries(client, url, lambda: _add_proposals(setting, 30))


def test_the_proposal_page_shows_the_aggregate_the_ranking_computes(setting):
    proposal = _add_proposals(setting, 2, scores=(3, 6))[0]
    cycle = setting["cycle"]
    cycle.scoring_closed_at = timezone.now()
    cycle.save()
    response = _client(setting["chair"]).get(reverse("grants:proposal-detail", args=[proposal.pk]))
    shown = response.context["aggregate"]
    # Hand-computed: scores 3 and 6 on each of three equally weighted criteria; the recusal does not count.
    assert [c.mean for c in shown.criteria] == [Decimal("4.50")] * 3
    assert (shown.total, shown.counted) == (Decimal("4.50"), 2)
    ranked = selectors.cycle_aggregates(cycle)[proposal.pk]
    assert (shown.exact_total, shown.failures) == (ranked.exact_total, ranked.failures)
    assert [c.spread for c in shown.criteria] == [c.spread for c in ranked.criteria] == [3, 3, 3]
