"""Grant indicators and data-quality checks (convention: dashboard.indicators)."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Application, Award, CompletionReport, GrantCycle


def _business(queryset, prefix: str, start, end, date_field: str, hub_ids):
    queryset = queryset.filter(**{f"{prefix}application__cycle__kind": GrantCycle.Kind.BUSINESS})
    if start:
        queryset = queryset.filter(**{f"{date_field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{date_field}__lte": end})
    if hub_ids is not None:
        queryset = queryset.filter(**{f"{prefix}application__hub_id__in": hub_ids})
    return queryset


def _facts(rows) -> list[dict]:
    return [{"pk": pk, "hub": hub, "region": region, "date": date} for pk, hub, region, date in rows]


def _result(facts) -> dict:
    return {
        "facts": facts,
        "records": Award.objects.select_related("application__cycle", "application__hub"),
        "link": lambda award: reverse("grants:award-detail", args=[award.pk]),
    }


def business_grants_awarded(*, start, end, hub_ids) -> dict:
    """Business grants (collective or community teams) whose agreement was signed in the period."""
    awards = _business(Award.objects.all(), "", start, end, "agreement_date", hub_ids)
    rows = awards.values_list("pk", "application__hub_id", "application__municipality__region_id", "agreement_date")
    return _result(_facts(rows))


def business_grants_completed(*, start, end, hub_ids) -> dict:
    """Business grants whose completion report is dated in the period (listed by their award)."""
    reports = _business(CompletionReport.objects.all(), "award__", start, end, "date", hub_ids)
    rows = reports.values_list(
        "award_id", "award__application__hub_id", "award__application__municipality__region_id", "date"
    )
    return _result(_facts(rows))


INDICATORS = {
    "business_grants_awarded": business_grants_awarded,
    "business_grants_completed": business_grants_completed,
}


# How long an application may wait in a stage before the queue flags it: screening takes two weeks,
# mentoring two months and a half (two months of mentoring, then the final plan), a draft a month.
STAGE_LIMITS = {
    Application.Status.DRAFT: ("created_at", datetime.timedelta(days=30)),
    Application.Status.SUBMITTED: ("submitted_at", datetime.timedelta(days=14)),
    Application.Status.MENTORING: ("screened_at", datetime.timedelta(days=75)),
}


def applications_stuck(hub_ids):
    now = timezone.now()
    stuck = Q()
    for status, (field, limit) in STAGE_LIMITS.items():
        stuck |= Q(status=status, **{f"{field}__lt": now - limit})
    applications = Application.objects.filter(stuck)
    if hub_ids is not None:
        applications = applications.filter(hub_id__in=hub_ids)
    return applications.for_list()


QUALITY_CHECKS = {
    "applications_stuck": {
        "label": _("Grant applications stuck in a stage"),
        "records": applications_stuck,
        "date": lambda application: timezone.localdate(
            getattr(application, STAGE_LIMITS[application.status][0]) or application.created_at
        ),
        "hub": lambda application: application.hub,
        "fix": lambda application: reverse("grants:application-detail", args=[application.pk]),
        "fix_label": _("Open the application"),
    },
}
