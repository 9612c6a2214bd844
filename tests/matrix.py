"""The URL x role matrix: every named URL says what each persona gets.

Each app lists its routes in ``<app>/tests/url_matrix.py`` as ``ROUTES = {name: Route(...)}`` and may
add objects to the shared world with ``setup(world)``. tests/test_url_matrix.py collects them all
and fails for any URL pattern that has no entry.

Every persona's request runs against the same fresh world (built once per module, each request
rolled back), so no expectation depends on what another persona did. No GET changes a row count
(the access log, which records views of personal data, and sessions aside). A POST route names in
``writes`` the personas whose request changes the database; everyone else's must leave it as it
was, so a refusal that redirects is told apart from a success. ``probe(world)`` adds a value that a
write changes when it adds no row. A POST-only view answers 405 to a GET (``get`` says otherwise
for a view that also serves GET).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

OK, REDIRECT, DENIED, HIDDEN, NOT_ALLOWED = 200, 302, 403, 404, 405
LOGIN = "login"  # anonymous: redirected to the login page


def everyone(status: int, **overrides: int) -> dict[str, int]:
    from conftest import PERSONAS

    return {persona: status for persona in PERSONAS if persona != "anonymous"} | overrides


def only(status: int, personas: list[str], otherwise: int = DENIED) -> dict[str, int]:
    return everyone(otherwise) | dict.fromkeys(personas, status)


@dataclass
class Route:
    expect: dict[str, int | str]
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[object], dict] = field(default=lambda world: {})
    anonymous: int | str = LOGIN
    query: str = ""
    writes: tuple[str, ...] | list[str] | None = None  # POST: who changes the database (None: not declared)
    probe: Callable[[object], object] | None = None  # a value a successful write changes
    get: int | None = NOT_ALLOWED  # POST routes: what a signed-in GET answers (None: not checked)
