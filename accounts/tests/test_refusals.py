"""One idiom turns a service's refusal into what the person sees; two services share one transaction."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse

from accounts.refusals import authorize, refusals_shown, run
from hubs.models import Hub
from hubs.tests.factories import HubFactory

pytestmark = pytest.mark.django_db


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_authorize_raises_permission_denied_only_when_not_allowed():
    authorize(True)
    with pytest.raises(PermissionDenied):
        authorize(False)


def test_a_refusal_in_the_block_rolls_back_every_service_in_it_and_becomes_a_message():
    request = _request()
    with refusals_shown(request, success="saved") as outcome:
        HubFactory(code="ZZZ")
        raise ValidationError("The second service refuses.")
    assert not outcome.ok and not Hub.objects.filter(code="ZZZ").exists()
    assert [str(m) for m in get_messages(request)] == ["The second service refuses."]


def test_a_field_refusal_lands_on_its_field_of_the_form():
    from django import forms

    class Form(forms.Form):
        date = forms.DateField(required=False)

    form = Form({})
    assert form.is_valid()
    request = _request()
    assert not run(
        request, "saved", lambda: (_ for _ in ()).throw(ValidationError({"date": "Not tomorrow."})), form=form
    )
    assert form.errors == {"date": ["Not tomorrow."]}
    assert list(get_messages(request)) == []


def test_success_shows_the_message_and_keeps_the_writes():
    request = _request()
    with refusals_shown(request, success="saved") as outcome:
        HubFactory(code="YYY")
    assert outcome.ok and Hub.objects.filter(code="YYY").exists()
    assert [str(m) for m in get_messages(request)] == ["saved"]


def test_a_new_instrument_and_its_first_version_are_saved_together_or_neither(client_for, officer, monkeypatch):
    from surveys import services
    from surveys.models import Instrument

    def refuse(**kwargs):
        raise ValidationError("No version today.")

    monkeypatch.setattr(services, "version_create", refuse)
    data = {"code": "T1", "name_ka": "კითხვარი", "name_en": "Survey", "kind": "other", "description": ""}
    response = client_for(officer).post(reverse("surveys:instrument-create"), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["No version today."]
    assert not Instrument.objects.filter(code="T1").exists()
