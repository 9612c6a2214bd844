"""The roles a person can hold, and where they come from.

A role is never a flag on the user: it comes from an active membership. Each app that owns a
kind of membership registers a provider in its AppConfig.ready(). A provider loads what the app
needs to know about a person in one go (hub memberships, committee seats, ...); the roles are
derived from that. Everything is read into one ``accounts.principal.Principal`` per request (or
task); ``roles_of(user)`` reads it from there.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    HUB_LEAD = "hub_lead", _("Hub lead")
    OFFICER = "officer", _("IOM project officer")
    PARTNER = "partner", _("Partner")
    MENTOR = "mentor", _("Mentor")
    COMMITTEE = "committee", _("Committee member")


def _as_roles(facts) -> Iterable[str]:
    return facts


@dataclass(frozen=True)
class RoleProvider:
    """What one app knows about a person.

    ``load(user)`` reads the app's memberships of an authenticated, active user once; the result
    is kept on the principal under ``key`` (``principal.facts(key)``) and ``roles(result)`` names
    the roles it gives. A plain function ``user -> roles`` is the simplest provider.
    """

    key: str
    load: Callable[[Any], Any]
    roles: Callable[[Any], Iterable[str]] = _as_roles
    # Optional, to be read in one query with the other providers' memberships: ``rows(user)`` is a
    # query made with ``membership_rows`` (or a list of them); the principal reads every such
    # provider's rows in one UNION ALL and gives each provider its own as ``MembershipRow`` tuples
    # (ref, label, ref2, label2) to ``from_rows(rows, user)``, which returns what ``load`` would.
    # ``load`` stays for a reader without a principal.
    rows: Callable[[Any], models.QuerySet | list[models.QuerySet]] | None = None
    from_rows: Callable[[list["MembershipRow"], Any], Any] | None = None


_providers: dict[str, RoleProvider] = {}


def register_role_provider(provider: RoleProvider | Callable[[Any], Iterable[str]]) -> None:
    if not isinstance(provider, RoleProvider):
        provider = RoleProvider(key=f"{provider.__module__}.{provider.__qualname__}", load=provider)
    _providers.setdefault(provider.key, provider)


def role_providers() -> dict[str, RoleProvider]:
    return _providers


class MembershipRow(NamedTuple):
    """One membership as every provider's query returns it: two ids and two texts (any may be None)."""

    ref: int | None
    label: str | None
    ref2: int | None
    label2: str | None


def membership_rows(
    queryset: models.QuerySet, key: str, *, ref: str = "", label: str = "", ref2: str = "", label2: str = ""
):
    """A provider's memberships in the one shape every provider shares (key, ref, label, ref2,
    label2): two ids and two texts, each named by a field path of ``queryset`` or left empty (NULL)."""

    def column(path: str, field):
        return models.F(path) if path else models.Value(None, output_field=field)

    return queryset.order_by().values_list(
        models.Value(key, output_field=models.CharField()),
        column(ref, models.IntegerField()),
        column(label, models.CharField()),
        column(ref2, models.IntegerField()),
        column(label2, models.CharField()),
    )


def load_provider_rows(user, providers: list[RoleProvider]) -> dict[str, Any]:
    """What each of ``providers`` (those with ``rows``) knows about ``user``, read in one query."""
    queries = []
    for provider in providers:
        made = provider.rows(user)
        queries.extend(made if isinstance(made, list | tuple) else [made])
    if not queries:
        return {}
    combined = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    rows: dict[str, list[MembershipRow]] = {provider.key: [] for provider in providers}
    for key, *values in combined:
        rows[key].append(MembershipRow(*values))
    return {provider.key: provider.from_rows(rows[provider.key], user) for provider in providers}


def roles_of(user) -> frozenset[str]:
    """Every role the user holds today through an active membership."""
    from .principal import principal_of

    return principal_of(user).roles


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
