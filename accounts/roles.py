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
