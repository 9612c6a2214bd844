import datetime
import io
from decimal import Decimal

from django.utils import translation
from openpyxl import Workbook, load_workbook

from accounts import xlsx


def _roundtrip(values, **kwargs):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("s")
    sheet.append(xlsx.row(sheet, values, **kwargs))
    buffer = io.BytesIO()
    book.save(buffer)
    return list(next(load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows()))


def test_dates_moments_and_figures_become_typed_cells_in_the_languages_format():
    moment = datetime.datetime(2026, 3, 9, 10, 30, tzinfo=datetime.UTC)  # 14:30 in Tbilisi
    with translation.override("ka"):
        day, when, amount, share, text, whole = _roundtrip(
            [datetime.date(2026, 3, 9), moment, Decimal("1394.38"), 0.25, "AAA-2026-0001", 7], amounts=(2,)
        )
    assert (day.value, day.number_format) == (datetime.datetime(2026, 3, 9), "DD.MM.YYYY")
    assert (when.value, when.number_format) == (datetime.datetime(2026, 3, 9, 14, 30), "DD.MM.YYYY HH:MM")
    assert (amount.value, amount.number_format, amount.data_type) == (1394.38, "#,##0.00", "n")
    assert (share.value, share.number_format) == (0.25, "0.00##")
    assert (text.data_type, whole.value) == ("s", 7)
    with translation.override("en"):
        (day,) = _roundtrip([datetime.date(2026, 3, 9)])
    assert day.number_format == "DD/MM/YYYY"
