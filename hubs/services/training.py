"""Writes on the Training-of-Trainers programme: events, participants, results, completion."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.refusals import authorize

from ..models import Hub, HubMembership, TrainingEvent, TrainingParticipant
from ..permissions import can_manage_trainings

EVENT_FIELDS = [
    "topic",
    "format",
    "parent",
    "hub",
    "date",
    "end_date",
    "place",
    "trainer",
    "trainer_name",
    "hours",
    "notes",
]


def _check_shape(event: TrainingEvent) -> None:
    if event.format == TrainingEvent.Format.CASCADE:
        if event.parent_id is None:
            raise ValidationError({"parent": _("A cascade session stems from a ToT event: choose it.")})
        if event.hub_id is None:
            raise ValidationError({"hub": _("A cascade session is held by a hub: choose it.")})
    elif event.parent_id is not None:
        raise ValidationError({"parent": _("A ToT event does not stem from another event.")})
    if event.trainer_id is None and not event.trainer_name:
        raise ValidationError({"trainer": _("Name the trainer: an account or a name.")})


@transaction.atomic
def training_create(*, data: dict, acting_user: User) -> TrainingEvent:
    authorize(can_manage_trainings(acting_user))
    event = TrainingEvent(**{field: data.get(field) for field in EVENT_FIELDS if field in data})
    _check_shape(event)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def training_update(*, event: TrainingEvent, data: dict, acting_user: User) -> TrainingEvent:
    authorize(can_manage_trainings(acting_user))
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    changed = [field for field in EVENT_FIELDS if field in data and getattr(event, field) != data[field]]
    for field in changed:
        setattr(event, field, data[field])
    _check_shape(event)
    if changed:
        event.full_clean()
        event.save(update_fields=changed)
    return event


def _hub_of(user: User) -> Hub | None:
    membership = HubMembership.objects.active().filter(user=user).select_related("hub").first()
    return membership.hub if membership else None


@transaction.atomic
def participant_add(
    *,
    event: TrainingEvent,
    acting_user: User,
    user: User | None = None,
    external_name: str = "",
    external_name_en: str = "",
    hub: Hub | None = None,
) -> TrainingParticipant:
    """Add a staff account (its hub comes from its membership) or an external person to an event."""
    authorize(can_manage_trainings(acting_user))
    if (user is None) == (not external_name):
        raise ValidationError(_("Choose a staff account or type a name, not both."))
    if user is not None and hub is None:
        hub = _hub_of(user)
    participant = TrainingParticipant(
        event=event, user=user, external_name=external_name, external_name_en=external_name_en, hub=hub
    )
    participant.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as error:
        raise ValidationError(_("This person is already a participant.")) from error
    return participant


@transaction.atomic
def training_results_record(*, event: TrainingEvent, rows: list[dict], acting_user: User) -> int:
    """Attendance and pre-/post-test scores of an event's participants. Returns how many rows changed."""
    authorize(can_manage_trainings(acting_user))
    participants = {p.pk: p for p in event.participants.select_for_update(of=("self",))}
    changed_rows = 0
    for row in rows:
        participant = participants.get(row["id"])
        if participant is None:
            raise ValidationError(_("A participant of another event was sent."))
        if participant.completed_on and not row.get("attended", True):
            raise ValidationError(
                _("%(name)s completed the training: attendance cannot be removed.") % {"name": participant.name}
            )
        changed = [f for f in ("attended", "pre_score", "post_score") if f in row and getattr(participant, f) != row[f]]
        for field in changed:
            setattr(participant, field, row[field])
        if changed:
            participant.full_clean(validate_constraints=False)
            participant.save(update_fields=changed)
            changed_rows += 1
    return changed_rows


@transaction.atomic
def participant_complete(*, participant: TrainingParticipant, acting_user: User) -> TrainingParticipant:
    """Mark a participant as having completed the training; this issues their certificate."""
    authorize(can_manage_trainings(acting_user))
    participant = TrainingParticipant.objects.select_for_update().select_related("event").get(pk=participant.pk)
    if participant.completed_on is not None:
        return participant
    if not participant.attended:
        raise ValidationError(_("Only a participant who attended can complete the training."))
    if participant.post_score is None:
        raise ValidationError(_("Record the post-test score first."))
    participant.completed_on = participant.event.end_date or participant.event.date
    year = participant.completed_on.year
    participant.certificate_number = f"TOT-{year}-{participant.pk:05d}"
    participant.full_clean(validate_constraints=False)
    participant.save(update_fields=["completed_on", "certificate_number"])
    return participant
