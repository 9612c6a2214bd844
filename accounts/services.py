from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User
from .tasks import send_email


def email_queue(*, subject: str, body: str, to: list[str]) -> None:
    """Queue an email to go out through Celery once the current transaction commits."""
    transaction.on_commit(lambda: send_email.delay(subject, body, to))


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """Remember the language a person chose; it is applied at their next login."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user
