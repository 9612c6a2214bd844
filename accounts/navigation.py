"""The main menu: each app registers its entries in AppConfig.ready(), with who sees them."""

from collections.abc import Callable
from dataclasses import dataclass

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
        entries.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return entries
