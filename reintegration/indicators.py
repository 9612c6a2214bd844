"""Indicators and data-quality checks computed from cases (see dashboard.indicators for the convention).

``person_fields`` and ``person_dimensions`` give other apps (referrals, grants) a person's sex,
birth year, category and vulnerabilities in the same query as their own rows.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import vulnerability as vuln
from .models import Case, Consent, CounsellingSession, FollowUp, MigrationEpisode

PERSON_FIELDS = ["pk", "sex", "birth_year", "category", "has_disability", "has_chronic_illness", "is_idp"]
PERSON_FIELDS += ["household__female_headed", "household__head_id"]


def person_fields(prefix: str = "") -> list[str]:
    """The value names to select for the person at ``prefix`` (e.g. "case__beneficiary__")."""
    return [f"{prefix}{field}" for field in PERSON_FIELDS] + ["is_deported"]


def with_person(queryset, prefix: str = ""):
    """Annotate whether the person at ``prefix`` was ever deported (one EXISTS, no extra query)."""
    key = f"{prefix}pk" if prefix else "pk"
    deported = MigrationEpisode.objects.filter(
        beneficiary_id=OuterRef(key), return_type=MigrationEpisode.ReturnType.DEPORTED
    )
    return queryset.annotate(is_deported=Exists(deported))


def person_dimensions(row: dict, prefix: str = "", on: datetime.date | None = None) -> dict:
    """sex, birth_year, category and vulnerabilities of a row selected with ``person_fields(prefix)``."""

    def get(field):
        return row[f"{prefix}{field}"]

    sex, birth_year = get("sex"), get("birth_year")
    age = (on or timezone.localdate()).year - birth_year if birth_year else None
    V = vuln.Vulnerability
    flags = [
        (V.DEPORTEE, row["is_deported"]),
        (V.ELDERLY_WOMAN, vuln.is_elderly_woman(age, sex)),
        (V.FEMALE_HEAD, sex == "female" and get("household__female_headed") and get("household__head_id") == get("pk")),
        (V.YOUTH, vuln.is_youth(age)),
        (V.DISABILITY, get("has_disability")),
        (V.CHRONIC_ILLNESS, get("has_chronic_illness")),
        (V.IDP, get("is_idp")),
    ]
    return {
        "sex": sex,
        "birth_year": birth_year,
        "category": get("category"),
        "vulnerabilities": [str(code) for code, flag in flags if flag],
    }


def in_period(queryset, field: str, start, end):
    if start:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field}__lte": end})
    return queryset


def in_hubs(queryset, field: str, hub_ids):
    return queryset if hub_ids is None else queryset.filter(**{f"{field}__in": hub_ids})


# Indicators -----------------------------------------------------------------------------------

COUNSELLING_KINDS = [
    CounsellingSession.Kind.COUNSELLING,
    CounsellingSession.Kind.PFA,
    CounsellingSession.Kind.FOLLOW_UP,
]


def people_counselled(*, start, end, hub_ids) -> dict:
    """Each person once, at the case and date of their first counselling session in the period."""
    sessions = CounsellingSession.objects.filter(kind__in=COUNSELLING_KINDS)
    sessions = in_hubs(in_period(sessions, "held_on", start, end), "case__hub_id", hub_ids)
    prefix = "case__beneficiary__"
    rows = (
        with_person(sessions, prefix)
        .order_by("held_on", "pk")
        .values("case_id", "case__hub_id", "held_on", *person_fields(prefix))
    )
    facts, seen = [], set()
    for row in rows:
        person = row[f"{prefix}pk"]
        if person in seen:
            continue
        seen.add(person)
        date = row["held_on"]
        facts.append(
            {"pk": row["case_id"], "hub": row["case__hub_id"], "date": date, **person_dimensions(row, prefix, date)}
        )
    return {"facts": facts, "records": Case.objects.for_list(), "link": Case.get_absolute_url}


INDICATORS = {"people_counselled": people_counselled}


# Data-quality checks ----------------------------------------------------------------------------


def cases_without_consent(hub_ids):
    consented = Consent.objects.active().filter(
        beneficiary_id=OuterRef("beneficiary_id"), purpose=Consent.Purpose.DATA_PROCESSING
    )
    return in_hubs(Case.objects.live().filter(~Exists(consented)), "hub_id", hub_ids).for_list()


def overdue_follow_ups(hub_ids):
    return in_hubs(FollowUp.objects.overdue(), "case__hub_id", hub_ids).for_list()


QUALITY_CHECKS = {
    "cases_without_consent": {
        "label": _("Open cases without consent to data processing"),
        "records": cases_without_consent,
        "date": lambda case: case.opened_on,
        "hub": lambda case: case.hub,
        "fix": lambda case: reverse("reintegration:consent-add", args=[case.pk]),
        "fix_label": _("Record consent"),
    },
    "overdue_follow_ups": {
        "label": _("Overdue follow-ups"),
        "records": overdue_follow_ups,
        "date": lambda follow_up: follow_up.due_on,
        "hub": lambda follow_up: follow_up.case.hub,
        "fix": lambda follow_up: reverse("reintegration:case-detail", args=[follow_up.case_id]),
        "fix_label": _("Open the case"),
    },
}
