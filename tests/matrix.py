"""The URL x role matrix: every named URL says what each persona gets.

Each app lists its routes in ``<app>/tests/url_matrix.py`` as ``ROUTES = {name: Route(...)}`` and may
add objects to the shared world with ``setup(world)``. tests/test_url_matrix.py collects them all
and fails for any URL pattern that has no entry.
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
