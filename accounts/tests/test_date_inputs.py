"""Dates are typed as they are read: one text field with the language's format as its hint, never
the browser's date picker (which follows the operating system's locale, not the page's)."""

import copy
import datetime
import importlib
import inspect
import pathlib

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.dates import format_hint
from reintegration.models import FollowUp
from reintegration.tests.factories import case_at


def _form_classes():
    found = {}
    for label in settings.LOCAL_APPS:
        config = apps.get_app_config(label.rsplit(".", 1)[-1])
        for module_name in (f"{config.name}.forms", f"{config.name}.filters"):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            for _name, obj in inspect.getmembers(module, inspect.isclass):
                if issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__ and obj.base_fields:
                    found[f"{obj.__module__}.{obj.__name__}"] = obj
            for _name, obj in inspect.getmembers(module, lambda o: hasattr(o, "base_filters")):
                if obj.__module__ == module.__name__ and obj._meta.model is not None:
                    form = obj(queryset=obj._meta.model.objects.none()).form
                    found[f"{obj.__module__}.{obj.__name__}"] = type(obj.__name__, (forms.Form,), dict(form.fields))
    return found


FORM_CLASSES = _form_classes()
DATE_FORMS = sorted(
    path
    for path, cls in FORM_CLASSES.items()
    if any(isinstance(f, forms.DateField | forms.DateTimeField) for f in cls.base_fields.values())
)


def test_the_scan_finds_the_date_fields_of_every_app():
    modules = {path.split(".")[0] for path in DATE_FORMS}
    assert {
        "hubs",
        "reintegration",
        "referrals",
        "grants",
        "surveys",
        "community",
        "coordination",
        "dashboard",
        "rss",
    } <= modules
    assert len(DATE_FORMS) > 30


@pytest.mark.django_db
@pytest.mark.parametrize("path", DATE_FORMS)
@pytest.mark.parametrize("language,hint", [("ka", "დდ.თთ.წწწწ"), ("en", "DD/MM/YYYY")])
def test_every_date_field_is_a_text_field_with_the_languages_format(path, language, hint):
    form = forms.Form()
    form.fields = copy.deepcopy(FORM_CLASSES[path].base_fields)
    with translation.override(language):
        html = form.as_div()
    assert 'type="date"' not in html and 'type="datetime-local"' not in html and 'type="time"' not in html
    assert f'placeholder="{hint}' in html


def test_no_template_writes_a_native_date_or_time_picker():
    offenders = [
        str(p)
        for p in pathlib.Path(settings.BASE_DIR).glob("*/templates/**/*.html")
        if any(f'type="{kind}"' in p.read_text() for kind in ("date", "datetime-local", "time"))
    ]
    assert offenders == []


def test_the_hint_and_shown_value_follow_the_language():
    field = forms.DateField()
    day = datetime.date(2026, 3, 9)
    with translation.override("ka"):
        assert format_hint() == "დდ.თთ.წწწწ"
        assert 'value="09.03.2026"' in field.widget.render("d", day)
        assert field.clean("09.03.2026") == day
    with translation.override("en"):
        assert format_hint() == "DD/MM/YYYY"
        assert 'value="09/03/2026"' in field.widget.render("d", day)
        assert field.clean("09/03/2026") == day
        assert field.clean("2026-03-09") == day  # ISO still accepted (links, tests)


@pytest.mark.django_db
@pytest.mark.parametrize("language,typed", [("ka", "09.03.2026"), ("en", "09/03/2026")])
def test_a_follow_up_typed_in_the_languages_format_is_saved(client_for, world, counsellor, language, typed):
    case = case_at(world.hub_a, counsellor)
    client = client_for(counsellor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("reintegration:follow-up-add", args=[case.pk]), {"due_on": typed, "purpose": "ზარი"})
    assert response.status_code == 302
    assert FollowUp.objects.get(case=case).due_on == datetime.date(2026, 3, 9)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,typed,message",
    [
        ("ka", "31.02.2026", "შეიყვანეთ თარიღი ფორმატით დდ.თთ.წწწწ, მაგალითად 09.03.2026."),
        ("en", "03/31/2026", "Enter the date as DD/MM/YYYY, for example 09/03/2026."),
    ],
)
def test_a_date_in_another_format_is_refused_with_the_format_to_use(
    client_for, world, counsellor, language, typed, message
):
    case = case_at(world.hub_a, counsellor)
    client = client_for(counsellor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("reintegration:follow-up-add", args=[case.pk]), {"due_on": typed, "purpose": "ზარი"})
    assert not FollowUp.objects.filter(case=case).exists()
    html = response.content.decode()
    assert message in html and f'value="{typed}"' in html
    assert html.index('data-testid="error-summary"') < html.index('name="due_on"')  # the summary opens the form


@pytest.mark.django_db
def test_a_time_of_day_is_typed_as_24_hour_text_with_its_hint():
    from hubs.forms import OpeningHoursForm

    with translation.override("ka"):
        html = OpeningHoursForm().as_div()
    assert 'type="time"' not in html and 'name="opens"' in html and 'placeholder="სს:წთ"' in html
    form = OpeningHoursForm(data={"weekday": 0, "opens": "09:30", "closes": "18:00"})
    form.is_valid()
    assert str(form.cleaned_data["opens"]) == "09:30:00" and str(form.cleaned_data["closes"]) == "18:00:00"
