"""Who may see and do what with people and cases. Views, services, templates and admin ask here."""

from django.core import signing
from django.db.models import Q, QuerySet

from accounts.permissions import is_hub_staff, is_officer
from accounts.roles import Role
from hubs.permissions import hub_ids_of, is_hub_lead_of, works_at

from .models import Beneficiary, Case, CaseTransfer


# Scopes -------------------------------------------------------------------------------------
def cases_visible_to(user) -> QuerySet[Case]:
    """Officers see every case; hub staff see their own hubs' cases; nobody else sees any."""
    if is_officer(user):
        return Case.objects.all()
    hub_ids = hub_ids_of(user)
    if not hub_ids:
        return Case.objects.none()
    return Case.objects.filter(hub_id__in=hub_ids)


def beneficiaries_visible_to(user) -> QuerySet[Beneficiary]:
    """A person is visible with any case of theirs (including closed ones) at the user's hubs."""
    if is_officer(user):
        return Beneficiary.objects.all()
    hub_ids = hub_ids_of(user)
    if not hub_ids:
        return Beneficiary.objects.none()
    return Beneficiary.objects.filter(pk__in=Case.objects.filter(hub_id__in=hub_ids).values("beneficiary_id"))


# A case for someone registered elsewhere is opened from a search result, never from a bare id:
# the result carries a signed token naming this user and this person, valid for a few hours.
SEARCH_RESULT_SALT = "reintegration.case-open-from-search"
SEARCH_RESULT_MAX_AGE = 4 * 60 * 60


def search_result_token(user, beneficiary: Beneficiary) -> str:
    return signing.TimestampSigner(salt=SEARCH_RESULT_SALT).sign_object([user.pk, beneficiary.pk])


def _person_of_search_result(user, token: str) -> int | None:
    try:
        user_pk, person_pk = signing.TimestampSigner(salt=SEARCH_RESULT_SALT).unsign_object(
            token, max_age=SEARCH_RESULT_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return person_pk if user_pk == user.pk else None


def beneficiaries_openable_by(user, token: str = "") -> QuerySet[Beneficiary]:
    """People the user may open a case for: those visible to them, and the one their search result names."""
    if not can_take_intake(user):
        return Beneficiary.objects.none()
    visible = beneficiaries_visible_to(user)
    found = _person_of_search_result(user, token) if token else None
    if found is None:
        return visible
    return Beneficiary.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk=found))


def transfers_visible_to(user) -> QuerySet[CaseTransfer]:
    """Transfers out of the user's hubs, and into the hubs the user leads."""
    if is_officer(user):
        return CaseTransfer.objects.all()
    return CaseTransfer.objects.filter(
        Q(from_hub_id__in=hub_ids_of(user)) | Q(to_hub_id__in=hub_ids_of(user, Role.HUB_LEAD))
    )


# Predicates ---------------------------------------------------------------------------------
def can_take_intake(user) -> bool:
    return is_hub_staff(user)


def can_work_on_case(user, case: Case) -> bool:
    """Record sessions, assessments, plan, follow-ups, consent: the case's hub staff, live cases."""
    return works_at(user, case.hub) and case.is_live


def can_edit_beneficiary(user, beneficiary: Beneficiary) -> bool:
    return is_hub_staff(user) and beneficiaries_visible_to(user).filter(pk=beneficiary.pk).exists()


def can_edit_person_of_case(user, case: Case) -> bool:
    """``can_edit_beneficiary`` for the person of a case the user already sees (no query): the case
    being in scope, the person is visible to the case's hub staff and to officers."""
    return is_hub_staff(user) and (is_officer(user) or case.hub_id in hub_ids_of(user))


def can_activate_case(user, case: Case) -> bool:
    return works_at(user, case.hub) and case.status == Case.Status.OPEN


def can_request_closure(user, case: Case) -> bool:
    return works_at(user, case.hub) and case.status in (Case.Status.OPEN, Case.Status.ACTIVE)


def can_approve_closure(user, case: Case) -> bool:
    return is_hub_lead_of(user, case.hub) and case.status == Case.Status.CLOSURE_REQUESTED


def can_reopen_case(user, case: Case) -> bool:
    return is_hub_lead_of(user, case.hub) and case.status == Case.Status.CLOSED


def can_request_transfer(user, case: Case) -> bool:
    return works_at(user, case.hub) and case.status in (Case.Status.OPEN, Case.Status.ACTIVE)


def can_decide_transfer(user, transfer: CaseTransfer) -> bool:
    return is_hub_lead_of(user, transfer.to_hub) and transfer.status == CaseTransfer.Status.PENDING


def can_read_confidential_notes(user, case: Case) -> bool:
    """The case's hub staff read confidential notes; an officer only by breaking the glass."""
    return works_at(user, case.hub)


def can_break_glass(user, case: Case) -> bool:
    return is_officer(user) and not works_at(user, case.hub)


def can_review_break_glass(user) -> bool:
    return is_officer(user)


def can_see_unmet_needs(user) -> bool:
    """The officers' data-quality view of needs no service could meet, per hub."""
    return is_officer(user)


def can_export_beneficiary(user) -> bool:
    return is_officer(user)


def can_see_case_list(user) -> bool:
    return is_officer(user) or is_hub_staff(user)


def can_see_retention(user) -> bool:
    """The retention page: periods, what is due (the dry run), and each run's report."""
    return is_officer(user)


def can_run_retention(user) -> bool:
    return is_officer(user)


def can_erase_beneficiary(user) -> bool:
    """Anonymise one person's record on their request (right to erasure)."""
    return is_officer(user)
