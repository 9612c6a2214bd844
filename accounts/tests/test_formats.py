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
