# English as IOM Georgia writes it: day before month, 24-hour clock.
# One date format per language on every page, PDF, e-mail and export: the short one (a page
# mixing "29 ნოემბერი, 2026" and "31.08.2026" read as two systems). Month names stay for
# month and year headings (YEAR_MONTH_FORMAT, chart axes).
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
# The first input format is the one a date field shows and hints (accounts/dates.py); ISO 8601 is
# still accepted (links and tests carry it).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
