"""The committee rules of issue 13, for both kinds of cycle: unrounded totals, the score error shown
beside the field, next proposal, seat emails, chair-only close, invitations and frozen minutes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.pdf import pdf_text
from accounts.tests.factories import UserFactory
from grants import ranking
from grants.models import Application, CommitteeMembership, Criterion, CycleMinutes, Decision, GrantCycle, Score
from grants.ranking import CriterionSpec, ProposalSpec
from grants.tests.factories import ApplicationFactory, committee_cycle, proposal_for

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _review(user, proposal, values: dict[int, int]):
    client = _as(user)
    client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
    for criterion_pk, value in values.items():
        client.post(reverse("grants:score-save", args=[proposal.pk, criterion_pk]), {"value": value, "comment": ""})
    client.post(reverse("grants:review-submit", args=[proposal.pk]))
    return client


@pytest.fixture
def committee(world):
    chair, rapporteur = UserFactory(email="chair@x.ge"), UserFactory(email="rap@x.ge")
    cycle = committee_cycle(chair=chair, rapporteur=rapporteur, members=[world.user("committee_member")], criteria=0)
    return cycle, [chair, rapporteur, world.user("committee_member")]


def test_two_totals_that_differ_after_the_second_decimal_rank_on_the_true_values(committee):
    cycle, voters = committee
    # Weights 1.00 and 1.01. Every member scores A=3,B=4 on P-1 and A=4,B=3 on P-2:
    # P-1 = (3 + 4 x 1.01) / 2.01 = 7.04 / 2.01 = 3.50248...; P-2 = (4 + 3 x 1.01) / 2.01 = 7.03 / 2.01 = 3.49751...
    # Both print as 3.50. P-2 has the higher vulnerability priority, so a ranking on rounded totals would
    # put it first by the tie-break; on the true values P-1 is first.
    a = Criterion.objects.create(cycle=cycle, name_ka="ა", name_en="A", weight=Decimal("1.00"), minimum=Decimal(1))
    b = Criterion.objects.create(cycle=cycle, name_ka="ბ", name_en="B", weight=Decimal("1.01"), minimum=Decimal(1))
    cycle.total_minimum = Decimal("1.00")
    cycle.save()
    first = proposal_for(ApplicationFactory(cycle=cycle, reference="P-1"), vulnerability_priority=0)
    second = proposal_for(ApplicationFactory(cycle=cycle, reference="P-2"), vulnerability_priority=5)
    for user in voters:
        _review(user, first, {a.pk: 3, b.pk: 4})
        _review(user, second, {a.pk: 4, b.pk: 3})
    chair = _as(voters[0])
    chair.post(reverse("grants:scoring-close", args=[cycle.pk]))
    page = chair.get(reverse("grants:cycle-ranking", args=[cycle.pk]))
    rows = page.context["rows"]
    assert [(item.proposal.reference, item.position) for item, _p in rows] == [("P-1", 1), ("P-2", 2)]
    assert [item.aggregate.total for item, _p in rows] == [Decimal("3.50"), Decimal("3.50")]
    assert rows[0][0].aggregate.exact_total == Decimal("7.04") / Decimal("2.01")
    assert b'data-testid="how-totals"' in page.content
    text = " ".join(rows[0][0].explanation)
    assert "3,5025" in text and "3,4975" in text  # the page is Georgian: decimal comma


def test_a_minimum_is_judged_on_the_unrounded_total():
    criteria = [CriterionSpec(1, "A", Decimal("1.00"), Decimal(1)), CriterionSpec(2, "B", Decimal("1.01"), Decimal(1))]
    proposal = ProposalSpec(1, "P-2", Decimal(1000))
    # (4 + 3 x 1.01) / 2.01 = 3.4975...: printed 3.50 but below a minimum of 3.50.
    result = ranking.aggregate(
        proposal, criteria, {1: [4], 2: [3]}, counted=1, total_minimum=Decimal("3.50"), disagreement_spread=Decimal(2)
    )
    assert result.total == Decimal("3.50") and not result.passes
    assert "3,4975" in result.failures[0]  # Georgian, the default language: decimal comma


def test_a_score_outside_the_scale_shows_its_error_beside_the_field(committee):
    cycle, voters = committee
    criterion = Criterion.objects.create(cycle=cycle, name_ka="ა", name_en="A", score_min=1, score_max=5)
    proposal = proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))
    client = _as(voters[2])
    client.post(reverse("grants:review-conflict", args=[proposal.pk]), {"choice": "none"})
    page = client.get(reverse("grants:proposal-detail", args=[proposal.pk])).content.decode()
    # The browser would block an out-of-range value silently; novalidate lets it reach the server.
    assert 'novalidate data-testid="score-form"' in page
    answer = client.post(
        reverse("grants:score-save", args=[proposal.pk, criterion.pk]), {"value": "7"}, HTTP_HX_REQUEST="true"
    )
    assert b'role="alert"' in answer.content and b'data-testid="saved"' not in answer.content
    assert Score.objects.get(criterion=criterion).value is None


def test_after_submitting_the_member_is_led_to_the_next_proposal(committee):
    cycle, voters = committee
    criterion = Criterion.objects.create(cycle=cycle, name_ka="ა", name_en="A")
    proposals = [proposal_for(ApplicationFactory(cycle=cycle, reference=f"N-{n}")) for n in (1, 2, 3)]
    client = _as(voters[2])
    client.post(reverse("grants:review-conflict", args=[proposals[0].pk]), {"choice": "none"})
    client.post(reverse("grants:score-save", args=[proposals[0].pk, criterion.pk]), {"value": 4})
    response = client.post(reverse("grants:review-submit", args=[proposals[0].pk]))
    assert response["Location"] == reverse("grants:proposal-detail", args=[proposals[1].pk])
    page = client.get(reverse("grants:proposal-detail", args=[proposals[0].pk]))
    assert page.context["next_proposal"] == proposals[1]


def test_only_the_chair_closes_scoring_after_seeing_the_reviews_still_pending(committee, world):
    cycle, voters = committee
    Criterion.objects.create(cycle=cycle, name_ka="ა", name_en="A")
    proposal_for(ApplicationFactory(cycle=cycle))
    proposal_for(ApplicationFactory(cycle=cycle))
    assert _as(world.user("officer")).post(reverse("grants:scoring-close", args=[cycle.pk])).status_code == 403
    chair = _as(voters[0])
    page = chair.get(reverse("grants:scoring-close", args=[cycle.pk]))
    assert page.context["pending"] == 6  # three voting seats x two proposals, none reviewed
    assert GrantCycle.objects.get(pk=cycle.pk).scoring_closed_at is None
    chair.post(reverse("grants:scoring-close", args=[cycle.pk]))
    assert GrantCycle.objects.get(pk=cycle.pk).scoring_closed_at is not None


def test_seats_are_emailed_when_seated_and_a_new_person_is_invited(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    cycle = committee_cycle(chair=UserFactory(), status=GrantCycle.Status.DRAFT, criteria=1)
    officer = _as(world.user("officer"))
    url = reverse("grants:committee-add", args=[cycle.pk])
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(url, {"user": world.user("committee_member").pk, "role": "member", "start_date": "2026-01-05"})
        officer.post(
            url,
            {"full_name": "თამარ ლომიძე", "email": "tamar@example.ge", "role": "member", "start_date": "2026-01-05"},
        )
    invited = CommitteeMembership.objects.get(cycle=cycle, user__email="tamar@example.ge")
    assert not invited.user.has_usable_password()
    recipients = [m.to[0] for m in mailoutbox]
    assert recipients.count("tamar@example.ge") == 2  # the invitation link and the seat
    assert "member@example.ge" in recipients


def test_the_minutes_of_a_decided_cycle_never_change_after_an_edit_in_the_app_or_the_admin(committee, world):
    cycle, voters = committee
    criterion = Criterion.objects.create(cycle=cycle, name_ka="ხედვა", name_en="Vision")
    proposal = proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW, team_name="ფუტკარი"))
    for user in voters:
        _review(user, proposal, {criterion.pk: 4})
    chair = _as(voters[0])
    chair.post(reverse("grants:scoring-close", args=[cycle.pk]))
    chair.post(reverse("grants:decision-record", args=[proposal.pk]), {"outcome": "selected", "reason": ""})
    chair.post(reverse("grants:cycle-decide", args=[cycle.pk]))
    url = reverse("grants:cycle-minutes", args=[cycle.pk]) + "?lang=en"
    before = pdf_text(chair.get(url).content)
    assert "Vision" in before and "4.00" in before
    # In the app: the locked cycle refuses a new decision.
    chair.post(reverse("grants:decision-record", args=[proposal.pk]), {"outcome": "rejected", "reason": "late"})
    # In the admin: an officer tries to rename the criterion (a decided cycle is locked there: issue 10);
    # behind the admin, a score and the decision change.
    officer = _as(world.user("officer"))
    officer.post(
        reverse("admin:grants_criterion_change", args=[criterion.pk]),
        {"cycle": cycle.pk, "name_ka": "ხედვა", "name_en": "Renamed", "description": "", "weight": "1.00",
         "score_min": 1, "score_max": 5, "minimum": "3.00", "order": 0},
    )  # fmt: skip
    assert Criterion.objects.get(pk=criterion.pk).name_en == "Vision"  # refused: the cycle is decided
    Criterion.objects.filter(pk=criterion.pk).update(name_en="Renamed")  # and behind the admin too
    Score.objects.filter(criterion=criterion).update(value=1)
    Decision.objects.filter(proposal=proposal).update(outcome="rejected")
    minutes = CycleMinutes.objects.get(cycle=cycle, language="en")
    response = officer.post(reverse("admin:grants_cycleminutes_change", args=[minutes.pk]), {"body": "forged"})
    assert response.status_code == 403 or CycleMinutes.objects.get(pk=minutes.pk).body == minutes.body
    with pytest.raises(ValidationError):
        minutes.save()
    assert pdf_text(chair.get(url).content) == before


def test_the_principal_reads_seats_and_mentoring_in_the_one_query_as_they_are_stored():
    """The seats the principal builds from its one memberships query are the stored memberships:
    the fields the committee pages use are set, any other field is read on use, and a save
    through one keeps what it did not load."""
    import datetime

    from django.utils import timezone

    from accounts.principal import acting_as
    from accounts.tests.factories import UserFactory
    from grants import permissions
    from grants.tests.factories import CommitteeMembershipFactory, MentorAssignmentFactory

    user = UserFactory()
    chair = CommitteeMembershipFactory(
        user=user, role="chair", personal_number="01001012345", organisation="Municipality of Kutaisi"
    )
    observer = CommitteeMembershipFactory(user=user, role="observer")
    CommitteeMembershipFactory(user=user, end_date=timezone.localdate() - datetime.timedelta(days=1))  # ended
    mentored = MentorAssignmentFactory(mentor=user)
    stored = permissions.load_grant_standing(user)
    with acting_as(user):
        seats = permissions.seats_of(user)
        assert permissions.mentored_application_ids(user) == stored.mentored == {mentored.application_id}
    assert set(seats) == set(stored.seats) == {chair.cycle_id, observer.cycle_id}
    for cycle_id, seat in seats.items():
        expected = stored.seats[cycle_id]
        assert (seat.pk, seat.role, seat.user_id, seat.personal_number, seat.votes) == (
            expected.pk,
            expected.role,
            expected.user_id,
            expected.personal_number,
            expected.votes,
        )
    assert seats[chair.cycle_id].get_role_display() == chair.get_role_display()
    assert seats[chair.cycle_id].organisation == "Municipality of Kutaisi"  # read on use
    seats[observer.cycle_id].save()
    observer.refresh_from_db()
    assert observer.start_date == stored.seats[observer.cycle_id].start_date
