"""The results dashboard: indicator cards, an indicator's definition and breakdowns, the records
behind a number, and the data-quality queue."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts.access import require

from . import quality, selectors
from .forms import PeriodForm, period_presets
from .indicators import drill_down
from .models import Dimension, Indicator, IndicatorSnapshot
from .permissions import (
    can_drill_down,
    can_export,
    can_see_quality_queue,
    can_see_results,
    results_hub_ids,
    suppresses_small_cells,
)


def _period(request):
    form = PeriodForm(request.GET or None)
    return form, form.period()


def _common(request, form, period) -> dict:
    user = request.user
    return {
        "form": form,
        "period": period,
        "presets": period_presets(),
        "period_query": f"start={period.start or ''}&end={period.end or ''}",
        "can_drill_down": can_drill_down(user),
        "can_export": can_export(user),
        "suppressed": suppresses_small_cells(user),
    }


@require(can_see_results)
def results(request):
    form, period = _period(request)
    user = request.user
    cards = selectors.cards_for(hub_ids=results_hub_ids(user), period=period, suppress=suppresses_small_cells(user))
    context = _common(request, form, period) | {"outcomes": selectors.group_cards(cards)}
    return render(request, "dashboard/results.html", context)


def _snapshot(request, code: str, period) -> tuple[Indicator, IndicatorSnapshot]:
    indicator = get_object_or_404(Indicator.objects.for_list(), code=code)
    pairs = selectors.snapshots_for(hub_ids=results_hub_ids(request.user), period=period)
    return next((i, s) for i, s in pairs if i.pk == indicator.pk)


@require(can_see_results)
def indicator_detail(request, code):
    form, period = _period(request)
    indicator, snapshot = _snapshot(request, code, period)
    suppress = suppresses_small_cells(request.user)
    context = _common(request, form, period) | {
        "card": selectors.card(indicator, snapshot, suppress=suppress),
        "tables": selectors.breakdowns(indicator, snapshot, suppress=suppress),
        "chart": [selectors.trend(indicator, snapshot, suppress=suppress)],
    }
    return render(request, "dashboard/indicator_detail.html", context)


@require(can_drill_down)
def indicator_records(request, code):
    """The records behind a card or one of its cells (?dimension=sex&cell=female)."""
    form, period = _period(request)
    indicator = get_object_or_404(Indicator.objects.for_list(), code=code)
    dimension = request.GET.get("dimension", "")
    if dimension and dimension not in Dimension.values:
        raise Http404
    cell_key = request.GET.get("cell", "")
    found = drill_down(code, period, results_hub_ids(request.user), dimension, cell_key)
    if found is None:
        raise Http404
    records, per_record, link = found
    page = Paginator(records.order_by("-pk"), 50).get_page(request.GET.get("page"))
    rows = [{"object": obj, "url": link(obj) if link else "", "adds": per_record[obj.pk]} for obj in page]
    context = _common(request, form, period) | {
        "indicator": indicator,
        "page": page,
        "rows": rows,
        "total": sum(per_record.values()),
        "dimension": Dimension(dimension).label if dimension else "",
        "cell": cell_key,
        "cell_label": request.GET.get("label", ""),
    }
    return render(request, "dashboard/indicator_records.html", context)


@require(can_see_quality_queue)
def quality_queue(request):
    return render(request, "dashboard/quality_queue.html", {"checks": quality.queue_for(request.user)})


@require(can_see_quality_queue)
def quality_list(request, code):
    records = quality.check_records(code, request.user)
    if records is None:
        raise Http404
    check = quality.checks()[code]
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    rows = [
        {"object": obj, "date": check["date"](obj), "hub": check["hub"](obj), "fix": check["fix"](obj)} for obj in page
    ]
    context = {"check": check, "code": code, "page": page, "rows": rows}
    return render(request, "dashboard/quality_list.html", context)
