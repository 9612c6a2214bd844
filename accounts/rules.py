"""Rules of the programme that more than one app's services apply, each said once."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def check_not_in_future(day: datetime.date | None, *, field: str, message: str = "") -> None:
    """Something that took place (a consent given, a session held) is dated today or earlier."""
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: message or _("The date cannot be in the future.")})
