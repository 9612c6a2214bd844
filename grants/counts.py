"""Grant application counts on the hub and municipality pages (registered in GrantsConfig.ready)."""

from django.db.models import Count


def applications_per_hub(hub_ids: list[int]) -> dict[int, int]:
    from .models import Application

    rows = Application.objects.filter(hub_id__in=hub_ids).values("hub_id").annotate(n=Count("id"))
    return {row["hub_id"]: row["n"] for row in rows}


def applications_per_municipality(municipality_ids: list[int]) -> dict[int, int]:
    from .models import Application

    rows = (
        Application.objects.filter(municipality_id__in=municipality_ids)
        .values("municipality_id")
        .annotate(n=Count("id"))
    )
    return {row["municipality_id"]: row["n"] for row in rows}
