from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.pagination import CappedPaginator
from accounts.refusals import refusals_shown

from .. import permissions as perms
from .. import services
from ..filters import CaseFilter
from ..forms import BeneficiaryForm, CaseForm, ClosureRequestForm, NoteForm, TransferAcceptForm, TransferRequestForm
from ..panels import render_case_panels
from ..selectors.case_page import CASE_TABS, case_page_frame, case_tab, case_tab_data
from ._helpers import beneficiary_or_404, case_or_404


@require(perms.can_see_case_list)
def case_list(request):
    filterset = CaseFilter(
        request.GET or None, queryset=perms.cases_visible_to(request.user).for_list(), request=request
    )
    page = CappedPaginator(filterset.qs).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "can_take_intake": perms.can_take_intake(request.user),
    }
    return render(request, "reintegration/case_list.html", context)


def case_detail(request, pk: int):
    """The case page with one tab of its main column open (``?tab=``, Overview by default). A tab
    clicked with htmx gets only the tab (its links and pane); every tab is scoped and logged alike."""
    case = case_or_404(request, pk)
    user = request.user
    tab = case_tab(request.GET.get("tab"))
    context = {"case": case, "actions": _case_actions(user, case), "tab": tab, "tabs": CASE_TABS}
    context |= case_tab_data(case, user, tab.name)
    context["panels"] = render_case_panels(case, user, request, tab=tab.name)
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "reintegration/case_detail.html#case-tabs", context)
    else:
        context |= case_page_frame(case, user)
        response = render(request, "reintegration/case_detail.html", context)
    patch_vary_headers(response, ["HX-Request"])  # a browser's cache never answers a page with a tab
    return response


def _case_actions(user, case) -> dict:
    return {
        "work": perms.can_work_on_case(user, case),
        "edit_person": perms.can_edit_person_of_case(user, case),
        "activate": perms.can_activate_case(user, case) and case.status == case.Status.OPEN,
        "request_closure": perms.can_request_closure(user, case),
        "approve_closure": perms.can_approve_closure(user, case),
        "reopen": perms.can_reopen_case(user, case),
        "transfer": perms.can_request_transfer(user, case),
        "read_notes": perms.can_read_confidential_notes(user, case),
        "break_glass": perms.can_break_glass(user, case),
        "export": perms.can_export_beneficiary(user),
        "erase": perms.can_erase_beneficiary(user) and case.beneficiary.anonymised_at is None,
    }


def case_edit(request, pk: int):
    case = case_or_404(request, pk)
    if not perms.can_work_on_case(request.user, case):
        raise PermissionDenied
    form = CaseForm(request.POST or None, instance=case)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            data = {name: form.cleaned_data[name] for name in ("counsellor", "summary")}
            services.case_update(
                case=case, expected_version=form.cleaned_data["version"], acting_user=request.user, **data
            )
        except services.EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = error.current.version
            form = CaseForm(data, instance=error.current)
        else:
            messages.success(request, _("The case is saved."))
            return redirect("reintegration:case-detail", pk=case.pk)
    return render(request, "reintegration/case_form.html", {"case": case, "form": form, "conflict": conflict})


def beneficiary_edit(request, pk: int):
    person = beneficiary_or_404(request, pk)
    if not perms.can_edit_beneficiary(request.user, person):
        raise PermissionDenied
    form = BeneficiaryForm(request.POST or None, instance=person)
    case = perms.cases_visible_to(request.user).filter(beneficiary=person).order_by("-opened_on").first()
    back_url = case.get_absolute_url() if case else reverse("reintegration:case-list")
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.beneficiary_update(
                beneficiary=person,
                expected_version=form.cleaned_data["version"],
                acting_user=request.user,
                **form.service_fields(),
            )
        except services.EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = error.current.version
            form = BeneficiaryForm(data, instance=error.current)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The record of %(name)s is saved.") % {"name": person})
            return redirect(back_url)
    context = {"person": person, "form": form, "conflict": conflict, "back_url": back_url}
    return render(request, "reintegration/beneficiary_form.html", context)


