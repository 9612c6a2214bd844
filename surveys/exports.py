"""XLSX exports of the analysis table and of the raw responses (streamed row by row)."""

import tempfile
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts import xlsx
from accounts.streaming import xlsx_chunks

from .analysis import Row, Table, methods
from .models import Response
from .selectors import version_questions

SMALL = "<5"


def _number(value, digits: int = 2):
    return None if value is None else round(value, digits)


def _figures(cell) -> list:
    """value, 95% low, 95% high, n, n_eff (weighted), count: what the page shows, "<5" where it does."""
    if cell.hidden:
        return [SMALL, SMALL, SMALL, SMALL, None, SMALL]
    count = SMALL if cell.count_hidden else cell.count
    return [_number(cell.value), _number(cell.low), _number(cell.high), cell.n, _number(cell.n_eff, 1), count]


def _methods_sheet(book) -> None:
    sheet = book.create_sheet(_("Methods"))
    for paragraph in methods():
        sheet.append([paragraph])


def table_workbook(table: Table) -> Workbook:
    """One row per answer and group: the figure, its 95% interval, n (and n_eff), the count; and the methods."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Analysis"))
    sheet.append(
        [_("Question"), _("Answer"), _("Group"), _("Value"), _("95% CI low"), _("95% CI high"), _("n"),
         _("Effective n"), _("Count"), _("Fewer than 5")]
    )  # fmt: skip
    for result in table.questions:
        q = result.question
        title = f"{q.name} — {q.label}"
        rows = result.rows or [Row(label=_("Respondents (n)"), cells=result.n)]
        for row in rows:
            for (_key, group), cell in zip(table.groups, row.cells, strict=True):
                flag = _("yes") if cell.small else ""
                sheet.append(xlsx.row(sheet, [title, row.label, group, *_figures(cell), flag]))
    _methods_sheet(book)
    return book


def comparison_workbook(baseline, final, results, weighted: bool) -> Workbook:
    """Baseline versus final as on the page: both figures with n and interval, the difference and its CI."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Comparison"))
    sheet.append([_("Baseline round"), baseline.name])
    sheet.append([_("Final round"), final.name])
    sheet.append([_("Sampling weights"), _("yes") if weighted else _("no")])
    sheet.append([])
    sheet.append(
        [_("Question"), _("Answer"), _("Baseline"), _("95% CI low"), _("95% CI high"), _("n"), _("Final"),
         _("95% CI low"), _("95% CI high"), _("n"), _("Difference"), _("95% CI low"), _("95% CI high"),
         _("Fewer than 5")]
    )  # fmt: skip
    for question, rows in results:
        for row in rows:
            first, second = _figures(row.first)[:4], _figures(row.second)[:4]
            difference = [SMALL] * 3 if row.hidden else [_number(row.difference), _number(row.low), _number(row.high)]
            sheet.append(xlsx.row(
                sheet,
                [f"{question.name} — {question.label}", row.label, *first, *second, *difference,
                 _("yes") if row.small else ""],
            ))  # fmt: skip
    _methods_sheet(book)
    return book


def responses_header(round_) -> list[str]:
    return ["_uuid", _("submitted (local time)"), "municipality", "weight"] + [
        q.name for q in version_questions(round_.version)
    ]


def responses_rows(round_, responses=None) -> Iterator[list]:
    """Every response of the round, one row each, read from the database in batches as they are written."""
    questions = version_questions(round_.version)
    if responses is None:
        responses = (
            Response.objects.filter(round=round_)
            .select_related("municipality")
            .only("uuid", "submitted_at", "municipality__code", "weight", "answers")
            .order_by("pk")
            .iterator(chunk_size=2000)
        )
    for response in responses:
        values = [response.answers.get(q.name) for q in questions]
        values = [" ".join(map(str, v)) if isinstance(v, list) else v for v in values]
        yield [
            response.uuid,
            timezone.localtime(response.submitted_at).replace(tzinfo=None),  # as the pages show it
            response.municipality.code,
            float(response.weight),
            *values,
        ]


def responses_xlsx(round_) -> Iterator[bytes]:
    """The raw responses as an XLSX file, streamed: the first bytes leave while the rows are read."""
    return xlsx_chunks(_("Responses"), responses_header(round_), responses_rows(round_))


def save_to_temp(book: Workbook):
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    book.save(handle)
    handle.seek(0)
    return handle
