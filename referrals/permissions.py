"""Scopes and predicates for the service directory, guides and referrals."""

from django.db.models import QuerySet

from accounts.permissions import has_role, is_hub_staff, is_officer, is_partner
from accounts.roles import Role
from hubs.permissions import hub_ids_of, works_at
from reintegration.permissions import can_work_on_case

from .models import GuideEdition, Organization, Referral, ReferralGuide, Service


def can_view_directory(user) -> bool:
    """The directory holds no personal data: every signed-in programme member reads it."""
    return is_officer(user) or is_partner(user) or is_hub_staff(user)


def can_manage_directory(user) -> bool:
    return is_officer(user)


def can_verify_service(user, service: Service | None = None) -> bool:
    return is_officer(user)


def can_publish_guide(user, guide: ReferralGuide | None = None) -> bool:
    return is_officer(user)


def services_visible_to(user) -> QuerySet[Service]:
    if can_view_directory(user):
        return Service.objects.all()
    return Service.objects.none()


def organizations_visible_to(user) -> QuerySet[Organization]:
    if can_view_directory(user):
        return Organization.objects.all()
    return Organization.objects.none()


def guides_visible_to(user) -> QuerySet[ReferralGuide]:
    if can_view_directory(user):
        return ReferralGuide.objects.all()
    return ReferralGuide.objects.none()


def editions_visible_to(user) -> QuerySet[GuideEdition]:
    if can_view_directory(user):
        return GuideEdition.objects.all()
    return GuideEdition.objects.none()


def referrals_visible_to(user) -> QuerySet[Referral]:
    """Referrals of the cases the user may see (officers: all; hub staff: their hubs).

    Said as a filter on the case's hub rather than ``case__in=<cases>``: the planner can then walk
    the created_at index and stop after a page instead of joining every referral first.
    """
    if is_officer(user):
        return Referral.objects.all()
    hub_ids = hub_ids_of(user)
    if not hub_ids:
        return Referral.objects.none()
    return Referral.objects.filter(case__hub_id__in=hub_ids)


def can_refer(user, case) -> bool:
    """Refer from a case: its hub's staff, while the case is live."""
    return can_work_on_case(user, case)


def can_change_referral(user, referral) -> bool:
    return works_at(user, referral.case.hub)


def can_see_referral_metrics(user) -> bool:
    """Officers see every hub's metrics; a hub lead sees their own hub's (the page reads the user's scope)."""
    return is_officer(user) or has_role(user, Role.HUB_LEAD)


def is_hub_staff_or_officer(user) -> bool:
    return is_hub_staff(user) or is_officer(user)
