"""One principal per request: who the signed-in person is, read once.

A ``Principal`` holds what every app's role provider (``accounts.roles``) knows about one user:
programme memberships, hub memberships, committee seats, mentoring assignments. Each provider
loads its part the first time a predicate asks, and never again for that principal; the providers
that offer ``rows`` are read together, in one query. Nothing is
stored on the user object.

``PrincipalMiddleware`` makes one principal for ``request.user`` (``request.principal``) and binds
it for the length of the request, so every predicate called with that user (``is_officer(user)``,
``hubs_visible_to(user)``, ...) reads the same object. A Celery task or a management command binds
one with ``acting_as(user)``. Outside a bound scope, ``principal_of(user)`` builds a fresh one on
each call, so a membership changed by a service is seen at once there; inside a request, changes
made during the request show from the next request on (the principal lives for one request only,
so there is nothing to invalidate).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .roles import load_provider_rows, role_providers

_current: ContextVar["Principal | None"] = ContextVar("principal", default=None)


class Principal:
    def __init__(self, user):
        self.user = user
        self._facts: dict[str, Any] = {}
        self._roles: frozenset[str] | None = None

    def __repr__(self) -> str:
        return f"<Principal {getattr(self.user, 'pk', None)}>"

    @property
    def pk(self):
        return getattr(self.user, "pk", None)

    @property
    def is_signed_in(self) -> bool:
        """Authenticated and active: an inactive account holds nothing."""
        return bool(getattr(self.user, "is_authenticated", False) and self.user.is_active)

    def facts(self, key: str) -> Any:
        """What the provider registered under ``key`` loaded for this user (None when signed out)."""
        if key not in self._facts:
            provider = role_providers()[key]
            if not self.is_signed_in:
                self._facts[key] = None
            elif provider.rows is not None:
                # Every provider that can be read in one query is read now, together.
                batch = [p for k, p in role_providers().items() if p.rows is not None and k not in self._facts]
                self._facts.update(load_provider_rows(self.user, batch))
            else:
                self._facts[key] = provider.load(self.user)
        return self._facts[key]

    @property
    def roles(self) -> frozenset[str]:
        if self._roles is None:
            if not self.is_signed_in:
                self._roles = frozenset()
            else:
                self._roles = frozenset(
                    role for key, provider in role_providers().items() for role in provider.roles(self.facts(key))
                )
        return self._roles

    def is_for(self, user) -> bool:
        pk = getattr(user, "pk", None)
        return pk is not None and pk == self.pk


def principal_of(user) -> Principal:
    """The principal of ``user``: the bound one for the same person, else a fresh one."""
    if isinstance(user, Principal):
        return user
    current = _current.get()
    if current is not None and getattr(user, "is_authenticated", False) and current.is_for(user):
        return current
    return Principal(user)


@contextmanager
def acting_as(user) -> Iterator[Principal]:
    """Bind one principal for ``user`` for the length of the block (a task, a command, a request)."""
    principal = user if isinstance(user, Principal) else Principal(user)
    token = _current.set(principal)
    try:
        yield principal
    finally:
        _current.reset(token)


class PrincipalMiddleware:
    """``request.principal``: one principal for the signed-in user, bound for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(request.user) as principal:
            request.principal = principal
            return self.get_response(request)
