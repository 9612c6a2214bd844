"""Turns a guide snapshot (bilingual JSON) into sections for the page language."""

from accounts.bilingual import pick
from reintegration.taxonomy import Need

from .models import Language

_BILINGUAL = ["name", "organization", "description", "eligibility", "application_process", "documents", "fees"]


def _localised(entry: dict) -> dict:
    shown = dict(entry)
    for field in _BILINGUAL:
        shown[field] = pick(entry.get(f"{field}_ka", ""), entry.get(f"{field}_en", ""))
    labels = dict(Language.choices)
    shown["language_labels"] = [str(labels.get(code, code)) for code in entry.get("languages", [])]
    shown["locations"] = [
        {**loc, "name": pick(loc["name_ka"], loc["name_en"]), "address": pick(loc["address_ka"], loc["address_en"])}
        for loc in entry.get("locations", [])
    ]
    return shown


def edition_sections(services: list[dict]) -> list[dict]:
    """Services grouped by category, in the taxonomy's order."""
    by_category: dict[str, list[dict]] = {}
    for entry in services:
        by_category.setdefault(entry["category"], []).append(_localised(entry))
    return [
        {"category": need.value, "label": need.label, "services": by_category[need.value]}
        for need in Need
        if need.value in by_category
    ]


def implementer_names(snapshot: dict) -> list[str]:
    return [pick(item["name_ka"], item["name_en"]) for item in snapshot.get("implementers", [])]
