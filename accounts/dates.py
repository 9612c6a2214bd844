"""One date format per language, for reading and for typing.

Pages print dates with Django's format module (config/formats/<lang>/formats.py); forms take
them in the same shape: the first of DATE_INPUT_FORMATS is the language's own (31.12.2026 in
Georgian, 31/12/2026 in English) and is what a date field shows, its hint ("დდ.თთ.წწწწ",
"DD/MM/YYYY") and its error message. `install()` (from AccountsConfig.ready) makes the shared text
widget the default of every DateField, so a form cannot fall back to the browser's date picker.
"""

from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import pgettext

PARTS = {
    "%d": lambda: pgettext("date format hint: day", "DD"),
    "%m": lambda: pgettext("date format hint: month", "MM"),
    "%Y": lambda: pgettext("date format hint: year", "YYYY"),
    "%y": lambda: pgettext("date format hint: year", "YY"),
    "%H": lambda: pgettext("time format hint: hours", "hh"),
    "%M": lambda: pgettext("time format hint: minutes", "mm"),
}


def display_format() -> str:
    """The strftime format a date field shows and expects first, in the active language."""
    return formats.get_format("DATE_INPUT_FORMATS")[0]


def format_hint(fmt: str | None = None) -> str:
    """'DD.MM.YYYY' for '%d.%m.%Y', with the letters in the active language."""
    fmt = fmt or display_format()
    for code, word in PARTS.items():
        fmt = fmt.replace(code, word())
    return fmt


def _invalid_date_message() -> str:
    import datetime

    from django.utils.translation import gettext

    example = datetime.date(2026, 3, 9).strftime(display_format())
    return gettext("Enter the date as %(hint)s, for example %(example)s.") % {
        "hint": format_hint(),
        "example": example,
    }


invalid_date_message = lazy(_invalid_date_message, str)


def install() -> None:
    from django import forms

    from .forms import DateInput, DateTimeInput, TimeInput

    forms.DateField.widget = DateInput
    forms.DateTimeField.widget = DateTimeInput
    forms.TimeField.widget = TimeInput
    forms.DateField.default_error_messages = {"invalid": invalid_date_message()}
