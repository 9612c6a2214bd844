"""Reading and checking an RSS version table (CSV or XLSX) before anything is stored.

The layout (docs: rss/data/README.md) is one table, one row per element, columns::

    kind, code, parent, weight, value, text_ka, text_en, suggestion_ka, suggestion_en

kind       what the row defines
version    the version itself: code = its name, value = the minimum answered share (0 = re-weight
           over the answered parts), text = its title; exactly one such row
dimension  code = economic | social | psychosocial; weight = its weight in the composite
indicator  parent = its dimension's code; weight = its weight in the dimension;
           suggestion = the plan goal proposed when the dimension is the weakest
question   parent = its indicator's code; weight = its weight in the indicator; text = the wording
option     parent = its question's code; value = its value in [0, 1]; text = the answer's wording
threshold  value = the lowest score that takes this label; text = the label

Weights are decimals or fractions ("1/3"); at each level they are non-negative and sum to 1
(within 0.000001). Every error names its row (the header is row 1); one error loads nothing.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from django.utils.translation import gettext as _

from reintegration.taxonomy import Dimension as NeedDimension

COLUMNS = ["kind", "code", "parent", "weight", "value", "text_ka", "text_en", "suggestion_ka", "suggestion_en"]
KINDS = ["version", "dimension", "indicator", "question", "option", "threshold"]
PARENT_KIND = {"indicator": "dimension", "question": "indicator", "option": "question"}
TOLERANCE = Decimal("0.000001")
PLACES = Decimal("0.0000000001")
RSS_DIMENSIONS = [NeedDimension.ECONOMIC, NeedDimension.SOCIAL, NeedDimension.PSYCHOSOCIAL]


class TableError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    number: int
    kind: str
    code: str
    parent: str
    weight: Decimal | None
    value: Decimal | None
    text_ka: str
    text_en: str
    suggestion_ka: str = ""
    suggestion_en: str = ""
    children: list["Row"] = field(default_factory=list)


@dataclass
class Table:
    version: Row
    dimensions: list[Row]
    indicators: list[Row]
    questions: list[Row]
    options: list[Row]
    thresholds: list[Row]


def read_rows(path: Path) -> list[dict]:
    """The file's rows as dicts keyed by the lower-cased header, from CSV (UTF-8) or XLSX."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        values = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    elif path.suffix.lower() == ".csv":
        values = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    else:
        raise TableError([_("Give a .csv or .xlsx file.")])
    if not values:
        raise TableError([_("The file is empty.")])
    header = [h.strip().lower() for h in values[0]]
    missing = [c for c in COLUMNS[:7] if c not in header]
    if missing:
        raise TableError([_("Row 1: missing columns: %(columns)s.") % {"columns": ", ".join(missing)}])
    return [
        dict(zip(header, [v.strip() for v in row], strict=False)) for row in values[1:] if any(v.strip() for v in row)
    ]


def _number(raw: str, row: int, column: str, errors: list[str]) -> Decimal | None:
    if not raw:
        return None
    try:
        if "/" in raw:
            fraction = Fraction(raw)
            return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(PLACES)
        return Decimal(raw.replace(",", "."))
    except (InvalidOperation, ValueError, ZeroDivisionError):
        errors.append(
            _("Row %(row)s: %(column)s “%(raw)s” is not a number.") % {"row": row, "column": column, "raw": raw}
        )
        return None


def parse(raw_rows: list[dict]) -> Table:
    """Check every rule and return the table, or raise TableError with every problem found."""
    errors: list[str] = []
    rows = _rows(raw_rows, errors)
    by_kind: dict[str, dict[str, Row]] = {kind: {} for kind in KINDS}
    for row in rows:
        seen = by_kind[row.kind].get(row.code) if row.kind in by_kind else None
        if seen is not None and row.kind != "option":
            errors.append(
                _("Row %(row)s: %(kind)s “%(code)s” is already defined on row %(first)s.")
                % {"row": row.number, "kind": row.kind, "code": row.code, "first": seen.number}
            )
            continue
        if row.kind != "option":
            by_kind[row.kind][row.code] = row
    _link(rows, by_kind, errors)
    _check_values(rows, errors)
    versions = [r for r in rows if r.kind == "version"]
    if len(versions) != 1:
        errors.append(_("Row 1: the table needs exactly one “version” row (found %(n)s).") % {"n": len(versions)})
    else:
        _check_sums(versions[0], list(by_kind["dimension"].values()), errors)
    if errors:
        raise TableError(errors)
    return Table(
        version=versions[0],
        dimensions=list(by_kind["dimension"].values()),
        indicators=list(by_kind["indicator"].values()),
        questions=list(by_kind["question"].values()),
        options=[r for r in rows if r.kind == "option"],
        thresholds=list(by_kind["threshold"].values()),
    )


