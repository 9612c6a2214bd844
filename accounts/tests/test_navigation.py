import pytest
from django.utils import translation

from accounts import navigation
from accounts.navigation import NavItem, menu_for


@pytest.fixture
def registry(monkeypatch):
    items: list[NavItem] = []
    monkeypatch.setattr(navigation, "_items", items)
    return items


def test_an_app_with_several_entries_gets_one_dropdown_and_a_single_entry_stays_a_link(registry, officer, counsellor):
    navigation.register(NavItem("Home", "dashboard:home", lambda u: True, order=0))
    navigation.register(NavItem("Hub list", "hubs:hub-list", lambda u: True, order=10))
    navigation.register(NavItem("Trainings", "hubs:training-list", lambda u: u == officer, order=11))

    with translation.override("en"):
        officer_menu = menu_for(officer, "/hubs/")
        officer_menu[1]["label"] = str(officer_menu[1]["label"])
    assert [entry["label"] for entry in officer_menu] == ["Home", "Hubs"]
    assert [child["label"] for child in officer_menu[1]["children"]] == ["Hub list", "Trainings"]
    assert officer_menu[1]["active"]

    counsellor_menu = menu_for(counsellor, "/")
    assert [entry["label"] for entry in counsellor_menu] == ["Home", "Hub list"]
    assert "children" not in counsellor_menu[1]


def test_entries_whose_url_does_not_exist_are_left_out(registry, officer):
    navigation.register(NavItem("Gone", "hubs:no-such-page", lambda u: True))
    assert menu_for(officer) == []
