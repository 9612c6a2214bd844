import re

import pytest
from django.core.management import call_command

from hubs.models import Hub, Municipality, Region

pytestmark = pytest.mark.django_db
GEORGIAN = re.compile(r"^[\u10D0-\u10FF\s\-]+$")


def test_reference_data_loads_georgia_and_the_12_pilot_hubs():
    call_command("load_reference_data")
    assert Region.objects.count() == 11
    assert Municipality.objects.filter(region__code="tbilisi", kind=Municipality.Kind.DISTRICT).count() == 10
    assert Municipality.objects.count() == 73
    hubs_per_region = {
        region.code: Hub.objects.filter(municipality__region=region).count()
        for region in Region.objects.filter(is_target=True)
    }
    assert hubs_per_region == {"tbilisi": 2, "kakheti": 4, "imereti": 4, "guria": 2}
    known = {"Telavi", "Akhmeta", "Kvareli", "Kharagauli", "Samgori"}
    assert known <= set(Hub.objects.values_list("municipality__name_en", flat=True))
    assert not Hub.objects.filter(municipality__name_en__in=known, is_provisional=True).exists()
    assert Hub.objects.filter(is_provisional=True).count() == 7
    assert Municipality.objects.filter(is_pilot=True).count() == 12


def test_every_reference_name_exists_in_georgian_and_english():
    call_command("load_reference_data")
    for item in [*Region.objects.all(), *Municipality.objects.all()]:
        assert GEORGIAN.match(item.name_ka), item.name_ka
        assert item.name_en and item.name_en.isascii(), item.name_en


def test_loading_twice_adds_nothing_and_keeps_officers_edits():
    call_command("load_reference_data")
    hub = Hub.objects.get(code="TEL")
    hub.phone = "+995 350 27 12 34"
    hub.save()
    counts = (Region.objects.count(), Municipality.objects.count(), Hub.objects.count())
    call_command("load_reference_data")
    assert (Region.objects.count(), Municipality.objects.count(), Hub.objects.count()) == counts
    assert Hub.objects.get(code="TEL").phone == "+995 350 27 12 34"


def test_hub_name_follows_the_page_language():
    from django.utils import translation

    call_command("load_reference_data")
    hub = Hub.objects.get(code="KVA")
    with translation.override("ka"):
        assert hub.name == "ყვარლის რეინტეგრაციის ჰაბი"
    with translation.override("en"):
        assert hub.name == "Kvareli reintegration hub"
