from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from accounts.access import get_in_scope_or_404

from ..permissions import beneficiaries_visible_to, cases_visible_to


def case_or_404(request, pk: int):
    scope = cases_visible_to(request.user).select_related(
        "beneficiary__municipality__region", "beneficiary__household", "hub", "counsellor"
    )
    return get_in_scope_or_404(request, scope, pk=pk)


def beneficiary_or_404(request, pk: int):
    return get_in_scope_or_404(request, beneficiaries_visible_to(request.user).select_related("municipality"), pk=pk)


def error_messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def back_with_errors(request, error: ValidationError, url):
    for message in error_messages(error):
        messages.error(request, message)
    return redirect(url)
