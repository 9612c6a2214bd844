from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from accounts.access import require
from accounts.models import AccessLog
from accounts.permissions import is_hub_staff
from accounts.refusals import refusals_shown
from accounts.roles import Role
from hubs.permissions import hub_ids_of

from .. import permissions as perms
from .. import services
from ..forms import SubjectExportForm
from ..models import Case, CaseTransfer, FollowUp
from ..panels import work_items_for
from ..selectors import unmet_needs_per_hub
from ._helpers import beneficiary_or_404


@require(is_hub_staff)
def my_work(request):
    """A counsellor's and hub lead's day: overdue follow-ups, approvals, transfers."""
    user, today = request.user, timezone.localdate()
    led = hub_ids_of(user, Role.HUB_LEAD)
    follow_ups = FollowUp.objects.pending().for_list().filter(case__hub_id__in=hub_ids_of(user))
    mine = follow_ups.filter(assigned_to=user)
    context = {
        "today": today,
        "overdue": list(mine.filter(due_on__lt=today)),
        "upcoming": list(mine.filter(due_on__gte=today)[:10]),
        "team_overdue": list(follow_ups.filter(due_on__lt=today).exclude(assigned_to=user)) if led else [],
        "approvals": list(Case.objects.for_list().filter(hub_id__in=led, status=Case.Status.CLOSURE_REQUESTED)),
        "transfers_in": list(
            CaseTransfer.objects.filter(to_hub_id__in=led, status=CaseTransfer.Status.PENDING).select_related(
                "case", "from_hub", "requested_by"
            )
        ),
        "my_cases": list(Case.objects.for_list().live().filter(counsellor=user)[:50]),
        "other_tasks": work_items_for(user, today),
    }
    return render(request, "reintegration/my_work.html", context)


@require(perms.can_review_break_glass)
def break_glass_review(request):
    """Every opening of confidential notes with its reason, for the officers' review."""
    entries = (
        AccessLog.objects.filter(
            action=AccessLog.Action.BREAK_GLASS, content_type=ContentType.objects.get_for_model(Case)
        )
        .select_related("user")
        .order_by("-at")
    )
    page = Paginator(entries, 25).get_page(request.GET.get("page"))
    numbers = dict(Case.objects.filter(pk__in=[e.object_id for e in page]).values_list("pk", "number"))
    rows = [{"entry": e, "case_number": numbers.get(int(e.object_id)) if e.object_id.isdigit() else None} for e in page]
    return render(request, "reintegration/break_glass_review.html", {"page": page, "rows": rows})


@require(perms.can_export_beneficiary)
def beneficiary_export(request, pk: int):
    """The export page (GET); its form downloads everything held on the person as PDF or JSON (POST)."""
    person = beneficiary_or_404(request, pk)
    form = SubjectExportForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form) as outcome:
            export = services.beneficiary_export(
                beneficiary=person, acting_user=request.user, path=request.path, **form.cleaned_data
            )
        if outcome.ok:
            response = HttpResponse(export.content, content_type=export.content_type)
            response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
            return response
    cases = list(person.cases.select_related("hub").order_by("opened_on", "pk"))
    return render(request, "reintegration/beneficiary_export.html", {"person": person, "form": form, "cases": cases})


@require(perms.can_see_unmet_needs)
def unmet_needs(request):
    """Needs no service could meet, per hub: gaps the officer takes up with the directory."""
    return render(request, "reintegration/unmet_needs.html", {"rows": unmet_needs_per_hub(request.user)})
