"""Kobo/ODK imports, analysis, comparison and exports."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, log_access, require
from accounts.models import AccessLog
from accounts.refusals import refusals_shown

from . import analysis, exports, services
from .forms import UploadForm
from .models import ImportJob, Response
from .permissions import (
    can_export_raw_responses,
    can_manage_surveys,
    can_view_analysis,
    imports_visible_to,
    rounds_visible_to,
    sees_small_cells,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require(can_manage_surveys)
def import_create(request, pk):
    round_ = get_in_scope_or_404(request, rounds_visible_to(request.user), pk=pk)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        extensions=("csv", "xlsx"),
        max_size=settings.SURVEY_IMPORT_MAX_SIZE,
    )
    if request.method == "POST" and form.is_valid():
        job = services.import_start(round_=round_, upload=form.cleaned_data["file"], acting_user=request.user)
        return redirect("surveys:import-detail", pk=job.pk)
    return render(request, "surveys/import_form.html", {"round": round_, "form": form})


def _job(request, pk) -> ImportJob:
    return get_in_scope_or_404(request, imports_visible_to(request.user).select_related("round"), pk=pk)


def import_detail(request, pk):
    job = _job(request, pk)
    page = Paginator(job.problems, 100).get_page(request.GET.get("page"))
    return render(request, "surveys/import_detail.html", {"job": job, "page": page})


def import_progress(request, pk):
    """The progress bar alone, polled by htmx while the job runs."""
    job = _job(request, pk)
    response = render(request, "surveys/import_detail.html#progress", {"job": job})
    if not job.is_running and request.htmx:
        response["HX-Refresh"] = "true"  # finished: reload the page to show the outcome
    return response


@require_POST
def import_commit(request, pk):
    job = _job(request, pk)
    with refusals_shown(request):
        services.import_commit(job=job, acting_user=request.user)
    return redirect("surveys:import-detail", pk=job.pk)


def _analysis_options(request) -> tuple[str, bool]:
    dimension = request.GET.get("by", "")
    return (dimension if dimension in analysis.DIMENSIONS else ""), request.GET.get("weighted") == "1"


def _charts(table) -> list[dict]:
    return [
        {
            "id": f"chart-{result.question.pk}",
            "title": result.question.label,
            "labels": [row.label for row in result.rows],
            "values": [None if row.cells[0].value is None else round(row.cells[0].value, 1) for row in result.rows],
            "percent": result.kind == "share",
        }
        for result in table.questions
        if result.kind in ("share", "mean", "rank") and result.rows
    ]


@require(can_view_analysis)
def round_analysis(request, pk):
    round_ = get_in_scope_or_404(request, rounds_visible_to(request.user).select_related("version"), pk=pk)
    dimension, weighted = _analysis_options(request)
    table = analysis.analyse(
        round_, dimension=dimension, weighted=weighted, can_see_small=sees_small_cells(request.user)
    )
    charts = _charts(analysis.analyse(round_, weighted=weighted, can_see_small=sees_small_cells(request.user)))
    context = {
        "round": round_,
        "table": table,
        "dimension": dimension,
        "dimensions": analysis.DIMENSIONS.items(),
        "weighted": weighted,
        "charts": charts,
        "can_export_raw": can_export_raw_responses(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/round_analysis.html", context)


def _xlsx(book, name: str) -> FileResponse:
    return FileResponse(exports.save_to_temp(book), as_attachment=True, filename=name, content_type=XLSX)


@require(can_view_analysis)
def round_analysis_export(request, pk):
    round_ = get_in_scope_or_404(request, rounds_visible_to(request.user).select_related("version"), pk=pk)
    dimension, weighted = _analysis_options(request)
    table = analysis.analyse(
        round_, dimension=dimension, weighted=weighted, can_see_small=sees_small_cells(request.user)
    )
    log_access(user=request.user, action=AccessLog.Action.EXPORT, obj=round_, path=request.path)
    return _xlsx(exports.table_workbook(table), f"survey-{round_.pk}-analysis.xlsx")


@require(can_export_raw_responses)
def round_responses_export(request, pk):
    round_ = get_in_scope_or_404(request, rounds_visible_to(request.user).select_related("version"), pk=pk)
    log_access(
        user=request.user,
        action=AccessLog.Action.EXPORT,
        model=Response,
        object_id=f"round:{round_.pk}",
        path=request.path,
    )
    stamp = timezone.localdate().isoformat()
    return _xlsx(exports.responses_workbook(round_), f"survey-{round_.pk}-responses-{stamp}.xlsx")


@require(can_view_analysis)
def comparison(request):
    rounds = list(rounds_visible_to(request.user).select_related("version__instrument"))
    by_pk = {str(r.pk): r for r in rounds}
    baseline, final = by_pk.get(request.GET.get("baseline", "")), by_pk.get(request.GET.get("final", ""))
    weighted = request.GET.get("weighted") == "1"
    results = []
    if baseline and final:
        results = analysis.compare(baseline, final, weighted=weighted, can_see_small=sees_small_cells(request.user))
    context = {"rounds": rounds, "baseline": baseline, "final": final, "weighted": weighted, "results": results}
    return render(request, "surveys/comparison.html", context)