def _rows(raw_rows: list[dict], errors: list[str]) -> list[Row]:
    rows = []
    for number, raw in enumerate(raw_rows, start=2):
        kind = raw.get("kind", "").lower()
        if kind not in KINDS:
            errors.append(
                _("Row %(row)s: unknown kind “%(kind)s” (use one of %(kinds)s).")
                % {"row": number, "kind": kind, "kinds": ", ".join(KINDS)}
            )
            continue
        row = Row(
            number=number,
            kind=kind,
            code=raw.get("code", ""),
            parent=raw.get("parent", ""),
            weight=_number(raw.get("weight", ""), number, "weight", errors),
            value=_number(raw.get("value", ""), number, "value", errors),
            text_ka=raw.get("text_ka", ""),
            text_en=raw.get("text_en", ""),
            suggestion_ka=raw.get("suggestion_ka", ""),
            suggestion_en=raw.get("suggestion_en", ""),
        )
        if not row.code:
            errors.append(_("Row %(row)s: the code is empty.") % {"row": number})
        if not row.text_ka:
            errors.append(_("Row %(row)s: the Georgian text is empty.") % {"row": number})
        rows.append(row)
    return rows


def _link(rows: list[Row], by_kind: dict, errors: list[str]) -> None:
    """Attach each row to its parent: every indicator to exactly one existing dimension, and so on."""
    for row in rows:
        parent_kind = PARENT_KIND.get(row.kind)
        if parent_kind is None:
            continue
        parent = by_kind[parent_kind].get(row.parent)
        if parent is None:
            errors.append(
                _(
                    "Row %(row)s: %(kind)s “%(code)s” names %(parent_kind)s “%(parent)s”,"
                    " which the table does not define."
                )
                % {
                    "row": row.number,
                    "kind": row.kind,
                    "code": row.code,
                    "parent_kind": parent_kind,
                    "parent": row.parent,
                }
            )
            continue
        if row.kind == "option" and any(o.code == row.code for o in parent.children):
            errors.append(
                _("Row %(row)s: question “%(question)s” already has an option “%(code)s”.")
                % {"row": row.number, "question": parent.code, "code": row.code}
            )
            continue
        parent.children.append(row)
    for kind in ("dimension", "indicator", "question"):
        for row in by_kind[kind].values():
            if not row.children:
                errors.append(
                    _("Row %(row)s: %(kind)s “%(code)s” has nothing under it.")
                    % {"row": row.number, "kind": kind, "code": row.code}
                )


def _check_values(rows: list[Row], errors: list[str]) -> None:
    for row in rows:
        if row.kind == "dimension" and row.code not in RSS_DIMENSIONS:
            errors.append(
                _("Row %(row)s: dimension “%(code)s” is not one of %(codes)s.")
                % {"row": row.number, "code": row.code, "codes": ", ".join(RSS_DIMENSIONS)}
            )
        if row.kind in ("dimension", "indicator", "question"):
            if row.weight is None:
                errors.append(_("Row %(row)s: the weight is empty.") % {"row": row.number})
            elif row.weight < 0:
                errors.append(
                    _("Row %(row)s: the weight %(weight)s is negative.") % {"row": row.number, "weight": row.weight}
                )
        if row.kind in ("option", "threshold", "version"):
            if row.value is None and row.kind != "version":
                errors.append(_("Row %(row)s: the value is empty.") % {"row": row.number})
            elif row.value is not None and not Decimal(0) <= row.value <= Decimal(1):
                errors.append(
                    _("Row %(row)s: the value %(value)s is outside [0, 1].") % {"row": row.number, "value": row.value}
                )


def _check_sums(version: Row, dimensions: list[Row], errors: list[str]) -> None:
    """Weights sum to 1 at each level: the dimensions, each dimension's indicators, each indicator's questions."""

    def check(owner: Row, label: str, children: list[Row]) -> None:
        weights = [c.weight for c in children if c.weight is not None]
        total = sum(weights, Decimal(0))
        if len(weights) == len(children) and abs(total - 1) > TOLERANCE:
            errors.append(
                _("Row %(row)s: the weights of %(what)s sum to %(total)s, not 1.")
                % {"row": owner.number, "what": label, "total": total.normalize()}
            )

    if dimensions:
        check(version, _("the dimensions"), dimensions)
    for dimension in dimensions:
        check(dimension, _("the indicators of “%(code)s”") % {"code": dimension.code}, dimension.children)
        for indicator in dimension.children:
            check(indicator, _("the questions of “%(code)s”") % {"code": indicator.code}, indicator.children)
