"""Exports that stream: the first bytes leave while the rows are still being read.

A large export (100,000 survey responses, every RSS round of a version) must neither wait for the
whole file before the first byte (a worker timeout, and a person staring at nothing) nor hold the
file in memory. Both writers here read the rows from an iterator (a queryset's ``.iterator()``)
and hand the response chunks of about ``CHUNK`` bytes as they fill:

- ``csv_chunks``: the csv module writing row by row into a small buffer that is emptied at each chunk;
- ``xlsx_chunks``: openpyxl's write-only worksheet writing its XML straight into a deflated zip entry
  of an archive written to a non-seekable sink (zip data descriptors, ZIP64), so nothing is written
  to a temporary file first. The workbook's other parts (workbook, styles, content types) are small;
  openpyxl writes them once the rows are done, and they are copied into the archive after the sheet.

``streamed_download`` wraps the chunks in a ``StreamingHttpResponse`` with the attachment name.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.worksheet._writer import WorksheetWriter, create_temporary_file

from . import xlsx

CHUNK = 64 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


class _Sink:
    """A write-only, non-seekable file: what is written waits here until the response takes it."""

    def __init__(self):
        self._parts: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        data = bytes(data)
        self._parts.append(data)
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self._parts, self.size = b"".join(self._parts), [], 0
        return data


def csv_chunks(header: list, rows: Iterable[list], *, chunk: int | None = None, bom: bool = False) -> Iterator[bytes]:
    """UTF-8 CSV (``bom``: with a byte-order mark, for spreadsheet programs), yielded in chunks."""
    chunk = chunk or CHUNK
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write("\ufeff")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= chunk:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def xlsx_chunks(
    title: str, header: list, rows: Iterable[list], *, chunk: int | None = None, amounts: tuple[int, ...] = ()
) -> Iterator[bytes]:
    """One sheet of ``header`` and ``rows`` as an XLSX file, yielded in chunks as it is written.
    Dates, moments and numbers become typed cells in the active language's format (``accounts.xlsx``;
    ``amounts``: indexes of columns holding money)."""
    chunk = chunk or CHUNK
    sink = _Sink()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet._id = 1  # its file name (openpyxl numbers the sheets when it saves; this is the only one)
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        with archive.open(sheet.path[1:], "w", force_zip64=True) as entry:
            sheet._writer = WorksheetWriter(sheet, out=entry)
            sheet._writer.write_top()
            sheet.append(header)
            for row in rows:
                sheet.append(xlsx.row(sheet, row, amounts=amounts))
                if sink.size >= chunk:
                    yield sink.take()
            sheet.close()  # the sheet's closing tags, into the entry
        # The rest of the workbook: openpyxl writes the sheet's file into its archive, so give it an empty one.
        sheet._writer.out = create_temporary_file()
        parts = io.BytesIO()
        book.save(parts)
        with zipfile.ZipFile(parts) as written:
            for info in written.infolist():
                if info.filename != sheet.path[1:]:
                    archive.writestr(info.filename, written.read(info.filename), zipfile.ZIP_DEFLATED)
                    if sink.size >= chunk:
                        yield sink.take()
    yield sink.take()


def streamed_download(chunks: Iterable[bytes], filename: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
