"""Writes on hubs, their staff and municipalities."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.refusals import authorize
from accounts.services import user_deactivate, user_invite

from ..models import Hub, HubMembership, HubStatusChange, Municipality, OpeningHours
from ..permissions import (
    can_assign_person,
    can_assign_role,
    can_change_hub_status,
    can_deactivate_staff,
    can_edit_hub,
    can_edit_municipality,
    can_end_membership,
    can_manage_hub_staff,
    can_move_staff,
)

HUB_FIELDS = ["name_ka", "name_en", "address", "phone", "opening_date"]
MUNICIPALITY_FIELDS = ["name_ka", "name_en", "kind", "population", "administrative_centre", "notes"]


@transaction.atomic
def hub_update(*, hub: Hub, data: dict, acting_user: User) -> Hub:
    """Edit a hub's details (not its status: that goes through hub_change_status)."""
    hub = Hub.objects.select_for_update().get(pk=hub.pk)
    authorize(can_edit_hub(acting_user, hub))
    changed = [field for field in HUB_FIELDS if field in data and getattr(hub, field) != data[field]]
    for field in changed:
        setattr(hub, field, data[field])
    if changed:
        hub.full_clean()
        hub.save(update_fields=changed)
    return hub


@transaction.atomic
def hub_change_status(*, hub: Hub, status: str, acting_user: User, note: str = "") -> Hub:
    """Move a hub along its status table, with a row saying who, when and why."""
    hub = Hub.objects.select_for_update().get(pk=hub.pk)
    authorize(can_change_hub_status(acting_user, hub))
    if hub.status == status:
        return hub
    if status not in Hub.TRANSITIONS[Hub.Status(hub.status)]:
        raise ValidationError(
            _("A hub that is %(current)s cannot become %(new)s.")
            % {"current": hub.get_status_display(), "new": Hub.Status(status).label}
        )
    previous = hub.status
    hub.status = status
    fields = ["status"]
    if status == Hub.Status.OPERATIONAL and hub.opening_date is None:
        hub.opening_date = timezone.localdate()
        fields.append("opening_date")
    hub.full_clean()
    hub.save(update_fields=fields)
    HubStatusChange.objects.create(hub=hub, from_status=previous, to_status=status, by=acting_user, note=note)
    return hub


@transaction.atomic
def hub_set_opening_hours(*, hub: Hub, rows: list[dict], acting_user: User) -> list[OpeningHours]:
    """Replace a hub's weekly opening hours with ``rows`` of weekday, opens, closes."""
    hub = Hub.objects.select_for_update().get(pk=hub.pk)
    authorize(can_edit_hub(acting_user, hub))
    hours = [OpeningHours(hub=hub, **row) for row in rows]
    for item in hours:
        item.full_clean()
    hub.opening_hours.all().delete()
    return OpeningHours.objects.bulk_create(hours)


def _check_overlap(*, user: User, hub: Hub, start: date, end: date | None, exclude: int | None = None) -> None:
    others = HubMembership.objects.filter(user=user, hub=hub).exclude(pk=exclude)
    others = others.filter(start_date__lte=end) if end else others
    if others.current_or_future(on=start).exists():
        raise ValidationError(_("This person already works at this hub in that period."))


@transaction.atomic
def staff_assign(
    *, user: User, hub: Hub, role: str, start_date: date, acting_user: User, end_date: date | None = None
) -> HubMembership:
    """Assign a person to a hub as counsellor or hub lead for a period.

    A hub lead may only assign an account that holds no role (a new invitee, a former colleague);
    giving a second role to a partner, committee member, mentor or other hub's staff is an officer's call.
    """
    authorize(can_assign_role(acting_user, hub, role))
    User.objects.select_for_update().get(pk=user.pk)  # one assignment of a person at a time
    authorize(can_assign_person(acting_user, user))
    if not user.is_active:
        raise ValidationError(_("This account is deactivated."))
    _check_overlap(user=user, hub=hub, start=start_date, end=end_date)
    membership = HubMembership(user=user, hub=hub, role=role, start_date=start_date, end_date=end_date)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def staff_invite(
    *,
    email: str,
    full_name: str,
    hub: Hub,
    role: str,
    start_date: date,
    acting_user: User,
    base_url: str,
    language: str = "ka",
) -> HubMembership:
    """Invite a new person by email (a one-time link) and assign them to the hub at once."""
    authorize(can_assign_role(acting_user, hub, role))
    user = user_invite(email=email, full_name=full_name, language=language, acting_user=acting_user, base_url=base_url)
    return staff_assign(user=user, hub=hub, role=role, start_date=start_date, acting_user=acting_user)


