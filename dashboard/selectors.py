"""Reads of the dashboard: indicator cards from the cache, breakdowns, trend data, suppression.

A page reads the active indicators (one query) and their cached values for the scope and period
(one query); values missing are computed on the spot (one computation per indicator, constant in
the number of hubs), values older than DASHBOARD_MAX_AGE_MINUTES are shown with their time while a
background task recomputes them.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.bilingual import pick
from reintegration.models import Beneficiary, Sex
from reintegration.vulnerability import Vulnerability

from .indicators import AGE_GROUPS, NONE, SMALL_CELL, UNKNOWN, Period, scope_key
from .models import Dimension, Indicator, IndicatorSnapshot

SUPPRESSED = "<5"


def _schedule_refresh(scope: str, period: Period) -> None:
    """Queue one background recompute per scope and period at a time."""
    from .tasks import refresh_indicators

    lock = f"dashboard-refresh:{scope}:{period.key}"
    if cache.add(lock, 1, timeout=settings.DASHBOARD_MAX_AGE_MINUTES * 60):
        transaction.on_commit(lambda: refresh_indicators.delay(scope, period.key))


def snapshots_for(*, hub_ids: list[int] | None, period: Period) -> list[tuple[Indicator, IndicatorSnapshot]]:
    from .services import snapshot_refresh

    scope = scope_key(hub_ids)
    indicators = list(Indicator.objects.for_list())
    cached = {s.indicator_id: s for s in IndicatorSnapshot.objects.filter(scope=scope, period=period.key)}
    limit = timezone.now() - datetime.timedelta(minutes=settings.DASHBOARD_MAX_AGE_MINUTES)
    stale = False
    pairs = []
    for indicator in indicators:
        snapshot = cached.get(indicator.pk)
        if snapshot is None:
            snapshot = snapshot_refresh(indicator=indicator, scope=scope, period=period)
        stale = stale or snapshot.computed_at < limit
        pairs.append((indicator, snapshot))
    if stale:
        _schedule_refresh(scope, period)
    return pairs


# Presentation -------------------------------------------------------------------------------


def _percent(n: int, d: int) -> Decimal | None:
    return (Decimal(100) * n / d).quantize(Decimal("0.1")) if d else None


def is_small(indicator: Indicator, n: int, d: int) -> bool:
    """A cell that would let someone single out fewer than 5 people."""
    if not indicator.counts_people:
        return False
    counts = [n] + ([d, d - n] if indicator.is_percent else [])
    return any(0 < value < SMALL_CELL for value in counts)


def cell(indicator: Indicator, n: int, d: int, *, suppress: bool) -> dict:
    """What a page shows for one number: its value, or "<5" for a partner."""
    hidden = suppress and is_small(indicator, n, d)
    value = _percent(n, d) if indicator.is_percent else n
    if hidden:
        display = SUPPRESSED
    elif value is None:
        display = "—"
    elif indicator.is_percent:
        display = f"{formats.number_format(value, 1)}%"
    else:
        display = formats.number_format(value)
    return {
        "n": None if hidden else n,
        "d": None if hidden else d,
        "value": None if hidden else value,
        "display": display,
        "hidden": hidden,
    }


def card(indicator: Indicator, snapshot: IndicatorSnapshot, *, suppress: bool) -> dict:
    data = snapshot.data if snapshot.available else {}
    n, d = data.get("n", 0), data.get("d", 0)
    shown = cell(indicator, n, d, suppress=suppress)
    progress = None
    if snapshot.available and indicator.target and shown["value"] is not None:
        progress = min(100, int(100 * Decimal(shown["value"]) / indicator.target))
    return {
        "indicator": indicator,
        "available": snapshot.available,
        "computed_at": snapshot.computed_at,
        "cell": shown,
        "progress": progress,
    }


def cards_for(*, hub_ids, period: Period, suppress: bool) -> list[dict]:
    return [card(i, s, suppress=suppress) for i, s in snapshots_for(hub_ids=hub_ids, period=period)]


def group_cards(cards: list[dict]) -> list[dict]:
    """Cards under their outcome and output, in the framework's order."""
    outcomes: dict = {}
    for item in cards:
        output = item["indicator"].output
        outcome = outcomes.setdefault(output.outcome_id, {"outcome": output.outcome, "outputs": {}})
        outcome["outputs"].setdefault(output.pk, {"output": output, "cards": []})["cards"].append(item)
    return [{"outcome": o["outcome"], "outputs": list(o["outputs"].values())} for o in outcomes.values()]


def _labels(dimension: str, keys) -> dict[str, str]:
    from hubs.models import Hub, Region

    if dimension == Dimension.HUB:
        return {str(pk): pick(ka, en) for pk, ka, en in Hub.objects.values_list("pk", "name_ka", "name_en")}
    if dimension == Dimension.REGION:
        return {str(pk): pick(ka, en) for pk, ka, en in Region.objects.values_list("pk", "name_ka", "name_en")}
    if dimension == Dimension.MONTH:
        return {
            key: formats.date_format(datetime.date.fromisoformat(f"{key}-01"), "YEAR_MONTH_FORMAT")
            for key in keys
            if key != UNKNOWN
        }
    if dimension == Dimension.SEX:
        return {value: str(label) for value, label in Sex.choices}
    if dimension == Dimension.AGE_GROUP:
        return {code: str(label) for code, _low, _high, label in AGE_GROUPS}
    if dimension == Dimension.VULNERABILITY:
        return {value: str(label) for value, label in Vulnerability.choices} | {NONE: _("none recorded")}
    if dimension == Dimension.CATEGORY:
        return {value: str(label) for value, label in Beneficiary.Category.choices}
    return {}


def breakdowns(indicator: Indicator, snapshot: IndicatorSnapshot, *, suppress: bool) -> list[dict]:
    """One table per disaggregation of the indicator: label, the cell, the key for the drill-down."""
    dims = snapshot.data.get("dims", {}) if snapshot.available else {}
    tables = []
    for dimension in indicator.disaggregations:
        cells = dims.get(dimension, {})
        labels = _labels(dimension, cells)
        keys = sorted(cells, reverse=dimension == Dimension.MONTH)
        rows = [
            {
                "key": key,
                "label": labels.get(key, _("not recorded")),
                "cell": cell(indicator, *cells[key], suppress=suppress),
            }
            for key in keys
        ]
        tables.append({"dimension": dimension, "label": Dimension(dimension).label, "rows": rows})
    return tables


def trend(indicator: Indicator, snapshot: IndicatorSnapshot, *, suppress: bool) -> dict:
    """Monthly values for the chart (a partner's small cells are left out as gaps)."""
    months = {k: v for k, v in snapshot.data.get("dims", {}).get("month", {}).items() if k != UNKNOWN}
    keys = sorted(months)
    labels = _labels(Dimension.MONTH, keys)
    values = []
    for key in keys:
        shown = cell(indicator, *months[key], suppress=suppress)
        values.append(None if shown["value"] is None else float(shown["value"]))
    return {
        "id": f"trend-{indicator.code}",
        "title": indicator.name,
        "labels": [labels[key] for key in keys],
        "values": values,
        "percent": indicator.is_percent,
    }
