"""Who may see and do what with the sustainability survey."""

from django.db.models import QuerySet

from accounts.permissions import is_hub_staff, is_officer, is_partner
from accounts.roles import Role
from hubs.models import Hub
from hubs.permissions import hub_ids_of, works_at
from reintegration.models import Case
from reintegration.permissions import can_work_on_case, cases_visible_to

from .models import Round

SMALL_CELL = 5


# Scopes -------------------------------------------------------------------------------------
def rounds_visible_to(user) -> QuerySet[Round]:
    """A round is seen with its case: the case's hub staff and officers."""
    return Round.objects.filter(case__in=cases_visible_to(user))


def cohort_hubs_for(user) -> QuerySet[Hub]:
    """Officers and partners read every hub's cohort; a hub lead reads the hubs they lead."""
    if is_officer(user) or is_partner(user):
        return Hub.objects.all()
    return Hub.objects.filter(pk__in=hub_ids_of(user, Role.HUB_LEAD))


# Predicates ---------------------------------------------------------------------------------
def can_enter_round(user, case: Case) -> bool:
    return can_work_on_case(user, case)


def can_read_answers(user, case: Case) -> bool:
    """The answers hold psychosocial information: the case's own hub staff only (officers see scores)."""
    return works_at(user, case.hub)


def can_see_cohort(user) -> bool:
    return is_officer(user) or is_partner(user) or bool(hub_ids_of(user, Role.HUB_LEAD))


def sees_small_cells(user) -> bool:
    """Partners see aggregated figures only: groups of fewer than 5 clients are hidden from them."""
    return not is_partner(user) or is_officer(user)


def can_export_rounds(user) -> bool:
    return is_officer(user)


def can_view_versions(user) -> bool:
    return is_officer(user) or is_hub_staff(user)
