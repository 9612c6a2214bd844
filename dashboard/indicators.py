"""Indicator computations, found in each app and aggregated here.

The convention (apps never import dashboard)
-------------------------------------------
An app that owns an indicator's data puts a module ``<app>/indicators.py`` exposing::

    INDICATORS = {"people_counselled": compute, ...}

    def compute(*, start: date | None, end: date | None, hub_ids: list[int] | None) -> dict:
        return {"facts": [...], "records": QuerySet, "link": callable(obj) -> url (optional)}

- ``start``/``end`` bound the period (inclusive, either may be None); ``hub_ids`` is the scope
  (None: the whole programme).
- ``facts``: one plain dict per counted unit (a person, a referral, a session...), with keys
  ``pk`` (the key of the record in ``records``; None for a fact that only adds to a denominator),
  ``hub`` (hub id or None), ``region`` (region id; derived from the hub when missing), ``date``,
  ``sex`` ("female"/"male"), ``birth_year``, ``vulnerabilities`` (codes of
  ``reintegration.vulnerability.Vulnerability``), ``category``, ``n`` (what it adds to the value,
  default 1) and ``d`` (what it adds to the denominator of a percentage indicator, default 0).
  Missing keys mean "not recorded". The dashboard adds facts up per cell, so a provider returns
  one fact per person when the indicator counts people.
- ``records``: the queryset the facts' ``pk`` refer to, with what its rows need selected; the
  drill-down list is ``records.filter(pk__in=<the cell's facts with n > 0>)``.
- Each computation runs a constant number of queries whatever the number of hubs.

The code must match an ``Indicator.code`` of the framework (``dashboard/framework.py`` seeds it).
An indicator whose code no installed app provides is shown as "not yet available".

The same modules may expose ``QUALITY_CHECKS`` for the data-quality queue (``dashboard.quality``).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboard.registry import app_hooks

SMALL_CELL = 5

AGE_GROUPS = [
    ("0-17", 0, 17, _("under 18")),
    ("18-29", 18, 29, _("18–29")),
    ("30-44", 30, 44, _("30–44")),
    ("45-59", 45, 59, _("45–59")),
    ("60+", 60, 200, _("60 and over")),
]
UNKNOWN = "unknown"
NONE = "none"


@cache
def providers() -> dict:
    """Every registered computation by indicator code, from every app's ``indicators.py``."""
    found = {}
    for _app, table in app_hooks("indicators", "INDICATORS"):
        found.update(table)
    return found


@dataclass(frozen=True)
class Period:
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def key(self) -> str:
        return f"{self.start or ''}..{self.end or ''}"

    @classmethod
    def from_key(cls, key: str) -> "Period":
        start, _sep, end = (key or "..").partition("..")
        return cls(
            start=datetime.date.fromisoformat(start) if start else None,
            end=datetime.date.fromisoformat(end) if end else None,
        )


def scope_key(hub_ids: Iterable[int] | None) -> str:
    return "all" if hub_ids is None else "hubs:" + ",".join(str(pk) for pk in sorted(set(hub_ids)))


def hub_ids_of_scope(scope: str) -> list[int] | None:
    if scope == "all":
        return None
    return [int(pk) for pk in scope.removeprefix("hubs:").split(",") if pk]


def age_group(birth_year: int | None, on: datetime.date) -> str:
    if not birth_year:
        return UNKNOWN
    age = on.year - birth_year
    return next((code for code, low, high, _label in AGE_GROUPS if low <= age <= high), UNKNOWN)


def cells_of(fact: dict, hub_regions: dict[int, int], today: datetime.date) -> dict[str, str]:
    """The cell a fact falls in along each dimension."""
    hub = fact.get("hub")
    region = fact.get("region") or hub_regions.get(hub)
    date = fact.get("date")
    vulnerabilities = fact.get("vulnerabilities")
    return {
        "hub": str(hub) if hub else UNKNOWN,
        "region": str(region) if region else UNKNOWN,
        "month": date.strftime("%Y-%m") if date else UNKNOWN,
        "sex": fact.get("sex") or UNKNOWN,
        "age_group": age_group(fact.get("birth_year"), date or today),
        "category": fact.get("category") or UNKNOWN,
        "vulnerability": vulnerabilities if vulnerabilities else ([NONE] if vulnerabilities is not None else [UNKNOWN]),
    }


def aggregate(facts: Iterable[dict], hub_regions: dict[int, int]) -> dict:
    """Totals and every dimension's cells: {"n", "d", "dims": {dimension: {cell: [n, d]}}}."""
    today = timezone.localdate()
    total = [0, 0]
    dims: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for fact in facts:
        n, d = fact.get("n", 1), fact.get("d", 0)
        total[0] += n
        total[1] += d
        for dimension, cell in cells_of(fact, hub_regions, today).items():
            for key in cell if isinstance(cell, list) else [cell]:
                dims[dimension][key][0] += n
                dims[dimension][key][1] += d
    return {"n": total[0], "d": total[1], "dims": {dim: dict(cells) for dim, cells in dims.items()}}


def hub_regions() -> dict[int, int]:
    from hubs.models import Hub

    return dict(Hub.objects.values_list("pk", "municipality__region_id"))


def compute(code: str, period: Period, hub_ids: list[int] | None) -> dict | None:
    """Call the provider of ``code``; None when no installed app provides it."""
    provider = providers().get(code)
    if provider is None:
        return None
    return provider(start=period.start, end=period.end, hub_ids=hub_ids)


def drill_down(code: str, period: Period, hub_ids: list[int] | None, dimension: str = "", cell: str = ""):
    """(records of the cell with what each adds, the cell's total, link function); None if unavailable."""
    result = compute(code, period, hub_ids)
    if result is None:
        return None
    regions = hub_regions() if dimension == "region" else {}
    today = timezone.localdate()
    per_record: dict = defaultdict(int)
    for fact in result["facts"]:
        n = fact.get("n", 1)
        if not n or fact.get("pk") is None:
            continue
        if dimension:
            value = cells_of(fact, regions, today)[dimension]
            if cell not in (value if isinstance(value, list) else [value]):
                continue
        per_record[fact["pk"]] += n
    records = result["records"].filter(pk__in=list(per_record))
    return records, per_record, result.get("link")
