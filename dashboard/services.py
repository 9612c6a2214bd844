"""Writes of the dashboard: the framework's reference data and the cached indicator values."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .framework import OUTCOMES
from .indicators import Period, aggregate, compute, hub_ids_of_scope, hub_regions
from .models import Indicator, IndicatorSnapshot, Outcome, Output

INDICATOR_DEFAULTS = {"unit": "number", "target": None, "counts_people": True, "disaggregations": [], "period": ""}


@transaction.atomic
def reference_load() -> dict[str, int]:
    """The results framework from the programme documents; existing rows keep officers' edits."""
    created = {"outcomes": 0, "outputs": 0, "indicators": 0}
    for outcome_data in OUTCOMES:
        outcome, new = Outcome.objects.get_or_create(
            number=outcome_data["number"],
            defaults={"title_ka": outcome_data["title_ka"], "title_en": outcome_data["title_en"]},
        )
        created["outcomes"] += new
        for order, output_data in enumerate(outcome_data["outputs"]):
            output, new = Output.objects.get_or_create(
                code=output_data["code"],
                defaults={
                    "outcome": outcome,
                    "title_ka": output_data["title_ka"],
                    "title_en": output_data["title_en"],
                    "order": order,
                },
            )
            created["outputs"] += new
            for position, data in enumerate(output_data["indicators"]):
                fields = INDICATOR_DEFAULTS | {k: v for k, v in data.items() if k != "code"}
                _indicator, new = Indicator.objects.get_or_create(
                    code=data["code"], defaults=fields | {"output": output, "order": position}
                )
                created["indicators"] += new
    return created


def _max_age() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.DASHBOARD_MAX_AGE_MINUTES)


def snapshot_refresh(*, indicator: Indicator, scope: str, period: Period, regions=None) -> IndicatorSnapshot:
    """Compute one indicator for one scope and period and store it (safe to run twice)."""
    result = compute(indicator.code, period, hub_ids_of_scope(scope))
    available = result is not None
    data = aggregate(result["facts"], regions if regions is not None else hub_regions()) if available else {}
    snapshot, _created = IndicatorSnapshot.objects.update_or_create(
        indicator=indicator,
        scope=scope,
        period=period.key,
        defaults={"available": available, "data": data, "computed_at": timezone.now()},
    )
    return snapshot


def snapshots_refresh(*, scope: str, period_key: str, only_stale: bool = True) -> int:
    """Recompute a scope and period's values (the stale ones only by default). Returns how many."""
    period = Period.from_key(period_key)
    existing = {s.indicator_id: s for s in IndicatorSnapshot.objects.filter(scope=scope, period=period.key)}
    limit = timezone.now() - _max_age()
    regions = hub_regions()
    count = 0
    for indicator in Indicator.objects.filter(is_active=True):
        snapshot = existing.get(indicator.pk)
        if only_stale and snapshot is not None and snapshot.computed_at >= limit:
            continue
        snapshot_refresh(indicator=indicator, scope=scope, period=period, regions=regions)
        count += 1
    return count


def snapshots_refresh_stale() -> int:
    """For beat: recompute every stale value still in use; drop custom periods nobody asked for lately."""
    limit = timezone.now() - _max_age()
    IndicatorSnapshot.objects.filter(computed_at__lt=timezone.now() - datetime.timedelta(days=2)).exclude(
        period=Period().key
    ).delete()
    keys = set(IndicatorSnapshot.objects.filter(computed_at__lt=limit).values_list("scope", "period").distinct())
    keys.add(("all", Period().key))
    return sum(snapshots_refresh(scope=scope, period_key=period) for scope, period in sorted(keys))


@transaction.atomic
def export_request(*, kind: str, acting_user, period: Period) -> "ExportJob":  # noqa: F821
    """Queue an export for the acting user; it is built after the commit, in the background."""
    from django.core.exceptions import PermissionDenied

    from .models import ExportJob
    from .permissions import export_kinds_for, suppresses_small_cells
    from .tasks import build_export

    if kind not in export_kinds_for(acting_user):
        raise PermissionDenied
    job = ExportJob.objects.create(
        kind=kind,
        period=period.key,
        suppress_small_cells=suppresses_small_cells(acting_user),
        created_by=acting_user,
    )
    transaction.on_commit(lambda: build_export.delay(job.pk))
    return job
