"""Every URL against every persona. A URL pattern without an entry in the matrix fails the run.

The world (personas and every app's ``setup(world)``) is built once per module inside a
transaction; each persona's request runs in a savepoint that is rolled back, so every persona
meets the same fresh state. Row counts of every table are compared around each request: a GET
never changes one, and a POST changes the database exactly for the personas in ``Route.writes``.
"""

import functools
import importlib

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse

from conftest import PERSONAS, build_world
from tests.matrix import LOGIN, REDIRECT

# Tables a GET may write to by rule: the access log records every view of a personal record;
# the session store belongs to the sign-in.
# The access log and sessions record the visit itself; indicator snapshots are the dashboard's cache
# of computed figures (filled on first read, refreshed in the background), not a record of anything.
MAY_CHANGE_ON_GET = {"accounts_accesslog", "django_session", "dashboard_indicatorsnapshot"}

# Known GETs that still write, each fixed by another issue: strict, so the entry must go once it is fixed.
KNOWN_GET_WRITES: dict[str, str] = {}


def _collect():
    routes, setups = {}, []
    for app in settings.LOCAL_APPS:
        name = f"{app}.tests.url_matrix"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name in (name, f"{app}.tests"):
                continue
            raise
        overlap = routes.keys() & module.ROUTES.keys()
        assert not overlap, f"routes listed twice: {overlap}"
        routes.update(module.ROUTES)
        if hasattr(module, "setup"):
            setups.append(module.setup)
    return routes, setups


ROUTES, SETUPS = _collect()


def _pattern_names(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _pattern_names(pattern, namespace)
        else:
            yield f"{prefix}{pattern.name or f'<unnamed: {pattern.pattern}>'}"


def test_every_url_pattern_has_an_entry_in_the_matrix():
    names = {name for name in _pattern_names() if not name.startswith("admin:")}
    assert names - ROUTES.keys() == set(), "URL patterns missing from the matrix"
    assert ROUTES.keys() - names == set(), "matrix entries for URLs that do not exist"


def test_every_route_names_every_persona():
    for name, route in ROUTES.items():
        missing = set(PERSONAS) - {"anonymous"} - route.expect.keys()
        assert not missing, f"{name}: no expectation for {missing}"
        assert set(route.writes or ()) <= set(PERSONAS), f"{name}: unknown persona in writes"


class _NoOverwrite(dict):
    """world.objects for the matrix: two apps' setups may not use the same key."""

    def __setitem__(self, key, value):
        if key in self:
            raise KeyError(f"world.objects[{key!r}] is set twice: give it an app prefix")
        super().__setitem__(key, value)

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """One world for the module, inside a transaction that is rolled back at the end."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            world.objects = _NoOverwrite(world.objects)
            for setup in SETUPS:
                setup(world)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@functools.cache
def _count_sql() -> tuple[list[str], str]:
    tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
    quote = connection.ops.quote_name
    return tables, "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)


def row_counts() -> dict[str, int]:
    """Every table's row count, in one query."""
    tables, sql = _count_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _changed(before: dict, after: dict, ignore=frozenset()) -> dict[str, int]:
    return {t: after[t] - n for t, n in before.items() if t not in ignore and after[t] != n}


def _answer_ok(response, expected) -> bool:
    if expected == LOGIN:
        return response.status_code == REDIRECT and reverse("accounts:login") in response["Location"]
    return response.status_code == expected


def _visit(world, route, url, persona, method):
    """One persona's request on fresh state: (response, tables whose row count changed, probe moved)."""
    with transaction.atomic():
        client = Client()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        probe = route.probe(world) if route.probe else None
        before = row_counts()
        if method == "post":
            response = client.post(url + route.query, data=route.data(world))
        else:
            response = client.get(url + route.query)
        changed = _changed(before, row_counts(), ignore=MAY_CHANGE_ON_GET)
        moved = route.probe is not None and route.probe(world) != probe
        transaction.set_rollback(True)
    return response, changed, moved


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GET_WRITES[name]))
        if name in KNOWN_GET_WRITES
        else name
        for name in sorted(ROUTES)
    ],
)
def test_url_answers_each_persona_as_the_matrix_says(name, matrix_world, db):
    """The status per persona; no GET writes; a POST writes for exactly the personas in ``writes``."""
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(matrix_world))
    failures = []
    for persona in PERSONAS:
        response, changed, moved = _visit(matrix_world, route, url, persona, route.method)
        expected = route.anonymous if persona == "anonymous" else route.expect[persona]
        if not _answer_ok(response, expected):
            failures.append(f"{persona}: expected {expected}, got {response.status_code}")
        wrote = bool(changed) or moved
        if route.method != "post" and wrote:
            failures.append(f"{persona}: a GET changed the database {changed}")
        elif route.writes is not None and wrote != (persona in route.writes):
            failures.append(f"{persona}: expected {'a' if persona in route.writes else 'no'} write, got {changed}")
        elif route.writes is None and wrote and expected not in (200, 201, REDIRECT):
            failures.append(f"{persona}: refused ({expected}) but changed the database {changed}")
        if route.method == "post" and route.get is not None and persona != "anonymous":
            response, changed, _moved = _visit(matrix_world, route, url, persona, "get")
            if response.status_code != route.get or changed:
                got = f"{response.status_code} {changed or ''}"
                failures.append(f"{persona}: GET expected {route.get} and no write, got {got}")
    assert not failures, f"{name} {url}: " + "; ".join(failures)


def test_row_counts_see_a_write(matrix_world, db):
    """The no-write check can fail: an added row shows in the counts."""
    from accounts.models import AccessLog
    from hubs.tests.factories import HubFactory

    before = row_counts()
    HubFactory()
    AccessLog.objects.create(action=AccessLog.Action.VIEW)
    changed = _changed(before, row_counts(), ignore=MAY_CHANGE_ON_GET)
    assert changed["hubs_hub"] == 1
    assert "accounts_accesslog" not in changed


ADMIN_MODELS = sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry)


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_pages_open_to_officers_only(model, matrix_world, db):
    app_label, model_name = model.split(".")
    urls = [reverse("admin:index"), reverse(f"admin:{app_label}_{model_name}_changelist")]
    for persona in PERSONAS:
        client = Client()
        user = matrix_world.user(persona)
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url, follow=persona == "anonymous")
            if persona == "anonymous":  # via the admin's login, which hands over to ours
                assert reverse("accounts:login") in response.redirect_chain[-1][0], url
            elif persona == "officer":
                assert response.status_code == 200, (persona, url)
            else:
                assert response.status_code == 403, (persona, url, response.status_code)
