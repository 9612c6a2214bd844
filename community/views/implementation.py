"""Implementation follow-up: tranches, visits, private photos, co-funding, completion."""

from functools import partial

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404

from .. import permissions, selectors, services
from ..forms import CofundingForm, CompletionForm, PhotoForm, TrancheReportForm, VisitForm
from ..models import Initiative, InitiativePhoto
from ._common import allow, form_page, run


def _initiative(request, pk) -> Initiative:
    scope = permissions.initiatives_visible_to(request.user).select_related("idea__cycle", "idea__municipality")
    return get_in_scope_or_404(request, scope, pk=pk)


def _url(initiative) -> str:
    return reverse("community:initiative-detail", kwargs={"pk": initiative.pk})


def initiative_detail(request, pk):
    initiative = _initiative(request, pk)
    context = {
        "initiative": initiative,
        "idea": initiative.idea,
        **selectors.initiative_context(initiative),
        "can_follow_up": permissions.can_follow_up(request.user, initiative),
        "can_release": permissions.can_release_tranches(request.user),
        "report_form": TrancheReportForm(),
        "photo_form": PhotoForm(),
        "blockers": {},
    }
    for tranche in context["tranches"]:
        if tranche.status == "planned":
            tranche.initiative = initiative
            context["blockers"][tranche.pk] = services.tranche_release_blockers(tranche, context["tranches"])
    return render(request, "community/initiative_detail.html", context)


TRANCHE_ACTIONS = {"report", "approve", "release"}


@require_POST
def tranche_action(request, pk, action):
    if action not in TRANCHE_ACTIONS:
        raise Http404
    tranche = get_in_scope_or_404(
        request, permissions.tranches_visible_to(request.user).select_related("initiative__idea"), pk=pk
    )
    initiative = tranche.initiative
    if action == "report":
        allow(request, permissions.can_follow_up(request.user, initiative))
        run(request, _("The milestone is reported."), services.tranche_report, tranche=tranche,
            report=request.POST.get("report", ""), acting_user=request.user)  # fmt: skip
    else:
        allow(request, permissions.can_release_tranches(request.user))
        service = services.tranche_approve_report if action == "approve" else services.tranche_release
        message = _("The report is approved.") if action == "approve" else _("The tranche is released.")
        run(request, message, service, tranche=tranche, acting_user=request.user)
    return redirect(_url(initiative))


def visit_add(request, pk):
    initiative = _initiative(request, pk)
    allow(request, permissions.can_follow_up(request.user, initiative))
    form = VisitForm(request.POST or None, initiative=initiative)
    save = partial(services.visit_record, initiative=initiative)
    return form_page(request, form, save, title=_("Record a monitoring visit"), success=_("The visit is recorded."),
                     back=_url(initiative), parent=initiative)  # fmt: skip


@require_POST
def photo_add(request, pk):
    initiative = _initiative(request, pk)
    allow(request, permissions.can_follow_up(request.user, initiative))
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        run(request, _("The photo is added."), services.photo_add, initiative=initiative,
            acting_user=request.user, **form.cleaned_data)  # fmt: skip
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect(_url(initiative))


def photo_file(request, pk):
    """Photos are never served from a public URL: only through the initiative's scope."""
    photo: InitiativePhoto = get_in_scope_or_404(request, permissions.photos_visible_to(request.user), pk=pk)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=photo.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def cofunding_add(request, pk):
    initiative = _initiative(request, pk)
    allow(request, permissions.can_follow_up(request.user, initiative))
    form = CofundingForm(request.POST or None)
    save = partial(services.cofunding_record, initiative=initiative)
    return form_page(request, form, save, title=_("Co-funding received"), success=_("Saved."),
                     back=_url(initiative), parent=initiative)  # fmt: skip


def completion_add(request, pk):
    initiative = _initiative(request, pk)
    allow(request, permissions.can_follow_up(request.user, initiative))
    form = CompletionForm(request.POST or None)
    save = partial(services.completion_record, initiative=initiative)
    return form_page(request, form, save, title=_("Completion"), success=_("The initiative is completed."),
                     back=_url(initiative), parent=initiative)  # fmt: skip
