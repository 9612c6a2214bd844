"""Caseload counts on the hub and municipality pages (registered in ReintegrationConfig.ready)."""

from django.db.models import Count


def open_cases_per_hub(hub_ids: list[int]) -> dict[int, int]:
    from .models import Case

    rows = Case.objects.live().filter(hub_id__in=hub_ids).values("hub_id").annotate(n=Count("id"))
    return {row["hub_id"]: row["n"] for row in rows}


def open_cases_per_municipality(municipality_ids: list[int]) -> dict[int, int]:
    """Open cases of people living in the municipality, whichever hub holds them."""
    from .models import Case

    rows = (
        Case.objects.live()
        .filter(beneficiary__municipality_id__in=municipality_ids)
        .values("beneficiary__municipality_id")
        .annotate(n=Count("id"))
    )
    return {row["beneficiary__municipality_id"]: row["n"] for row in rows}
