"""Scopes and predicates for grant cycles, the committee, applications and awards.

Committee members see the cycles they sit on and each proposal's team composition and plan;
never a case file or counselling notes (nothing here reaches reintegration's case records).
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from accounts.permissions import is_hub_staff, is_officer
from accounts.principal import principal_of
from accounts.roles import Role, RoleProvider, membership_rows
from hubs.permissions import hub_ids_of

from .models import Application, CommitteeMembership, GrantCycle, MentorAssignment, Proposal, Review, TeamMember


@dataclass(frozen=True)
class GrantStanding:
    """A person's active committee seats (by cycle id) and the applications they mentor today."""

    seats: dict[int, CommitteeMembership] = field(default_factory=dict)
    mentored: frozenset[int] = frozenset()

    def roles(self) -> list[str]:
        return [role for role, held in ((Role.COMMITTEE, self.seats), (Role.MENTOR, self.mentored)) if held]


def load_grant_standing(user) -> GrantStanding:
    return GrantStanding(
        seats={m.cycle_id: m for m in CommitteeMembership.objects.active().filter(user=user)},
        mentored=frozenset(
            MentorAssignment.objects.active().filter(mentor=user).values_list("application_id", flat=True)
        ),
    )


def grant_standing_rows(user) -> list:
    """The seats (ref: the seat, label: its role, ref2: the cycle, label2: the member's personal
    number) and the mentored applications (ref only), for the principal's one memberships query."""
    return [
        membership_rows(
            CommitteeMembership.objects.active().filter(user=user),
            "grants",
            ref="pk",
            label="role",
            ref2="cycle_id",
            label2="personal_number",
        ),
        membership_rows(MentorAssignment.objects.active().filter(mentor=user), "grants", ref="application_id"),
    ]


def grant_standing_from_rows(rows, user) -> GrantStanding:
    """What ``load_grant_standing`` reads, from the rows of ``grant_standing_rows`` (a seat always
    has a role; a mentoring row has none). Each seat is the membership as the database would give
    it with only these fields loaded: any other field is read on first use, as with ``.only()``."""
    fields = ["id", "cycle_id", "user_id", "role", "personal_number"]
    seats = {}
    for row in rows:
        if row.label is not None:
            seat = CommitteeMembership.from_db(None, fields, [row.ref, row.ref2, user.pk, row.label, row.label2 or ""])
            seat.user = user
            seats[row.ref2] = seat
    return GrantStanding(seats=seats, mentored=frozenset(row.ref for row in rows if row.label is None))


ROLE_PROVIDER = RoleProvider(
    key="grants",
    load=load_grant_standing,
    roles=GrantStanding.roles,
    rows=grant_standing_rows,
    from_rows=grant_standing_from_rows,
)


def _standing(user) -> GrantStanding:
    return principal_of(user).facts("grants") or GrantStanding()


def seats_of(user) -> dict[int, CommitteeMembership]:
    """The user's active committee seats, by cycle id (read once per principal)."""
    return _standing(user).seats


def mentored_application_ids(user) -> frozenset[int]:
    return _standing(user).mentored


def seat_in(user, cycle: GrantCycle) -> CommitteeMembership | None:
    return seats_of(user).get(cycle.pk)


def is_committee_member(user) -> bool:
    return bool(seats_of(user))


def is_mentor(user) -> bool:
    return bool(mentored_application_ids(user))


# Cycles ---------------------------------------------------------------------------------------


def cycles_visible_to(user) -> QuerySet[GrantCycle]:
    if is_officer(user):
        return GrantCycle.objects.all()
    return GrantCycle.objects.filter(pk__in=seats_of(user).keys())


def can_see_grants(user) -> bool:
    return is_officer(user) or is_committee_member(user)


def can_manage_cycles(user) -> bool:
    return is_officer(user)


def can_edit_cycle(user, cycle: GrantCycle) -> bool:
    return is_officer(user) and not cycle.is_locked


