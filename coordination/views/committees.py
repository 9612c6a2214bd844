"""Committees and their members."""

from functools import partial

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from accounts.access import get_in_scope_or_404, require

from .. import selectors, services
from ..forms import CommitteeForm, MemberForm
from ..models import CommitteeMember
from ..permissions import can_browse_coordination, can_manage_coordination, committees_visible_to
from ._helpers import form_page


@require(can_browse_coordination)
def committee_list(request):
    committees = committees_visible_to(request.user).for_list()
    context = {
        "committees": list(committees),
        "can_manage": can_manage_coordination(request.user),
    }
    return render(request, "coordination/committee_list.html", context)


@require(can_browse_coordination)
def committee_detail(request, pk):
    committee = get_in_scope_or_404(request, committees_visible_to(request.user), pk=pk)
    context = selectors.committee_page(committee=committee, user=request.user)
    context["can_manage"] = can_manage_coordination(request.user)
    return render(request, "coordination/committee_detail.html", context)


@require(can_manage_coordination)
def committee_create(request):
    form = CommitteeForm(request.POST or None)
    return form_page(
        request,
        form,
        services.committee_save,
        template="coordination/form_page.html",
        success=_("The committee was saved."),
        next_url=lambda committee: committee.get_absolute_url(),
        context={"title": _("New committee")},
    )


@require(can_manage_coordination)
def committee_edit(request, pk):
    committee = get_in_scope_or_404(request, committees_visible_to(request.user), pk=pk)
    form = CommitteeForm(request.POST or None, instance=committee)
    return form_page(
        request,
        form,
        partial(services.committee_save, committee=committee),
        template="coordination/form_page.html",
        success=_("The committee was saved."),
        next_url=lambda committee: committee.get_absolute_url(),
        context={"committee": committee, "title": _("Change the committee")},
    )


@require(can_manage_coordination)
def member_add(request, pk):
    committee = get_in_scope_or_404(request, committees_visible_to(request.user), pk=pk)
    form = MemberForm(request.POST or None, instance=CommitteeMember(committee=committee))
    return form_page(
        request,
        form,
        partial(services.member_save, committee=committee),
        template="coordination/form_page.html",
        success=_("The member was seated."),
        next_url=lambda member: committee.get_absolute_url(),
        context={"committee": committee, "title": _("Seat a member")},
    )


@require(can_manage_coordination)
def member_edit(request, pk):
    member = get_object_or_404(CommitteeMember.objects.select_related("committee"), pk=pk)
    form = MemberForm(request.POST or None, instance=CommitteeMember.objects.get(pk=pk))
    return form_page(
        request,
        form,
        partial(services.member_save, member=member),
        template="coordination/form_page.html",
        success=_("The member's seat was saved."),
        next_url=lambda m: member.committee.get_absolute_url(),
        context={"committee": member.committee, "member": member, "title": _("Change the seat")},
    )
