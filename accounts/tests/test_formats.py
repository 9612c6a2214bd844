import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation


def _render(text: str, **context) -> str:
    return Template(text).render(Context(context))


def test_dates_follow_the_page_language():
    day = datetime.date(2026, 3, 9)
    with translation.override("ka"):
        assert _render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=day) == "09.03.2026"
    with translation.override("en"):
        assert _render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=day) == "09/03/2026"


def test_money_in_lari_follows_the_page_language():
    with translation.override("en"):
        assert _render("{% load money %}{{ v|gel }}", v=Decimal("12500")) == "12,500.00 GEL"
    with translation.override("ka"):
        assert _render("{% load money %}{{ v|gel }}", v=Decimal("12500.5")) == "12\xa0500,50 ლარი"


def test_one_date_format_per_language_whatever_the_template_asks_for():
    day = datetime.datetime(2026, 3, 9, 14, 30)
    for language, date, moment in (("ka", "09.03.2026", "09.03.2026 14:30"), ("en", "09/03/2026", "09/03/2026 14:30")):
        with translation.override(language):
            assert _render("{{ d.date }}|{{ d.date|date }}|{{ d.date|date:'DATE_FORMAT' }}", d=day) == "|".join(
                [date] * 3
            )
            assert _render("{{ d|date:'DATETIME_FORMAT' }}|{{ d|date:'SHORT_DATETIME_FORMAT' }}", d=day) == "|".join(
                [moment] * 2
            )


def test_decimals_have_a_comma_in_georgian():
    with translation.override("ka"):
        assert _render("{{ v }} {{ v|floatformat:1 }} {{ big|floatformat:'2g' }}", v=Decimal("4.38"), big=12500.5) == (
            "4,38 4,4 12\xa0500,50"
        )
    with translation.override("en"):
        assert _render("{{ v }} {{ v|floatformat:1 }}", v=Decimal("4.38")) == "4.38 4.4"
