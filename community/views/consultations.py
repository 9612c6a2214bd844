"""Consultations: record the meeting, the priorities and the votes; the results beside the survey."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.permissions import is_officer
from hubs.models import Municipality

from .. import permissions, selectors, services
from ..forms import ConsultationForm, PaperVotesForm, PriorityForm, RetainForm, SurveyLinkForm, VoteSetForm
from ..models import Consultation
from ._common import allow, form_page, page_of, run


def _consultation(request, pk) -> Consultation:
    scope = permissions.consultations_visible_to(request.user).select_related("municipality", "survey_round")
    return get_in_scope_or_404(request, scope, pk=pk)


def _places(user):
    if is_officer(user):
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=permissions.municipalities_of(user))


@require(permissions.can_see_community)
def consultation_list(request):
    page = page_of(request, selectors.consultations_for_list(request.user))
    can_add = permissions.can_record_consultation(request.user)
    return render(request, "community/consultation_list.html", {"page": page, "can_add": can_add})


@require(permissions.can_record_consultation)
def consultation_create(request):
    form = ConsultationForm(request.POST or None, municipalities=_places(request.user))
    if request.method == "POST" and form.is_valid():
        consultation = services.consultation_create(acting_user=request.user, **form.cleaned_data)
        return redirect("community:consultation-detail", pk=consultation.pk)
    back = "community:consultation-list"
    return render(
        request, "community/form_page.html", {"form": form, "title": _("Record a consultation"), "back": back}
    )


def consultation_detail(request, pk):
    consultation = _consultation(request, pk)
    can_enter = permissions.can_enter_votes(request.user, consultation)
    priorities = list(consultation.priorities.select_related("theme"))
    context = {
        "consultation": consultation,
        "results": selectors.consultation_results(consultation),
        "can_enter": can_enter,
        "priority_form": PriorityForm(),
        "votes_form": PaperVotesForm(priorities=priorities) if can_enter else None,
        "can_link_survey": permissions.can_retain_priorities(request.user),
        "survey_form": SurveyLinkForm(initial={"survey_round": consultation.survey_round_id}),
        "vote_set_count": consultation.vote_sets.count(),
    }
    return render(request, "community/consultation_detail.html", context)


@require_POST
def priority_add(request, pk):
    consultation = _consultation(request, pk)
    allow(request, permissions.can_enter_votes(request.user, consultation))
    form = PriorityForm(request.POST)
    if form.is_valid():
        run(request, _("Priority added."), services.priority_add, consultation=consultation,
            acting_user=request.user, **form.cleaned_data)  # fmt: skip
    return redirect("community:consultation-detail", pk=consultation.pk)


@require_POST
def paper_votes(request, pk):
    consultation = _consultation(request, pk)
    allow(request, permissions.can_enter_votes(request.user, consultation))
    form = PaperVotesForm(request.POST, priorities=consultation.priorities.select_related("theme"))
    if form.is_valid():
        run(request, _("The votes are recorded."), services.paper_votes_record, consultation=consultation,
            totals=form.totals(), acting_user=request.user)  # fmt: skip
    else:
        messages.error(request, _("Enter a whole number of votes, zero or more, for each priority."))
    return redirect("community:consultation-detail", pk=consultation.pk)


def vote_set_add(request, pk):
    consultation = _consultation(request, pk)
    allow(request, permissions.can_enter_votes(request.user, consultation))
    form = VoteSetForm(request.POST or None, consultation=consultation)
    save = partial(services.vote_set_record, consultation=consultation)
    back = request.path if "another" in request.POST else consultation_url(consultation)
    return form_page(request, form, save, title=_("A resident's votes"), success=_("The votes are recorded."),
                     back=back, parent=consultation)  # fmt: skip


def consultation_url(consultation) -> str:
    from django.urls import reverse

    return reverse("community:consultation-detail", kwargs={"pk": consultation.pk})


@require_POST
def survey_link(request, pk):
    consultation = _consultation(request, pk)
    allow(request, permissions.can_retain_priorities(request.user))
    form = SurveyLinkForm(request.POST)
    if form.is_valid():
        run(request, _("The survey round is linked."), services.consultation_link_survey,
            consultation=consultation, acting_user=request.user, **form.cleaned_data)  # fmt: skip
    return redirect("community:consultation-results", pk=consultation.pk)


def consultation_results(request, pk):
    consultation = _consultation(request, pk)
    results = selectors.consultation_results(consultation)
    chart = {
        "labels": [r.priority.theme.name for r in results],
        "votes": [r.votes for r in results],
        "label": _("Votes"),
    }
    context = {
        "consultation": consultation,
        "results": results,
        "chart": chart,
        "can_retain": permissions.can_retain_priorities(request.user),
        "retain_form": RetainForm(),
        "survey_form": SurveyLinkForm(initial={"survey_round": consultation.survey_round_id}),
    }
    return render(request, "community/consultation_results.html", context)


@require_POST
def priority_retain(request, pk):
    priority = get_in_scope_or_404(
        request, permissions.priorities_visible_to(request.user).select_related("consultation"), pk=pk
    )
    allow(request, permissions.can_retain_priorities(request.user))
    form = RetainForm(request.POST)
    if form.is_valid():
        run(request, _("Saved."), services.priority_retain, priority=priority, acting_user=request.user,
            retained=form.cleaned_data["retained"] == "yes", reason=form.cleaned_data["reason"])  # fmt: skip
    else:
        messages.error(request, _("Give the reason for retaining the priority or not."))
    return redirect("community:consultation-results", pk=priority.consultation_id)
