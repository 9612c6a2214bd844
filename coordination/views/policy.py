"""The policy mainstreaming register, recommendations and the report for the Government."""

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from hubs.selectors import paginate

from .. import selectors, services
from ..forms import AssessmentForm, PolicyDocumentForm, RecommendationForm, ReportDeliveryForm, StatusForm
from ..models import PolicyDocument, PolicyReport, Recommendation
from ..permissions import (
    can_browse_policy,
    can_manage_coordination,
    policy_documents_visible_to,
    recommendations_visible_to,
)
from ._helpers import file_download, form_page, post_action

REPORT_FILES = {
    "pdf-ka": ("pdf_ka", "policy-report-{n}-ka.pdf"),
    "pdf-en": ("pdf_en", "policy-report-{n}-en.pdf"),
    "xlsx": ("annex_xlsx", "policy-register-{n}.xlsx"),
}


@require(can_browse_policy)
def policy_list(request):
    level = request.GET.get("level", "") if request.GET.get("level") in PolicyDocument.Level.values else ""
    sector = request.GET.get("sector", "") if request.GET.get("sector") in PolicyDocument.Sector.values else ""
    documents = selectors.policy_documents_for_list(user=request.user, level=level, sector=sector)
    context = {
        "page": paginate(request, documents),
        "level": level,
        "sector": sector,
        "levels": PolicyDocument.Level.choices,
        "sectors": PolicyDocument.Sector.choices,
        "can_manage": can_manage_coordination(request.user),
        "delivery": selectors.policy_report_delivery(),
    }
    return render(request, "coordination/policydocument_list.html", context)


@require(can_manage_coordination)
def policy_create(request):
    form = PolicyDocumentForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        services.policy_document_save,
        template="coordination/form_page.html",
        success=_("The policy document was added to the register."),
        next_url=lambda document: document.get_absolute_url(),
        context={"title": _("Add a policy document")},
    )


def _document(request, pk) -> PolicyDocument:
    return get_in_scope_or_404(request, policy_documents_visible_to(request.user).select_related("municipality"), pk=pk)


@require(can_browse_policy)
def policy_detail(request, pk):
    document = _document(request, pk)
    context = {
        "document": document,
        "assessments": list(document.assessments.select_related("assessor")),
        "recommendations": list(document.recommendations.all()),
        "can_manage": can_manage_coordination(request.user),
    }
    return render(request, "coordination/policydocument_detail.html", context)


@require(can_manage_coordination)
def policy_edit(request, pk):
    document = _document(request, pk)
    form = PolicyDocumentForm(request.POST or None, request.FILES or None, instance=PolicyDocument.objects.get(pk=pk))
    return form_page(
        request,
        form,
        partial(services.policy_document_save, document=document),
        template="coordination/form_page.html",
        success=_("The policy document was saved."),
        next_url=lambda d: document.get_absolute_url(),
        context={"title": _("Change the policy document"), "document": document},
    )


@require(can_browse_policy)
def policy_file(request, pk):
    document = _document(request, pk)
    return file_download(document.file, document.original_name)


@require(can_manage_coordination)
def assessment_add(request, pk):
    document = _document(request, pk)
    form = AssessmentForm(request.POST or None)
    return form_page(
        request,
        form,
        partial(services.assessment_add, document=document),
        template="coordination/form_page.html",
        success=_("The assessment was recorded."),
        next_url=lambda a: document.get_absolute_url(),
        context={"title": _("Assess the policy document"), "document": document},
    )


@require(can_browse_policy)
def recommendation_list(request):
    status = request.GET.get("status", "") if request.GET.get("status") in Recommendation.Status.values else ""
    context = {
        "page": paginate(request, selectors.recommendations_for_list(user=request.user, status=status)),
        "status": status,
        "statuses": Recommendation.Status.choices,
        "can_manage": can_manage_coordination(request.user),
    }
    return render(request, "coordination/recommendation_list.html", context)


@require(can_manage_coordination)
def recommendation_create(request):
    initial = {"documents": request.GET.getlist("document")}
    form = RecommendationForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        services.recommendation_save,
        template="coordination/form_page.html",
        success=_("The recommendation was recorded."),
        next_url=lambda r: r.get_absolute_url(),
        context={"title": _("New recommendation")},
    )


def _recommendation(request, pk) -> Recommendation:
    return get_in_scope_or_404(request, recommendations_visible_to(request.user).for_list(), pk=pk)


@require(can_browse_policy)
def recommendation_detail(request, pk):
    recommendation = _recommendation(request, pk)
    manage = can_manage_coordination(request.user)
    context = {
        "recommendation": recommendation,
        "history": selectors.labelled_history(
            recommendation.status_changes.select_related("actor"), Recommendation.Status.choices
        ),
        "status_form": StatusForm(obj=recommendation) if manage else None,
        "can_manage": manage,
    }
    return render(request, "coordination/recommendation_detail.html", context)


@require(can_manage_coordination)
def recommendation_edit(request, pk):
    recommendation = _recommendation(request, pk)
    form = RecommendationForm(request.POST or None, instance=Recommendation.objects.get(pk=pk))
    return form_page(
        request,
        form,
        partial(services.recommendation_save, recommendation=recommendation),
        template="coordination/form_page.html",
        success=_("The recommendation was saved."),
        next_url=lambda r: recommendation.get_absolute_url(),
        context={"title": _("Change the recommendation")},
    )


@require_POST
@require(can_manage_coordination)
def recommendation_status(request, pk):
    recommendation = _recommendation(request, pk)
    form = StatusForm(request.POST, obj=recommendation)
    if not form.is_valid():
        messages.error(request, _("Choose a status this recommendation can move to."))
        return redirect(recommendation.get_absolute_url())
    action = partial(services.recommendation_set_status, recommendation=recommendation, **form.cleaned_data)
    return post_action(
        request,
        action,
        success=_("The recommendation's status was changed."),
        next_url=recommendation.get_absolute_url(),
    )


@require(can_manage_coordination)
def report_list(request):
    context = {"reports": list(PolicyReport.objects.select_related("generated_by", "delivered_by"))}
    return render(request, "coordination/policyreport_list.html", context)


@require_POST
@require(can_manage_coordination)
def report_issue(request):
    return post_action(
        request,
        services.policy_report_issue,
        success=_("A new edition of the report was generated."),
        next_url="coordination:report-list",
    )


@require(can_manage_coordination)
def report_file(request, pk, kind):
    report = get_in_scope_or_404(request, PolicyReport.objects.all(), pk=pk)
    if kind not in REPORT_FILES:
        raise Http404
    field_name, filename = REPORT_FILES[kind]
    return file_download(getattr(report, field_name), filename.format(n=report.number))


@require(can_manage_coordination)
def report_deliver(request, pk):
    report = get_in_scope_or_404(request, PolicyReport.objects.all(), pk=pk)
    form = ReportDeliveryForm(request.POST or None, instance=PolicyReport.objects.get(pk=pk))
    return form_page(
        request,
        form,
        partial(services.policy_report_deliver, report=report),
        template="coordination/form_page.html",
        success=_("The delivery of the report was recorded."),
        next_url=lambda r: "coordination:report-list",
        context={"title": _("Record the delivery to the Government")},
    )
