"""Counts that higher apps add to hub and municipality pages (caseload, grants, ...).

hubs cannot import the apps above it, so each of them registers a counter in its AppConfig.ready():

    from hubs.counts import register_count
    register_count("cases", _("Open cases"), per_hub=lambda hub_ids: {hub_id: n, ...})

A counter answers for many hubs (or municipalities) in one query, so a list costs the same
number of queries whatever its length. Pages show only counters that are registered: no number
is shown before the app that owns it exists.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

Counter = Callable[[list[int]], dict[int, int]]


@dataclass(frozen=True)
class RegisteredCount:
    key: str
    label: str
    per_hub: Counter | None = None
    per_municipality: Counter | None = None


_counts: dict[str, RegisteredCount] = {}


def register_count(key: str, label, *, per_hub: Counter | None = None, per_municipality: Counter | None = None):
    _counts[key] = RegisteredCount(key=key, label=label, per_hub=per_hub, per_municipality=per_municipality)


def unregister_count(key: str) -> None:
    _counts.pop(key, None)


def _columns(kind: str, ids: Iterable[int]) -> list[dict]:
    ids = list(ids)
    columns = []
    for item in _counts.values():
        counter = getattr(item, kind)
        if counter is None:
            continue
        values = counter(ids) if ids else {}
        columns.append({"key": item.key, "label": item.label, "values": values})
    return columns


def hub_count_columns(hub_ids: Iterable[int]) -> list[dict]:
    return _columns("per_hub", hub_ids)


def municipality_count_columns(municipality_ids: Iterable[int]) -> list[dict]:
    return _columns("per_municipality", municipality_ids)


def attach_counts(objects: list, columns: list[dict]) -> list:
    """Put each object's counts on it as ``obj.extra_counts`` (a list aligned with the columns)."""
    for obj in objects:
        obj.extra_counts = [column["values"].get(obj.pk, 0) for column in columns]
    return objects
