from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import deny, get_in_scope_or_404, require

from .. import permissions, selectors, services
from ..filters import ApplicationFilter
from ..forms import ApplicationForm, MentorForm, PlanForm, SessionForm, TeamMemberFormSet
from ..models import Application
from .common import page_of, run

__all__ = [
    "application_create",
    "application_detail",
    "application_list",
    "application_screen",
    "application_send",
    "mentor_assign",
    "plan_add",
    "plan_diff",
    "session_add",
]


def _application(request, pk):
    scope = permissions.applications_visible_to(request.user).select_related("cycle", "municipality", "hub")
    return get_in_scope_or_404(request, scope, pk=pk)


@require(permissions.can_see_applications)
def application_list(request):
    """Officers see all applications; mentors "my teams"; hub staff their hub's applications."""
    filterset = ApplicationFilter(request.GET, queryset=selectors.applications_for_list(request.user))
    return render(
        request, "grants/application_list.html", {"filter": filterset, "page": page_of(request, filterset.qs)}
    )


def application_detail(request, pk):
    application = _application(request, pk)
    versions = list(application.plan_versions.prefetch_related("budget_lines", "milestones"))
    context = {
        "application": application,
        "members": list(application.members.all()),
        "mentors": list(application.mentor_assignments.select_related("mentor")),
        "sessions": list(application.sessions.all()),
        "versions": versions,
        "readiness": services.committee_readiness(application),
        "can_manage": permissions.can_manage_applications(request.user),
        "can_mentor": permissions.can_mentor(request.user, application),
        "can_edit_plan": permissions.can_edit_plan(request.user, application),
        "award": getattr(application, "award", None),
    }
    return render(request, "grants/application_detail.html", context)


@require(permissions.can_manage_applications)
def application_create(request, cycle_pk):
    cycle = get_in_scope_or_404(request, permissions.cycles_visible_to(request.user), pk=cycle_pk)
    form = ApplicationForm(request.POST or None)
    formset = TeamMemberFormSet(request.POST or None, prefix="members")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        members = [f.cleaned_data for f in formset if f.cleaned_data]
        fields = {"cycle": cycle, "members": members, "acting_user": request.user, **form.cleaned_data}
        if run(request, _("Application entered."), services.application_create, **fields):
            return redirect("grants:application-list")
    return render(request, "grants/application_form.html", {"form": form, "formset": formset, "cycle": cycle})


@require_POST
@require(permissions.can_manage_applications)
def application_screen(request, pk):
    """Submit (if still a draft) and screen against each rule."""
    application = _application(request, pk)
    if application.status == Application.Status.DRAFT:
        services.application_submit(application=application, acting_user=request.user)
    run(request, _("Screened."), services.application_screen, application=application, acting_user=request.user)
    return redirect("grants:application-detail", pk=application.pk)


@require(permissions.can_manage_applications)
def mentor_assign(request, pk):
    application = _application(request, pk)
    form = MentorForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            _("Mentor assigned."),
            services.mentor_assign,
            application=application,
            acting_user=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect("grants:application-detail", pk=application.pk)
    return render(request, "grants/mentorassignment_form.html", {"form": form, "application": application})


def session_add(request, pk):
    application = _application(request, pk)
    if not permissions.can_mentor(request.user, application):
        deny(request)
    form = SessionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            _("Session recorded."),
            services.session_record,
            application=application,
            acting_user=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect("grants:application-detail", pk=application.pk)
    return render(request, "grants/mentoringsession_form.html", {"form": form, "application": application})


def plan_add(request, pk):
    application = _application(request, pk)
    if not permissions.can_edit_plan(request.user, application):
        deny(request)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run(
            request,
            _("Plan version saved."),
            services.plan_version_create,
            application=application,
            summary=d["summary"],
            budget_lines=d["budget"],
            milestones=d["milestones"],
            is_final=d["is_final"],
            acting_user=request.user,
        ):
            return redirect("grants:application-detail", pk=application.pk)
    return render(request, "grants/planversion_form.html", {"form": form, "application": application})


def plan_diff(request, pk, old, new):
    application = _application(request, pk)
    versions = {
        v.number: v
        for v in application.plan_versions.filter(number__in=[old, new]).prefetch_related("budget_lines", "milestones")
    }
    if old not in versions or new not in versions:
        deny(request)
    diff = selectors.plan_diff(versions[old], versions[new])
    return render(
        request,
        "grants/planversion_diff.html",
        {"application": application, "diff": diff, "old": versions[old], "new": versions[new]},
    )


@require_POST
@require(permissions.can_manage_applications)
def application_send(request, pk):
    application = _application(request, pk)
    run(
        request,
        _("The application is before the committee."),
        services.application_send_to_committee,
        application=application,
        acting_user=request.user,
    )
    return redirect("grants:application-detail", pk=application.pk)
