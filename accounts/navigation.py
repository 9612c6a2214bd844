"""The main menu: each app registers its entries in AppConfig.ready(), with who sees them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    order: int = 100
    icon: str = ""


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _items):
        _items.append(item)
        _items.sort(key=lambda i: i.order)


def items_for(user, current_path: str = "") -> list[dict]:
    entries = []
    for item in _items:
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = url != "/" and current_path.startswith(url) or url == current_path
        entries.append(
            {"label": item.label, "url": url, "icon": item.icon, "active": active, "app": item.url_name.split(":")[0]}
        )
    return entries


def menu_for(user, current_path: str = "") -> list[dict]:
    """The menu: an app's entries share one dropdown (labelled by its AppConfig.nav_label) when it
    has more than one for this user; a single entry stays a plain link."""
    by_app: dict[str, list[dict]] = {}
    for entry in items_for(user, current_path):
        by_app.setdefault(entry["app"], []).append(entry)
    menu = []
    for app_label, entries in by_app.items():
        if len(entries) == 1:
            menu.append(entries[0])
            continue
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            menu.extend(entries)
            continue
        menu.append(
            {
                "label": getattr(config, "nav_label", config.verbose_name),
                "icon": entries[0]["icon"],
                "active": any(entry["active"] for entry in entries),
                "children": entries,
            }
        )
    return menu
