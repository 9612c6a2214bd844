"""Who may do what with survey instruments, rounds, responses, imports and analysis.

Officers manage everything and see every response. Counsellors and hub leads are the enumerators:
they enter and see responses only in open rounds that include their hub's municipality.
Partners see aggregated analysis only, with small cells hidden. Respondents' answers are personal
data and follow the beneficiaries' rule: the hub of the municipality, and officers.
"""

from django.db.models import QuerySet

from accounts.permissions import is_hub_staff, is_officer, is_partner
from hubs.models import Municipality
from hubs.permissions import hub_standing

from .models import ImportJob, Instrument, Response, Round

SMALL_CELL = 5


def municipality_ids_of(user) -> frozenset[int]:
    """Municipalities whose hub the user works at today."""
    return hub_standing(user).municipality_ids()


def can_manage_surveys(user) -> bool:
    return is_officer(user)


def can_see_rounds(user) -> bool:
    return is_officer(user) or is_partner(user) or is_hub_staff(user)


def can_view_analysis(user) -> bool:
    return is_officer(user) or is_partner(user)


def sees_small_cells(user) -> bool:
    """Partners get aggregated figures only: cells under 5 respondents are hidden from them."""
    return is_officer(user)


def can_export_raw_responses(user) -> bool:
    return is_officer(user)


def instruments_visible_to(user) -> QuerySet[Instrument]:
    return Instrument.objects.all() if can_manage_surveys(user) else Instrument.objects.none()


def rounds_visible_to(user) -> QuerySet[Round]:
    """Officers and partners: every round; enumerators: rounds in their municipality."""
    if is_officer(user) or is_partner(user):
        return Round.objects.all()
    if is_hub_staff(user):
        return Round.objects.filter(targets__municipality_id__in=municipality_ids_of(user)).distinct()
    return Round.objects.none()


def responses_visible_to(user) -> QuerySet[Response]:
    if is_officer(user):
        return Response.objects.all()
    if is_hub_staff(user):
        return Response.objects.filter(municipality_id__in=municipality_ids_of(user))
    return Response.objects.none()


def imports_visible_to(user) -> QuerySet[ImportJob]:
    return ImportJob.objects.all() if can_manage_surveys(user) else ImportJob.objects.none()


def entry_municipalities(user, round_: Round) -> QuerySet[Municipality]:
    """Where the user may enter responses for this round: open rounds, their own municipality."""
    if round_.status != Round.Status.OPEN:
        return Municipality.objects.none()
    ids = round_.targets.values_list("municipality_id", flat=True)
    if not is_officer(user):
        ids = ids.filter(municipality_id__in=municipality_ids_of(user))
    return Municipality.objects.filter(pk__in=ids)


def can_enter_responses(user, round_: Round) -> bool:
    return (is_officer(user) or is_hub_staff(user)) and entry_municipalities(user, round_).exists()


def households_visible_to(user):
    """Registered households the user may link a response to: those of beneficiaries they see."""
    from reintegration.models import Household
    from reintegration.permissions import beneficiaries_visible_to

    return Household.objects.filter(pk__in=beneficiaries_visible_to(user).values("household_id"))


def can_change_version(user, version) -> bool:
    return can_manage_surveys(user) and not version.is_answered
