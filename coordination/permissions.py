"""Who may see and do what in coordination and policy.

Officers manage everything. A person with an account who holds an active seat on a committee is a
partner (the role provider below); partners see the meetings, decisions and approved minutes of the
committees they sit on, the action items assigned to them, the policy register and the approved
methodology versions. Nothing in this app is about a beneficiary.
"""

from django.db.models import QuerySet

from accounts.models import Membership
from accounts.permissions import is_officer, is_partner
from accounts.roles import Role, RoleProvider, membership_rows

from .models import (
    ActionItem,
    Committee,
    CommitteeMember,
    Meeting,
    MeetingDocument,
    MethodologyDocument,
    MethodologyVersion,
    PolicyDocument,
    Recommendation,
)


def _seats(user):
    officers = Membership.objects.active().filter(role=Role.OFFICER).values("user_id")
    return CommitteeMember.objects.active().filter(user=user).exclude(user_id__in=officers)


def committee_roles(user) -> list[str]:
    """Role provider: an active seat makes a person a partner (officers stay officers only)."""
    return [Role.PARTNER] if _seats(user).exists() else []


ROLE_PROVIDER = RoleProvider(
    key="coordination",
    load=committee_roles,
    rows=lambda user: membership_rows(_seats(user), "coordination", ref="committee_id"),
    from_rows=lambda rows, user: [Role.PARTNER] if rows else [],
)


def _my_committee_ids(user):
    return CommitteeMember.objects.active().filter(user=user).values("committee_id")


# Predicates -------------------------------------------------------------------------------------
def can_manage_coordination(user) -> bool:
    return is_officer(user)


def can_browse_coordination(user) -> bool:
    return is_officer(user) or is_partner(user)


def can_browse_policy(user) -> bool:
    return is_officer(user) or is_partner(user)


def can_browse_methodology(user) -> bool:
    return is_officer(user) or is_partner(user)


def can_read_minutes(user, meeting: Meeting) -> bool:
    """Draft minutes are the secretariat's; members read them once approved."""
    return is_officer(user) or meeting.minutes_approved


def can_update_action_item(user, item: ActionItem) -> bool:
    """The officer, or the owner reporting progress on their own item."""
    if is_officer(user):
        return True
    return item.owner.user_id is not None and item.owner.user_id == user.pk


# Scopes -----------------------------------------------------------------------------------------
def committees_visible_to(user) -> QuerySet[Committee]:
    if is_officer(user):
        return Committee.objects.all()
    if is_partner(user):
        return Committee.objects.filter(pk__in=_my_committee_ids(user))
    return Committee.objects.none()


def meetings_visible_to(user) -> QuerySet[Meeting]:
    if is_officer(user):
        return Meeting.objects.all()
    if is_partner(user):
        return Meeting.objects.filter(committee_id__in=_my_committee_ids(user))
    return Meeting.objects.none()


def meeting_documents_visible_to(user) -> QuerySet[MeetingDocument]:
    return MeetingDocument.objects.filter(meeting__in=meetings_visible_to(user))


def action_items_visible_to(user) -> QuerySet[ActionItem]:
    if is_officer(user):
        return ActionItem.objects.all()
    if is_partner(user):
        return ActionItem.objects.filter(owner__user=user, meeting__committee_id__in=_my_committee_ids(user))
    return ActionItem.objects.none()


def policy_documents_visible_to(user) -> QuerySet[PolicyDocument]:
    return PolicyDocument.objects.all() if can_browse_policy(user) else PolicyDocument.objects.none()


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    return Recommendation.objects.all() if can_browse_policy(user) else Recommendation.objects.none()


def methodology_documents_visible_to(user) -> QuerySet[MethodologyDocument]:
    if is_officer(user):
        return MethodologyDocument.objects.all()
    if is_partner(user):
        return MethodologyDocument.objects.filter(versions__approved_by__isnull=False).distinct()
    return MethodologyDocument.objects.none()


def methodology_versions_visible_to(user) -> QuerySet[MethodologyVersion]:
    if is_officer(user):
        return MethodologyVersion.objects.all()
    if is_partner(user):
        return MethodologyVersion.objects.approved()
    return MethodologyVersion.objects.none()
