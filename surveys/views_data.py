"""Kobo/ODK imports, analysis, comparison and exports."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, log_access, require
from accounts.models import AccessLog
from accounts.refusals import refusals_shown
from accounts.streaming import XLSX, streamed_download

from . import analysis, exports, services
from .forms import MunicipalitySourceForm, UploadForm
from .models import ImportJob, Response
from .permissions import (
    can_export_raw_responses,
    can_manage_surveys,
    can_view_analysis,
    imports_visible_to,
    rounds_visible_to,
    sees_small_cells,
)
from .problems import problem_text


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
    for item in page.object_list:  # stored as codes: read in the reader's language
        item["text"] = problem_text(item["code"], item.get("params")) if "code" in item else item.get("message", "")
    context = {"job": job, "page": page, "municipality_form": _municipality_form(job)}
    return render(request, "surveys/import_detail.html", context)


def _municipality_form(job: ImportJob) -> MunicipalitySourceForm | None:
    """Asked when the file does not say; offered again before the import when the round has several."""
    if job.status == ImportJob.Status.NEEDS_MUNICIPALITY or (
        job.status == ImportJob.Status.CHECKED and job.round.targets.count() > 1
    ):
        return MunicipalitySourceForm(job=job)
    return None


def import_progress(request, pk):
    """The progress bar alone, polled by htmx while the job runs."""
    job = _job(request, pk)
    response = render(request, "surveys/import_detail.html#progress", {"job": job})
    if not job.is_running and request.htmx:
        response["HX-Refresh"] = "true"  # finished: reload the page to show the outcome
    return response


@require_POST
def import_municipality(request, pk):
    """The officer says which column holds the municipality (or one for every row); the file is checked again."""
    job = _job(request, pk)
    form = MunicipalitySourceForm(request.POST, job=job)
    if form.is_valid():
        with refusals_shown(request):
            services.import_set_municipality(
                job=job, column=form.cleaned_data["column"], municipality=form.cleaned_data["municipality"],
                acting_user=request.user,
            )  # fmt: skip
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("surveys:import-detail", pk=job.pk)


@require_POST
def import_commit(request, pk):
    job = _job(request, pk)
    with refusals_shown(request):
        services.import_commit(job=job, acting_user=request.user)
    return redirect("surveys:import-detail", pk=job.pk)


def _analysis_options(request) -> tuple[str, bool]:
    dimension = request.GET.get("by", "")
    return (dimension if dimension in analysis.DIMENSIONS else ""), request.GET.get("weighted") == "1"


def _chart_value(value, digits: int = 1):
    return None if value is None else round(value, digits)


def _charts(table) -> list[dict]:
    """Shares and ranks of all respondents, with the interval and n of each bar (means are in the table)."""
    charts = []
    for result in table.questions:
        if result.kind not in ("share", "rank") or not result.rows:
            continue
        cells = [row.cells[0] for row in result.rows]
        charts.append(
            {
                "id": f"chart-{result.question.pk}",
                "title": result.question.label,
                "labels": [
                    f"{row.label} (<5)" if c.hidden else row.label for row, c in zip(result.rows, cells, strict=True)
                ],
                "values": [_chart_value(c.value) for c in cells],
                "lows": [_chart_value(c.low) for c in cells],
                "highs": [_chart_value(c.high) for c in cells],
                "ns": ["<5" if c.hidden else c.n for c in cells],
                "percent": result.kind == "share",
            }
        )
    return charts


def _round_for_analysis(request, pk):
    return get_in_scope_or_404(request, rounds_visible_to(request.user).select_related("version"), pk=pk)


@require(can_view_analysis)
def round_analysis(request, pk):
    round_ = _round_for_analysis(request, pk)
    dimension, weighted = _analysis_options(request)
    can_see_small = sees_small_cells(request.user)
    options = {"weighted": weighted, "can_see_small": can_see_small}
    stored = analysis.stored_round_analysis(round_, dimension=dimension, **options)
    table = stored.table
    overall = analysis.stored_round_analysis(round_, **options).table if dimension else table
    context = {
        "round": round_,
        "table": table,
        "computed_at": stored.computed_at,
        "dimension": dimension,
        "dimensions": analysis.DIMENSIONS.items(),
        "weighted": weighted,
        "charts": _charts(overall),
        "can_export_raw": can_export_raw_responses(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/round_analysis.html", context)


@require_POST
@require(can_view_analysis)
def round_analysis_refresh(request, pk):
    """Compute the round's tables again (the page shows stored ones, with the time they were computed)."""
    round_ = _round_for_analysis(request, pk)
    analysis.analysis_forget([round_.pk])
    messages.success(request, _("The figures are computed again from the responses."))
    query = request.POST.get("query", "")
    url = reverse("surveys:round-analysis", args=[round_.pk])
    return redirect(f"{url}?{query}" if query and url_has_allowed_host_and_scheme(f"{url}?{query}", None) else url)


def _xlsx(book, name: str) -> FileResponse:
    return FileResponse(exports.save_to_temp(book), as_attachment=True, filename=name, content_type=XLSX)


@require(can_view_analysis)
def round_analysis_export(request, pk):
    round_ = _round_for_analysis(request, pk)
    dimension, weighted = _analysis_options(request)
    table = analysis.stored_round_analysis(
        round_, dimension=dimension, weighted=weighted, can_see_small=sees_small_cells(request.user)
    ).table
    log_access(user=request.user, action=AccessLog.Action.EXPORT, obj=round_, path=request.path)
    return _xlsx(exports.table_workbook(table), f"survey-{round_.pk}-analysis.xlsx")


@require(can_export_raw_responses)
def round_responses_export(request, pk):
    round_ = _round_for_analysis(request, pk)
    log_access(
        user=request.user,
        action=AccessLog.Action.EXPORT,
        model=Response,
        object_id=f"round:{round_.pk}",
        path=request.path,
    )
    stamp = timezone.localdate().isoformat()
    return streamed_download(exports.responses_xlsx(round_), f"survey-{round_.pk}-responses-{stamp}.xlsx", XLSX)


def _comparison(request) -> dict:
    rounds = list(rounds_visible_to(request.user).select_related("version__instrument"))
    by_pk = {str(r.pk): r for r in rounds}
    baseline, final = by_pk.get(request.GET.get("baseline", "")), by_pk.get(request.GET.get("final", ""))
    weighted = request.GET.get("weighted") == "1"
    results = []
    if baseline and final:
        results = analysis.round_comparison(
            baseline, final, weighted=weighted, can_see_small=sees_small_cells(request.user)
        )
    return {"rounds": rounds, "baseline": baseline, "final": final, "weighted": weighted, "results": results}


@require(can_view_analysis)
def comparison(request):
    context = _comparison(request) | {"methods": analysis.methods(), "query": request.GET.urlencode()}
    return render(request, "surveys/comparison.html", context)


@require(can_view_analysis)
def comparison_export(request):
    context = _comparison(request)
    if not (context["baseline"] and context["final"]):
        return redirect("surveys:comparison")
    log_access(user=request.user, action=AccessLog.Action.EXPORT, obj=context["final"], path=request.path)
    book = exports.comparison_workbook(context["baseline"], context["final"], context["results"], context["weighted"])
    return _xlsx(book, f"survey-{context['baseline'].pk}-vs-{context['final'].pk}.xlsx")
