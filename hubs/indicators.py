"""Indicators computed from hubs, trainings and information sessions (convention: dashboard.indicators)."""

from django.urls import reverse

from .models import Hub, InfoSession, TrainingEvent, TrainingParticipant
from .models.outreach import PARTICIPANT_FIELDS


def _in_period(queryset, field: str, start, end):
    if start:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field}__lte": end})
    return queryset


def _in_hubs(queryset, field: str, hub_ids):
    return queryset if hub_ids is None else queryset.filter(**{f"{field}__in": hub_ids})


def hubs_operational(*, start, end, hub_ids) -> dict:
    """Hubs operational now (the period does not apply: a status is a state, not an event)."""
    hubs = _in_hubs(Hub.objects.filter(status=Hub.Status.OPERATIONAL), "pk", hub_ids)
    facts = [
        {"pk": pk, "hub": pk, "region": region, "date": opened}
        for pk, region, opened in hubs.values_list("pk", "municipality__region_id", "opening_date")
    ]
    return {
        "facts": facts,
        "records": Hub.objects.select_related("municipality__region"),
        "link": lambda hub: reverse("hubs:hub-detail", args=[hub.pk]),
    }


def _staff_trained(event_format: str):
    def compute(*, start, end, hub_ids) -> dict:
        """Each person once (account, or the name of someone without one), at their first completion."""
        done = TrainingParticipant.objects.completed().filter(event__format=event_format)
        done = _in_hubs(_in_period(done, "completed_on", start, end), "hub_id", hub_ids)
        rows = done.order_by("completed_on", "pk").values_list(
            "pk", "hub_id", "completed_on", "user_id", "external_name"
        )
        facts, seen = [], set()
        for pk, hub, completed_on, user_id, external_name in rows:
            person = user_id or external_name.strip().lower()
            if person in seen:
                continue
            seen.add(person)
            facts.append({"pk": pk, "hub": hub, "date": completed_on})
        return {
            "facts": facts,
            "records": TrainingParticipant.objects.for_list(),
            "link": lambda participant: reverse("hubs:training-detail", args=[participant.event_id]),
        }

    return compute


CATEGORY_OF = {"returnee": "returnee", "potential": "potential_migrant", "resident": "local_resident"}


def people_informed(*, start, end, hub_ids) -> dict:
    """Participants of information sessions, by sex and category as each session recorded them."""
    sessions = _in_hubs(_in_period(InfoSession.objects.all(), "date", start, end), "hub_id", hub_ids)
    fields = [field for field, _category, _sex in PARTICIPANT_FIELDS]
    facts = []
    for row in sessions.values("pk", "hub_id", "date", *fields):
        for field, category, sex in PARTICIPANT_FIELDS:
            if row[field]:
                facts.append(
                    {
                        "pk": row["pk"],
                        "hub": row["hub_id"],
                        "date": row["date"],
                        "sex": "female" if sex == "women" else "male",
                        "category": CATEGORY_OF[category],
                        "n": row[field],
                    }
                )
    return {
        "facts": facts,
        "records": InfoSession.objects.for_list(),
        "link": lambda session: reverse("hubs:infosession-detail", args=[session.pk]),
    }


INDICATORS = {
    "hubs_operational": hubs_operational,
    "staff_trained_tot": _staff_trained(TrainingEvent.Format.TOT),
    "staff_trained_cascade": _staff_trained(TrainingEvent.Format.CASCADE),
    "people_informed": people_informed,
}
