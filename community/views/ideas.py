"""The community cycle, ideas through feasibility, shortlist, expert support and the committee; the inventory."""

from functools import partial

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.permissions import is_officer
from grants.permissions import cycles_visible_to
from hubs.models import Municipality

from .. import permissions, selectors, services
from ..filters import IdeaFilter
from ..forms import (
    ExpertEndForm,
    ExpertForm,
    FeasibilityForm,
    IdeaForm,
    IdeaReferralForm,
    InitiativeForm,
    MeetingForm,
    PlanForm,
    ReferralMoveForm,
)
from ..models import Idea
from ._common import allow, form_page, page_of, run


def _idea(request, pk) -> Idea:
    scope = permissions.ideas_visible_to(request.user).select_related("cycle", "municipality", "priority__theme")
    return get_in_scope_or_404(request, scope, pk=pk)


def _url(idea) -> str:
    return reverse("community:idea-detail", kwargs={"pk": idea.pk})


@require(permissions.can_see_community)
def cycle_detail(request, pk):
    cycle = get_in_scope_or_404(request, permissions.community_cycles_visible_to(request.user), pk=pk)
    context = {
        "cycle": cycle,
        "summary": selectors.cycle_summary(cycle, request.user),
        "consultations": selectors.cycle_priorities(cycle),
        "can_enter_idea": permissions.can_enter_idea(request.user, cycle),
        "can_see_committee": cycles_visible_to(request.user).filter(pk=cycle.pk).exists(),
    }
    return render(request, "community/cycle_detail.html", context)


@require(permissions.can_see_community)
def idea_create(request, pk):
    cycle = get_in_scope_or_404(request, permissions.community_cycles_visible_to(request.user), pk=pk)
    allow(request, permissions.can_enter_idea(request.user, cycle))
    places = (
        None
        if is_officer(request.user)
        else Municipality.objects.filter(pk__in=permissions.municipalities_of(request.user))
    )
    form = IdeaForm(request.POST or None, cycle=cycle, municipalities=places)
    save = partial(services.idea_create, cycle=cycle)
    back = reverse("community:cycle-detail", kwargs={"pk": cycle.pk})
    return form_page(request, form, save, title=_("A new idea"), success=_("The idea is recorded."), back=back)


@require(permissions.can_see_ideas)
def idea_list(request):
    filterset = IdeaFilter(request.GET, queryset=selectors.ideas_for_list(request.user))
    return render(request, "community/idea_list.html", {"filter": filterset, "page": page_of(request, filterset.qs)})


def idea_detail(request, pk):
    idea = _idea(request, pk)
    user = request.user
    context = {
        "idea": idea,
        **selectors.idea_detail_context(idea),
        "can_manage": permissions.can_manage_ideas(user),
        "can_change_expert": permissions.can_change_expert(user, idea),
        "can_support": permissions.can_support_idea(user, idea),
        "can_refer": permissions.can_refer_idea(user, idea),
        "initiative": getattr(idea, "initiative", None),
        "move_form": ReferralMoveForm(),
    }
    return render(request, "community/idea_detail.html", context)


def idea_feasibility(request, pk):
    idea = _idea(request, pk)
    allow(request, permissions.can_manage_ideas(request.user))
    form = FeasibilityForm(request.POST or None)
    if form.is_valid():
        form.cleaned_data["feasible"] = form.cleaned_data["feasible"] == "yes"
    save = partial(services.idea_feasibility, idea=idea)
    return form_page(request, form, save, title=_("Feasibility review"), success=_("Saved."), back=_url(idea),
                     parent=idea)  # fmt: skip


@require_POST
def idea_shortlist(request, pk):
    idea = _idea(request, pk)
    allow(request, permissions.can_manage_ideas(request.user))
    run(request, _("The idea is shortlisted."), services.idea_shortlist, idea=idea, acting_user=request.user)
    return redirect(_url(idea))


def expert_assign(request, pk):
    idea = _idea(request, pk)
    allow(request, permissions.can_change_expert(request.user, idea))
    form = ExpertForm(request.POST or None)
    save = partial(services.expert_assign, idea=idea)
    return form_page(request, form, save, title=_("Assign an expert"), success=_("The expert is assigned."),
                     back=_url(idea), parent=idea)  # fmt: skip


