from django.db import transaction

from ..models import Hub, InfoSessionTopic, Municipality, Region, TrainingTopic
from ..reference import HUBS, INFO_SESSION_TOPICS, REGIONS, TRAINING_TOPICS


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Create missing regions, municipalities and pilot hubs; never overwrite officers' edits.

    Returns how many rows of each kind were created (zero on a second run).
    """
    created = {"regions": 0, "municipalities": 0, "hubs": 0, "training topics": 0, "information session topics": 0}
    municipalities: dict[str, Municipality] = {}
    for order, (code, name_ka, name_en, is_target, items) in enumerate(REGIONS):
        region, new = Region.objects.get_or_create(
            code=code, defaults={"name_ka": name_ka, "name_en": name_en, "is_target": is_target, "sort_order": order}
        )
        created["regions"] += new
        for m_code, m_ka, m_en, kind in items:
            municipality, new = Municipality.objects.get_or_create(
                code=m_code, defaults={"region": region, "name_ka": m_ka, "name_en": m_en, "kind": kind}
            )
            municipalities[m_code] = municipality
            created["municipalities"] += new
    for hub_code, m_code, genitive_ka, provisional in HUBS:
        municipality = municipalities[m_code]
        is_district = municipality.kind == Municipality.Kind.DISTRICT
        seat_ka = "რაიონის გამგეობა" if is_district else "მუნიციპალიტეტის მერია"
        seat_en = "District Administration" if is_district else "Municipality City Hall"
        _hub, new = Hub.objects.get_or_create(
            code=hub_code,
            defaults={
                "municipality": municipality,
                "name_ka": f"{genitive_ka} რეინტეგრაციის ჰაბი",
                "name_en": f"{municipality.name_en} reintegration hub",
                "address": f"{genitive_ka} {seat_ka} / {municipality.name_en} {seat_en}",
                "status": Hub.Status.OPERATIONAL,
                "is_provisional": provisional,
            },
        )
        created["hubs"] += new
        if not municipality.is_pilot:
            municipality.is_pilot = True
            municipality.save(update_fields=["is_pilot"])
    for key, model, rows in [
        ("training topics", TrainingTopic, TRAINING_TOPICS),
        ("information session topics", InfoSessionTopic, INFO_SESSION_TOPICS),
    ]:
        for order, (code, name_ka, name_en) in enumerate(rows):
            _topic, new = model.objects.get_or_create(
                code=code, defaults={"name_ka": name_ka, "name_en": name_en, "sort_order": order}
            )
            created[key] += new
    return created
