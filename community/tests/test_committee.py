"""The committee rules on a community cycle: ranking on the unrounded totals, and minutes that never
change once the cycle is decided, whatever is edited later in the app or the admin."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from accounts.pdf import pdf_text
from accounts.tests.factories import UserFactory
from community.models import ExpertAssignment, Idea
from grants.models import Criterion, Decision, GrantCycle, Proposal, Score
from grants.tests.factories import committee_cycle

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _review(user, proposal, values: dict[int, int]) -> None:
    client = _as(user)
    client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
    for criterion_pk, value in values.items():
        client.post(reverse("grants:score-save", args=[proposal.pk, criterion_pk]), {"value": value, "comment": ""})
    client.post(reverse("grants:review-submit", args=[proposal.pk]))


def _proposal(idea: Idea, **fields) -> Proposal:
    return Proposal.objects.create(
        cycle=idea.cycle, content_type=ContentType.objects.get_for_model(Idea), object_id=idea.pk,
        reference=idea.reference, title=idea.title, requested_amount=idea.grant_requested,
        municipality=idea.municipality, **fields,
    )  # fmt: skip


@pytest.fixture
def community_committee(world):
    chair, rapporteur = UserFactory(email="c-chair@x.ge"), UserFactory(email="c-rap@x.ge")
    cycle = committee_cycle(
        chair=chair, rapporteur=rapporteur, members=[world.user("committee_member")], criteria=0,
        kind=GrantCycle.Kind.COMMUNITY, total_minimum=Decimal("1.00"),
    )  # fmt: skip
    return cycle, [chair, rapporteur, world.user("committee_member")]


def _idea(cycle, world, reference: str, title: str) -> Idea:
    return IdeaFactory(
        cycle=cycle, reference=reference, title=title, status=Idea.Status.IN_REVIEW,
        priority__consultation__municipality=world.hub_a.municipality,
    )  # fmt: skip


def test_two_community_totals_that_differ_after_the_second_decimal_rank_on_the_true_values(community_committee, world):
    cycle, voters = community_committee
    # Weights 1.00 and 1.01. Every member scores A=3,B=4 on I-1 and A=4,B=3 on I-2:
    # I-1 = (3 + 4 x 1.01) / 2.01 = 7.04 / 2.01 = 3.50248...; I-2 = (4 + 3 x 1.01) / 2.01 = 7.03 / 2.01 = 3.49751...
    # Both print as 3.50; I-2 helps more returnees (the first tie-break), so rounded totals would put it first.
    a = Criterion.objects.create(cycle=cycle, name_ka="ა", name_en="A", weight=Decimal("1.00"), minimum=Decimal(1))
    b = Criterion.objects.create(cycle=cycle, name_ka="ბ", name_en="B", weight=Decimal("1.01"), minimum=Decimal(1))
    first = _proposal(_idea(cycle, world, "I-1", "წყალი"), vulnerability_priority=0)
    second = _proposal(_idea(cycle, world, "I-2", "გზა"), vulnerability_priority=40)
    for user in voters:
        _review(user, first, {a.pk: 3, b.pk: 4})
        _review(user, second, {a.pk: 4, b.pk: 3})
    chair = _as(voters[0])
    chair.post(reverse("grants:scoring-close", args=[cycle.pk]))

    rows = chair.get(reverse("grants:cycle-ranking", args=[cycle.pk])).context["rows"]

    assert [(item.proposal.reference, item.position) for item, _p in rows] == [("I-1", 1), ("I-2", 2)]
    assert [item.aggregate.total for item, _p in rows] == [Decimal("3.50"), Decimal("3.50")]
    assert [item.aggregate.exact_total for item, _p in rows] == [
        Decimal("7.04") / Decimal("2.01"),
        Decimal("7.03") / Decimal("2.01"),
    ]


def test_a_decided_community_cycles_minutes_never_change_after_edits_in_the_app_or_the_admin(
    community_committee, world
):
    cycle, voters = community_committee
    criterion = Criterion.objects.create(cycle=cycle, name_ka="შესაბამისობა", name_en="Relevance")
    idea = _idea(cycle, world, "I-7", "სასმელი წყალი")
    ExpertAssignment.objects.create(idea=idea, expert=world.user("mentor"), start_date=cycle.call_opens)
    proposal = _proposal(idea)
    for user in voters:
        _review(user, proposal, {criterion.pk: 4})
    chair = _as(voters[0])
    chair.post(reverse("grants:scoring-close", args=[cycle.pk]))
    chair.post(reverse("grants:decision-record", args=[proposal.pk]), {"outcome": "selected", "reason": ""})
    chair.post(reverse("grants:cycle-decide", args=[cycle.pk]))
    assert GrantCycle.objects.get(pk=cycle.pk).status == GrantCycle.Status.DECIDED
    assert Idea.objects.get(pk=idea.pk).status == Idea.Status.SELECTED
    texts = {}
    for language in ("ka", "en"):
        texts[language] = pdf_text(
            chair.get(reverse("grants:cycle-minutes", args=[cycle.pk]) + f"?lang={language}").content
        )
    assert "I-7" in texts["en"] and "Relevance" in texts["en"] and "4.00" in texts["en"]

    # In the app: a new decision on the locked cycle, another score, the idea sent again.
    chair.post(reverse("grants:decision-record", args=[proposal.pk]), {"outcome": "rejected", "reason": "late"})
    _as(voters[2]).post(reverse("grants:score-save", args=[proposal.pk, criterion.pk]), {"value": 1, "comment": ""})
    officer = _as(world.user("officer"))
    officer.post(reverse("community:idea-send", args=[idea.pk]))
    assert Decision.objects.get(proposal=proposal).outcome == "selected"
    # In the admin: the decided cycle's idea is read-only there.
    admin_data = {k: v for k, v in model_to_dict(Idea.objects.get(pk=idea.pk)).items() if v is not None}
    response = officer.post(
        reverse("admin:community_idea_change", args=[idea.pk]), admin_data | {"title": "სხვა სათაური"}
    )
    assert response.status_code == 403
    assert Idea.objects.get(pk=idea.pk).title == "სასმელი წყალი"
    # Behind the admin and the app: the idea, the criterion, the scores and the decision all change.
    Idea.objects.filter(pk=idea.pk).update(title="სხვა სათაური", estimated_cost=Decimal("99999"))
    Criterion.objects.filter(pk=criterion.pk).update(name_en="Renamed", name_ka="სხვა")
    Score.objects.filter(criterion=criterion).update(value=1)
    Decision.objects.filter(proposal=proposal).update(outcome="rejected")

    for language in ("ka", "en"):
        url = reverse("grants:cycle-minutes", args=[cycle.pk]) + f"?lang={language}"
        assert pdf_text(chair.get(url).content) == texts[language]
