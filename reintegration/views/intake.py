from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require
from accounts.refusals import refusals_shown
from hubs.models import Hub
from hubs.permissions import hub_ids_of

from .. import services
from ..forms import IntakeForm, SearchForm
from ..models import Beneficiary
from ..permissions import can_take_intake
from ..selectors import case_for_intake_token, duplicate_warnings, intake_search


def _my_hubs(user):
    return Hub.objects.filter(pk__in=hub_ids_of(user)).order_by("code")


@require(can_take_intake)
def intake(request):
    """Search first; the form to register someone new comes after a search."""
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    result = intake_search(query) if query else None
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
    """Open a case at the user's hub for a person the intake search found."""
    person = get_object_or_404(Beneficiary, pk=pk)
    hub = get_object_or_404(Hub, pk=request.POST.get("hub") or next(iter(hub_ids_of(request.user)), None))
    with refusals_shown(request) as outcome:
        case = services.case_open(beneficiary=person, hub=hub, acting_user=request.user)
    if not outcome.ok:
        return redirect("reintegration:intake")
    messages.success(request, _("Case %(number)s is opened.") % {"number": case.number})
    return redirect("reintegration:case-detail", pk=case.pk)
