from accounts.access import get_in_scope_or_404

from ..permissions import beneficiaries_visible_to, cases_visible_to


def case_or_404(request, pk: int):
    scope = cases_visible_to(request.user).select_related(
        "beneficiary__municipality__region", "beneficiary__household", "hub", "counsellor"
    )
    return get_in_scope_or_404(request, scope, pk=pk)


def beneficiary_or_404(request, pk: int):
    return get_in_scope_or_404(request, beneficiaries_visible_to(request.user).select_related("municipality"), pk=pk)
