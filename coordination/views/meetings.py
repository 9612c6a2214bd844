"""Meetings: plan, agenda, attendance, documents, minutes (PDF), decisions, action items."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.pdf import pdf_response
from hubs.selectors import paginate

from .. import selectors, services
from ..documents import LANGUAGES, minutes_pdf
from ..forms import (
    ACTION_STATUS_FILTER,
    ActionItemForm,
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    MeetingDocumentForm,
    MeetingForm,
    MinutesForm,
    StatusForm,
)
from ..models import ActionItem, Meeting
from ..permissions import (
    action_items_visible_to,
    can_browse_coordination,
    can_manage_coordination,
    can_read_minutes,
    can_update_action_item,
    committees_visible_to,
    meeting_documents_visible_to,
    meetings_visible_to,
)
from ._helpers import file_download, form_page, post_action

TEMPLATE_FORM = "coordination/form_page.html"


def _meeting(request, pk) -> Meeting:
    return get_in_scope_or_404(request, meetings_visible_to(request.user).select_related("committee"), pk=pk)


def _meeting_form(request, pk, form_class, save, *, title: str, success: str, form_kwargs=None):
    meeting = _meeting(request, pk)
    form = form_class(request.POST or None, request.FILES or None, **(form_kwargs(meeting) if form_kwargs else {}))
    return form_page(
        request,
        form,
        partial(save, meeting=meeting),
        template=TEMPLATE_FORM,
        success=success,
        next_url=lambda _obj: meeting.get_absolute_url(),
        context={"meeting": meeting, "title": title},
    )


@require(can_browse_coordination)
def meeting_list(request):
    meetings = selectors.meetings_for_list(user=request.user)
    context = {"page": paginate(request, meetings), "can_manage": can_manage_coordination(request.user)}
    return render(request, "coordination/meeting_list.html", context)


@require(can_manage_coordination)
def meeting_create(request, pk):
    committee = get_in_scope_or_404(request, committees_visible_to(request.user), pk=pk)
    form = MeetingForm(request.POST or None)
    return form_page(
        request,
        form,
        partial(services.meeting_plan, committee=committee),
        template=TEMPLATE_FORM,
        success=_("The meeting was planned."),
        next_url=lambda meeting: meeting.get_absolute_url(),
        context={"committee": committee, "title": _("Plan a meeting")},
    )


@require(can_browse_coordination)
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    context = selectors.meeting_page(meeting=meeting, user=request.user)
    context |= {"can_manage": can_manage_coordination(request.user), "languages": LANGUAGES}
    return render(request, "coordination/meeting_detail.html", context)


@require(can_manage_coordination)
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk))
    return form_page(
        request,
        form,
        partial(services.meeting_update, meeting=meeting),
        template=TEMPLATE_FORM,
        success=_("The meeting was saved."),
        next_url=lambda m: meeting.get_absolute_url(),
        context={"meeting": meeting, "title": _("Change the meeting")},
    )


@require_POST
@require(can_manage_coordination)
def meeting_status(request, pk):
    meeting = _meeting(request, pk)
    to_status = request.POST.get("to_status", "")
    if to_status not in Meeting.Status.values:
        messages.error(request, _("Unknown status."))
        return redirect(meeting.get_absolute_url())
    action = partial(
        services.meeting_set_status, meeting=meeting, to_status=to_status, note=request.POST.get("note", "")
    )
    return post_action(
        request, action, success=_("The meeting's status was changed."), next_url=meeting.get_absolute_url()
    )


@require(can_manage_coordination)
def agenda_add(request, pk):
    return _meeting_form(
        request,
        pk,
        AgendaItemForm,
        services.agenda_item_add,
        title=_("Add an agenda item"),
        success=_("The agenda item was added."),
    )


@require(can_manage_coordination)
def attendance(request, pk):
    meeting = _meeting(request, pk)
    members = list(meeting.committee.members.active(timezone.localtime(meeting.starts_at).date()).order_by("full_name"))
    current = dict(meeting.attendance.values_list("member_id", "status"))
    form = AttendanceForm(request.POST or None, members=members, current=current)
    return form_page(
        request,
        form,
        lambda acting_user, **_data: services.attendance_record(
            meeting=meeting, acting_user=acting_user, statuses=form.statuses()
        ),
        template=TEMPLATE_FORM,
        success=_("The attendance was recorded."),
        next_url=lambda _count: meeting.get_absolute_url(),
        context={"meeting": meeting, "title": _("Attendance")},
    )


@require(can_manage_coordination)
def minutes_edit(request, pk):
    meeting = _meeting(request, pk)
    form = MinutesForm(
        request.POST or None, initial={"minutes_ka": meeting.minutes_ka, "minutes_en": meeting.minutes_en}
    )
    return form_page(
        request,
        form,
        partial(services.minutes_save, meeting=meeting),
        template=TEMPLATE_FORM,
        success=_("The minutes were saved."),
        next_url=lambda m: meeting.get_absolute_url(),
        context={"meeting": meeting, "title": _("Meeting minutes")},
    )


@require_POST
@require(can_manage_coordination)
def minutes_approve(request, pk):
    meeting = _meeting(request, pk)
    return post_action(
        request,
        partial(services.minutes_approve, meeting=meeting),
        success=_("The minutes are approved."),
        next_url=meeting.get_absolute_url(),
    )


@require(can_browse_coordination)
def minutes_pdf_view(request, pk):
    meeting = _meeting(request, pk)
    if not can_read_minutes(request.user, meeting):
        raise PermissionDenied
    language = request.GET.get("lang", "ka")
    if language not in LANGUAGES:
        raise Http404
    pdf = minutes_pdf(meeting, language=language)
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    return pdf_response(pdf, f"minutes-{meeting.committee.code}-{day}-{language}.pdf")


@require(can_manage_coordination)
def document_add(request, pk):
    return _meeting_form(
        request,
        pk,
        MeetingDocumentForm,
        services.meeting_document_add,
        title=_("Upload a document"),
        success=_("The document was uploaded."),
    )


@require(can_browse_coordination)
def document_download(request, pk):
    document = get_in_scope_or_404(request, meeting_documents_visible_to(request.user), pk=pk)
    return file_download(document.file, document.original_name)


@require(can_manage_coordination)
def decision_add(request, pk):
    return _meeting_form(
        request,
        pk,
        DecisionForm,
        services.decision_record,
        title=_("Record a decision"),
        success=_("The decision was recorded."),
        form_kwargs=lambda meeting: {"committee": meeting.committee},
    )


@require(can_manage_coordination)
def action_add(request, pk):
    return _meeting_form(
        request,
        pk,
        ActionItemForm,
        services.action_item_add,
        title=_("Add an action item"),
        success=_("The action item was added."),
        form_kwargs=lambda meeting: {"meeting": meeting},
    )


@require(can_browse_coordination)
def action_list(request):
    status = request.GET.get("status", "")
    status = status if status in ActionItem.Status.values else ""
    overdue = request.GET.get("overdue") == "1"
    items = selectors.action_items_for_list(user=request.user, status=status, overdue=overdue)
    page = paginate(request, items)
    context = {
        "page": page,
        "items": selectors.with_next_statuses(page),
        "status": status,
        "overdue": overdue,
        "status_choices": ACTION_STATUS_FILTER,
        "today": timezone.localdate(),
    }
    return render(request, "coordination/actionitem_list.html", context)


@require_POST
@require(can_browse_coordination)
def action_status(request, pk):
    item = get_in_scope_or_404(request, action_items_visible_to(request.user).select_related("owner", "meeting"), pk=pk)
    if not can_update_action_item(request.user, item):
        raise PermissionDenied
    next_url = item.meeting.get_absolute_url() if request.POST.get("next") == "meeting" else "coordination:action-list"
    form = StatusForm(request.POST, obj=item)
    if not form.is_valid():
        messages.error(request, _("Choose a status this action item can move to."))
        return redirect(next_url)
    action = partial(services.action_item_set_status, item=item, **form.cleaned_data)
    return post_action(request, action, success=_("The action item's status was changed."), next_url=next_url)
