from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require

from .. import permissions, services
from ..forms import AwardForm, CompletionForm, DisbursementForm, ReportForm, VisitForm
from ..models import Award, Tranche
from .common import run

__all__ = ["award_create", "award_detail", "completion_add", "tranche_action"]


def _awards(user):
    return Award.objects.filter(application__in=permissions.applications_visible_to(user)).select_related(
        "application__cycle"
    )


@require(permissions.can_manage_awards)
def award_create(request, pk):
    application = get_in_scope_or_404(request, permissions.applications_visible_to(request.user), pk=pk)
    form = AwardForm(request.POST or None, initial={"amount": application.requested_amount})
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            _("Award recorded."),
            services.award_create,
            application=application,
            acting_user=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect("grants:award-detail", pk=application.award.pk)
    return render(request, "grants/award_form.html", {"form": form, "application": application})


def award_detail(request, pk):
    award = get_in_scope_or_404(request, _awards(request.user), pk=pk)
    tranches = list(award.tranches.prefetch_related("visits", "disbursements"))
    for tranche in tranches:
        tranche.blockers = (
            services.tranche_release_blockers(tranche) if tranche.status == Tranche.Status.PLANNED else []
        )
    context = {
        "award": award,
        "tranches": tranches,
        "can_manage": permissions.can_manage_awards(request.user),
        "report_form": ReportForm(),
        "visit_form": VisitForm(),
        "disbursement_form": DisbursementForm(),
        "completion": getattr(award, "completion", None),
    }
    return render(request, "grants/award_detail.html", context)


ACTIONS = {
    "approve": (ReportForm, services.tranche_approve_report, _("Milestone report approved.")),
    "visit": (VisitForm, services.monitoring_visit_record, _("Monitoring visit recorded.")),
    "release": (None, services.tranche_release, _("Tranche released.")),
    "disburse": (DisbursementForm, services.disbursement_record, _("Payment recorded.")),
}


@require_POST
@require(permissions.can_manage_awards)
def tranche_action(request, pk, action):
    tranche = get_in_scope_or_404(request, Tranche.objects.filter(award__in=_awards(request.user)), pk=pk)
    if action not in ACTIONS:
        raise Http404
    form_class, service, success = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is None or form.is_valid():
        data = form.cleaned_data if form else {}
        run(request, str(success), service, tranche=tranche, acting_user=request.user, **data)
    return redirect("grants:award-detail", pk=tranche.award_id)


@require(permissions.can_manage_awards)
def completion_add(request, pk):
    award = get_in_scope_or_404(request, _awards(request.user), pk=pk)
    form = CompletionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            _("Completion report saved."),
            services.completion_report_record,
            award=award,
            acting_user=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect("grants:award-detail", pk=award.pk)
    return render(request, "grants/completionreport_form.html", {"form": form, "award": award})
