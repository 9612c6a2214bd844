"""Committees and their members' seats."""

from django.db import transaction

from accounts.models import User
from accounts.refusals import authorize

from ..models import Committee, CommitteeMember
from ..permissions import can_manage_coordination

COMMITTEE_FIELDS = ["code", "name_ka", "name_en", "kind", "mandate_ka", "mandate_en", "is_active", "sort_order"]
MEMBER_FIELDS = ["user", "full_name", "organisation", "job_title", "email", "position", "start_date", "end_date"]


@transaction.atomic
def committee_save(*, acting_user: User, committee: Committee | None = None, **fields) -> Committee:
    """Create a committee, or change one (the decision counter is never touched here)."""
    authorize(can_manage_coordination(acting_user))
    committee = Committee.objects.select_for_update().get(pk=committee.pk) if committee else Committee()
    for name in COMMITTEE_FIELDS:
        if name in fields:
            setattr(committee, name, fields[name])
    committee.full_clean()
    committee.save()
    return committee


@transaction.atomic
def member_save(
    *, acting_user: User, committee: Committee | None = None, member: CommitteeMember | None = None, **fields
) -> CommitteeMember:
    """Seat a person on a committee for a term, or change the seat (e.g. end the term)."""
    authorize(can_manage_coordination(acting_user))
    if member is not None:
        member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    else:
        member = CommitteeMember(committee=committee)
    for name in MEMBER_FIELDS:
        if name in fields:
            setattr(member, name, fields[name])
    if member.user_id and not member.full_name:
        member.full_name = member.user.full_name
    member.full_clean()
    member.save()
    return member