def _has_seat_role(user, cycle: GrantCycle, *roles: str) -> bool:
    seat = seat_in(user, cycle)
    return seat is not None and seat.role in roles


def is_chair_of(user, cycle: GrantCycle) -> bool:
    return _has_seat_role(user, cycle, CommitteeMembership.Role.CHAIR)


def is_rapporteur_of(user, cycle: GrantCycle) -> bool:
    return _has_seat_role(user, cycle, CommitteeMembership.Role.RAPPORTEUR)


def can_close_scoring(user, cycle: GrantCycle) -> bool:
    """Only the chair closes scoring (after a confirmation that shows the reviews still pending)."""
    return is_chair_of(user, cycle) and cycle.scoring_open


def can_see_ranking(user, cycle: GrantCycle) -> bool:
    """The aggregate ranking is shown once scoring is closed, to the committee and officers."""
    return cycle.scores_revealed and (is_officer(user) or seat_in(user, cycle) is not None)


def can_record_decision(user, cycle: GrantCycle) -> bool:
    return is_chair_of(user, cycle) and cycle.status == GrantCycle.Status.REVIEW and cycle.scoring_closed_at is not None


def can_write_consensus(user, cycle: GrantCycle) -> bool:
    return (
        is_rapporteur_of(user, cycle)
        and cycle.status == GrantCycle.Status.REVIEW
        and cycle.scoring_closed_at is not None
    )


def can_read_minutes(user, cycle: GrantCycle) -> bool:
    return (
        cycle.is_locked
        and cycle.status != GrantCycle.Status.CANCELLED
        and (is_officer(user) or seat_in(user, cycle) is not None)
    )


# Proposals and reviews ------------------------------------------------------------------------


def proposals_visible_to(user) -> QuerySet[Proposal]:
    if is_officer(user):
        return Proposal.objects.all()
    return Proposal.objects.filter(cycle_id__in=seats_of(user).keys())


def can_review(user, proposal: Proposal) -> bool:
    seat = seat_in(user, proposal.cycle)
    return seat is not None and seat.votes and proposal.cycle.scoring_open


def can_see_scores(user, proposal: Proposal, own_review: Review | None) -> bool:
    """Others' scores stay hidden until one's own are submitted; everyone in the cycle sees them
    once the chair closes scoring. A recused member never sees them before that."""
    cycle = proposal.cycle
    if cycle.scores_revealed:
        return is_officer(user) or seat_in(user, cycle) is not None
    return (
        own_review is not None
        and own_review.status == Review.Status.SUBMITTED
        and own_review.membership.user_id == user.pk
    )


# Applications ---------------------------------------------------------------------------------


def applications_visible_to(user) -> QuerySet[Application]:
    """Officers see all; mentors their teams; hub staff the applications their hub supports and
    those with a team member who is a client of their hub (a case there, open or closed)."""
    if is_officer(user):
        return Application.objects.all()
    condition = Q(pk__in=mentored_application_ids(user))
    if is_hub_staff(user):
        hubs = hub_ids_of(user)
        clients = TeamMember.objects.filter(beneficiary__cases__hub_id__in=hubs).values("application_id")
        condition |= Q(hub_id__in=hubs) | Q(pk__in=clients)
    return Application.objects.filter(condition)


def can_see_applications(user) -> bool:
    return is_officer(user) or is_mentor(user) or is_hub_staff(user)


def can_manage_applications(user) -> bool:
    return is_officer(user)


def can_mentor(user, application: Application) -> bool:
    return application.pk in mentored_application_ids(user) and application.status == Application.Status.MENTORING


def can_edit_plan(user, application: Application) -> bool:
    return (is_officer(user) or application.pk in mentored_application_ids(user)) and (
        application.status == Application.Status.MENTORING
    )


def can_manage_awards(user) -> bool:
    return is_officer(user)
