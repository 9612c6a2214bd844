from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def gel(value, decimals: int = 2) -> str:
    """An amount in Georgian lari, formatted for the page language: 12 500,00 ₾ / GEL 12,500.00."""
    if value in (None, ""):
        return "—"
    amount = number_format(Decimal(value), decimal_pos=decimals, force_grouping=True)
    return _("%(amount)s GEL") % {"amount": amount}
