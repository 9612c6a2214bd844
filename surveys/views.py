"""Instruments, versions, questions, rounds and data entry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.refusals import refusals_shown

from . import selectors, services
from .filters import ResponseFilter, RoundFilter
from .forms import InstrumentForm, ProfileForm, QuestionForm, ResponseForm, RoundForm, TargetsForm, UploadForm
from .models import InstrumentVersion, Question, Round
from .permissions import (
    can_change_version,
    can_enter_responses,
    can_manage_surveys,
    can_see_rounds,
    can_view_analysis,
    entry_municipalities,
    households_visible_to,
    instruments_visible_to,
    responses_visible_to,
    rounds_visible_to,
)
from .xlsform import xlsform_import

# Instruments and versions -------------------------------------------------------------------------


@require(can_manage_surveys)
def instrument_list(request):
    instruments = instruments_visible_to(request.user).prefetch_related("versions")
    return render(request, "surveys/instrument_list.html", {"instruments": instruments})


@require(can_manage_surveys)
def instrument_create(request):
    form = InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The instrument was created.")) as outcome:
            instrument = services.instrument_create(**form.cleaned_data, acting_user=request.user)
            services.version_create(instrument=instrument, acting_user=request.user)
        if outcome.ok:
            return redirect("surveys:instrument-detail", pk=instrument.pk)
    return render(request, "surveys/instrument_form.html", {"form": form})


def instrument_detail(request, pk):
    instrument = get_in_scope_or_404(request, instruments_visible_to(request.user), pk=pk)
    versions = InstrumentVersion.objects.filter(instrument=instrument).for_list()
    return render(request, "surveys/instrument_detail.html", {"instrument": instrument, "versions": versions})


def instrument_import(request, pk):
    """Upload an XLSForm: a new version, or every problem by sheet and row."""
    instrument = get_in_scope_or_404(request, instruments_visible_to(request.user), pk=pk)
    form = UploadForm(request.POST or None, request.FILES or None, extensions=("xlsx",))
    problems = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        version, problems = xlsform_import(instrument=instrument, content=content, acting_user=request.user)
        if version is not None:
            messages.success(
                request,
                _(
                    "Version %(number)s was imported. "
                    "Now say which questions hold sex, age, returnee status and municipality."
                )
                % {"number": version.number},
            )
            return redirect("surveys:version-profile", pk=version.pk)
    context = {"instrument": instrument, "form": form, "problems": problems}
    return render(request, "surveys/instrument_import.html", context)


def _version(request, pk) -> InstrumentVersion:
    scope = InstrumentVersion.objects.filter(instrument__in=instruments_visible_to(request.user))
    related = ["instrument", "sex_question", "age_question", "returnee_question", "municipality_question"]
    return get_in_scope_or_404(request, scope.select_related(*related), pk=pk)


def version_detail(request, pk):
    version = _version(request, pk)
    context = {
        "version": version,
        "questions": selectors.version_questions(version),
        "can_change": can_change_version(request.user, version),
    }
    return render(request, "surveys/version_detail.html", context)


def version_profile(request, pk):
    """Which questions hold the disaggregations; the stored responses follow the new mapping."""
    version = _version(request, pk)
    form = ProfileForm(request.POST or None, version=version)
    saved = _("The disaggregation questions were saved.")
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=saved) as outcome:
            services.version_set_profile(version=version, mapping=form.cleaned_data, acting_user=request.user)
        if outcome.ok:
            return redirect("surveys:version-detail", pk=version.pk)
    return render(request, "surveys/version_profile.html", {"version": version, "form": form})


@require_POST
def version_copy(request, pk):
    version = _version(request, pk)
    copy = services.version_create(instrument=version.instrument, acting_user=request.user, copy_from=version)
    messages.success(request, _("Version %(number)s was created as a copy.") % {"number": copy.number})
    return redirect("surveys:version-detail", pk=copy.pk)


def _question_form(request, version, question=None):
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The question was saved.")) as outcome:
            if question is None:
                services.question_add(
                    version=version,
                    spec=form.spec(),
                    choices=form.cleaned_data["choices_text"],
                    acting_user=request.user,
                )
            else:
                services.question_update(
                    question=question,
                    spec=form.spec(),
                    choices=form.cleaned_data["choices_text"],
                    acting_user=request.user,
                )
        if outcome.ok:
            return redirect("surveys:version-detail", pk=version.pk)
    return render(request, "surveys/question_form.html", {"form": form, "version": version, "question": question})


def question_create(request, pk):
    version = _version(request, pk)
    if not can_change_version(request.user, version):
        raise PermissionDenied
    return _question_form(request, version)


def question_edit(request, pk):
    scope = Question.objects.filter(version__instrument__in=instruments_visible_to(request.user))
    question = get_in_scope_or_404(request, scope.select_related("version__instrument"), pk=pk)
    if not can_change_version(request.user, question.version):
        raise PermissionDenied
    return _question_form(request, question.version, question)


# Rounds -------------------------------------------------------------------------------------------


@require(can_see_rounds)
def round_list(request):
    filters = RoundFilter(request.GET, queryset=selectors.rounds_for_list(request.user))
    page = Paginator(filters.qs, 25).get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "can_manage": can_manage_surveys(request.user)}
    return render(request, "surveys/round_list.html", context)


@require(can_manage_surveys)
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        targets = dict.fromkeys(data.pop("municipalities"), data.pop("target"))
        with refusals_shown(request, form=form, success=_("The round was created.")) as outcome:
            round_ = services.round_create(**data, targets=targets, acting_user=request.user)
        if outcome.ok:
            return redirect("surveys:round-detail", pk=round_.pk)
    return render(request, "surveys/round_form.html", {"form": form})


def _round(request, pk) -> Round:
    return get_in_scope_or_404(request, rounds_visible_to(request.user).select_related("version__instrument"), pk=pk)


def round_detail(request, pk):
    round_ = _round(request, pk)
    context = {
        "round": round_,
        "progress": selectors.round_progress(round_),
        "can_manage": can_manage_surveys(request.user),
        "can_enter": can_enter_responses(request.user, round_),
        "can_analyse": can_view_analysis(request.user),
        "imports": round_.imports.all()[:10] if can_manage_surveys(request.user) else [],
    }
    return render(request, "surveys/round_detail.html", context)


@require(can_manage_surveys)
def round_targets(request, pk):
    round_ = _round(request, pk)
    form = TargetsForm(request.POST or None, targets=round_.targets.select_related("municipality"))
    if request.method == "POST" and form.is_valid():
        services.round_set_targets(round_=round_, targets=form.targets(), acting_user=request.user)
        messages.success(request, _("The targets were saved."))
        return redirect("surveys:round-detail", pk=round_.pk)
    return render(request, "surveys/round_targets.html", {"round": round_, "form": form})


@require_POST
def round_move(request, pk, to):
    round_ = _round(request, pk)
    with refusals_shown(request, success=_("The round is now “%(status)s”.") % {"status": Round.Status(to).label}):
        services.round_move(round_=round_, to_status=to, acting_user=request.user)
    return redirect("surveys:round-detail", pk=round_.pk)


# Responses ----------------------------------------------------------------------------------------


def _entry_form(request, round_):
    if not can_enter_responses(request.user, round_):
        raise PermissionDenied
    questions = selectors.version_questions(round_.version)
    municipalities = entry_municipalities(request.user, round_)
    households = households_visible_to(request.user)
    return ResponseForm(request.POST or None, questions=questions, municipalities=municipalities, households=households)


def response_create(request, pk):
    """Server-rendered questionnaire: the server applies required fields, constraints and skip logic."""
    round_ = _round(request, pk)
    form = _entry_form(request, round_)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The response was saved.")) as outcome:
            services.response_submit(
                round_=round_,
                municipality=form.cleaned_data["municipality"],
                household=form.cleaned_data["household"],
                values=form.values(),
                acting_user=request.user,
            )
        if outcome.ok:
            return redirect("surveys:response-create", pk=round_.pk)
    return render(request, "surveys/response_form.html", {"round": round_, "form": form})


@require_POST
def response_relevance(request, pk):
    """Which questions the answers so far hide: the page's script hides them as you type."""
    round_ = _round(request, pk)
    form = _entry_form(request, round_)
    form.is_valid()
    return JsonResponse({"hidden": sorted(form.outcome.hidden if form.outcome else [])})


def response_list(request, pk):
    round_ = _round(request, pk)
    scope = responses_visible_to(request.user)
    if not (can_manage_surveys(request.user) or can_enter_responses(request.user, round_)):
        raise PermissionDenied
    request.survey_round = round_
    filters = ResponseFilter(request.GET, queryset=selectors.responses_for_list(scope, round_), request=request)
    page = Paginator(filters.qs, 25).get_page(request.GET.get("page"))
    return render(request, "surveys/response_list.html", {"round": round_, "page": page, "filters": filters})


def response_detail(request, pk):
    scope = responses_visible_to(request.user).select_related("round__version", "municipality", "enumerator")
    response = get_in_scope_or_404(request, scope, pk=pk)
    questions = selectors.version_questions(response.round.version)
    rows = selectors.answer_rows(questions, response.answers)
    return render(request, "surveys/response_detail.html", {"response": response, "rows": rows})
