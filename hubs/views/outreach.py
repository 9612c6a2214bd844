"""Information sessions a hub holds for the public, and the people they informed."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import deny, get_in_scope_or_404, require
from accounts.refusals import refusals_shown

from .. import selectors, services
from ..filters import InfoSessionFilter
from ..forms import InfoSessionForm
from ..models import InfoSession
from ..permissions import (
    can_browse_info_sessions,
    can_record_info_session,
    hubs_for_info_sessions,
    info_sessions_visible_to,
)


def _filtered(request):
    filterset = InfoSessionFilter(request.GET, queryset=info_sessions_visible_to(request.user).for_list())
    filterset.form.fields["hub"].queryset = hubs_for_info_sessions(request.user)
    return filterset


@require(can_browse_info_sessions)
def info_session_list(request):
    filterset = _filtered(request)
    context = {
        "filter": filterset,
        "page": selectors.paginate(request, filterset.qs.order_by("-date", "-pk")),
        "totals": selectors.people_informed_totals(sessions=filterset.qs),
    }
    return render(request, "hubs/infosession_list.html", context)


@require(can_browse_info_sessions)
def info_session_create(request):
    form = InfoSessionForm(request.POST or None, hubs=hubs_for_info_sessions(request.user))
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The information session was recorded.")) as outcome:
            session = services.info_session_create(data=form.cleaned_data, acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:infosession-detail", pk=session.pk)
    return render(request, "hubs/infosession_form.html", {"form": form})


@require(can_browse_info_sessions)
def info_session_detail(request, pk):
    session = get_in_scope_or_404(request, info_sessions_visible_to(request.user).for_list(), pk=pk)
    context = {"session": session, "can_edit": can_record_info_session(request.user, session.hub)}
    return render(request, "hubs/infosession_detail.html", context)


@require(can_browse_info_sessions)
def info_session_edit(request, pk):
    session = get_in_scope_or_404(request, info_sessions_visible_to(request.user).for_list(), pk=pk)
    if not can_record_info_session(request.user, session.hub):
        deny(request, model=InfoSession, object_id=session.pk)
    form = InfoSessionForm(
        request.POST or None, instance=InfoSession.objects.get(pk=session.pk), hubs=hubs_for_info_sessions(request.user)
    )
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The information session was saved.")) as outcome:
            services.info_session_update(session=session, data=form.cleaned_data, acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:infosession-detail", pk=session.pk)
    return render(request, "hubs/infosession_form.html", {"form": form, "session": session})


@require(can_browse_info_sessions)
def info_session_stats(request):
    filterset = _filtered(request)
    context = {
        "filter": filterset,
        "rows": selectors.people_informed_by_hub_and_month(sessions=filterset.qs),
        "totals": selectors.people_informed_totals(sessions=filterset.qs),
    }
    return render(request, "hubs/infosession_stats.html", context)
