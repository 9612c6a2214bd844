"""Every URL against every persona. A URL pattern without an entry in the matrix fails the run."""

import importlib

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from conftest import PERSONAS
from tests.matrix import LOGIN, REDIRECT


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


def _request(client, route, url, world):
    method = getattr(client, route.method)
    return method(url + route.query, data=route.data(world)) if route.method == "post" else method(url + route.query)


class _NoOverwrite(dict):
    """world.objects for the matrix: two apps' setups may not use the same key."""

    def __setitem__(self, key, value):
        if key in self:
            raise KeyError(f"world.objects[{key!r}] is set twice: give it an app prefix")
        super().__setitem__(key, value)

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_url_answers_each_persona_as_the_matrix_says(name, world):
    world.objects = _NoOverwrite(world.objects)
    for setup in SETUPS:
        setup(world)
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(world))
    failures = []
    for persona in PERSONAS:
        client = Client()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        response = _request(client, route, url, world)
        expected = route.anonymous if persona == "anonymous" else route.expect[persona]
        if expected == LOGIN:
            ok = response.status_code == REDIRECT and reverse("accounts:login") in response["Location"]
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append(f"{persona}: expected {expected}, got {response.status_code}")
    assert not failures, f"{name} {url}: " + "; ".join(failures)


ADMIN_MODELS = sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry)


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_pages_open_to_officers_only(model, world):
    app_label, model_name = model.split(".")
    urls = [reverse("admin:index"), reverse(f"admin:{app_label}_{model_name}_changelist")]
    for persona in PERSONAS:
        client = Client()
        user = world.user(persona)
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
