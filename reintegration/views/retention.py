"""Retention: the officers' page (periods, the dry-run list, runs), a run's report, erasure on request."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require
from accounts.refusals import refusals_shown

from .. import permissions as perms
from ..forms import ErasureForm, RetentionRunForm
from ..models import RetentionRun
from ..retention import LIVE
from ..services import retention as services
from ._helpers import beneficiary_or_404

DUE_SHOWN_PER_KIND = 50


@require(perms.can_see_retention)
def retention(request):
    context = {
        "due": services.retention_due(limit=DUE_SHOWN_PER_KIND),
        "runs": list(RetentionRun.objects.for_list()[:20]),
        "first_run_pending": not RetentionRun.objects.filter(dry_run=False).exists(),
    }
    return render(request, "reintegration/retention.html", context)


@require_POST
@require(perms.can_run_retention)
def retention_run(request):
    form = RetentionRunForm(request.POST)
    dry_run = form.is_valid() and form.cleaned_data["dry_run"]
    run = services.retention_run(dry_run=dry_run, acting_user=request.user)
    messages.success(request, _("The dry run is recorded.") if dry_run else _("The expired records are anonymised."))
    return redirect(run.get_absolute_url())


@require(perms.can_see_retention)
def retention_report(request, pk: int):
    run = get_object_or_404(RetentionRun.objects.select_related("started_by"), pk=pk)
    labels = _kind_labels()
    context = {
        "run": run,
        "counts": [(key, labels.get(key, key), n) for key, n in run.counts.items()],
        "items": [(labels.get(item["kind"], item["kind"]), item["label"]) for item in run.items],
    }
    return render(request, "reintegration/retentionrun_detail.html", context)


@require(perms.can_erase_beneficiary)
def beneficiary_erase(request, pk: int):
    person = beneficiary_or_404(request, pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request, form=form) as outcome:
            run = services.beneficiary_erase(
                beneficiary=person, reason=form.cleaned_data["reason"], acting_user=request.user, path=request.path
            )
        if outcome.ok:
            messages.success(request, _("The person's record is anonymised."))
            return redirect(run.get_absolute_url())
    live = person.cases.filter(status__in=LIVE).order_by("number")
    return render(
        request, "reintegration/beneficiary_confirm_erase.html", {"person": person, "form": form, "live": live}
    )


def _kind_labels() -> dict[str, str]:
    from ..anonymisation import retention_kinds

    return {kind.key: kind.label for kind in retention_kinds()} | {"erasure": _("Erasure on request")}
