"""Coordination indicators for the results dashboard (convention: dashboard.indicators).

Committees and the policy report are programme-level: they belong to no hub, so a hub-scoped
computation (``hub_ids`` given) counts nothing.
"""

from django.urls import reverse
from django.utils import timezone

from . import selectors
from .models import Meeting, PolicyReport


def committee_meetings(*, start, end, hub_ids) -> dict:
    """Meetings of the Steering and Consultative Committees held whose minutes were approved, on the meeting's date."""
    meetings = Meeting.objects.filter(status=Meeting.Status.MINUTED)
    if start:
        meetings = meetings.filter(starts_at__date__gte=start)
    if end:
        meetings = meetings.filter(starts_at__date__lte=end)
    rows = [] if hub_ids is not None else meetings.values_list("pk", "starts_at", "committee__code")
    return {
        "facts": [{"pk": pk, "date": timezone.localdate(at), "category": code} for pk, at, code in rows],
        "records": Meeting.objects.for_list(),
        "link": lambda meeting: meeting.get_absolute_url(),
    }


def policy_report_delivered(*, start, end, hub_ids) -> dict:
    """1 once the report with the gaps analysis and recommendations was delivered (its first delivery)."""
    report = selectors.policy_report_delivery()
    facts = []
    in_period = (
        report is not None and (not start or report.delivered_on >= start) and (not end or report.delivered_on <= end)
    )
    if in_period and hub_ids is None:
        facts.append({"pk": report.pk, "date": report.delivered_on})
    return {
        "facts": facts,
        "records": PolicyReport.objects.all(),
        "link": lambda _report: reverse("coordination:report-list"),
    }


INDICATORS = {
    "committee_meetings": committee_meetings,
    "policy_report_delivered": policy_report_delivered,
}
