"""Meetings: planning, agenda, attendance, documents, minutes, decisions and action items."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.refusals import authorize

from ..models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Committee,
    CommitteeMember,
    Decision,
    Meeting,
    MeetingDocument,
    MethodologyVersion,
)
from ..permissions import can_manage_coordination, can_update_action_item
from ._common import attach, move

MEETING_FIELDS = ["starts_at", "place", "is_online", "online_link"]


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)


def _require_held(meeting: Meeting) -> None:
    if not meeting.is_open_for_record:
        raise ValidationError(_("This is recorded once the meeting has been held, before its minutes are approved."))


@transaction.atomic
def meeting_plan(*, committee: Committee, acting_user: User, **fields) -> Meeting:
    authorize(can_manage_coordination(acting_user))
    meeting = Meeting(
        committee=committee, created_by=acting_user, **{k: fields[k] for k in MEETING_FIELDS if k in fields}
    )
    meeting.full_clean()
    meeting.save()
    meeting.status_changes.create(to_status=meeting.status, actor=acting_user)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, acting_user: User, **fields) -> Meeting:
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be changed."))
    for name in MEETING_FIELDS:
        if name in fields:
            setattr(meeting, name, fields[name])
    meeting.full_clean()
    meeting.save(update_fields=MEETING_FIELDS)
    return meeting


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, to_status: str, acting_user: User, note: str = "") -> Meeting:
    """Held, cancelled, or planned again; minutes are approved with ``minutes_approve``."""
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    if meeting.status == to_status:
        return meeting
    if to_status == Meeting.Status.MINUTED:
        raise ValidationError(_("Approve the minutes to close the meeting's record."))
    if to_status == Meeting.Status.HELD and meeting.starts_at > timezone.now():
        raise ValidationError(_("A meeting cannot be marked as held before it starts."))
    move(meeting, to_status, history=meeting.status_changes, acting_user=acting_user, note=note)
    return meeting


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, acting_user: User, title_ka: str, title_en: str = "", presenter: str = ""
) -> AgendaItem:
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.HELD):
        raise ValidationError(_("The agenda of this meeting can no longer change."))
    order = (meeting.agenda.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    item = AgendaItem(meeting=meeting, order=order, title_ka=title_ka, title_en=title_en, presenter=presenter)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def attendance_record(*, meeting: Meeting, acting_user: User, statuses: dict[int, str]) -> int:
    """Who was present, excused or absent, by seat; members not named keep what they had."""
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    _require_held(meeting)
    seats = set(meeting.committee.members.filter(pk__in=statuses).values_list("pk", flat=True))
    if seats != set(statuses):
        raise ValidationError(_("Attendance can only be recorded for the committee's members."))
    for member_id, status in statuses.items():
        if status not in Attendance.Status.values:
            raise ValidationError(_("Unknown attendance."))
        Attendance.objects.update_or_create(meeting=meeting, member_id=member_id, defaults={"status": status})
    return len(statuses)


@transaction.atomic
def minutes_save(*, meeting: Meeting, acting_user: User, minutes_ka: str, minutes_en: str = "") -> Meeting:
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    _require_held(meeting)
    meeting.minutes_ka, meeting.minutes_en = minutes_ka, minutes_en
    meeting.save(update_fields=["minutes_ka", "minutes_en"])
    return meeting


@transaction.atomic
def minutes_approve(*, meeting: Meeting, acting_user: User) -> Meeting:
    """Approved minutes close the meeting's record: members can now read them."""
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    if meeting.status == Meeting.Status.MINUTED:
        return meeting
    if not meeting.minutes_ka.strip():
        raise ValidationError(_("Write the minutes in Georgian before approving them."))
    if not meeting.attendance.exists():
        raise ValidationError(_("Record the attendance before approving the minutes."))
    meeting.minutes_approved_at = timezone.now()
    move(
        meeting,
        Meeting.Status.MINUTED,
        history=meeting.status_changes,
        acting_user=acting_user,
        extra_fields=["minutes_approved_at"],
    )
    return meeting


@transaction.atomic
def meeting_document_add(*, meeting: Meeting, acting_user: User, title: str, kind: str, file) -> MeetingDocument:
    """A committee paper; the signed minutes only once the minutes are approved."""
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    if kind == MeetingDocument.Kind.SIGNED_MINUTES and not meeting.minutes_approved:
        raise ValidationError(_("Upload the signed minutes after the minutes are approved."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    document = MeetingDocument(meeting=meeting, title=title, kind=kind, uploaded_by=acting_user)
    attach(document, "file", file)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    acting_user: User,
    text_ka: str,
    text_en: str = "",
    approves_version: MethodologyVersion | None = None,
) -> Decision:
    """The committee's next decision number; a Steering Committee decision may approve a methodology version."""
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    _require_held(meeting)
    committee = Committee.objects.select_for_update().get(pk=meeting.committee_id)
    version = None
    if approves_version is not None:
        if not committee.approves_methodology:
            raise ValidationError(_("Only the Steering Committee approves methodology documents."))
        version = MethodologyVersion.objects.select_for_update().get(pk=approves_version.pk)
        if version.is_approved:
            raise ValidationError(_("This version is already approved."))
    committee.last_decision_number += 1
    committee.save(update_fields=["last_decision_number"])
    decision = Decision(
        committee=committee,
        meeting=meeting,
        number=committee.last_decision_number,
        text_ka=text_ka,
        text_en=text_en,
        recorded_by=acting_user,
    )
    decision.full_clean()
    decision.save()
    if version is not None:
        version.approved_by = decision
        version.save(update_fields=["approved_by"])
    return decision


@transaction.atomic
def action_item_add(
    *,
    meeting: Meeting,
    acting_user: User,
    title: str,
    owner: CommitteeMember,
    due_on,
    decision: Decision | None = None,
) -> ActionItem:
    authorize(can_manage_coordination(acting_user))
    meeting = _locked(meeting)
    _require_held(meeting)
    if owner.committee_id != meeting.committee_id:
        raise ValidationError(_("The owner must be a member of the committee."))
    if decision is not None and decision.meeting_id != meeting.pk:
        raise ValidationError(_("The decision must be one of this meeting's."))
    item = ActionItem(meeting=meeting, title=title, owner=owner, due_on=due_on, decision=decision)
    item.full_clean()
    item.save()
    item.status_changes.create(to_status=item.status, actor=acting_user)
    return item


@transaction.atomic
def action_item_set_status(*, item: ActionItem, to_status: str, acting_user: User, note: str = "") -> ActionItem:
    item = ActionItem.objects.select_for_update().select_related("owner").get(pk=item.pk)
    authorize(can_update_action_item(acting_user, item))
    if item.status == to_status:
        return item
    item.completed_on = timezone.localdate() if to_status == ActionItem.Status.DONE else None
    move(
        item, to_status, history=item.status_changes, acting_user=acting_user, note=note, extra_fields=["completed_on"]
    )
    return item
