"""Scopes and predicates for regions, municipalities, hubs and hub staff."""

from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import User
from accounts.permissions import has_role, is_officer, is_partner
from accounts.principal import principal_of
from accounts.roles import Role, RoleProvider, membership_rows, users_holding_a_role

from .models import Hub, HubMembership


@dataclass(frozen=True)
class HubStanding:
    """A person's active hub memberships today, as (hub id, role, municipality id) triples."""

    memberships: tuple[tuple[int, str, int], ...] = ()

    def hub_ids(self, *roles: str) -> frozenset[int]:
        return frozenset(hub for hub, role, _ in self.memberships if not roles or role in roles)

    def municipality_ids(self) -> frozenset[int]:
        return frozenset(municipality for _, _, municipality in self.memberships)

    def roles(self) -> frozenset[str]:
        return frozenset(role for _, role, _ in self.memberships)


def load_hub_standing(user) -> HubStanding:
    rows = HubMembership.objects.active().filter(user=user).values_list("hub_id", "role", "hub__municipality_id")
    return HubStanding(tuple(rows))


def hub_membership_rows(user):
    memberships = HubMembership.objects.active().filter(user=user)
    return membership_rows(memberships, "hubs", ref="hub_id", label="role", ref2="hub__municipality_id")


ROLE_PROVIDER = RoleProvider(
    key="hubs",
    load=load_hub_standing,
    roles=HubStanding.roles,
    rows=hub_membership_rows,
    from_rows=lambda rows, user: HubStanding(tuple((row.ref, row.label, row.ref2) for row in rows)),
)


def hub_standing(user) -> HubStanding:
    return principal_of(user).facts("hubs") or HubStanding()


def hub_ids_of(user, *roles: str) -> frozenset[int]:
    """Hubs where the user works today (optionally only in the given roles), from the principal."""
    return hub_standing(user).hub_ids(*roles)


def hubs_visible_to(user) -> QuerySet[Hub]:
    """Officers and partners see every hub; hub staff see their own hubs."""
    if is_officer(user) or is_partner(user):
        return Hub.objects.all()
    return Hub.objects.filter(pk__in=hub_ids_of(user))


def hub_staff_visible_to(user) -> QuerySet[HubMembership]:
    """Names of hub staff: officers see all; hub staff see their own hubs' colleagues."""
    if is_officer(user):
        return HubMembership.objects.all()
    return HubMembership.objects.filter(hub_id__in=hub_ids_of(user))


def is_hub_lead_of(user, hub: Hub) -> bool:
    return hub.pk in hub_ids_of(user, Role.HUB_LEAD)


def works_at(user, hub: Hub) -> bool:
    return hub.pk in hub_ids_of(user)


# Hubs and their staff -------------------------------------------------------------------------


def can_browse_hubs(user) -> bool:
    return is_officer(user) or has_role(user, Role.COUNSELLOR, Role.HUB_LEAD)


def can_edit_hub(user, hub: Hub) -> bool:
    """Details and opening hours: officers, and the hub's own lead."""
    return is_officer(user) or is_hub_lead_of(user, hub)


def can_change_hub_status(user, hub: Hub) -> bool:
    return is_officer(user)


def can_manage_hub_staff(user, hub: Hub) -> bool:
    """Invite, assign and end memberships at this hub: officers, and the hub's own lead."""
    return is_officer(user) or is_hub_lead_of(user, hub)


def can_assign_role(user, hub: Hub, role: str) -> bool:
    """A hub lead adds counsellors to their hub; only officers name hub leads."""
    if is_officer(user):
        return True
    return role == Role.COUNSELLOR and is_hub_lead_of(user, hub)


def can_assign_person(user, person) -> bool:
    """Officers give any account a hub role; a hub lead only one that holds no role at all."""
    if is_officer(user):
        return True
    return not User.objects.filter(users_holding_a_role(), pk=person.pk).exists()


def can_end_membership(user, membership: HubMembership) -> bool:
    return can_manage_hub_staff(user, membership.hub) and (
        is_officer(user) or membership.user_id != getattr(user, "pk", None)
    )


def can_move_staff(user) -> bool:
    """Moving a person between hubs touches two hubs: officers only."""
    return is_officer(user)


def can_deactivate_staff(user) -> bool:
    return is_officer(user)


# Regions, municipalities and pilot selection --------------------------------------------------


def can_browse_municipalities(user) -> bool:
    return is_officer(user)


def can_edit_municipality(user, municipality=None) -> bool:
    return is_officer(user)


def can_manage_selection(user) -> bool:
    return is_officer(user)


def applications_visible_to(user):
    from .models import MunicipalityApplication

    return (
        MunicipalityApplication.objects.all() if can_manage_selection(user) else MunicipalityApplication.objects.none()
    )


def can_decide_application(user, application) -> bool:
    return can_manage_selection(user) and not application.is_decided


# Trainings ------------------------------------------------------------------------------------


def can_manage_trainings(user) -> bool:
    return is_officer(user)


def can_see_training_figures(user) -> bool:
    """Officers see every hub's training figures; a hub lead sees the hubs they lead."""
    return is_officer(user) or has_role(user, Role.HUB_LEAD)


def training_figure_hubs(user) -> QuerySet[Hub]:
    if is_officer(user):
        return Hub.objects.all()
    return Hub.objects.filter(pk__in=hub_ids_of(user, Role.HUB_LEAD))


def can_browse_trainings(user) -> bool:
    return is_officer(user) or has_role(user, Role.COUNSELLOR, Role.HUB_LEAD)


def trainings_visible_to(user):
    """Officers: every event. Hub staff: events they took part in or gave, and their hubs' cascade sessions."""
    from django.db.models import Q

    from .models import TrainingEvent

    if is_officer(user):
        return TrainingEvent.objects.all()
    if not getattr(user, "is_authenticated", False):
        return TrainingEvent.objects.none()
    own = Q(participants__user=user) | Q(trainer=user) | Q(hub_id__in=hub_ids_of(user))
    return TrainingEvent.objects.filter(pk__in=TrainingEvent.objects.filter(own).values("pk"))


def training_participants_visible_to(user):
    """Officers: everyone. A hub lead: their hubs' participants. Anyone: their own participations."""
    from django.db.models import Q

    from .models import TrainingParticipant

    if is_officer(user):
        return TrainingParticipant.objects.all()
    if not getattr(user, "is_authenticated", False):
        return TrainingParticipant.objects.none()
    return TrainingParticipant.objects.filter(Q(user=user) | Q(hub_id__in=hub_ids_of(user, Role.HUB_LEAD)))


def can_download_certificate(user, participant) -> bool:
    return participant.completed_on is not None


# Information sessions -------------------------------------------------------------------------


def can_browse_info_sessions(user) -> bool:
    return is_officer(user) or has_role(user, Role.COUNSELLOR, Role.HUB_LEAD)


def info_sessions_visible_to(user):
    from .models import InfoSession

    if is_officer(user):
        return InfoSession.objects.all()
    return InfoSession.objects.filter(hub_id__in=hub_ids_of(user))


def hubs_for_info_sessions(user) -> QuerySet[Hub]:
    """Hubs a person may record an information session for."""
    if is_officer(user):
        return Hub.objects.all()
    return Hub.objects.filter(pk__in=hub_ids_of(user))


def can_record_info_session(user, hub: Hub) -> bool:
    return is_officer(user) or works_at(user, hub)
