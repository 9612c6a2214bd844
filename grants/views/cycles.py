from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.pagination import CappedPaginator

from .. import permissions, selectors, services
from ..filters import CycleFilter, ProposalFilter
from ..forms import CommitteeMemberForm, CriterionForm, CycleForm
from ..models import GrantCycle
from .common import page_of, run

__all__ = [
    "committee_add",
    "criterion_add",
    "cycle_create",
    "cycle_detail",
    "cycle_edit",
    "cycle_list",
    "cycle_transition",
]


@require(permissions.can_see_grants)
def cycle_list(request):
    """Officers see every cycle; committee members "my cycles"."""
    filterset = CycleFilter(request.GET, queryset=selectors.cycles_for_list(request.user))
    seats = permissions.seats_of(request.user)
    page = page_of(request, filterset.qs)
    for cycle in page:
        cycle.my_seat = seats.get(cycle.pk)
    return render(request, "grants/grantcycle_list.html", {"filter": filterset, "page": page})


def cycle_detail(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    # Hundreds of proposals: filtered, counted up to the cap and listed a page at a time.
    filterset = ProposalFilter(request.GET, queryset=selectors.proposals_for_cycle(cycle, request.user), cycle=cycle)
    page = CappedPaginator(filterset.qs).get_page(request.GET.get("page"))
    context = {
        "cycle": cycle,
        "criteria": list(cycle.criteria.all()),
        "municipalities": list(cycle.municipalities.all()),
        "seats": list(selectors.seats_for_cycle(cycle)),
        "filter": filterset,
        "page": page,
        "proposals": page.object_list,
        "query": _without_page(request),
        "seat": permissions.seat_in(request.user, cycle),
        "can_edit": permissions.can_edit_cycle(request.user, cycle),
        "transitions": [
            GrantCycle.Status(s) for s in GrantCycle.TRANSITIONS[cycle.status] if s != GrantCycle.Status.DECIDED
        ],
        "can_close_scoring": permissions.can_close_scoring(request.user, cycle),
        "can_see_ranking": permissions.can_see_ranking(request.user, cycle),
        "can_decide": permissions.can_record_decision(request.user, cycle),
        "can_read_minutes": permissions.can_read_minutes(request.user, cycle),
        "workshops": list(cycle.workshops.annotate(attendee_count=Count("attendees"))),
    }
    return render(request, "grants/grantcycle_detail.html", context)


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require(permissions.can_manage_cycles)
def cycle_create(request):
    form = CycleForm(request.POST or None)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in CycleForm.TIE_FIELDS}
        municipalities = data.pop("municipalities")
        cycle = services.cycle_create(acting_user=request.user, municipalities=municipalities, **data)
        return redirect("grants:cycle-detail", pk=cycle.pk)
    return render(request, "grants/grantcycle_form.html", {"form": form})


@require(permissions.can_manage_cycles)
def cycle_edit(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    form = CycleForm(request.POST or None, instance=GrantCycle.objects.get(pk=cycle.pk))
    if request.method == "POST" and form.is_valid():
        changed = [name for name in form.changed_data if name not in CycleForm.TIE_FIELDS]
        data = {name: form.cleaned_data[name] for name in changed} | {"tie_breaks": form.cleaned_data["tie_breaks"]}
        municipalities = data.pop("municipalities", None)
        if run(
            request,
            _("Saved."),
            services.cycle_update,
            cycle=cycle,
            acting_user=request.user,
            municipalities=municipalities,
            **data,
        ):
            return redirect("grants:cycle-detail", pk=cycle.pk)
    return render(request, "grants/grantcycle_form.html", {"form": form, "cycle": cycle})


@require_POST
@require(permissions.can_manage_cycles)
def cycle_transition(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    target = request.POST.get("to", "")
    if target in GrantCycle.Status.values:
        run(
            request,
            _("The cycle's status changed."),
            services.cycle_transition,
            cycle=cycle,
            to_status=target,
            acting_user=request.user,
        )
    return redirect("grants:cycle-detail", pk=cycle.pk)


@require(permissions.can_manage_cycles)
def criterion_add(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    form = CriterionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            _("Criterion added."),
            services.criterion_add,
            cycle=cycle,
            acting_user=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect("grants:cycle-detail", pk=cycle.pk)
    return render(request, "grants/criterion_form.html", {"form": form, "cycle": cycle})


@require(permissions.can_manage_cycles)
def committee_add(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    form = CommitteeMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        email, full_name = data.pop("email"), data.pop("full_name")
        if data["user"] is None:
            data.pop("user")
            service, done = services.committee_member_invite, _("The invitation was sent to %(email)s.")
            data |= {"email": email, "full_name": full_name, "base_url": request.build_absolute_uri("/")}
        else:
            service, done = services.committee_member_add, _("Committee member added.")
        if run(request, done % {"email": email}, service, cycle=cycle, acting_user=request.user, **data):
            return redirect("grants:cycle-detail", pk=cycle.pk)
    return render(request, "grants/committeemembership_form.html", {"form": form, "cycle": cycle})
