"""Spreadsheet cells that a spreadsheet understands: dates as dates, amounts as numbers.

A cell holding the text "2026-03-09" or "1394.38" sorts and sums as text and shows the same in
every locale. `row()` turns dates, moments and numbers into typed cells with a number format in
the export's language (the date as pages write it: DD.MM.YYYY in Georgian, DD/MM/YYYY in English;
amounts with two decimals); the spreadsheet program then shows the separators of its reader's
locale. Moments are written in Tbilisi time (spreadsheets have no time zones).
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl.cell import WriteOnlyCell

from .dates import display_format

AMOUNT = "#,##0.00"
DECIMAL = "0.00##"


def date_format() -> str:
    """The Excel number format of a date in the active language ("DD.MM.YYYY", "DD/MM/YYYY")."""
    return display_format().replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY").replace("%y", "YY")


def cell(sheet, value, *, amount: bool = False):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        typed = WriteOnlyCell(sheet, value=value)
        typed.number_format = f"{date_format()} HH:MM"
        return typed
    if isinstance(value, datetime.date):
        typed = WriteOnlyCell(sheet, value=value)
        typed.number_format = date_format()
        return typed
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        typed = WriteOnlyCell(sheet, value=value)
        typed.number_format = AMOUNT if amount else DECIMAL
        return typed
    return value


def row(sheet, values, *, amounts: tuple[int, ...] = ()) -> list:
    """``values`` as cells for ``sheet.append``; ``amounts``: indexes of columns holding money."""
    return [cell(sheet, value, amount=index in amounts) for index, value in enumerate(values)]
