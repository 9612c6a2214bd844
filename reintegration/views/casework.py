"""Recording the work on a case: consent, history, household, needs, sessions, plan, follow-ups."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.refusals import refusals_shown, run

from .. import permissions as perms
from .. import services
from ..forms import (
    ActionForm,
    AssessmentForm,
    BreakGlassForm,
    ConsentForm,
    FollowUpDoneForm,
    FollowUpForm,
    GoalForm,
    HouseholdForm,
    HouseholdMemberFormSet,
    MigrationEpisodeForm,
    SessionForm,
    StatusForm,
)
from ..providers import provider_choices
from ._helpers import case_or_404


def _workable_case(request, pk):
    case = case_or_404(request, pk)
    if not perms.can_work_on_case(request.user, case):
        raise PermissionDenied
    return case


def _form_page(request, case, form, title, save, *, success, template="reintegration/case_form_page.html", next_url=""):
    """Shared GET/POST flow of the small 'add X to this case' forms: ``save`` is a service."""
    posted = request.method == "POST" and form.is_valid()
    if posted and run(request, success, save, form=form, acting_user=request.user, **form.cleaned_data):
        return redirect(next_url or case.get_absolute_url())
    return render(request, template, {"case": case, "form": form, "title": title, "next_url": next_url})


def _safe_next(request) -> str:
    """A same-site address to return to after saving (e.g. the referral that asked for consent)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if allowed else ""


def consent_add(request, pk: int):
    """The provider comes from the directory; `?purpose=sharing&provider=…&next=…` pre-fills the form
    from a refused referral and returns to it."""
    case = _workable_case(request, pk)
    initial = {"purpose": request.GET.get("purpose"), "provider_name": request.GET.get("provider")}
    form = ConsentForm(request.POST or None, initial=initial, providers=provider_choices(request.user))
    save = partial(services.consent_record, beneficiary=case.beneficiary, hub=case.hub)
    return _form_page(
        request,
        case,
        form,
        _("Record consent"),
        save,
        success=_("The consent is recorded."),
        next_url=_safe_next(request),
    )


@require_POST
def consent_withdraw(request, pk: int, consent_pk: int):
    case = _workable_case(request, pk)
    consent = get_object_or_404(case.beneficiary.consents.for_hub(case.hub), pk=consent_pk)
    services.consent_withdraw(consent=consent, acting_user=request.user)
    messages.success(request, _("The withdrawal of consent is recorded."))
    return redirect(case.get_absolute_url())


def episode_add(request, pk: int):
    case = _workable_case(request, pk)
    form = MigrationEpisodeForm(request.POST or None)
    save = partial(services.migration_episode_add, beneficiary=case.beneficiary)
    return _form_page(
        request, case, form, _("Add a migration episode"), save, success=_("The migration episode is added.")
    )


def household_edit(request, pk: int):
    case = _workable_case(request, pk)
    household = case.beneficiary.household
    initial = {"size": 1}
    if household:
        initial = {
            "size": household.size,
            "female_headed": household.female_headed,
            "is_head": household.head_id == case.beneficiary_id,
        }
    form = HouseholdForm(request.POST or None, initial=initial)
    save = partial(services.household_update, beneficiary=case.beneficiary)
    return _form_page(request, case, form, _("Household"), save, success=_("The household is saved."))


def household_member_add(request, pk: int):
    case = _workable_case(request, pk)
    if not case.beneficiary.household_id:
        messages.error(request, _("Record the household first."))
        return redirect("reintegration:household-edit", pk=case.pk)
    formset = HouseholdMemberFormSet(request.POST or None, prefix="members")
    if request.method == "POST" and formset.is_valid():
        members = formset.members()
        success = ngettext(
            "%(count)d household member is added.", "%(count)d household members are added.", len(members)
        ) % {"count": len(members)}
        save = partial(services.household_members_add, beneficiary=case.beneficiary, members=members)
        if run(request, success, save, acting_user=request.user):
            return redirect(case.get_absolute_url())
    return render(request, "reintegration/household_members_form.html", {"case": case, "formset": formset})


