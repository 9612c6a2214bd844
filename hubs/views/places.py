"""Regions and municipalities, for officers."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import get_in_scope_or_404, require
from accounts.refusals import refusals_shown

from .. import selectors, services
from ..filters import MunicipalityFilter
from ..forms import MunicipalityForm
from ..models import Municipality
from ..permissions import can_browse_municipalities, can_edit_municipality, can_manage_selection


@require(can_browse_municipalities)
def region_list(request):
    return render(request, "hubs/region_list.html", {"regions": selectors.region_list()})


@require(can_browse_municipalities)
def municipality_list(request):
    filterset = MunicipalityFilter(request.GET, queryset=Municipality.objects.for_list())
    page = selectors.paginate(request, filterset.qs.order_by("region__sort_order", "name_en"))
    municipalities, columns = selectors.municipality_list(page=page)
    context = {"filter": filterset, "page": page, "municipalities": municipalities, "columns": columns}
    return render(request, "hubs/municipality_list.html", context)


@require(can_browse_municipalities)
def municipality_detail(request, pk):
    municipality = get_in_scope_or_404(request, Municipality.objects.for_list(), pk=pk)
    context = selectors.municipality_page(municipality=municipality)
    context |= {
        "municipality": municipality,
        "can_edit": can_edit_municipality(request.user, municipality),
        "can_apply": can_manage_selection(request.user) and not context["applications"],
    }
    return render(request, "hubs/municipality_detail.html", context)


@require(can_edit_municipality)
def municipality_edit(request, pk):
    municipality = get_in_scope_or_404(request, Municipality.objects.for_list(), pk=pk)
    form = MunicipalityForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The municipality was saved.")) as outcome:
            services.municipality_update(municipality=municipality, data=form.cleaned_data, acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:municipality-detail", pk=municipality.pk)
    return render(request, "hubs/municipality_form.html", {"municipality": municipality, "form": form})
