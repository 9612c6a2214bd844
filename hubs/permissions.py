"""Scopes and predicates for regions, municipalities, hubs and hub staff."""

from django.db.models import QuerySet

from accounts.permissions import has_role, is_officer, is_partner
from accounts.roles import Role

from .models import Hub, HubMembership


def hub_ids_of(user, *roles: str) -> frozenset[int]:
    """Hubs where the user works today (optionally only in the given roles). Cached per user object."""
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_hub_ids_cache", {})
    key = roles or ("*",)
    if key not in cache:
        memberships = HubMembership.objects.active().filter(user=user)
        if roles:
            memberships = memberships.filter(role__in=roles)
        cache[key] = frozenset(memberships.values_list("hub_id", flat=True))
    return cache[key]


def hubs_visible_to(user) -> QuerySet[Hub]:
    """Officers and partners see every hub; hub staff see their own hubs."""
    if is_officer(user) or is_partner(user):
        return Hub.objects.all()
    return Hub.objects.filter(pk__in=hub_ids_of(user))


def hub_staff_visible_to(user) -> QuerySet[HubMembership]:
    """Names of hub staff: officers see all; hub staff see their own hubs' colleagues."""
    if is_officer(user):
        return HubMembership.objects.all()
    return HubMembership.objects.filter(hub_id__in=hub_ids_of(user))


def is_hub_lead_of(user, hub: Hub) -> bool:
    return hub.pk in hub_ids_of(user, Role.HUB_LEAD)


def works_at(user, hub: Hub) -> bool:
    return hub.pk in hub_ids_of(user)


def can_see_programme_overview(user) -> bool:
    return is_officer(user) or is_partner(user) or has_role(user, Role.COUNSELLOR, Role.HUB_LEAD)
