"""Reads: pages, the minutes' record, the report, and the indicators the dashboard reads.

Dashboard hooks (issue 14 wires them): ``policy_report_delivered()``, ``policy_report_delivery()``,
``meetings_held_per_committee()`` and ``committee_indicators()``.
"""

import datetime
from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.permissions import is_officer

from . import permissions as perms
from .models import (
    ActionItem,
    Committee,
    Meeting,
    PolicyDocument,
    PolicyReport,
    Recommendation,
)


# Dashboard indicators ---------------------------------------------------------------------------
def policy_report_delivery() -> PolicyReport | None:
    """The first edition of the policy report delivered to the Government, if any."""
    return PolicyReport.objects.filter(delivered_on__isnull=False).order_by("delivered_on", "number").first()


def policy_report_delivered() -> bool:
    """Output 5's indicator: a report with gaps and recommendations was delivered to the Government."""
    return PolicyReport.objects.filter(delivered_on__isnull=False).exists()


def meetings_held_per_committee(
    *, since: datetime.date | None = None, until: datetime.date | None = None
) -> list[dict]:
    """Per committee (all of them, zero included): meetings held in the period, in one query."""
    held = Q(meetings__status__in=[Meeting.Status.HELD, Meeting.Status.MINUTED])
    if since:
        held &= Q(meetings__starts_at__date__gte=since)
    if until:
        held &= Q(meetings__starts_at__date__lte=until)
    committees = Committee.objects.annotate(held=Count("meetings", filter=held)).order_by("sort_order", "code")
    return [{"committee": c, "code": c.code, "name": c.name, "meetings_held": c.held} for c in committees]


def committee_indicators(*, today: datetime.date | None = None) -> list[dict]:
    """Per committee: meetings held, decisions, open and overdue action items (four counts, one query)."""
    today = today or timezone.localdate()
    open_items = Q(meetings__action_items__status__in=ActionItem.OPEN_STATUSES)
    committees = Committee.objects.annotate(
        held=Count(
            "meetings", filter=Q(meetings__status__in=[Meeting.Status.HELD, Meeting.Status.MINUTED]), distinct=True
        ),
        decision_count=Count("decisions", distinct=True),
        open_actions=Count("meetings__action_items", filter=open_items, distinct=True),
        overdue_actions=Count(
            "meetings__action_items", filter=open_items & Q(meetings__action_items__due_on__lt=today), distinct=True
        ),
    ).order_by("sort_order", "code")
    return [
        {
            "code": c.code,
            "name": c.name,
            "meetings_held": c.held,
            "decisions": c.decision_count,
            "open_action_items": c.open_actions,
            "overdue_action_items": c.overdue_actions,
        }
        for c in committees
    ]


# Pages ------------------------------------------------------------------------------------------
def with_next_statuses(objects):
    """Attach the statuses each object may move to (from its model's TRANSITIONS), for the page's buttons."""
    objects = list(objects)
    for obj in objects:
        allowed = type(obj).TRANSITIONS[obj.status]
        obj.next_statuses = [(value, label) for value, label in type(obj).Status.choices if value in allowed]
    return objects


def meetings_for_list(*, user) -> QuerySet[Meeting]:
    return perms.meetings_visible_to(user).for_list()


def action_items_for_list(*, user, status: str = "", overdue: bool = False) -> QuerySet[ActionItem]:
    items = perms.action_items_visible_to(user).for_list()
    if status:
        items = items.filter(status=status)
    if overdue:
        items = items.overdue(timezone.localdate())
    return items


def committee_page(*, committee: Committee, user) -> dict:
    today = timezone.localdate()
    members = list(committee.members.select_related("user").order_by("end_date", "position", "full_name"))
    return {
        "committee": committee,
        "current_members": [m for m in members if m.is_active_on(today)],
        "past_members": [m for m in members if not m.is_active_on(today)],
        "meetings": list(perms.meetings_visible_to(user).filter(committee=committee).for_list()[:20]),
    }


def labelled_history(changes, status_choices) -> list:
    """Status-change rows with their statuses' labels in the page language."""
    labels = dict(status_choices)
    changes = list(changes)
    for change in changes:
        change.from_label = labels.get(change.from_status, change.from_status)
        change.to_label = labels.get(change.to_status, change.to_status)
    return changes


def meeting_record(*, meeting: Meeting, user=None) -> dict:
    """Everything about one meeting, in a fixed number of queries; action items filtered for partners."""
    actions = ActionItem.objects.filter(meeting=meeting).for_list()
    if user is not None and not is_officer(user):
        actions = actions.filter(pk__in=perms.action_items_visible_to(user).values("pk"))
    attendance = list(meeting.attendance.select_related("member").order_by("member__full_name"))
    return {
        "meeting": meeting,
        "committee": meeting.committee,
        "agenda": list(meeting.agenda.all()),
        "attendance": attendance,
        "present": [a for a in attendance if a.status == "present"],
        "excused": [a for a in attendance if a.status == "excused"],
        "absent": [a for a in attendance if a.status == "absent"],
        "decisions": list(
            meeting.decisions.select_related("committee").prefetch_related(Prefetch("approved_version__document"))
        ),
        "action_items": with_next_statuses(actions),
        "today": timezone.localdate(),
    }


def meeting_page(*, meeting: Meeting, user) -> dict:
    context = meeting_record(meeting=meeting, user=user)
    documents = meeting.documents.select_related("uploaded_by")
    return context | {
        "documents": list(documents),
        "status_changes": labelled_history(meeting.status_changes.select_related("actor"), Meeting.Status.choices)
        if is_officer(user)
        else [],
        "recommendations": list(meeting.recommendations.all()),
        "can_read_minutes": perms.can_read_minutes(user, meeting),
    }


def policy_documents_for_list(*, user, level: str = "", sector: str = "") -> QuerySet[PolicyDocument]:
    documents = perms.policy_documents_visible_to(user).for_list()
    if level:
        documents = documents.filter(level=level)
    if sector:
        documents = documents.filter(sector=sector)
    return documents


def recommendations_for_list(*, user, status: str = "") -> QuerySet[Recommendation]:
    recommendations = perms.recommendations_visible_to(user).for_list()
    return recommendations.filter(status=status) if status else recommendations


def policy_report_context() -> dict:
    """The report's content: the register with its assessments and recommendations, and the counts."""
    documents = list(
        PolicyDocument.objects.select_related("municipality")
        .prefetch_related("assessments", "recommendations")
        .order_by("level", "sector", "-year")
    )
    recommendations = list(Recommendation.objects.for_list().exclude(status=Recommendation.Status.REJECTED))
    # The latest assessment of each document says whether it addresses migration.
    latest = [d.assessments.all()[0] for d in documents if d.assessments.all()]
    addressed = Counter(a.get_migration_addressed_display() for a in latest)
    return {
        "documents": documents,
        "recommendations": recommendations,
        "addressed": sorted(addressed.items()),
        "high_priority": [r for r in recommendations if r.priority == Recommendation.Priority.HIGH],
    }
