"""The permission core: who holds which role, and the programme-wide predicates.

Each app keeps the scopes and predicates for its own objects in ``<app>/permissions.py``, built
on these. Views, services, templates, admin and exports all ask here; none repeats a rule.
"""

from django.db.models import QuerySet

from .models import User
from .roles import Role, roles_of

# Admin permissions an officer holds on top of view/add/change: removing a lockout or a lost
# authenticator are the only deletions; everything else is closed, withdrawn or anonymised instead.
_ADMIN_DELETE_ALLOWED = {"axes.delete_accessattempt", "otp_totp.delete_totpdevice"}


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user).intersection(roles))


def is_officer(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or has_role(user, Role.OFFICER)


def is_partner(user) -> bool:
    return has_role(user, Role.PARTNER)


def is_hub_staff(user) -> bool:
    return has_role(user, Role.COUNSELLOR, Role.HUB_LEAD)


def has_admin_perm(user, perm: str) -> bool:
    """What the Django admin may do for this user (User.has_perm asks here)."""
    if not is_officer(user):
        return False
    action = perm.split(".", 1)[-1].split("_", 1)[0]
    if action == "delete":
        return perm in _ADMIN_DELETE_ALLOWED
    return True


def can_invite_users(user) -> bool:
    """Officers invite anyone; a hub lead invites colleagues for their own hub."""
    return is_officer(user) or has_role(user, Role.HUB_LEAD)


def can_deactivate_users(user) -> bool:
    return is_officer(user)


def can_view_access_log(user) -> bool:
    return is_officer(user)


def users_visible_to(user) -> QuerySet[User]:
    """Officers see every account; everyone else sees their own."""
    if is_officer(user):
        return User.objects.all()
    return User.objects.filter(pk=user.pk)
