"""Pages of the sustainability survey: entering rounds, a round's explanation, the cohort, the export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, log_access, require
from accounts.models import AccessLog
from accounts.pdf import pdf_response, render_pdf
from accounts.streaming import CSV, XLSX, streamed_download
from reintegration.permissions import cases_visible_to
from reintegration.views._helpers import case_or_404

from . import exports, selectors, services
from .forms import CohortFilterForm, RoundForm
from .models import Round, Version
from .permissions import (
    can_enter_round,
    can_export_rounds,
    can_read_answers,
    can_see_cohort,
    can_view_versions,
    rounds_visible_to,
)


def _round_or_404(request, pk: int) -> Round:
    scope = rounds_visible_to(request.user).select_related(
        "case__beneficiary", "case__hub", "case__counsellor", "version"
    )
    return get_in_scope_or_404(request, scope, pk=pk)


def _entry_page(request, case, round_, save):
    """GET/POST of the answers form; ``save(answers=..., conducted_on=...)`` is a service."""
    try:
        version = services.current_version()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(case.get_absolute_url())
    form = RoundForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(
                answers=form.answers(), conducted_on=form.cleaned_data["conducted_on"], acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The survey round is recorded."))
            return redirect(saved.get_absolute_url())
    context = {"case": case, "round": round_, "form": form, "version": version}
    return render(request, "rss/round_form.html", context)


def baseline_add(request, pk: int):
    case = case_or_404(request, pk)
    if not can_enter_round(request.user, case):
        raise PermissionDenied
    if case.rss_rounds.filter(kind=Round.Kind.BASELINE, status=Round.Status.COMPLETED).exists():
        messages.info(request, _("This case already has its baseline round."))
        return redirect(case.get_absolute_url())
    return _entry_page(request, case, None, lambda **kw: services.baseline_record(case=case, **kw))


def round_enter(request, pk: int):
    round_ = _round_or_404(request, pk)
    if not can_enter_round(request.user, round_.case):
        raise PermissionDenied
    if round_.status != Round.Status.SCHEDULED:
        return redirect(round_.get_absolute_url())
    return _entry_page(request, round_.case, round_, lambda **kw: services.follow_up_record(round=round_, **kw))


def _detail_context(request, round_: Round) -> dict:
    if round_.status != Round.Status.COMPLETED:
        return {"round": round_, "case": round_.case}
    return {
        "round": round_,
        "case": round_.case,
        "rows": selectors.explanation_rows(round_),
        "show_answers": can_read_answers(request.user, round_.case),
        "labels": selectors.score_labels(),
        "scores": [(label, round_.score_of(key)) for key, label in selectors.score_labels().items()],
    }


def round_detail(request, pk: int):
    round_ = _round_or_404(request, pk)
    return render(request, "rss/round_detail.html", _detail_context(request, round_))


def round_pdf(request, pk: int):
    round_ = _round_or_404(request, pk)
    if round_.status != Round.Status.COMPLETED:
        return redirect(round_.get_absolute_url())
    pdf = render_pdf("rss/pdf/round.html", _detail_context(request, round_))
    return pdf_response(pdf, f"rss-{round_.case.number}-{round_.month}.pdf")


@require_POST
def suggestion_accept(request, pk: int, indicator: str):
    round_ = _round_or_404(request, pk)
    if not can_enter_round(request.user, round_.case):
        raise PermissionDenied
    try:
        services.suggestion_accept(round=round_, indicator_code=indicator, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The goal is added to the reintegration plan."))
    return redirect(round_.case.get_absolute_url())


def _version_choice(request):
    versions = list(Version.objects.all())
    chosen = request.GET.get("version")
    return next((v for v in versions if str(v.pk) == chosen), None) or Version.objects.filter(is_current=True).first()


@require(can_see_cohort)
def cohort(request):
    version = _version_choice(request)
    by = request.GET.get("by") if request.GET.get("by") in selectors.DISAGGREGATIONS else "hub"
    form = CohortFilterForm(initial={"version": version, "by": by}, by_choices=list(selectors.DISAGGREGATIONS.items()))
    context = {
        "form": form,
        "version": version,
        "by": by,
        "by_label": selectors.DISAGGREGATIONS[by],
        "table": selectors.cohort(request.user, version=version, by=by),
        "labels": selectors.score_labels(),
        "can_export": can_export_rounds(request.user),
        "can_view_versions": can_view_versions(request.user),
    }
    return render(request, "rss/cohort.html", context)


@require(can_export_rounds)
def export(request):
    version = _version_choice(request)
    if version is None:
        messages.error(request, _("No RSS version is loaded yet."))
        return redirect("rss:cohort")
    version = Version.objects.with_tree().get(pk=version.pk)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    rounds = exports.rounds_for_export(version, cases_visible_to(request.user))
    log_access(
        user=request.user, action=AccessLog.Action.EXPORT, model=Round, object_id=version.name, path=request.path
    )
    suffix = "-provisional" if version.is_provisional else ""
    response = streamed_download(
        exports.export_chunks(version, rounds, fmt),
        f"rss-{version.name}{suffix}.{fmt}",
        XLSX if fmt == "xlsx" else CSV,
    )
    return response


@require(can_view_versions)
def version_list(request):
    return render(request, "rss/version_list.html", {"versions": Version.objects.all()})


@require(can_view_versions)
def version_detail(request, pk: int):
    version = get_object_or_404(Version.objects.with_tree(), pk=pk)
    return render(
        request,
        "rss/version_detail.html",
        {"version": version, "rows": _version_rows(version), "locked": version.is_locked},
    )


def _version_rows(version: Version) -> list[dict]:
    indicators = list(version.indicators.all())
    questions = list(version.questions.all())
    return [
        {
            "dimension": d,
            "indicators": [
                {"indicator": i, "questions": [q for q in questions if q.indicator_id == i.pk]}
                for i in indicators
                if i.dimension_id == d.pk
            ],
        }
        for d in version.dimensions.all()
    ]
