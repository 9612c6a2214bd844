from django.db.models import Count, Q, QuerySet

from .models import Hub, HubMembership, Region
from .permissions import hub_staff_visible_to, hubs_visible_to


def hubs_for_home(*, user) -> QuerySet[Hub]:
    return hubs_visible_to(user).for_list()


def colleagues_for_home(*, user) -> QuerySet[HubMembership]:
    return hub_staff_visible_to(user).active().select_related("user", "hub").order_by("hub__code", "role")


def hubs_by_region(*, user) -> QuerySet[Region]:
    """Aggregated counts only: what a partner may see."""
    visible = hubs_visible_to(user).values("pk")
    return (
        Region.objects.filter(is_target=True)
        .annotate(
            hub_count=Count("municipalities__hub", filter=Q(municipalities__hub__in=visible), distinct=True),
            operational_count=Count(
                "municipalities__hub",
                filter=Q(municipalities__hub__in=visible, municipalities__hub__status=Hub.Status.OPERATIONAL),
                distinct=True,
            ),
        )
        .order_by("sort_order")
    )
