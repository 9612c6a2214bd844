"""Community indicators for the dashboard (convention: dashboard.indicators).

An initiative counts as awarded when its grant agreement is signed (an Initiative row) and as
completed when its expert records the completion. Its hub is the hub of the idea's municipality.
"""

from django.urls import reverse

from .models import Completion, Initiative


def _scoped(queryset, prefix: str, date_field: str, *, start, end, hub_ids):
    if start:
        queryset = queryset.filter(**{f"{date_field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{date_field}__lte": end})
    if hub_ids is not None:
        queryset = queryset.filter(**{f"{prefix}idea__municipality__hub__in": hub_ids})
    return queryset


def _result(rows) -> dict:
    return {
        "facts": [{"pk": pk, "hub": hub, "region": region, "date": date} for pk, hub, region, date in rows],
        "records": Initiative.objects.select_related("idea__municipality", "idea__cycle"),
        "link": lambda initiative: reverse("community:initiative-detail", args=[initiative.pk]),
    }


def community_initiatives_awarded(*, start, end, hub_ids) -> dict:
    """Community initiatives whose grant agreement was signed in the period."""
    initiatives = _scoped(Initiative.objects.all(), "", "agreement_date", start=start, end=end, hub_ids=hub_ids)
    rows = initiatives.values_list("pk", "idea__municipality__hub", "idea__municipality__region_id", "agreement_date")
    return _result(rows)


def community_initiatives_completed(*, start, end, hub_ids) -> dict:
    """Community initiatives whose completion is dated in the period (listed by their initiative)."""
    completions = _scoped(Completion.objects.all(), "initiative__", "date", start=start, end=end, hub_ids=hub_ids)
    rows = completions.values_list(
        "initiative_id", "initiative__idea__municipality__hub", "initiative__idea__municipality__region_id", "date"
    )
    return _result(rows)


INDICATORS = {
    "community_initiatives_awarded": community_initiatives_awarded,
    "community_initiatives_completed": community_initiatives_completed,
}
