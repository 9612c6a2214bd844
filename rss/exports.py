"""Export of RSS rounds and scores, one row per completed round, for mapping to IOM's case system.

Columns, in this order (the layout is stable; question columns follow the version's order)::

    case_number      the hub's case number (hub code-year-sequence)
    hub_code         the hub's three-letter code
    round_kind       baseline | follow_up
    month            months after the baseline (0 for the baseline)
    conducted_on     ISO date (YYYY-MM-DD)
    version          the RSS version's name
    provisional      1 if the version is provisional (not IOM's official table), else 0
    economic, social, psychosocial, composite
                     scores in [0, 1], four decimals, empty when the version's missing-answer rule gives none
    <question code>  the option code answered, empty when not answered (one column per question)
    <question code>_value
                     that option's value in [0, 1]

One export holds one version (its questions are the columns). Decimal point is ".", no thousands
separator, UTF-8; the XLSX has the same columns on its first sheet, with the date and the figures as
typed cells (a date cell shown as the export language writes dates, numbers as numbers).
"""

import datetime
from collections.abc import Iterator
from decimal import Decimal

from accounts.streaming import csv_chunks, xlsx_chunks

from .models import Round, Version
from .selectors import SCORE_KEYS

FIXED = ["case_number", "hub_code", "round_kind", "month", "conducted_on", "version", "provisional", *SCORE_KEYS]


def header(version: Version) -> list[str]:
    codes = [q.code for q in version.questions.all()]
    return FIXED + [column for code in codes for column in (code, f"{code}_value")]


def rows(version: Version, rounds) -> Iterator[list]:
    """``rounds``: completed rounds of ``version`` (with ``case__hub`` selected), one row each as read."""
    questions = list(version.questions.all())
    values = {q.code: {o.code: o.value for o in q.options.all()} for q in questions}
    for r in rounds:
        row = [
            r.case.number,
            r.case.hub.code,
            r.kind,
            r.month,
            r.conducted_on.isoformat(),
            version.name,
            int(version.is_provisional),
            *["" if r.score_of(key) is None else f"{r.score_of(key):.4f}" for key in SCORE_KEYS],
        ]
        for q in questions:
            answer = r.inputs.get(q.code) or ""
            value = values[q.code].get(answer)
            row += [answer, "" if value is None else f"{value.normalize():f}"]
        yield row


def export_chunks(version: Version, rounds, fmt: str) -> Iterator[bytes]:
    """The export, streamed: rows are read from the database in batches and written as they come."""
    if hasattr(rounds, "iterator"):
        rounds = rounds.iterator(chunk_size=2000)
    if fmt == "xlsx":
        columns = header(version)
        typed = ([_typed(c, v) for c, v in zip(columns, row, strict=True)] for row in rows(version, rounds))
        return xlsx_chunks("rss", columns, typed)
    return csv_chunks(header(version), rows(version, rounds))


def _typed(column: str, value):
    """A CSV field as a spreadsheet value: the ISO date as a date, scores and option values as numbers
    (the codes stay text)."""
    if value == "":
        return value
    if column == "conducted_on":
        return datetime.date.fromisoformat(value)
    if column in SCORE_KEYS or column.endswith("_value"):
        return Decimal(value)
    return value


def export_rounds(version: Version, rounds, fmt: str) -> bytes:
    """The whole export at once (tests and small exports)."""
    return b"".join(export_chunks(version, rounds, fmt))


def rounds_for_export(version: Version, case_scope):
    return (
        Round.objects.completed()
        .filter(version=version, case__in=case_scope)
        .select_related("case__hub")
        .order_by("case__number", "month", "pk")
    )
