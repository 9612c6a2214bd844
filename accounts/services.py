import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Invitation, User
from .permissions import can_deactivate_users, can_invite_users
from .refusals import authorize
from .tasks import send_email


def email_queue(*, subject: str, body: str, to: list[str]) -> None:
    """Queue an email to go out through Celery once the current transaction commits (once: its key)."""
    key = secrets.token_hex(16)
    transaction.on_commit(lambda: send_email.delay(subject, body, to, key))


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


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def user_invite(*, email: str, full_name: str, acting_user: User, base_url: str, language: str = "ka") -> User:
    """Create (or find a not-yet-activated) account and email it a one-time link that expires.

    An earlier unused link of the same person stops working. A person who already set a password
    is not invited again: they are assigned instead.
    """
    authorize(can_invite_users(acting_user))
    email = User.objects.normalize_email(email).lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is not None and user.has_usable_password():
        raise ValidationError(_("This person already has an account: assign them instead of inviting them."))
    if user is None:
        user = User(email=email, full_name=full_name, preferred_language=language)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        token_hash=invitation_token_hash(token),
        expires_at=now + timedelta(days=Invitation.VALID_FOR_DAYS),
        invited_by=acting_user,
    )
    link = base_url.rstrip("/") + reverse("accounts:invitation-accept", kwargs={"token": token})
    with translation.override(user.preferred_language):
        context = {"user": user, "link": link, "days": Invitation.VALID_FOR_DAYS, "inviter": acting_user}
        subject = _("You are invited to the reintegration hubs system")
        body = render_to_string("accounts/email/invitation.txt", context)
    email_queue(subject=str(subject), body=body, to=[user.email])
    return user


def invitation_for_token(token: str) -> Invitation | None:
    """The usable invitation behind a link, or None (unknown, used or expired)."""
    invitation = Invitation.objects.select_related("user").filter(token_hash=invitation_token_hash(token)).first()
    return invitation if invitation is not None and invitation.is_usable else None


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """The invited person sets their password; the link works once."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        raise ValidationError(_("This invitation link was already used or has expired."))
    user = invitation.user
    validate_password(password, user)
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def _end_sessions_of(user: User) -> int:
    """Delete every open session of the user (database sessions), so they are signed out at once."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User, acting_user: User) -> User:
    """An officer deactivates an account: it cannot sign in and its open sessions end now."""
    authorize(can_deactivate_users(acting_user))
    if user.pk == acting_user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    Invitation.objects.filter(user=user, used_at__isnull=True).update(expires_at=timezone.now())
    _end_sessions_of(user)
    return user


@transaction.atomic
def user_password_link_send(*, user: User, acting_user: User, base_url: str) -> None:
    """An officer helps someone in: a reset link (or, before their first password, an invitation).

    The officer never chooses or sees the password; the person sets it through the emailed link.
    """
    authorize(can_invite_users(acting_user))
    if not user.is_active:
        raise ValidationError(_("This account is deactivated."))
    if not user.has_usable_password():
        user_invite(
            email=user.email,
            full_name=user.full_name,
            language=user.preferred_language,
            acting_user=acting_user,
            base_url=base_url,
        )
        return
    from urllib.parse import urlsplit

    from .forms import QueuedPasswordResetForm

    form = QueuedPasswordResetForm({"email": user.email})
    form.is_valid()
    parts = urlsplit(base_url)
    form.save(
        domain_override=parts.netloc,
        use_https=parts.scheme == "https",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
    )