@transaction.atomic
def staff_reinvite(*, membership: HubMembership, acting_user: User, base_url: str) -> User:
    """Send a fresh one-time link to a colleague who has not set a password yet (the old link stops working)."""
    membership = HubMembership.objects.select_related("user", "hub").get(pk=membership.pk)
    authorize(can_manage_hub_staff(acting_user, membership.hub))
    person = membership.user
    if person.has_usable_password() or not person.is_active:
        raise ValidationError(_("This person has already set a password."))
    return user_invite(
        email=person.email,
        full_name=person.full_name,
        language=person.preferred_language,
        acting_user=acting_user,
        base_url=base_url,
    )


@transaction.atomic
def membership_end(*, membership: HubMembership, end_date: date, acting_user: User) -> HubMembership:
    """End a person's work at a hub on a date; the membership stays as history."""
    membership = HubMembership.objects.select_for_update().select_related("hub").get(pk=membership.pk)
    authorize(can_end_membership(acting_user, membership))
    if membership.end_date is not None and membership.end_date <= end_date:
        return membership
    if end_date < membership.start_date:
        raise ValidationError(_("The end date cannot be before the start date."))
    membership.end_date = end_date
    if end_date <= timezone.localdate():
        membership.ended_at = timezone.now()  # takes effect at once, not at midnight
    membership.full_clean()
    membership.save(update_fields=["end_date", "ended_at"])
    return membership


@transaction.atomic
def staff_move(
    *, membership: HubMembership, to_hub: Hub, on_date: date, acting_user: User, role: str | None = None
) -> HubMembership:
    """Move a person to another hub: the old membership ends the day before, a new one starts."""
    authorize(can_move_staff(acting_user))
    membership = HubMembership.objects.select_for_update().get(pk=membership.pk)
    if to_hub.pk == membership.hub_id:
        raise ValidationError(_("Choose a different hub."))
    if not membership.is_active and (membership.end_date is not None):
        raise ValidationError(_("This membership has already ended."))
    if on_date <= membership.start_date:
        raise ValidationError(_("The move must come after the start at the current hub."))
    membership_end(membership=membership, end_date=on_date - timedelta(days=1), acting_user=acting_user)
    return staff_assign(
        user=membership.user, hub=to_hub, role=role or membership.role, start_date=on_date, acting_user=acting_user
    )


@transaction.atomic
def staff_deactivate(*, user: User, acting_user: User) -> User:
    """Deactivate a staff account: open memberships end today and every session ends now."""
    authorize(can_deactivate_staff(acting_user))
    today = timezone.localdate()
    for membership in HubMembership.objects.filter(user=user).current_or_future(on=today):
        end = max(today, membership.start_date)
        membership_end(membership=membership, end_date=end, acting_user=acting_user)
    return user_deactivate(user=user, acting_user=acting_user)


@transaction.atomic
def municipality_update(*, municipality: Municipality, data: dict, acting_user: User) -> Municipality:
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    authorize(can_edit_municipality(acting_user, municipality))
    changed = [field for field in MUNICIPALITY_FIELDS if field in data and getattr(municipality, field) != data[field]]
    for field in changed:
        setattr(municipality, field, data[field])
    if changed:
        municipality.full_clean()
        municipality.save(update_fields=changed)
    return municipality
