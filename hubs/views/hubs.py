"""Hub pages: list, detail, edit, status, opening hours; hub staff."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import deny, get_in_scope_or_404, require
from accounts.models import User
from accounts.refusals import refusals_shown

from .. import selectors, services
from ..filters import HubFilter
from ..forms import (
    HubForm,
    HubStatusForm,
    MembershipEndForm,
    OpeningHoursFormSet,
    StaffAssignForm,
    StaffInviteForm,
    StaffMoveForm,
    opening_rows,
)
from ..models import Hub, HubMembership
from ..permissions import (
    can_assign_role,
    can_browse_hubs,
    can_change_hub_status,
    can_deactivate_staff,
    can_edit_hub,
    can_end_membership,
    can_manage_hub_staff,
    can_move_staff,
    hub_staff_visible_to,
    hubs_visible_to,
)


def _hub(request, pk) -> Hub:
    return get_in_scope_or_404(request, hubs_visible_to(request.user).select_related("municipality__region"), pk=pk)


@require(can_browse_hubs)
def hub_list(request):
    hubs = hubs_visible_to(request.user).for_list().order_by("municipality__region__sort_order", "code")
    filterset = HubFilter(request.GET, queryset=hubs)
    page = selectors.paginate(request, filterset.qs)
    hubs, columns = selectors.hub_list(user=request.user, page=page)
    return render(request, "hubs/hub_list.html", {"filter": filterset, "page": page, "hubs": hubs, "columns": columns})


@require(can_browse_hubs)
def hub_detail(request, pk):
    hub = _hub(request, pk)
    context = selectors.hub_page(hub=hub, user=request.user)
    context["hub"] = hub
    context["actions"] = {
        "edit": can_edit_hub(request.user, hub),
        "status": can_change_hub_status(request.user, hub) and bool(hub.allowed_statuses()),
        "staff": can_manage_hub_staff(request.user, hub),
        "name_leads": can_assign_role(request.user, hub, "hub_lead"),
        "move": can_move_staff(request.user),
        "deactivate": can_deactivate_staff(request.user),
    }
    context["status_form"] = HubStatusForm(hub=hub)
    return render(request, "hubs/hub_detail.html", context)


def hub_edit(request, pk):
    hub = _hub(request, pk)
    if not can_edit_hub(request.user, hub):
        deny(request, model=Hub, object_id=hub.pk)
    form = HubForm(request.POST or None, instance=hub, prefix="hub")
    hours = OpeningHoursFormSet(request.POST or None, queryset=hub.opening_hours.all(), prefix="hours")
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        with refusals_shown(request, form=form, success=_("The hub was saved.")) as outcome:
            services.hub_update(hub=hub, data=form.cleaned_data, acting_user=request.user)
            services.hub_set_opening_hours(hub=hub, rows=opening_rows(hours), acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:hub-detail", pk=hub.pk)
    return render(request, "hubs/hub_form.html", {"hub": hub, "form": form, "hours": hours})


@require_POST
def hub_status(request, pk):
    hub = _hub(request, pk)
    if not can_change_hub_status(request.user, hub):
        deny(request, model=Hub, object_id=hub.pk)
    form = HubStatusForm(request.POST, hub=hub)
    if form.is_valid():
        with refusals_shown(request, success=_("The hub's status was changed.")):
            services.hub_change_status(
                hub=hub, status=form.cleaned_data["status"], note=form.cleaned_data["note"], acting_user=request.user
            )
    else:
        messages.error(request, _("Choose a status this hub can move to."))
    return redirect("hubs:hub-detail", pk=hub.pk)


def staff_invite(request, pk):
    hub = _hub(request, pk)
    if not can_manage_hub_staff(request.user, hub):
        deny(request, model=Hub, object_id=hub.pk)
    form = StaffInviteForm(request.POST or None, hub_lead_allowed=can_assign_role(request.user, hub, "hub_lead"))
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form) as outcome:
            services.staff_invite(
                **form.cleaned_data, hub=hub, acting_user=request.user, base_url=request.build_absolute_uri("/")
            )
        if outcome.ok:
            messages.success(
                request, _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("hubs:hub-detail", pk=hub.pk)
    return render(request, "hubs/staff_invite_form.html", {"hub": hub, "form": form})


def staff_assign(request, pk):
    hub = _hub(request, pk)
    if not can_manage_hub_staff(request.user, hub):
        deny(request, model=Hub, object_id=hub.pk)
    form = StaffAssignForm(
        request.POST or None,
        hub_lead_allowed=can_assign_role(request.user, hub, "hub_lead"),
        people=selectors.people_assignable(hub=hub, acting_user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The person was assigned to the hub.")) as outcome:
            services.staff_assign(**form.cleaned_data, hub=hub, acting_user=request.user)
        if outcome.ok:
            return redirect("hubs:hub-detail", pk=hub.pk)
    return render(request, "hubs/staff_assign_form.html", {"hub": hub, "form": form})


def _membership(request, pk) -> HubMembership:
    scope = hub_staff_visible_to(request.user).select_related("user", "hub")
    return get_in_scope_or_404(request, scope, pk=pk)


@require_POST
def membership_reinvite(request, pk):
    membership = _membership(request, pk)
    if not can_manage_hub_staff(request.user, membership.hub):
        deny(request, model=HubMembership, object_id=membership.pk)
    with refusals_shown(request) as outcome:
        person = services.staff_reinvite(
            membership=membership, acting_user=request.user, base_url=request.build_absolute_uri("/")
        )
    if outcome.ok:
        messages.success(request, _("The invitation was sent to %(email)s.") % {"email": person.email})
    return redirect("hubs:hub-detail", pk=membership.hub_id)


def membership_end(request, pk):
    membership = _membership(request, pk)
    if not can_end_membership(request.user, membership):
        deny(request, model=HubMembership, object_id=membership.pk)
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(
            request, form=form, success=_("The membership was ended; it stays in the hub's history.")
        ) as outcome:
            services.membership_end(membership=membership, acting_user=request.user, **form.cleaned_data)
        if outcome.ok:
            return redirect("hubs:hub-detail", pk=membership.hub_id)
    return render(request, "hubs/membership_confirm_end.html", {"membership": membership, "form": form})


def staff_move(request, pk):
    membership = _membership(request, pk)
    if not can_move_staff(request.user):
        deny(request, model=HubMembership, object_id=membership.pk)
    form = StaffMoveForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form) as outcome:
            new = services.staff_move(membership=membership, acting_user=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("The person was moved to %(hub)s.") % {"hub": new.hub})
            return redirect("hubs:hub-detail", pk=new.hub_id)
    return render(request, "hubs/membership_move_form.html", {"membership": membership, "form": form})


@require(can_deactivate_staff)
def staff_deactivate(request, user_pk):
    person = get_object_or_404(User, pk=user_pk)
    memberships = HubMembership.objects.filter(user=person).current_or_future().select_related("hub")
    if request.method == "POST":
        with refusals_shown(request, success=_("The account was deactivated and its sessions ended.")):
            services.staff_deactivate(user=person, acting_user=request.user)
        return redirect("hubs:hub-list")
    return render(request, "hubs/staff_confirm_deactivate.html", {"person": person, "memberships": memberships})
