"""Exports: ask for one, watch its progress (htmx polling), download it while the link lasts."""

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import get_in_scope_or_404, log_access, require
from accounts.models import AccessLog

from .forms import ExportForm
from .indicators import Period
from .models import ExportJob
from .permissions import can_export, export_kinds_for, exports_visible_to
from .services import export_request


@require(can_export)
def export_list(request):
    form = ExportForm(request.POST or None, kinds=export_kinds_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = Period(start=data.get("start"), end=data.get("end"))
        job = export_request(kind=data["kind"], acting_user=request.user, period=period)
        messages.success(request, _("The export is being built."))
        return redirect("dashboard:export-detail", pk=job.pk)
    jobs = exports_visible_to(request.user)[:20]
    return render(request, "dashboard/exportjob_list.html", {"form": form, "jobs": jobs})


def _job(request, pk) -> ExportJob:
    return get_in_scope_or_404(request, exports_visible_to(request.user), pk=pk)


@require(can_export)
def export_detail(request, pk):
    return render(request, "dashboard/exportjob_detail.html", {"job": _job(request, pk)})


@require(can_export)
def export_progress(request, pk):
    """The progress bar alone, polled by htmx while the export is built."""
    job = _job(request, pk)
    response = render(request, "dashboard/exportjob_detail.html#progress", {"job": job})
    if not job.is_running and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require(can_export)
def export_download(request, pk):
    job = _job(request, pk)
    if not job.is_downloadable:
        return HttpResponse(_("This download link has expired. Ask for the export again."), status=410)
    log_access(user=request.user, action=AccessLog.Action.EXPORT, obj=job, path=request.path, reason=job.kind)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])