def _status_action(request, pk, service, predicate, *, form_class=NoteForm, title="", **form_kwargs):
    """GET: the confirmation page; POST: the service, then back to the case."""
    case = case_or_404(request, pk)
    if not predicate(request.user, case):
        raise PermissionDenied
    form = form_class(request.POST if request.method == "POST" else None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request) as outcome:
            service(case=case, acting_user=request.user, **form.cleaned_data)
        if not outcome.ok:
            return redirect(case.get_absolute_url())
        messages.success(
            request, _("Case %(number)s: %(status)s.") % {"number": case.number, "status": _status_label(case)}
        )
        return redirect(case.get_absolute_url())
    return render(request, "reintegration/case_confirm_status.html", {"case": case, "form": form, "title": title})


def _status_label(case):
    case.refresh_from_db(fields=["status"])
    return case.get_status_display()


@require_POST
def case_activate(request, pk: int):
    return _status_action(request, pk, services.case_activate, perms.can_activate_case)


def case_request_closure(request, pk: int):
    return _status_action(
        request,
        pk,
        services.case_request_closure,
        perms.can_request_closure,
        form_class=ClosureRequestForm,
        title=_("Request closure"),
    )


def case_approve_closure(request, pk: int):
    return _status_action(
        request, pk, services.case_approve_closure, perms.can_approve_closure, title=_("Approve closure")
    )


def case_return_closure(request, pk: int):
    return _status_action(
        request,
        pk,
        services.case_return_closure,
        perms.can_approve_closure,
        title=_("Keep the case open"),
        required=True,
    )


def case_reopen(request, pk: int):
    return _status_action(
        request, pk, services.case_reopen, perms.can_reopen_case, title=_("Reopen the case"), required=True
    )


def case_transfer(request, pk: int):
    case = case_or_404(request, pk)
    if not perms.can_request_transfer(request.user, case):
        raise PermissionDenied
    form = TransferRequestForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request) as outcome:
            services.case_transfer_request(case=case, acting_user=request.user, **form.cleaned_data)
        if not outcome.ok:
            return redirect(case.get_absolute_url())
        messages.success(
            request, _("The transfer is sent to %(hub)s for acceptance.") % {"hub": form.cleaned_data["to_hub"]}
        )
        return redirect(case.get_absolute_url())
    return render(
        request,
        "reintegration/case_confirm_status.html",
        {"case": case, "form": form, "title": _("Transfer to another hub")},
    )


def transfer_detail(request, pk: int):
    """The receiving hub's lead sees the request and accepts (choosing a counsellor) or declines."""
    scope = perms.transfers_visible_to(request.user).select_related(
        "case__beneficiary", "from_hub", "to_hub", "requested_by"
    )
    transfer = get_in_scope_or_404(request, scope, pk=pk)
    can_decide = perms.can_decide_transfer(request.user, transfer)
    accept_form = TransferAcceptForm(request.POST or None, hub=transfer.to_hub)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        return _decide_transfer(request, transfer, accept_form)
    return render(
        request,
        "reintegration/transfer_detail.html",
        {"transfer": transfer, "can_decide": can_decide, "accept_form": accept_form},
    )


def _decide_transfer(request, transfer, accept_form):
    with refusals_shown(request) as outcome:
        if request.POST.get("decision") == "decline":
            services.case_transfer_decline(
                transfer=transfer, acting_user=request.user, note=request.POST.get("note", "")
            )
            messages.success(request, _("The transfer is declined."))
            return redirect("reintegration:my-work")
        if accept_form.is_valid():
            new_case = services.case_transfer_accept(
                transfer=transfer, acting_user=request.user, **accept_form.cleaned_data
            )
            messages.success(request, _("The transfer is accepted: case %(number)s.") % {"number": new_case.number})
            return redirect(new_case.get_absolute_url())
    if not outcome.ok:
        return redirect(request.path)
    return render(
        request,
        "reintegration/transfer_detail.html",
        {"transfer": transfer, "can_decide": True, "accept_form": accept_form},
    )
