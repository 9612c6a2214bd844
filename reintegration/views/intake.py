from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.refusals import refusals_shown
from hubs.models import Hub
from hubs.permissions import hub_ids_of

from .. import services
from ..forms import CaseOpenForm, IntakeForm, SearchForm
from ..permissions import beneficiaries_openable_by, can_take_intake, cases_visible_to
from ..selectors import case_for_intake_token, duplicate_warnings, intake_search, mark_search_results


def _my_hubs(user):
    return Hub.objects.filter(pk__in=hub_ids_of(user)).order_by("code")


@require(can_take_intake)
def intake(request):
    """Search first; the form to register someone new comes after a search."""
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    result = intake_search(query) if query else None
    if result is not None:
        mark_search_results(request.user, [*result.exact, *result.close])
    hubs = _my_hubs(request.user)
    form = IntakeForm(request.POST or None, hubs=hubs, initial={"name_ka": "" if query[:1].isdigit() else query})
    warnings = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent_before = case_for_intake_token(request.user, data["intake_token"])
        if sent_before is not None:  # the same form sent twice: show what the first one created
            return redirect(sent_before.get_absolute_url())
        warnings = duplicate_warnings(
            name_ka=data["name_ka"], personal_number=data["personal_number"], birth_year=data.get("birth_year")
        )
        mark_search_results(request.user, [*warnings.exact, *warnings.close])
        if warnings.exact:
            form.add_error("personal_number", _("A person with this personal number is already registered."))
        elif warnings.close and not data["different_person"]:
            form.add_error("different_person", _("Similar people are registered: check them, then confirm."))
        else:
            return _register(request, form)
    context = {"search": search, "query": query, "result": result, "form": form, "warnings": warnings, "hubs": hubs}
    return render(request, "reintegration/intake.html", context)


def _register(request, form):
    with refusals_shown(request, form=form) as outcome:
        case = services.beneficiary_register(
            hub=form.cleaned_data["hub"],
            acting_user=request.user,
            intake_token=form.cleaned_data["intake_token"],
            **form.service_fields(),
        )
    if not outcome.ok:
        return render(request, "reintegration/intake.html", {"form": form, "search": SearchForm(), "query": ""})
    messages.success(
        request, _("%(name)s is registered: case %(number)s.") % {"name": case.beneficiary, "number": case.number}
    )
    return redirect("reintegration:case-detail", pk=case.pk)


@require_POST
@require(can_take_intake)
def case_open_existing(request, pk: int):
    """Open a case at the user's hub for a person the intake search found (a bare id answers 404)."""
    form = CaseOpenForm(request.POST, hubs=_my_hubs(request.user))
    token = request.POST.get("token", "")
    person = get_in_scope_or_404(request, beneficiaries_openable_by(request.user, token=token), pk=pk)
    back = f"{reverse('reintegration:intake')}?{urlencode({'q': request.POST.get('q', '')})}"
    if not form.is_valid() or form.cleaned_data["hub"] is None:
        messages.error(request, _("The case was not opened: check the hub and the reason."))
        return redirect(back)
    hub = form.cleaned_data["hub"]
    try:
        case = services.case_open(
            beneficiary=person, hub=hub, reason=form.cleaned_data["reason"], acting_user=request.user
        )
    except ValidationError as error:
        live = cases_visible_to(request.user).live().filter(beneficiary=person, hub=hub).first()
        if live is not None:  # a second click, or a colleague was quicker: show the case that is open
            messages.info(request, _("Case %(number)s is already open.") % {"number": live.number})
            return redirect(live.get_absolute_url())
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, _("Case %(number)s is opened.") % {"number": case.number})
    return redirect("reintegration:case-detail", pk=case.pk)
