"""The Training-of-Trainers programme: events, participants, results, certificates, figures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_in_scope_or_404, require
from accounts.pdf import pdf_response
from accounts.permissions import is_officer

from .. import selectors, services
from ..certificates import certificate_pdf
from ..filters import TrainingFilter
from ..forms import ParticipantAddForm, ParticipantResultFormSet, TrainingEventForm
from ..models import TrainingEvent
from ..permissions import (
    can_browse_trainings,
    can_download_certificate,
    can_manage_trainings,
    can_see_training_figures,
    training_figure_hubs,
    training_participants_visible_to,
    trainings_visible_to,
)


def _event(request, pk) -> TrainingEvent:
    return get_in_scope_or_404(request, trainings_visible_to(request.user).for_list(), pk=pk)


@require(can_browse_trainings)
def training_list(request):
    events = trainings_visible_to(request.user).for_list().order_by("-date", "-pk")
    filterset = TrainingFilter(request.GET, queryset=events)
    context = {
        "filter": filterset,
        "page": selectors.paginate(request, filterset.qs),
        "certificates": list(selectors.my_certificates(user=request.user)),
        "can_manage": can_manage_trainings(request.user),
        "can_see_figures": can_see_training_figures(request.user),
    }
    return render(request, "hubs/trainingevent_list.html", context)


@require(can_manage_trainings)
def training_create(request):
    form = TrainingEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.training_create(data=form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The training event was saved."))
            return redirect("hubs:training-detail", pk=event.pk)
    return render(request, "hubs/trainingevent_form.html", {"form": form})


@require(can_manage_trainings)
def training_edit(request, pk):
    event = _event(request, pk)
    form = TrainingEventForm(request.POST or None, instance=TrainingEvent.objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.training_update(event=event, data=form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The training event was saved."))
            return redirect("hubs:training-detail", pk=event.pk)
    return render(request, "hubs/trainingevent_form.html", {"form": form, "event": event})


@require(can_browse_trainings)
def training_detail(request, pk):
    event = _event(request, pk)
    participants = training_participants_visible_to(request.user).filter(event=event).for_list()
    manage = can_manage_trainings(request.user)
    context = {
        "event": event,
        "participants": list(participants),
        "can_manage": manage,
        "results": ParticipantResultFormSet(queryset=participants, prefix="results") if manage else None,
        "add_form": ParticipantAddForm(event=event) if manage else None,
        "cascades": list(event.cascades.select_related("hub", "topic")) if event.format == "tot" else [],
    }
    return render(request, "hubs/trainingevent_detail.html", context)


@require(can_manage_trainings)
@require_POST
def participant_add(request, pk):
    event = _event(request, pk)
    form = ParticipantAddForm(request.POST, event=event)
    if form.is_valid():
        try:
            services.participant_add(event=event, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The participant was added."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Check the participant's details."))
    return redirect("hubs:training-detail", pk=event.pk)


@require(can_manage_trainings)
@require_POST
def training_results(request, pk):
    event = _event(request, pk)
    formset = ParticipantResultFormSet(request.POST, queryset=event.participants.all(), prefix="results")
    if formset.is_valid():
        rows = [{**form.cleaned_data, "id": form.instance.pk} for form in formset.forms]
        try:
            services.training_results_record(event=event, rows=rows, acting_user=request.user)
            messages.success(request, _("Attendance and scores were saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Scores are between 0 and 100."))
    return redirect("hubs:training-detail", pk=event.pk)


@require(can_manage_trainings)
@require_POST
def participant_complete(request, pk):
    participant = get_in_scope_or_404(request, training_participants_visible_to(request.user), pk=pk)
    try:
        services.participant_complete(participant=participant, acting_user=request.user)
        messages.success(request, _("%(name)s completed the training.") % {"name": participant.name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("hubs:training-detail", pk=participant.event_id)


def certificate(request, pk):
    scope = training_participants_visible_to(request.user).select_related("user", "event__topic", "event__trainer")
    participant = get_in_scope_or_404(request, scope, pk=pk)
    if not can_download_certificate(request.user, participant):
        messages.error(request, _("The certificate is issued once the training is completed."))
        return redirect("hubs:training-list")
    return pdf_response(certificate_pdf(participant), f"{participant.certificate_number}.pdf")


@require(can_see_training_figures)
def training_stats(request):
    hubs = training_figure_hubs(request.user)
    hub_ids = None if is_officer(request.user) else list(hubs.values_list("pk", flat=True))
    context = {
        "hubs": selectors.training_stats_by_hub(hubs=hubs),
        "total": selectors.training_stats_total(hub_ids=hub_ids),
    }
    return render(request, "hubs/training_stats.html", context)
