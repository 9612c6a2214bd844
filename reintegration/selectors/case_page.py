"""What the case page reads: the frame shown on every full page (the person's column, the header's
alerts) and each tab of the main column, each in its own fixed number of queries.

A tab reads only what it shows: the Overview its needs, plan and follow-ups; Sessions the sessions;
the Timeline its entries (the case's own records in one UNION query, then each registered source);
"Referrals and support" reads nothing here, its panels read their own rows (``panels``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import CharField, DateField, DateTimeField, F, IntegerField, Subquery, TextField, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from ..eligibility import state_programme_eligibility
from ..models import (
    AssessedNeed,
    Case,
    CaseStatusChange,
    CaseTransfer,
    Consent,
    CounsellingSession,
    FollowUp,
    NeedAssessment,
    PlanGoal,
)
from ..panels import external_timeline_entries, read_once


@dataclass(frozen=True)
class CaseTab:
    name: str  # the value of ?tab=
    label: str


CASE_TABS = (
    CaseTab("overview", gettext_lazy("Overview")),
    CaseTab("sessions", pgettext_lazy("case page tab", "Sessions")),
    CaseTab("referrals", gettext_lazy("Referrals and support")),
    CaseTab("timeline", gettext_lazy("Timeline")),
)
DEFAULT_TAB = CASE_TABS[0]


def case_tab(name: str | None) -> CaseTab:
    """The tab named in the address; anything else is the Overview."""
    return next((tab for tab in CASE_TABS if tab.name == name), DEFAULT_TAB)


def case_assessed_needs(case: Case) -> list:
    """Every need of the case's assessments (one query per page view, shared by the page and its panels)."""
    return read_once(
        case, "reintegration.assessed_needs", lambda: list(AssessedNeed.objects.filter(assessment__case=case))
    )


def case_page_frame(case: Case, user) -> dict:
    """The person's column and the header's alerts, on every full page whatever the tab (five queries)."""
    person = case.beneficiary
    episodes = list(person.migration_episodes.all())
    consents = list(person.consents.for_hub(case.hub).select_related("recorded_by"))
    other_hub_cases = list(person.cases.exclude(hub=case.hub).select_related("hub").order_by("-opened_on"))
    members = list(person.household.members.select_related("beneficiary")) if person.household_id else []
    transfers = list(case.transfers.select_related("to_hub", "from_hub", "requested_by"))
    return {
        "person": person,
        "episodes": episodes,
        "consents": consents,
        "other_hub_cases": other_hub_cases,
        "household_members": members,
        "transfers": transfers,
        "pending_transfer": next((t for t in transfers if t.status == CaseTransfer.Status.PENDING), None),
        "vulnerabilities": person.vulnerabilities(episodes=episodes),
        "eligibility": state_programme_eligibility(case, episodes),
    }


def case_tab_data(case: Case, user, tab: str) -> dict:
    """What one tab of the main column shows (its panels are rendered by ``panels.render_case_panels``)."""
    if tab == "sessions":
        return {"sessions": list(case.sessions.select_related("counsellor"))}
    if tab == "timeline":
        return {"timeline": case_timeline(case, user)}
    if tab == "referrals":
        return {}
    latest = NeedAssessment.objects.filter(case=case).order_by("-assessed_on", "-pk").values("pk")[:1]
    return {
        "latest_needs": list(AssessedNeed.objects.filter(assessment=Subquery(latest))),
        "goals": list(case.goals.prefetch_related("actions")),
        "follow_ups": list(case.follow_ups.select_related("assigned_to")),
    }


# Timeline --------------------------------------------------------------------------------------
def _as_datetime(value) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(12)))


def _when(day: datetime.date, recorded_at: datetime.datetime | None) -> datetime.datetime:
    """A dated record's place in time: the moment it was recorded if that was on the same day,
    otherwise noon of its date (a session entered a day late still sorts under its own day)."""
    if recorded_at is not None and timezone.localtime(recorded_at).date() == day:
        return recorded_at
    return _as_datetime(day)


def _timeline_key(entry: dict):
    return (_as_datetime(entry["at"]), entry.get("seq", 0))


STATUS, SESSION, ASSESSMENT, GOAL, FOLLOW_UP, CONSENT = range(6)
_COLUMNS = ("t_source", "t_pk", "t_at", "t_day", "t_at2", "t_a", "t_b", "t_c", "t_order", "t_by")


def _row(source: int, *, pk="pk", at=None, day=None, at2=None, a=None, b=None, c=None, order=None, by=None) -> dict:
    """One branch of the timeline's UNION: the same ten columns, in the same order, from every table."""

    def column(value, field):
        # A typed NULL: PostgreSQL types an untyped NULL of two branches as text before it meets the third.
        return F(value) if value else Cast(Value(None), output_field=field)

    return {
        "t_source": Value(source, output_field=IntegerField()),
        "t_pk": F(pk),
        "t_at": column(at, DateTimeField()),
        "t_day": column(day, DateField()),
        "t_at2": column(at2, DateTimeField()),
        "t_a": column(a, CharField()),
        "t_b": column(b, CharField()),
        "t_c": column(c, TextField()),
        "t_order": column(order, IntegerField()),
        "t_by": column(by, CharField()),
    }