def assessment_add(request, pk: int):
    case = _workable_case(request, pk)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form, success=_("The needs assessment is recorded.")) as outcome:
            services.assessment_record(
                case=case,
                needs=form.needs(),
                acting_user=request.user,
                notes=form.cleaned_data["notes"],
                assessed_on=form.cleaned_data["assessed_on"],
            )
        if outcome.ok:
            return redirect(case.get_absolute_url())
    return render(request, "reintegration/needassessment_form.html", {"case": case, "form": form})


@require_POST
def need_status(request, pk: int, need_pk: int):
    case = _workable_case(request, pk)
    from ..models import AssessedNeed

    need = get_object_or_404(AssessedNeed, pk=need_pk, assessment__case=case)
    form = StatusForm(request.POST)
    with refusals_shown(request) as outcome:
        services.assessed_need_set_status(need=need, status=form.data.get("status", ""), acting_user=request.user)
    if not outcome.ok:
        return redirect(case.get_absolute_url())
    return redirect(_safe_next(request) or case.get_absolute_url())


def session_add(request, pk: int):
    case = _workable_case(request, pk)
    form = SessionForm(request.POST or None)
    save = partial(services.session_record, case=case)
    return _form_page(
        request, case, form, _("Record a counselling session"), save, success=_("The session is recorded.")
    )


def confidential_notes(request, pk: int):
    """An officer reads the confidential notes after typing a reason (logged; listed for review)."""
    case = case_or_404(request, pk)
    if not perms.can_break_glass(request.user, case):
        raise PermissionDenied
    form = BreakGlassForm(request.POST or None)
    sessions = None
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form):
            sessions = services.confidential_notes_open(
                case=case, reason=form.cleaned_data["reason"], acting_user=request.user, path=request.path
            )
    return render(
        request, "reintegration/case_confidential_notes.html", {"case": case, "form": form, "sessions": sessions}
    )


def goal_add(request, pk: int):
    case = _workable_case(request, pk)
    form = GoalForm(request.POST or None)
    save = partial(services.goal_add, case=case)
    return _form_page(request, case, form, _("Add a plan goal"), save, success=_("The goal is added to the plan."))


def action_add(request, pk: int, goal_pk: int):
    case = _workable_case(request, pk)
    goal = get_object_or_404(case.goals, pk=goal_pk)
    form = ActionForm(request.POST or None)
    save = partial(services.action_add, goal=goal)
    title = _("Add an action to: %(goal)s") % {"goal": goal}
    return _form_page(request, case, form, title, save, success=_("The action is added to the plan."))


@require_POST
def goal_status(request, pk: int, goal_pk: int):
    case = _workable_case(request, pk)
    goal = get_object_or_404(case.goals, pk=goal_pk)
    with refusals_shown(request) as outcome:
        services.goal_set_status(goal=goal, status=request.POST.get("status", ""), acting_user=request.user)
    if not outcome.ok:
        return redirect(case.get_absolute_url())
    return redirect(case.get_absolute_url())


@require_POST
def action_status(request, pk: int, action_pk: int):
    case = _workable_case(request, pk)
    from ..models import PlanAction

    action = get_object_or_404(PlanAction, pk=action_pk, goal__case=case)
    with refusals_shown(request) as outcome:
        services.action_set_status(action=action, status=request.POST.get("status", ""), acting_user=request.user)
    if not outcome.ok:
        return redirect(case.get_absolute_url())
    return redirect(case.get_absolute_url())


def follow_up_add(request, pk: int):
    case = _workable_case(request, pk)
    form = FollowUpForm(request.POST or None, case=case)
    save = partial(services.follow_up_schedule, case=case)
    return _form_page(request, case, form, _("Schedule a follow-up"), save, success=_("The follow-up is scheduled."))


def follow_up_done(request, pk: int, follow_up_pk: int):
    case = _workable_case(request, pk)
    follow_up = get_object_or_404(case.follow_ups, pk=follow_up_pk)
    form = FollowUpDoneForm(request.POST or None)
    save = partial(services.follow_up_complete, follow_up=follow_up)
    title = _("Follow-up done: %(purpose)s") % {"purpose": follow_up.purpose}
    return _form_page(request, case, form, title, save, success=_("The follow-up is marked done."))
