"""The data-subject export: everything held on one person, from every app, without importing them.

Each app contributes its sections in its AppConfig.ready()::

    register_export_section("referrals", _("Referrals"), referral_sections, order=100)

``fn(ctx: ExportContext) -> list[Table]`` reads what its app holds on ``ctx.person`` (their cases
are in ``ctx.cases``, their household in ``ctx.household``) in a fixed number of queries whatever
the number of records, and may name the records it exported in ``ctx.viewed`` so that the access
log section lists who opened them. A table keeps raw values (dates, Decimals, ``Coded`` choices):
the JSON carries them as they are, the PDF formats them in the reader's language.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.pdf import render_pdf


class Coded(NamedTuple):
    """A choice: its code travels in the JSON, its label in the PDF."""

    code: str
    label: str


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # a lazy translation
    get: Callable[[Any], Any]


@dataclass
class Table:
    """One kind of record: a JSON list under ``key``, a table (or a card, when ``single``) in the PDF."""

    key: str
    title: Any
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    single: bool = False  # one record shown as label/value lines (the registry record, the household)
    only: str = ""  # "json" or "pdf": a table for one format only (the access log's every entry, its summary)

    @classmethod
    def of(cls, key: str, title, columns: list[Column], objects, *, single: bool = False, only: str = "") -> "Table":
        return cls(key, title, columns, [{c.key: c.get(obj) for c in columns} for obj in objects], single, only)


@dataclass
class ExportContext:
    person: Any
    cases: list
    include_confidential: bool = False
    # (model, ids) of the person's records that sections exported: the access log lists their views.
    viewed: list[tuple[type[models.Model], list]] = field(default_factory=list)

    @property
    def case_ids(self) -> list[int]:
        return [case.pk for case in self.cases]

    @property
    def household(self):
        return self.person.household if self.person.household_id else None


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: Any
    build: Callable[[ExportContext], list[Table]]
    order: int = 100


_sections: dict[str, ExportSection] = {}


def register_export_section(key: str, title, fn: Callable[[ExportContext], list[Table]], *, order: int = 100):
    """Register a section once (a second registration under the same key replaces the first)."""
    _sections[key] = ExportSection(key=key, title=title, build=fn, order=order)


def unregister_export_section(key: str) -> None:
    _sections.pop(key, None)


def registered_sections() -> list[ExportSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


# Columns from model fields ----------------------------------------------------------------------
def field_value(obj, name: str):
    """A field's value for the export: a choice as ``Coded``, a related row as its name."""
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:
        related = getattr(obj, name)
        return None if related is None else str(related)
    value = getattr(obj, name)
    if model_field.choices and value not in (None, ""):
        return Coded(value, str(getattr(obj, f"get_{name}_display")()))
    return value


def columns(model: type[models.Model], *names: str) -> list[Column]:
    """One column per field, labelled with the field's verbose name."""
    return [
        Column(name, model._meta.get_field(name).verbose_name, lambda obj, n=name: field_value(obj, n))
        for name in names
    ]


def column(key: str, label, get: Callable[[Any], Any]) -> Column:
    return Column(key, label, get)


# Values -----------------------------------------------------------------------------------------
def json_value(value):
    if isinstance(value, Coded):
        return value.code
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def display_value(value) -> str:
    """A value as the reader of the PDF reads it, in the active language."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, Coded):
        return value.label
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return number_format(value, use_l10n=True, force_grouping=True)  # its own places: 0.6250, 12500.50
    if isinstance(value, int):
        return number_format(value, use_l10n=True, force_grouping=value >= 10000)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {display_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(display_value(v) for v in value)
    return str(value)


# Building and rendering -------------------------------------------------------------------------
@dataclass
class BuiltSection:
    key: str
    title: Any
    tables: list[Table]

    @property
    def is_empty(self) -> bool:
        return not any(table.rows for table in self.tables)

    @property
    def shown_tables(self) -> int:
        return sum(1 for table in self.tables if table.only != "json")


def build(ctx: ExportContext) -> list[BuiltSection]:
    return [BuiltSection(s.key, s.title, s.build(ctx)) for s in registered_sections()]


def as_json(sections: list[BuiltSection], *, person, exported_at, confidential: bool) -> dict:
    return {
        "exported_at": json_value(exported_at),
        "person": {"id": person.pk, "name_ka": person.name_ka, "name_latin": person.name_latin},
        "confidential_notes_included": confidential,
        "sections": {
            s.key: {
                "title": str(s.title),
                "tables": {
                    t.key: [{k: json_value(v) for k, v in row.items()} for row in t.rows]
                    for t in s.tables
                    if t.only != "pdf"
                },
            }
            for s in sections
        },
    }


def pdf_context(sections: list[BuiltSection]) -> list[dict]:
    """Sections with every value already formatted in the active language, for the PDF template."""
    return [
        {
            "key": s.key,
            "title": s.title,
            "empty": s.is_empty,
            "several": s.shown_tables > 1,
            "tables": [
                {
                    "title": t.title,
                    "single": t.single,
                    "labels": [c.label for c in t.columns],
                    "rows": [[display_value(row[c.key]) for c in t.columns] for row in t.rows],
                    "pairs": [[(c.label, display_value(row[c.key])) for c in t.columns] for row in t.rows],
                }
                for t in s.tables
                if t.only != "json"
            ],
        }
        for s in sections
    ]


class ExportFile(NamedTuple):
    content: bytes
    content_type: str
    filename: str


def render(
    sections: list[BuiltSection], *, fmt: str, person, exported_by, exported_at, confidential: bool
) -> ExportFile:
    """The export as a file, in the active language (titles, labels, dates and amounts)."""
    if fmt == "json":
        data = as_json(sections, person=person, exported_at=exported_at, confidential=confidential)
        content = json.dumps(data, ensure_ascii=False, indent=2).encode()
        return ExportFile(content, "application/json; charset=utf-8", f"person-{person.pk}.json")
    context = {
        "person": person,
        "exported_at": exported_at,
        "exported_by": exported_by,
        "confidential": confidential,
        "sections": pdf_context(sections),
    }
    pdf = render_pdf("reintegration/pdf/subject_export.html", context)
    return ExportFile(pdf, "application/pdf", f"person-{person.pk}.pdf")
