"""The roles a person can hold, and where they come from.

A role is never a flag on the user: it comes from an active membership. Each app that owns a
kind of membership registers a provider in its AppConfig.ready(); ``roles_of`` asks them all
once per request-bound user object and caches the answer on it.
"""

from collections.abc import Callable, Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    HUB_LEAD = "hub_lead", _("Hub lead")
    OFFICER = "officer", _("IOM project officer")
    PARTNER = "partner", _("Partner")
    MENTOR = "mentor", _("Mentor")
    COMMITTEE = "committee", _("Committee member")


RoleProvider = Callable[[object], Iterable[str]]
_providers: list[RoleProvider] = []
_CACHE_ATTR = "_roles_cache"


def register_role_provider(provider: RoleProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def roles_of(user) -> frozenset[str]:
    """Every role the user holds today through an active membership."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(role for provider in _providers for role in provider(user))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after a membership of this user changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# Who holds a role now or from a future date, as a query (for lists of people, without a query per person).
_holder_sources: list[tuple[type, str]] = []


def register_role_holders(model, user_field: str = "user") -> None:
    """A membership model (start_date/end_date) whose rows give ``user_field`` a role."""
    if (model, user_field) not in _holder_sources:
        _holder_sources.append((model, user_field))


def users_holding_a_role(on=None) -> models.Q:
    """A filter on User: holds a membership of any kind that has not ended by ``on`` (today)."""
    from django.utils import timezone

    day = on or timezone.localdate()
    holds = models.Q(pk__in=[])
    for model, user_field in _holder_sources:
        live = model._default_manager.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=day))
        holds |= models.Q(pk__in=live.values(user_field))
    return holds
