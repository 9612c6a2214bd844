from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import get_in_scope_or_404, require

from .. import permissions, services
from ..forms import AttendanceForm, WorkshopForm
from ..models import TeamMember, Workshop
from .common import run

__all__ = ["workshop_add", "workshop_detail"]


@require(permissions.can_manage_applications)
def workshop_add(request, pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=pk)
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = services.workshop_create(cycle=cycle, acting_user=request.user, **form.cleaned_data)
        return redirect("grants:workshop-detail", pk=workshop.pk)
    return render(request, "grants/workshop_form.html", {"form": form, "cycle": cycle})


@require(permissions.can_manage_applications)
def workshop_detail(request, pk):
    """The workshop with its attendance, taken by team member."""
    workshop = get_in_scope_or_404(request, Workshop.objects.select_related("cycle"), pk=pk)
    members = TeamMember.objects.filter(application__cycle=workshop.cycle).select_related("application")
    form = AttendanceForm(request.POST or None, members=members, initial={"attendees": list(workshop.attendees.all())})
    if request.method == "POST" and form.is_valid():
        attendees = form.cleaned_data["attendees"]
        if run(
            request,
            _("Attendance saved."),
            services.workshop_attendance_set,
            workshop=workshop,
            attendees=attendees,
            acting_user=request.user,
        ):
            return redirect("grants:workshop-detail", pk=workshop.pk)
    return render(request, "grants/workshop_detail.html", {"workshop": workshop, "form": form, "members": members})
