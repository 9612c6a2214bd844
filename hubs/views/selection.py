"""Pilot selection: criteria, applications, scores, ranking and the decision (officers)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.refusals import refusals_shown

from .. import selectors, services
from ..forms import (
    ApplicationDecisionForm,
    ApplicationDocumentForm,
    ApplicationForm,
    ApplicationScoreForm,
    CriterionForm,
)
from ..models import ApplicationDocument, Hub, SelectionCriterion
from ..permissions import applications_visible_to, can_decide_application, can_manage_selection


def _application(request, pk):
    return get_in_scope_or_404(request, applications_visible_to(request.user).for_list(), pk=pk)


@require(can_manage_selection)
def criterion_list(request):
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The criterion was saved.")) as outcome:
            services.criterion_save(data=form.cleaned_data, acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:criterion-list")
    criteria = SelectionCriterion.objects.order_by("sort_order", "pk")
    return render(request, "hubs/selectioncriterion_list.html", {"criteria": criteria, "form": form})


@require(can_manage_selection)
def criterion_edit(request, pk):
    criterion = get_object_or_404(SelectionCriterion, pk=pk)
    form = CriterionForm(request.POST or None, instance=SelectionCriterion.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The criterion was saved.")) as outcome:
            services.criterion_save(criterion=criterion, data=form.cleaned_data, acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:criterion-list")
    return render(request, "hubs/selectioncriterion_form.html", {"form": form, "criterion": criterion})


@require(can_manage_selection)
def application_list(request):
    context = {
        "applications": selectors.application_ranking(user=request.user),
        "criteria": list(SelectionCriterion.objects.filter(is_active=True)),
    }
    return render(request, "hubs/municipalityapplication_list.html", context)


@require(can_manage_selection)
def application_create(request):
    form = ApplicationForm(request.POST or None, initial={"municipality": request.GET.get("municipality")})
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The application was recorded.")) as outcome:
            application = services.application_save(data=form.cleaned_data, acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:application-detail", pk=application.pk)
    return render(request, "hubs/municipalityapplication_form.html", {"form": form})


@require(can_manage_selection)
def application_edit(request, pk):
    application = _application(request, pk)
    form = ApplicationForm(request.POST or None, instance=type(application).objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The application was saved.")) as outcome:
            services.application_save(application=application, data=form.cleaned_data, acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:application-detail", pk=application.pk)
    return render(request, "hubs/municipalityapplication_form.html", {"form": form, "application": application})


@require(can_manage_selection)
def application_detail(request, pk):
    application = _application(request, pk)
    context = selectors.application_page(application=application, user=request.user)
    context |= {
        "application": application,
        "document_form": ApplicationDocumentForm(),
        "can_decide": can_decide_application(request.user, application),
    }
    return render(request, "hubs/municipalityapplication_detail.html", context)


@require(can_manage_selection)
def application_score(request, pk):
    application = _application(request, pk)
    mine = selectors.application_page(application=application, user=request.user)["my_scores"]
    criteria = list(SelectionCriterion.objects.filter(is_active=True))
    form = ApplicationScoreForm(request.POST or None, criteria=criteria, mine=mine)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("Your scores were saved.")) as outcome:
            services.application_score(application=application, scores=form.scores(), acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:application-detail", pk=application.pk)
    return render(request, "hubs/municipalityapplication_score.html", {"form": form, "application": application})


@require_POST  # the method first: a GET answers 405 to everyone
@require(can_manage_selection)
def application_document_add(request, pk):
    application = _application(request, pk)
    form = ApplicationDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.application_document_add(application=application, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("The document was added."))
    else:
        problems = [message for errors in form.errors.values() for message in errors]
        messages.error(request, " ".join([_("The document was not added."), *problems]))
    return redirect("hubs:application-detail", pk=application.pk)


@require(can_manage_selection)
def application_document(request, pk):
    document = get_object_or_404(ApplicationDocument.objects.select_related("application"), pk=pk)
    _application(request, document.application_id)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


@require(can_manage_selection)
def application_decide(request, pk):
    application = _application(request, pk)
    needs_hub = not Hub.objects.filter(municipality_id=application.municipality_id).exists()
    form = ApplicationDecisionForm(request.POST or None, needs_hub=needs_hub)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The decision was recorded.")) as outcome:
            services.application_decide(application=application, acting_user=request.user, **form.cleaned_data)
        if outcome.ok:
            return redirect("hubs:application-detail", pk=application.pk)
    return render(
        request, "hubs/municipalityapplication_confirm_decide.html", {"form": form, "application": application}
    )