def _own_timeline_rows(case: Case) -> list[tuple]:
    """The case's own records for the timeline in one query: status changes, sessions, assessments
    (a row per need), plan goals, follow-ups done, and the consents given to the case's hub."""
    parts = [
        CaseStatusChange.objects.filter(case=case).annotate(
            **_row(STATUS, at="at", a="to_status", c="note", by="actor__full_name")
        ),
        CounsellingSession.objects.filter(case=case).annotate(
            **_row(SESSION, at="created_at", day="held_on", a="kind", b="mode", c="topics", by="counsellor__full_name")
        ),
        NeedAssessment.objects.filter(case=case).annotate(
            **_row(
                ASSESSMENT,
                at="created_at",
                day="assessed_on",
                a="needs__need",
                b="needs__dimension",
                c="notes",
                order="needs__pk",
                by="assessed_by__full_name",
            )
        ),
        PlanGoal.objects.filter(case=case).annotate(**_row(GOAL, at="created_at", c="description")),
        FollowUp.objects.filter(case=case, done_at__isnull=False).annotate(
            **_row(FOLLOW_UP, at="done_at", a="purpose", c="outcome")
        ),
        Consent.objects.filter(beneficiary_id=case.beneficiary_id)
        .for_hub(case.hub)
        .annotate(
            **_row(
                CONSENT,
                at="recorded_at",
                day="given_on",
                at2="withdrawn_at",
                a="purpose",
                b="provider_name",
                by="recorded_by__full_name",
            )
        ),
    ]
    first, *others = (part.order_by().values_list(*_COLUMNS) for part in parts)
    # A UNION comes in no order: each table's rows newest first, as the models list them (entries of
    # the same moment then keep that order on the timeline).
    return sorted(first.union(*others, all=True), key=lambda row: (row[0], -row[1], row[8] or 0))


def _labels(model, field: str) -> dict:
    return dict(model._meta.get_field(field).flatchoices)


def _own_timeline_entries(case: Case) -> list[dict]:
    statuses = _labels(CaseStatusChange, "to_status")
    kinds, modes = _labels(CounsellingSession, "kind"), _labels(CounsellingSession, "mode")
    needs, purposes = _labels(AssessedNeed, "need"), _labels(Consent, "purpose")
    entries, assessments = [], {}
    for source, pk, at, day, at2, a, b, c, _order, by in _own_timeline_rows(case):
        if source == STATUS:
            entries.append(
                {"at": at, "seq": pk, "kind": _("Status"), "icon": "flag", "title": statuses.get(a, a), "detail": c}
                | {"by_name": by}
            )
        elif source == SESSION:
            title = f"{kinds.get(a, a)} · {modes.get(b, b)}"
            entries.append(
                {"at": _when(day, at), "kind": _("Session"), "icon": "chat-dots", "title": title, "detail": c}
                | {"by_name": by}
            )
        elif source == ASSESSMENT:
            entry = assessments.setdefault(
                pk,
                {
                    "at": _when(day, at),
                    "kind": _("Needs assessment"),
                    "icon": "clipboard-check",
                    "needs": [],
                    "detail": c,
                    "by_name": by,
                },
            )
            if a:
                entry["needs"].append((b, a, needs.get(a, a)))
        elif source == GOAL:
            entries.append({"at": at, "kind": _("Plan"), "icon": "signpost", "title": c, "detail": ""})
        elif source == FOLLOW_UP:
            entries.append({"at": at, "kind": _("Follow-up done"), "icon": "check2-circle", "title": a, "detail": c})
        elif source == CONSENT:
            title = " · ".join(filter(None, [str(purposes.get(a, a)), b]))
            entries.append(
                {"at": _when(day, at), "kind": _("Consent"), "icon": "shield-check", "title": title, "detail": ""}
                | {"by_name": by}
            )
            if at2:
                entries.append(
                    {"at": at2, "kind": _("Consent withdrawn"), "icon": "shield-x", "title": title, "detail": ""}
                )
    for entry in assessments.values():  # the needs in the order the assessment lists them
        entry["title"] = ", ".join(str(label) for _dimension, _need, label in sorted(entry.pop("needs")))
        entries.append(entry)
    return entries


def case_timeline(case: Case, user) -> list[dict]:
    """Everything that happened on the case, newest first: its own records and every registered source's."""
    person = case.beneficiary
    timeline = _own_timeline_entries(case)
    if person.household_id:
        timeline.append(
            {
                "at": person.household.created_at,
                "kind": _("Household"),
                "icon": "house-heart",
                "title": _("Household recorded: %(size)s people") % {"size": person.household.size},
                "detail": "",
            }
        )
    for entry in external_timeline_entries(case, user):
        by = entry.get("by")
        timeline.append({"by_name": getattr(by, "full_name", "") if by else ""} | entry)
    # Newest first; entries of the same moment keep the order they happened in (by row id).
    timeline.sort(key=_timeline_key, reverse=True)
    return timeline
