import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import AccessLog
from hubs.counts import register_count, unregister_count
from hubs.models import Hub, HubStatusChange, OpeningHours
from hubs.services import hub_change_status
from hubs.tests.factories import HubFactory, MunicipalityFactory, counsellor_of
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_hub_list_shows_every_hub_to_an_officer_and_only_their_own_to_a_counsellor(client_for, world, counsellor):
    officer_page = client_for(world.user("officer")).get(reverse("hubs:hub-list")).content.decode()
    assert "ჰაბი ა" in officer_page and "ჰაბი ბ" in officer_page
    page = client_for(counsellor).get(reverse("hubs:hub-list")).content.decode()
    assert "ჰაბი ა" in page and "ჰაბი ბ" not in page


def test_hub_list_filters_by_status(client_for, world, officer):
    HubFactory(code="SUS", status=Hub.Status.SUSPENDED, name_en="Suspended hub")
    page = client_for(officer).get(reverse("hubs:hub-list") + "?status=suspended").content.decode()
    assert "<code>SUS</code>" in page and "<code>AAA</code>" not in page


def test_hub_list_costs_the_same_queries_with_more_hubs(client_for, officer):
    def grow():
        for _ in range(5):
            counsellor_of(HubFactory())

    assert_constant_queries(client_for(officer), reverse("hubs:hub-list"), grow)


def test_hub_page_costs_the_same_queries_with_more_staff(client_for, world, officer):
    url = reverse("hubs:hub-detail", kwargs={"pk": world.hub_a.pk})

    def grow():
        for _ in range(4):
            counsellor_of(world.hub_a)
        OpeningHours.objects.create(hub=world.hub_a, weekday=0, opens="09:00", closes="18:00")
        hub_change_status(hub=world.hub_a, status=Hub.Status.SUSPENDED, acting_user=officer)

    assert_constant_queries(client_for(officer), url, grow)


def test_hub_page_shows_staff_and_opening_hours(client_for, world, counsellor):
    OpeningHours.objects.create(hub=world.hub_a, weekday=1, opens="10:00", closes="17:30")
    page = client_for(counsellor).get(reverse("hubs:hub-detail", kwargs={"pk": world.hub_a.pk})).content.decode()
    assert "ნინო ბერიძე" in page
    assert "10:00–17:30" in page


def test_counsellor_of_another_hub_gets_404_and_the_attempt_is_logged(client_for, world):
    client = client_for(world.user("other_hub_counsellor"))
    response = client.get(reverse("hubs:hub-detail", kwargs={"pk": world.hub_a.pk}))
    assert response.status_code == 404
    assert AccessLog.objects.filter(action=AccessLog.Action.DENIED, object_id=str(world.hub_a.pk)).exists()


def test_counts_registered_by_other_apps_appear_on_hub_pages(client_for, world, officer):
    register_count("test-cases", "Open test cases", per_hub=lambda ids: dict.fromkeys(ids, 7))
    try:
        page = client_for(officer).get(reverse("hubs:hub-list")).content.decode()
        detail = client_for(officer).get(reverse("hubs:hub-detail", kwargs={"pk": world.hub_a.pk})).content.decode()
    finally:
        unregister_count("test-cases")
    assert "Open test cases" in page and ">7<" in page
    assert "Open test cases" in detail


def test_hub_lead_edits_their_hub_details_and_opening_hours(client_for, world, hub_lead):
    url = reverse("hubs:hub-edit", kwargs={"pk": world.hub_a.pk})
    data = {
        "hub-name_ka": "თელავის ჰაბი",
        "hub-name_en": "Telavi hub",
        "hub-address": "ერეკლე II-ის ქ. 5",
        "hub-phone": "+995 350 27 00 00",
        "hub-opening_date": "2026-03-01",
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "hours-0-weekday": "0",
        "hours-0-opens": "09:00",
        "hours-0-closes": "18:00",
        "hours-1-weekday": "",
        "hours-1-opens": "",
        "hours-1-closes": "",
    }
    response = client_for(hub_lead).post(url, data)
    assert response.status_code == 302
    world.hub_a.refresh_from_db()
    assert world.hub_a.address == "ერეკლე II-ის ქ. 5"
    assert world.hub_a.opening_date == datetime.date(2026, 3, 1)
    assert list(world.hub_a.opening_hours.values_list("weekday", "opens")) == [(0, datetime.time(9, 0))]


def test_opening_hours_must_close_after_they_open(client_for, world, officer):
    url = reverse("hubs:hub-edit", kwargs={"pk": world.hub_a.pk})
    data = {
        "hub-name_ka": "ჰაბი ა",
        "hub-name_en": "Hub A",
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "0",
        "hours-0-weekday": "0",
        "hours-0-opens": "18:00",
        "hours-0-closes": "09:00",
    }
    response = client_for(officer).post(url, data)
    assert response.status_code == 200
    assert not OpeningHours.objects.exists()


def test_hub_lead_cannot_edit_another_hub(client_for, world, hub_lead):
    response = client_for(hub_lead).get(reverse("hubs:hub-edit", kwargs={"pk": world.hub_b.pk}))
    assert response.status_code == 404


def test_officer_suspends_a_hub_through_the_page_and_a_history_row_is_written(client_for, world, officer):
    url = reverse("hubs:hub-status", kwargs={"pk": world.hub_a.pk})
    response = client_for(officer).post(url, {"status": "suspended", "note": "რემონტი"})
    assert response.status_code == 302
    world.hub_a.refresh_from_db()
    assert world.hub_a.status == Hub.Status.SUSPENDED
    change = HubStatusChange.objects.get(hub=world.hub_a)
    assert (change.from_status, change.to_status, change.by, change.note) == (
        "operational",
        "suspended",
        officer,
        "რემონტი",
    )
    assert world.hub_a.history.count() >= 2


def test_a_closed_hub_cannot_reopen(world, officer):
    hub_change_status(hub=world.hub_a, status=Hub.Status.CLOSED, acting_user=officer)
    with pytest.raises(ValidationError):
        hub_change_status(hub=world.hub_a, status=Hub.Status.OPERATIONAL, acting_user=officer)
    assert HubStatusChange.objects.count() == 1


def test_a_planned_hub_cannot_be_suspended(officer):
    hub = HubFactory(status=Hub.Status.PLANNED, municipality=MunicipalityFactory())
    with pytest.raises(ValidationError):
        hub_change_status(hub=hub, status=Hub.Status.SUSPENDED, acting_user=officer)


def test_opening_a_planned_hub_sets_its_opening_date(officer):
    hub = HubFactory(status=Hub.Status.PLANNED, opening_date=None)
    hub = hub_change_status(hub=hub, status=Hub.Status.OPERATIONAL, acting_user=officer)
    assert hub.opening_date is not None


def test_hub_lead_cannot_change_the_status(world, hub_lead):
    with pytest.raises(PermissionDenied):
        hub_change_status(hub=world.hub_a, status=Hub.Status.SUSPENDED, acting_user=hub_lead)


def test_same_status_again_changes_nothing(world, officer):
    hub_change_status(hub=world.hub_a, status=Hub.Status.OPERATIONAL, acting_user=officer)
    assert not HubStatusChange.objects.exists()
