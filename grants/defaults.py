"""Criteria a new cycle starts with, per kind of cycle.

The app that owns a kind's reference data registers a provider in its AppConfig.ready() (the
community app for community cycles); ``cycle_create`` copies what the provider returns onto the new
cycle, where officers can still add criteria before the review. A kind without a provider starts
with none.
"""

from collections.abc import Callable

# provider() -> [{"name_ka", "name_en", "description", "weight", "score_min", "score_max", "minimum"}, ...]
_providers: dict[str, Callable[[], list[dict]]] = {}


def register_default_criteria(kind: str, provider: Callable[[], list[dict]]) -> None:
    _providers.setdefault(kind, provider)


def default_criteria(kind: str) -> list[dict]:
    provider = _providers.get(kind)
    return list(provider()) if provider else []
