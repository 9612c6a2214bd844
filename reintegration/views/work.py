from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.access import require
from accounts.models import AccessLog
from accounts.pagination import LIST_COUNT_CAP, LIST_PAGE_SIZE, CappedPaginator
from accounts.permissions import is_hub_staff
from accounts.refusals import refusals_shown

from .. import permissions as perms
from .. import services, worklist
from ..forms import SubjectExportForm
from ..models import Case
from ..panels import work_items_for
from ..selectors import unmet_needs_per_hub
from ._helpers import beneficiary_or_404


@require(is_hub_staff)
def my_work(request):
    """A counsellor's and hub lead's day: overdue follow-ups, approvals, transfers. Every list shows
    its first rows, with a link to the whole list when there are more."""
    user, today = request.user, timezone.localdate()
    lists = worklist.work_lists(user, today)
    context = {"today": today}
    for name, rows in lists.items():
        context[name.replace("-", "_")] = worklist.first_rows(rows)
    context["other_tasks"] = worklist.first_rows(work_items_for(user, today, limit=worklist.WORK_LIST_SIZE + 1))
    return render(request, "reintegration/my_work.html", context)


WORK_LIST_TITLES = {
    "overdue": _("Overdue follow-ups"),
    "upcoming": _("Coming up"),
    "cases": _("My open cases"),
    "team-overdue": _("Overdue in the team"),
    "approvals": _("Cases awaiting your approval"),
    "transfers": _("New transfers"),
    "tasks": _("Other tasks"),
}


@require(is_hub_staff)
def my_work_list(request, name: str):
    """One list of "My work" on its own, paginated (counted up to the usual cap)."""
    user, today = request.user, timezone.localdate()
    lists = worklist.work_lists(user, today)
    if name == "tasks":  # the sources' tasks, read up to the cap: a list, paginated as it is
        paginator = Paginator(work_items_for(user, today, limit=LIST_COUNT_CAP), LIST_PAGE_SIZE)
    elif name in lists:
        paginator = CappedPaginator(lists[name])
    else:
        raise Http404
    page = paginator.get_page(request.GET.get("page"))
    context = {"name": name, "title": WORK_LIST_TITLES[name], "page": page, "today": today}
    return render(request, "reintegration/my_work_list.html", context)


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
