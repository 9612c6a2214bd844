"""Property-based tests: generated values posted to every form of the URL matrix, generated files to
every upload. Whatever arrives, the answer is never a server error, and a refused post writes nothing.

Each route of the matrix is tried as the first persona the matrix lets in. A GET page's forms are
filled field by field from its own field types (valid choices, junk, Georgian, markup, huge
numbers, NUL bytes...) and posted back; a POST-only route gets its usual keys with generated values.
Every example runs in a savepoint that is rolled back, so examples do not see each other.

``HYPOTHESIS_PROFILE=thorough`` tries many more examples per form than the CI default.
"""

import importlib
import io
import os
import zipfile

import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

hypothesis_settings.register_profile(
    "ci", max_examples=3, deadline=None, database=None, suppress_health_check=list(HealthCheck), derandomize=True
)
hypothesis_settings.register_profile(
    "thorough", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck)
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

OK, REDIRECT = 200, 302
# Who tries each route: the first of these the matrix lets in.
PERSONA_ORDER = ["officer", "counsellor", "hub_lead", "committee_member", "mentor", "conflicted_member", "partner"]
# Rows that any request may legitimately write, refused or not.
LOG_MODELS = {"accounts.accesslog", "sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def _collect():
    routes, setups = {}, []
    for app in django_settings.LOCAL_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.url_matrix")
        except ModuleNotFoundError:
            continue
        routes.update(module.ROUTES)
        if hasattr(module, "setup"):
            setups.append(module.setup)
    return routes, setups


ROUTES, SETUPS = _collect()


class _Objects(dict):
    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


def _persona(route) -> str | None:
    wanted = {OK} if route.method == "get" else {OK, REDIRECT}
    return next((p for p in PERSONA_ORDER if route.expect.get(p) in wanted), None)


ACTION_KEYS = ["note", "reason", "status", "choice", "value", "comment", "answer", "end_date"]

# Values ---------------------------------------------------------------------------------------
JUNK = st.sampled_from(
    ["", " ", "0", "-1", "99999999999999999999", "1e309", "NaN", "None", "null", "2026-02-30", "<b>x</b>",
     "<script>alert(1)</script>", "ა" * 300, "x" * 5000, "\x00", "'; DROP TABLE x; --", "../../etc/passwd", "[]"]
)  # fmt: skip
TEXT = st.one_of(JUNK, st.text(alphabet=st.characters(codec="utf-8"), max_size=300))


def _choices(field) -> list[str]:
    values = []
    for value, _label in getattr(field, "choices", []):
        if isinstance(value, list | tuple):  # optgroup
            continue
        values.append(str(getattr(value, "value", value)))
    return [v for v in values if v != ""][:50]


def _value(field):
    """A strategy for what a browser (or an attacker) may send for this form field."""
    if isinstance(field, forms.FileField):
        return FILES
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "true", "false", "x"])
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        options = _choices(field)
        return st.lists(st.one_of(st.sampled_from(options), JUNK) if options else JUNK, max_size=4)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        options = _choices(field)
        return st.one_of(st.sampled_from(options), JUNK) if options else JUNK
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return st.one_of(st.integers(min_value=-(10**20), max_value=10**20).map(str), JUNK)
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField):
        return st.one_of(st.dates().map(str), JUNK)
    return TEXT


# Files: a type's magic bytes (or none) under any name, some of them zips holding anything.
EXTENSIONS = ["pdf", "docx", "xlsx", "csv", "png", "jpg", "exe", "html", "zip", ""]
MAGIC = [b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"MZ\x90\x00", b"PK\x03\x04", b"\xef\xbb\xbf"]


@st.composite
def _zip(draw) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        names = draw(st.lists(st.sampled_from(["readme.txt", "[Content_Types].xml", "word/document.xml"]), max_size=3))
        for name in dict.fromkeys(names):
            archive.writestr(name, draw(st.binary(max_size=200)))
    return buffer.getvalue()


FILES = st.builds(
    lambda name, ext, content: SimpleUploadedFile(f"{name}.{ext}" if ext else name, content),
    st.text(alphabet="abcდეფ-_ .", min_size=1, max_size=20),
    st.sampled_from(EXTENSIONS),
    st.one_of(st.builds(lambda m, b: m + b, st.sampled_from(MAGIC), st.binary(max_size=2000)), _zip()),
)


# The database ----------------------------------------------------------------------------------
def _snapshot() -> dict:
    """Every row of every model but the logs: what a refused post must leave as it was."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in LOG_MODELS or model._meta.proxy or label.split(".")[1].startswith("historical"):
            continue
        state[label] = list(model._default_manager.order_by("pk").values_list())
    return state


def _bound_forms(context) -> list[forms.BaseForm]:
    """Every form a rendered page had in its context (a test response's ContextList of Contexts)."""
    found = {}
    for ctx in context if isinstance(context, list) else [context]:
        for layer in getattr(ctx, "dicts", [ctx]):
            for value in layer.values() if isinstance(layer, dict) else []:
                if isinstance(value, forms.BaseForm):
                    found[id(value)] = value
    return list(found.values())


def _refused(response) -> bool:
    if response.status_code >= 400:
        return True
    return response.status_code == OK and any(f.is_bound and f.errors for f in _bound_forms(response.context))


def _post_and_check(client, url, payload):
    with transaction.atomic():
        before = _snapshot()
        response = client.post(url, payload)
        assert response.status_code < 500, (url, payload, response.status_code)
        if _refused(response):
            assert _snapshot() == before, f"{url}: a refused post wrote data ({response.status_code})"
        transaction.set_rollback(True)


# The tests ---------------------------------------------------------------------------------------
def _world_with_setups(world):
    world.objects = _Objects(world.objects)
    for setup in SETUPS:
        setup(world)
    return world


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_generated_values_posted_to_each_form_never_cause_a_server_error(name, world):
    route = ROUTES[name]
    persona = _persona(route)
    if persona is None:
        pytest.skip("no persona of the matrix may use this URL")
    world = _world_with_setups(world)
    url = reverse(name, kwargs=route.kwargs(world)) + route.query
    client = Client(raise_request_exception=False)
    client.force_login(world.user(persona))
    if route.method == "get":
        page = client.get(url)
        form_fields = {
            form.add_prefix(field_name): field
            for form in _bound_forms(page.context)
            for field_name, field in form.fields.items()
        }
    else:  # a POST-only action: its usual keys, or the ones such actions read
        form_fields = dict.fromkeys(route.data(world) or ACTION_KEYS, forms.CharField())
    if not form_fields:
        pytest.skip("no form on this page")

    @given(data=st.data())
    def post(data):
        payload = {}
        for key, field in form_fields.items():
            if data.draw(st.booleans(), label=f"send {key}") or isinstance(field, forms.FileField):
                payload[key] = data.draw(_value(field), label=key)
        _post_and_check(client, url, payload)

    post()


UPLOADS = ["hubs:document-add", "surveys:instrument-import", "surveys:import-create"]


@pytest.mark.parametrize("name", UPLOADS)
def test_generated_files_uploaded_anywhere_never_cause_a_server_error(name, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = _world_with_setups(world)
    url = reverse(name, kwargs=ROUTES[name].kwargs(world))
    client = Client(raise_request_exception=False)
    client.force_login(world.user("officer"))

    @given(upload=FILES, title=TEXT)
    def upload(upload, title):
        _post_and_check(client, url, {"file": upload, "title": title})

    upload()
