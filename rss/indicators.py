"""The results framework's "share of clients whose reintegration scores improved" (dashboard convention:
see dashboard.indicators). One fact per client compared (baseline and a follow-up under the same
version): ``d`` = 1 for each, ``n`` = 1 when the latest follow-up's composite is above the baseline's,
dated at that follow-up. The same rule as the cohort view (``rss.selectors.cohort_clients``)."""

from hubs.models import Hub
from reintegration.indicators import person_dimensions, person_fields, with_person
from reintegration.models import Case

from .selectors import cohort_clients


def reintegration_improved_share(*, start, end, hub_ids) -> dict:
    hubs = list(hub_ids) if hub_ids is not None else list(Hub.objects.values_list("pk", flat=True))
    compared = {}
    for client in cohort_clients(hubs, None):
        if client.improved is None:
            continue
        date = client.last_follow_up.conducted_on
        if (start and date < start) or (end and date > end):
            continue
        compared[client.case_id] = (client.improved, date)
    prefix = "beneficiary__"
    rows = with_person(Case.objects.filter(pk__in=compared), prefix).values("pk", "hub_id", *person_fields(prefix))
    facts = []
    for row in rows:
        improved, date = compared[row["pk"]]
        facts.append(
            {
                "pk": row["pk"],
                "hub": row["hub_id"],
                "date": date,
                "n": 1 if improved else 0,
                "d": 1,
                **person_dimensions(row, prefix, date),
            }
        )
    return {"facts": facts, "records": Case.objects.for_list(), "link": Case.get_absolute_url}


INDICATORS = {"reintegration_improved_share": reintegration_improved_share}
