"""XLSX exports of the analysis table and of the raw responses (written row by row)."""

import tempfile

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .analysis import Table
from .models import Response
from .selectors import version_questions


def _cell_text(cell, kind: str):
    if cell.hidden:
        return _("fewer than 5")
    return None if cell.value is None else round(cell.value, 2)


def table_workbook(table: Table) -> Workbook:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Analysis"))
    sheet.append([_("Question"), _("Answer")] + [label for _key, label in table.groups])
    for result in table.questions:
        q = result.question
        sheet.append(
            [f"{q.name} — {q.label}", _("Respondents (n)")]
            + [c.value if not c.hidden else _("fewer than 5") for c in result.n]
        )
        for row in result.rows:
            sheet.append(["", row.label] + [_cell_text(c, result.kind) for c in row.cells])
    return book


def responses_workbook(round_) -> Workbook:
    """Every response of the round, one row each, streamed from the database."""
    questions = version_questions(round_.version)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Responses"))
    sheet.append(["_uuid", "_submission_time", "municipality", "weight"] + [q.name for q in questions])
    responses = (
        Response.objects.filter(round=round_)
        .select_related("municipality")
        .only("uuid", "submitted_at", "municipality__code", "weight", "answers")
        .order_by("pk")
    )
    for response in responses.iterator(chunk_size=2000):
        values = [response.answers.get(q.name) for q in questions]
        values = [" ".join(map(str, v)) if isinstance(v, list) else v for v in values]
        sheet.append(
            [
                response.uuid,
                response.submitted_at.replace(tzinfo=None),
                response.municipality.code,
                float(response.weight),
            ]
            + values
        )
    return book


def save_to_temp(book: Workbook):
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    book.save(handle)
    handle.seek(0)
    return handle
