"""Georgian is never capitalised: no Mtavruli letter (U+1C90 to U+1CBF) and no "---------" on any
form of the project or page of the admin."""

import copy
import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.text import capfirst

from accounts.typography import has_mtavruli

PROJECT_APPS = ["accounts", "hubs", "reintegration", "referrals", "grants", "surveys", "dashboard"]


def test_capfirst_keeps_georgian_letters_and_capitalises_latin():
    assert capfirst("თარიღი") == "თარიღი"
    assert capfirst("date") == "Date"
    assert capfirst("") == ""


def test_the_capfirst_filter_keeps_georgian_letters():
    rendered = Template("{{ a|capfirst }} {{ b|capfirst }}").render(Context({"a": "ტიპი", "b": "type"}))
    assert rendered == "ტიპი Type"


def test_has_mtavruli_sees_a_capitalised_georgian_letter():
    assert has_mtavruli("ᲗᲐᲠᲘᲦᲘ") and has_mtavruli("Თარიღი") and not has_mtavruli("თარიღი Date")


def _project_form_classes():
    found = {}
    for label in PROJECT_APPS:
        config = apps.get_app_config(label)
        for module_name in (f"{config.name}.forms", f"{config.name}.filters"):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            for _name, obj in inspect.getmembers(module, inspect.isclass):
                if issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__ and obj.base_fields:
                    found[f"{obj.__module__}.{obj.__name__}"] = obj
    return found


FORM_CLASSES = _project_form_classes()


def test_the_scan_finds_the_project_forms():
    assert len(FORM_CLASSES) > 20


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(FORM_CLASSES))
def test_every_project_form_renders_without_mtavruli_or_dashes(path, world):
    form = forms.Form()
    form.fields = copy.deepcopy(FORM_CLASSES[path].base_fields)
    with translation.override("ka"):
        html = form.as_div()
    assert "<label" in html or "<legend" in html
    assert not has_mtavruli(html), [line for line in html.splitlines() if has_mtavruli(line)][:3]
    assert "---------" not in html


def _admin_urls():
    urls = ["admin:index"]
    for model, _model_admin in admin.site._registry.items():
        meta = model._meta
        urls.append(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        urls.append(f"admin:{meta.app_label}_{meta.model_name}_add")
    return urls


@pytest.mark.django_db
def test_the_admin_shows_no_mtavruli_or_dashes_in_georgian(client, world):
    officer = world.user("officer")
    officer.preferred_language = "ka"
    officer.save(update_fields=["preferred_language"])
    client.force_login(officer)
    checked = 0
    for name in _admin_urls():
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        response = client.get(url, headers={"accept-language": "ka"}, follow=True)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        assert 'lang="ka"' in html, url
        assert not has_mtavruli(html), (url, [line for line in html.splitlines() if has_mtavruli(line)][:3])
        assert "---------" not in html, url
        checked += 1
    assert checked > 40