def expert_end(request, pk, assignment):
    """Confirmation page: who loses access, since when; the reason, and optionally the next expert."""
    idea = _idea(request, pk)
    allow(request, permissions.can_change_expert(request.user, idea))
    current = get_object_or_404(idea.experts.active().select_related("expert"), pk=assignment)
    form = ExpertEndForm(request.POST or None)
    save = partial(services.expert_end, assignment=current)
    return form_page(request, form, save, title=_("End the expert's assignment"), back=_url(idea), parent=idea,
                     success=_("The assignment has ended."), template="community/expertassignment_confirm_end.html",
                     extra={"assignment": current})  # fmt: skip


def meeting_add(request, pk):
    idea = _idea(request, pk)
    allow(request, permissions.can_support_idea(request.user, idea))
    form = MeetingForm(request.POST or None)
    save = partial(services.meeting_add, idea=idea)
    return form_page(request, form, save, title=_("Record a meeting"), success=_("The meeting is recorded."),
                     back=_url(idea), parent=idea)  # fmt: skip


def plan_add(request, pk):
    idea = _idea(request, pk)
    allow(request, permissions.can_support_idea(request.user, idea))
    latest = idea.plans.order_by("-number").first()
    initial = {}
    if latest:
        initial = {
            "summary": latest.summary,
            "budget": "\n".join(f"{b['item']} | {b['amount']} | {b.get('cofunding', 0)}" for b in latest.budget),
            "workplan": "\n".join(f"{w['month']} | {w['activity']}" for w in latest.workplan),
        }
    form = PlanForm(request.POST or None, initial=initial)
    save = partial(services.plan_add, idea=idea)
    return form_page(request, form, save, title=_("A new budget and workplan version"), success=_("Saved."),
                     back=_url(idea), parent=idea)  # fmt: skip


def plan_diff(request, pk, old, new):
    idea = _idea(request, pk)
    old_plan = get_object_or_404(idea.plans, number=old)
    new_plan = get_object_or_404(idea.plans, number=new)
    context = {"idea": idea, "old": old_plan, "new": new_plan, "diff": selectors.plan_diff(old_plan, new_plan)}
    return render(request, "community/ideaplan_diff.html", context)


@require_POST
def idea_send(request, pk):
    idea = _idea(request, pk)
    allow(request, permissions.can_manage_ideas(request.user))
    run(request, _("The idea is before the committee."), services.idea_send_to_committee, idea=idea,
        acting_user=request.user)  # fmt: skip
    return redirect(_url(idea))


def initiative_create(request, pk):
    idea = _idea(request, pk)
    allow(request, permissions.can_manage_ideas(request.user))
    form = InitiativeForm(request.POST or None, initial={"amount": idea.grant_requested})
    save = partial(services.initiative_create, idea=idea)
    return form_page(request, form, save, title=_("The grant agreement"), success=_("The grant is recorded."),
                     back=_url(idea), parent=idea)  # fmt: skip


def referral_create(request, pk):
    idea = _idea(request, pk)
    allow(request, permissions.can_refer_idea(request.user, idea))
    form = IdeaReferralForm(request.POST or None)
    save = partial(services.idea_referral_create, idea=idea)
    return form_page(request, form, save, title=_("Refer to another funding scheme"),
                     success=_("The idea is referred."), back=_url(idea), parent=idea)  # fmt: skip


@require_POST
def referral_move(request, pk):
    referral = get_in_scope_or_404(request, permissions.idea_referrals_visible_to(request.user), pk=pk)
    allow(request, permissions.can_manage_ideas(request.user))
    form = ReferralMoveForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    run(request, _("The referral is updated."), services.idea_referral_move, referral=referral,
        acting_user=request.user, to_status=data["to_status"], outcome=data["outcome"], note=data["note"],
        amount_obtained=data["amount_obtained"])  # fmt: skip
    return redirect("community:idea-detail", pk=referral.idea_id)
