"""Referrals from a case need to a service, their history, outcome and letter; the provider's answer page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, log_access, require
from accounts.models import AccessLog
from accounts.pagination import CappedPaginator
from accounts.pdf import pdf_response, render_pdf
from reintegration.models import AssessedNeed
from reintegration.permissions import cases_visible_to

from ..forms import CancelForm, OutcomeForm, ProviderDeclineForm, ProviderOutcomeForm, ReferralForm, StatusForm
from ..metrics import referral_metrics
from ..models import Referral
from ..permissions import can_change_referral, can_refer, can_see_referral_metrics, referrals_visible_to
from ..selectors import services_for_need, state_programme_implementers
from ..services import (
    referral_answer_as_provider,
    referral_cancel,
    referral_create,
    referral_record_outcome,
    referral_send,
    referral_set_status,
)
from ..services.referrals import ConsentMissing, referral_from_token


def _referral(request, pk) -> Referral:
    scope = referrals_visible_to(request.user).for_list().select_related("case__counsellor", "need__assessment")
    return get_in_scope_or_404(request, scope, pk=pk)


def referral_list(request):
    referrals = referrals_visible_to(request.user).for_list()
    status = request.GET.get("status", "")
    if status in Referral.Status.values:
        referrals = referrals.filter(status=status)
    page = CappedPaginator(referrals).get_page(request.GET.get("page"))
    context = {"page": page, "statuses": Referral.Status.choices, "status": status}
    return render(request, "referrals/referral_list.html", context)


def need_services(request, case_pk, need_pk):
    """Services for this need where the person lives, and the referral form (one click from a case need)."""
    scope = cases_visible_to(request.user).select_related("beneficiary__municipality__region", "hub")
    case = get_in_scope_or_404(request, scope, pk=case_pk)
    need = get_object_or_404(AssessedNeed, pk=need_pk, assessment__case=case)
    municipality = case.beneficiary.municipality
    services = services_for_need(user=request.user, need=need.need, municipality=municipality)
    form = ReferralForm(request.POST or None, services=services, initial={"service": request.GET.get("service")})
    if request.method == "POST":
        if not can_refer(request.user, case):
            raise PermissionDenied
        if form.is_valid():
            referral = referral_create(case=case, need=need, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The referral was saved as a draft. Check it and send it."))
            return redirect("referrals:referral-detail", pk=referral.pk)
    implementers = state_programme_implementers(region=municipality.region if municipality else None)
    context = {"case": case, "need": need, "services": services, "form": form, "implementers": implementers}
    context["can_refer"] = can_refer(request.user, case)
    return render(request, "referrals/need_services.html", context)


def referral_detail(request, pk):
    referral = _referral(request, pk)
    events = referral.events.select_related("actor")
    can_change = can_change_referral(request.user, referral)
    context = {
        "referral": referral,
        "events": events,
        "can_change": can_change,
        "status_form": StatusForm() if can_change and referral.is_open else None,
        "outcome_form": OutcomeForm() if can_change and referral.can_move_to(Referral.Status.COMPLETED) else None,
    }
    return render(request, "referrals/referral_detail.html", context)


def _consent_message(request, referral: Referral, error: ConsentMissing):
    link = reverse("reintegration:consent-add", kwargs={"pk": referral.case_id})
    messages.error(request, format_html('{} <a href="{}">{}</a>', error.messages[0], link, _("Record the consent")))


@require_POST
def referral_send_view(request, pk):
    referral = _referral(request, pk)
    try:
        referral_send(referral=referral, acting_user=request.user, base_url=request.build_absolute_uri("/")[:-1])
    except ConsentMissing as error:
        _consent_message(request, referral, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The referral was sent to the provider."))
    return redirect("referrals:referral-detail", pk=referral.pk)


@require_POST
def referral_status_view(request, pk):
    referral = _referral(request, pk)
    form = StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose what happened."))
        referral_set_status(referral=referral, acting_user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The referral was updated."))
    return redirect("referrals:referral-detail", pk=referral.pk)


def referral_outcome(request, pk):
    referral = _referral(request, pk)
    if not can_change_referral(request.user, referral):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_record_outcome(referral=referral, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("referrals:referral-detail", pk=referral.pk)
    return render(request, "referrals/referral_form_outcome.html", {"referral": referral, "form": form})


def referral_cancel_view(request, pk):
    """GET: the confirmation page; POST: cancel with a reason."""
    referral = _referral(request, pk)
    if not can_change_referral(request.user, referral):
        raise PermissionDenied
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_cancel(referral=referral, acting_user=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The referral was cancelled."))
            return redirect("referrals:referral-detail", pk=referral.pk)
    return render(request, "referrals/referral_confirm_cancel.html", {"referral": referral, "form": form})


def referral_letter(request, pk):
    referral = _referral(request, pk)
    pdf = render_pdf("referrals/pdf/referral_letter.html", {"referral": referral})
    return pdf_response(pdf, f"referral-{referral.pk}.pdf")


@login_not_required
def provider_answer(request, token):
    """The provider's page behind the signed link: accept, decline with a reason, later the outcome."""
    try:
        referral = referral_from_token(token)
    except PermissionDenied:
        return render(request, "referrals/provider_answer_invalid.html", status=403)
    decline_form = ProviderDeclineForm(request.POST if request.POST.get("answer") == "decline" else None)
    outcome_form = ProviderOutcomeForm(request.POST if request.POST.get("answer") == "outcome" else None)
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        form = {"decline": decline_form, "outcome": outcome_form}.get(answer)
        if form is None or form.is_valid():
            try:
                referral_answer_as_provider(token=token, answer=answer, **(form.cleaned_data if form else {}))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Thank you: your answer was recorded."))
            return redirect("referrals:provider-answer", token=token)
    log_access(
        user=request.user, action=AccessLog.Action.VIEW, obj=referral, path=request.path[:40], reason="provider link"
    )
    answered = set(referral.events.exclude(provider_answer="").values_list("provider_answer", flat=True))
    context = {"referral": referral, "decline_form": decline_form, "outcome_form": outcome_form, "answered": answered}
    return render(request, "referrals/provider_answer.html", context)


@require(can_see_referral_metrics)
def referral_metrics_view(request):
    metrics = referral_metrics(referrals_visible_to(request.user))
    return render(request, "referrals/referral_metrics.html", {"metrics": metrics})
