"""Factories for the sustainability survey: versions are built through the loader, from a table."""

import csv
import datetime
from pathlib import Path

from reintegration.tests import factories as reintegration_factories
from rss import services
from rss.models import Version

HEADER = ["kind", "code", "parent", "weight", "value", "text_ka", "text_en", "suggestion_ka", "suggestion_en"]

# A table with unequal weights at every level (hand-computed scores in test_scoring.py).
HAND_TABLE = [
    ["version", "hand", "", "", "0", "ხელით გამოთვლილი", "Hand-computed", "", ""],
    ["dimension", "economic", "", "0.5", "", "ეკონომიკური", "Economic", "", ""],
    ["dimension", "social", "", "0.3", "", "სოციალური", "Social", "", ""],
    ["dimension", "psychosocial", "", "0.2", "", "ფსიქოსოციალური", "Psychosocial", "", ""],
    ["indicator", "e1", "economic", "0.6", "", "შემოსავალი", "Income", "სამუშაოს ძიება", "Look for work"],
    ["indicator", "e2", "economic", "0.4", "", "ვალი", "Debt", "ვალის გეგმა", "Plan the debts"],
    ["indicator", "s1", "social", "1", "", "საცხოვრებელი", "Housing", "საცხოვრებელი", "Find housing"],
    ["indicator", "p1", "psychosocial", "0.25", "", "მხარდაჭერა", "Support", "ჯგუფი", "Join a group"],
    ["indicator", "p2", "psychosocial", "0.75", "", "სტრესი", "Distress", "ფსიქოლოგი", "See a psychologist"],
    ["question", "e1a", "e1", "0.5", "", "სამუშაო?", "Work?", "", ""],
    ["question", "e1b", "e1", "0.5", "", "შემოსავალი?", "Income?", "", ""],
    ["question", "e2a", "e2", "1", "", "ვალი?", "Debt?", "", ""],
    ["question", "s1a", "s1", "0.7", "", "სახლი?", "Home?", "", ""],
    ["question", "s1b", "s1", "0.3", "", "წყალი?", "Water?", "", ""],
    ["question", "p1a", "p1", "1", "", "მეგობრები?", "Friends?", "", ""],
    ["question", "p2a", "p2", "1", "", "ძილი?", "Sleep?", "", ""],
]
for _question in ["e1a", "e1b", "e2a", "s1a", "s1b", "p1a", "p2a"]:
    HAND_TABLE += [
        ["option", "full", _question, "", "1", "სრულად", "Fully", "", ""],
        ["option", "half", _question, "", "0.5", "ნახევრად", "Half", "", ""],
        ["option", "quarter", _question, "", "0.25", "მეოთხედი", "A quarter", "", ""],
        ["option", "none", _question, "", "0", "არა", "No", "", ""],
    ]
HAND_TABLE += [
    ["threshold", "low", "", "", "0", "დაბალი", "Low", "", ""],
    ["threshold", "high", "", "", "0.5", "მაღალი", "High", "", ""],
]


def write_table(path: Path, rows: list[list], header=HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def hand_version(tmp_path: Path, *, name="hand", min_share="0", make_current=True, rows=None) -> Version:
    rows = [list(r) for r in (rows or HAND_TABLE)]
    rows[0][1], rows[0][4] = name, min_share
    path = write_table(tmp_path / f"{name}.csv", rows)
    return services.version_load(path=path, make_current=make_current)


def provisional() -> Version:
    return services.provisional_load() or Version.objects.get(name="provisional")


def answers_all(version: Version, option_index: int = 0) -> dict[str, str]:
    """Every question answered with its option at ``option_index`` (0 = the first, usually the best)."""
    return {q.code: list(q.options.all())[option_index].code for q in version.questions.prefetch_related("options")}


def scored_case(hub, counsellor, version, composites: list[dict], start=datetime.date(2026, 1, 5), **case_kwargs):
    """A case with a baseline and follow-ups entered with the given answers, in order."""
    case = reintegration_factories.case_at(hub, counsellor, **case_kwargs)
    rounds = []
    for n, answers in enumerate(composites):
        day = start + datetime.timedelta(days=95 * n)
        if n == 0:
            rounds.append(
                services.baseline_record(case=case, answers=answers, acting_user=counsellor, conducted_on=day)
            )
        else:
            scheduled = case.rss_rounds.filter(status="scheduled").order_by("month").first()
            rounds.append(
                services.follow_up_record(round=scheduled, answers=answers, acting_user=counsellor, conducted_on=day)
            )
    return case, rounds
