"""Who sees which results, drill-down lists, the data-quality queue and exports."""

from django.db.models import QuerySet

from accounts.permissions import has_role, is_officer, is_partner
from accounts.roles import Role
from hubs.permissions import hub_ids_of

from .models import ExportJob


def can_see_results(user) -> bool:
    return is_officer(user) or is_partner(user) or has_role(user, Role.HUB_LEAD)


def results_hub_ids(user) -> list[int] | None:
    """The hubs a user's results cover: None for the whole programme (officers, partners)."""
    if is_officer(user) or is_partner(user):
        return None
    return sorted(hub_ids_of(user, Role.HUB_LEAD))


def suppresses_small_cells(user) -> bool:
    """Partners see aggregates only: cells under 5 people are hidden from them."""
    return not is_officer(user) and not has_role(user, Role.HUB_LEAD)


def can_drill_down(user) -> bool:
    """The records behind a number: officers (everything) and hub leads (their hubs); never partners."""
    return is_officer(user) or has_role(user, Role.HUB_LEAD)


def can_see_quality_queue(user) -> bool:
    return is_officer(user) or has_role(user, Role.HUB_LEAD)


def can_export_donor_report(user) -> bool:
    return is_officer(user) or is_partner(user)


def can_export_pseudonymised(user) -> bool:
    return is_officer(user)


def can_export(user) -> bool:
    return can_export_donor_report(user)


def export_kinds_for(user) -> list[str]:
    kinds = []
    if can_export_donor_report(user):
        kinds.append(ExportJob.Kind.DONOR_REPORT)
    if can_export_pseudonymised(user):
        kinds.append(ExportJob.Kind.PSEUDONYMISED)
    return kinds


def exports_visible_to(user) -> QuerySet[ExportJob]:
    """A person's own exports only: a download link is for the one who asked for it."""
    if not can_export(user):
        return ExportJob.objects.none()
    return ExportJob.objects.filter(created_by=user)
