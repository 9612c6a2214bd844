"""Phone numbers: Georgian numbers in any usual writing (+995, 00995, a leading 0, spaces, dashes,
brackets) become "+995 5XX XX XX XX"; a foreign number must start with + and its country code."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-().]")
GEORGIAN_FIRST_DIGITS = "3457"  # landlines (3x, 4x), mobiles (5xx), VoIP (70x)


def normalise_phone(value: str) -> str:
    """The number written one way, or ValidationError when it cannot be a phone number."""
    text = _SEPARATORS.sub("", value or "")
    if not text:
        return ""
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+") and not text.startswith("+995"):
        if re.fullmatch(r"\+[1-9]\d{7,14}", text):
            return text
        raise ValidationError(_("Write a foreign number with its country code, e.g. +49 30 1234567."))
    digits = text.removeprefix("+995").removeprefix("995") if text.startswith(("+995", "995")) else text
    digits = digits.removeprefix("0") if len(digits) == 10 else digits
    if not re.fullmatch(r"\d{9}", digits) or digits[0] not in GEORGIAN_FIRST_DIGITS:
        raise ValidationError(_("Write a Georgian number with 9 digits, e.g. +995 555 12 34 56 or 032 2 12 34 56."))
    if digits.startswith("32"):  # Tbilisi: a two-digit code
        return f"+995 {digits[:2]} {digits[2:5]} {digits[5:7]} {digits[7:]}"
    # Mobiles (5xx), VoIP (70x) and the regions' three-digit codes (350 Telavi, 422 Batumi...)
    return f"+995 {digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"


SHORT_NUMBER = re.compile(r"\d{3,4}")  # hotlines and emergency numbers (112, 1505)


class PhoneField(forms.CharField):
    """A phone number typed in any usual writing and stored one way (normalise_phone)."""

    def __init__(self, *, allow_short: bool = False, **kwargs):
        self.allow_short = allow_short
        kwargs.setdefault(
            "help_text", _("Georgian numbers: +995 555 12 34 56; foreign numbers with their country code.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def clean(self, value):
        value = super().clean(value)
        if self.allow_short and SHORT_NUMBER.fullmatch(_SEPARATORS.sub("", value or "")):
            return _SEPARATORS.sub("", value)
        return normalise_phone(value)


def phone_lines(text: str) -> list[str]:
    """Several numbers, one per line (a directory entry's): each written one way, hotlines kept short."""
    numbers, errors = [], []
    for line in (line.strip() for line in (text or "").splitlines()):
        if not line:
            continue
        if SHORT_NUMBER.fullmatch(_SEPARATORS.sub("", line)):
            numbers.append(_SEPARATORS.sub("", line))
            continue
        try:
            numbers.append(normalise_phone(line))
        except ValidationError as error:
            errors.append(f"{line}: {error.messages[0]}")
    if errors:
        raise ValidationError(errors)
    return numbers
