"""Referral metrics for officers: does referring help people, per service, per provider and per hub?

- sent: referrals that left the hub (sent at some point, whatever their status now);
- acceptance rate: accepted (or later in progress / completed) out of those the provider answered or
  that closed without an answer (declined, closed without response) — cancelled ones are left out;
- median days to service: from sending to completion, for referrals where the person got the service
  (fully or partly);
- outcome distribution: completed referrals per outcome code;
- per hub: the share of sent referrals with an outcome recorded.
"""

from collections import Counter, defaultdict
from statistics import median

from django.db.models import QuerySet

from accounts.bilingual import pick

from .models import Referral

Status = Referral.Status
ACCEPTED = {Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED}
DECIDED = ACCEPTED | {Status.DECLINED, Status.CLOSED_NO_RESPONSE}


def _empty() -> dict:
    return {"sent": 0, "accepted": 0, "decided": 0, "days": [], "outcomes": Counter(), "with_outcome": 0}


def _add(row: dict, status: str, outcome: str, sent_at, completed_at) -> None:
    row["sent"] += 1
    row["accepted"] += status in ACCEPTED
    row["decided"] += status in DECIDED
    if outcome:
        row["outcomes"][outcome] += 1
        row["with_outcome"] += 1
    if outcome in Referral.HELPED and sent_at and completed_at:
        row["days"].append((completed_at - sent_at).total_seconds() / 86400)


def _finish(key, name: str, row: dict) -> dict:
    return {
        "key": key,
        "name": name,
        "sent": row["sent"],
        "acceptance_rate": row["accepted"] / row["decided"] if row["decided"] else None,
        "median_days": round(median(row["days"]), 1) if row["days"] else None,
        "outcomes": [(code, label, row["outcomes"][code]) for code, label in Referral.Outcome.choices],
        "outcome_share": row["with_outcome"] / row["sent"] if row["sent"] else None,
    }


def referral_metrics(referrals: QuerySet[Referral]) -> dict:
    """Per service, per provider and per hub, in one query."""
    rows = referrals.exclude(sent_at__isnull=True).values_list(
        "status",
        "outcome",
        "sent_at",
        "completed_at",
        "service_id",
        "service__name_ka",
        "service__name_en",
        "service__organization_id",
        "service__organization__name_ka",
        "service__organization__name_en",
        "case__hub_id",
        "case__hub__name_ka",
        "case__hub__name_en",
    )
    groups = {"services": defaultdict(_empty), "providers": defaultdict(_empty), "hubs": defaultdict(_empty)}
    names: dict[tuple, str] = {}
    for status, outcome, sent_at, completed_at, s_id, s_ka, s_en, o_id, o_ka, o_en, h_id, h_ka, h_en in rows:
        for kind, key, name in (
            ("services", s_id, pick(s_ka, s_en)),
            ("providers", o_id, pick(o_ka, o_en)),
            ("hubs", h_id, pick(h_ka, h_en)),
        ):
            _add(groups[kind][key], status, outcome, sent_at, completed_at)
            names[(kind, key)] = name
    return {
        kind: sorted((_finish(key, names[(kind, key)], row) for key, row in rows_by.items()), key=lambda r: -r["sent"])
        for kind, rows_by in groups.items()
    }
