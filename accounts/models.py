from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .append_only import AppendOnlyModel
from .constraints import choices_checked
from .roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_superuser"] = True
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


@choices_checked("preferred_language")
class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. What they may do comes from memberships, not from this row."""

    HOLDS_PERSONAL_DATA = True

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="ka"
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_staff(self) -> bool:
        """Django admin access follows the officer role (see accounts.permissions)."""
        from .permissions import is_officer

        return is_officer(self)

    def has_perm(self, perm, obj=None) -> bool:
        from .permissions import has_admin_perm

        return has_admin_perm(self, perm)

    def has_module_perms(self, app_label) -> bool:
        from .permissions import is_officer

        return is_officer(self)


def active_on(day=None, *, prefix: str = "") -> Q:
    """A membership is active from its start date to its end date (open-ended when none)."""
    day = day or timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        return self.filter(active_on(on))


@choices_checked("role")
class Membership(models.Model):
    """Programme-wide roles: IOM officers and partners (steering/consultative members, donors).

    Hub staff memberships live in hubs.HubMembership; committee and mentor memberships in grants.
    """

    HOLDS_PERSONAL_DATA = True
    ROLE_CHOICES = [(Role.OFFICER.value, Role.OFFICER.label), (Role.PARTNER.value, Role.PARTNER.label)]

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme membership")
        verbose_name_plural = _("programme memberships")
        ordering = ["user__full_name", "role"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


@choices_checked("action")
class AccessLog(AppendOnlyModel):
    """Append-only: each view of a personal record, each export and each denied access.

    It names the record by type and key only; never its content.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        DENIED = "denied", _("access denied")
        BREAK_GLASS = "break_glass", _("opened confidential data with a reason")
        ANONYMISE = "anonymise", _("anonymised on request")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(User, verbose_name=_("user"), null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), null=True, blank=True, on_delete=models.PROTECT
    )
    object_id = models.CharField(_("record key"), max_length=64, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class Invitation(models.Model):
    """A one-time link that lets an invited person set their password. Only a hash of the token is kept."""

    HOLDS_PERSONAL_DATA = True
    VALID_FOR_DAYS = 7

    user = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.PROTECT, related_name="invitations")
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
