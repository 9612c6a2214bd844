"""Scopes and predicates of the community pipeline.

Officers run it and see everything. Hub staff (counsellors, hub leads) record consultations and
enter ideas in their hub's municipality and read what happens there. An expert sees only the ideas
assigned to them: meetings, budget and workplan versions, then the implementation follow-up.
Committee members read ideas through the grants committee pages, never here. Partners see none of it.
"""

from django.db.models import Q, QuerySet

from accounts.permissions import is_hub_staff, is_officer
from accounts.principal import principal_of
from accounts.roles import Role, RoleProvider, membership_rows
from hubs.models import Hub
from hubs.permissions import hub_ids_of

from .models import (
    Consultation,
    ConsultationPriority,
    ExpertAssignment,
    Idea,
    IdeaReferral,
    Initiative,
    InitiativePhoto,
    InitiativeTranche,
)


def municipalities_of(user):
    """The municipalities of the hubs where the user works today (a subquery, not a list)."""
    return Hub.objects.filter(pk__in=hub_ids_of(user)).values("municipality_id")


def expert_idea_ids(user):
    return ExpertAssignment.objects.active().filter(expert=user).values("idea_id")


def _is_active_expert(user) -> bool:
    return ExpertAssignment.objects.active().filter(expert=user).exists()


ROLE_PROVIDER = RoleProvider(
    key="community",
    load=_is_active_expert,
    roles=lambda expert: [Role.MENTOR] if expert else [],
    # Read in the principal's one memberships query with the other providers' rows.
    rows=lambda user: membership_rows(ExpertAssignment.objects.active().filter(expert=user), "community", ref="pk"),
    from_rows=lambda rows, user: bool(rows),
)


def is_expert(user) -> bool:
    """An active expert assignment (read once per principal, with the user's other roles)."""
    return bool(principal_of(user).facts("community"))


def can_see_community(user) -> bool:
    return is_officer(user) or is_hub_staff(user)


def can_see_ideas(user) -> bool:
    return is_officer(user) or is_hub_staff(user) or is_expert(user)


# Consultations ---------------------------------------------------------------------------------


def consultations_visible_to(user) -> QuerySet[Consultation]:
    if is_officer(user):
        return Consultation.objects.all()
    if is_hub_staff(user):
        return Consultation.objects.filter(municipality_id__in=municipalities_of(user))
    return Consultation.objects.none()


def can_record_consultation(user, municipality=None) -> bool:
    if is_officer(user):
        return True
    if not is_hub_staff(user):
        return False
    return municipality is None or Hub.objects.filter(pk__in=hub_ids_of(user), municipality=municipality).exists()


def can_enter_votes(user, consultation: Consultation) -> bool:
    return can_record_consultation(user, consultation.municipality_id and consultation.municipality)


def can_retain_priorities(user) -> bool:
    return is_officer(user)


def priorities_visible_to(user) -> QuerySet[ConsultationPriority]:
    return ConsultationPriority.objects.filter(consultation__in=consultations_visible_to(user))


def community_cycles_visible_to(user):
    """Community grant cycles: officers see all; hub staff those open in their municipalities."""
    from grants.models import GrantCycle

    cycles = GrantCycle.objects.filter(kind=GrantCycle.Kind.COMMUNITY)
    if is_officer(user):
        return cycles
    if is_hub_staff(user):
        return cycles.filter(pk__in=GrantCycle.objects.filter(municipalities__in=municipalities_of(user)).values("pk"))
    return cycles.none()


# Ideas -----------------------------------------------------------------------------------------


def ideas_visible_to(user) -> QuerySet[Idea]:
    if is_officer(user):
        return Idea.objects.all()
    condition = Q(pk__in=expert_idea_ids(user))
    if is_hub_staff(user):
        condition |= Q(municipality_id__in=municipalities_of(user))
    return Idea.objects.filter(condition)


def can_manage_ideas(user) -> bool:
    """Feasibility, shortlist, experts, sending to the committee, awards, referrals: officers."""
    return is_officer(user)


def can_enter_idea(user, cycle) -> bool:
    return cycle.kind == "community" and cycle.status == "call_open" and can_record_consultation(user)


# An expert supports the idea from the shortlist and follows it through implementation.
EXPERT_STAGES = (Idea.Status.SHORTLISTED, Idea.Status.IN_REVIEW, Idea.Status.SELECTED)


def can_change_expert(user, idea: Idea) -> bool:
    """Assign, end or replace the idea's expert: officers, while the idea has one to work with."""
    return can_manage_ideas(user) and idea.status in EXPERT_STAGES


def is_expert_of(user, idea: Idea) -> bool:
    return ExpertAssignment.objects.active().filter(expert=user, idea=idea).exists()


def can_support_idea(user, idea: Idea) -> bool:
    """Meetings and budget/workplan versions: the idea's expert (or an officer) while shortlisted."""
    return idea.status == Idea.Status.SHORTLISTED and (is_officer(user) or is_expert_of(user, idea))


# Implementation --------------------------------------------------------------------------------


def initiatives_visible_to(user) -> QuerySet[Initiative]:
    return Initiative.objects.filter(idea__in=ideas_visible_to(user))


def can_follow_up(user, initiative: Initiative) -> bool:
    """Milestone reports, visits, photos, co-funding, completion: the expert, or an officer."""
    open_ = not hasattr(initiative, "completion")
    return open_ and (is_officer(user) or is_expert_of(user, initiative.idea))


def can_release_tranches(user) -> bool:
    return is_officer(user)


def tranches_visible_to(user) -> QuerySet[InitiativeTranche]:
    return InitiativeTranche.objects.filter(initiative__in=initiatives_visible_to(user))


def photos_visible_to(user) -> QuerySet[InitiativePhoto]:
    return InitiativePhoto.objects.filter(initiative__in=initiatives_visible_to(user))


# Referrals to other funding ---------------------------------------------------------------------


def idea_referrals_visible_to(user) -> QuerySet[IdeaReferral]:
    return IdeaReferral.objects.filter(idea__in=ideas_visible_to(user))


def can_refer_idea(user, idea: Idea) -> bool:
    return is_officer(user) and Idea.objects.not_funded().filter(pk=idea.pk).exists()
