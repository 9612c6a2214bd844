"""Consultations: the meeting, its priorities, the votes (paper totals or individual sets), retention."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import authorize

from .. import permissions
from ..models import Consultation, ConsultationPriority, PriorityTheme, Vote, VoteSet

__all__ = [
    "consultation_create",
    "consultation_link_survey",
    "paper_votes_record",
    "priority_add",
    "priority_retain",
    "vote_set_record",
]


@transaction.atomic
def consultation_create(*, acting_user, **fields) -> Consultation:
    authorize(permissions.can_record_consultation(acting_user, fields.get("municipality")))
    consultation = Consultation(created_by=acting_user, **fields)
    consultation.full_clean()
    consultation.save()
    return consultation


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().select_related("municipality").get(pk=consultation.pk)


@transaction.atomic
def consultation_link_survey(*, consultation: Consultation, survey_round, acting_user) -> Consultation:
    """Link the community-priorities survey round that validates this consultation."""
    consultation = _locked(consultation)
    authorize(permissions.can_retain_priorities(acting_user))
    if survey_round is not None and survey_round.version.instrument.kind != "priorities":
        raise ValidationError(_("Choose a round of the community-priorities survey."))
    consultation.survey_round = survey_round
    consultation.save(update_fields=["survey_round"])
    return consultation


@transaction.atomic
def priority_add(*, consultation: Consultation, theme: PriorityTheme, description: str = "", acting_user):
    consultation = _locked(consultation)
    authorize(permissions.can_enter_votes(acting_user, consultation))
    priority, created = ConsultationPriority.objects.get_or_create(
        consultation=consultation, theme=theme, defaults={"description": description}
    )
    if not created and description and description not in priority.description:
        priority.description = "\n".join(filter(None, [priority.description, description]))
        priority.save(update_fields=["description"])
    return priority


@transaction.atomic
def paper_votes_record(*, consultation: Consultation, totals: dict[int, int], acting_user) -> Consultation:
    """The totals counted on paper at the meeting, per priority (replaces earlier totals)."""
    consultation = _locked(consultation)
    authorize(permissions.can_enter_votes(acting_user, consultation))
    if consultation.vote_mode != Consultation.VoteMode.MEETING:
        raise ValidationError(_("This consultation votes individually: enter each resident's vote set."))
    priorities = {p.pk: p for p in consultation.priorities.select_for_update()}
    for pk, total in totals.items():
        if pk not in priorities or total is None or total < 0:
            raise ValidationError(_("Enter a whole number of votes, zero or more, for each priority."))
        priorities[pk].paper_votes = total
    ConsultationPriority.objects.bulk_update(priorities.values(), ["paper_votes"])
    return consultation


@transaction.atomic
def vote_set_record(
    *, consultation: Consultation, voter: str, sex: str, age_group: str, status: str, priorities, acting_user
) -> VoteSet:
    """One registered resident's votes: at most the set number, one per priority, once per resident."""
    consultation = _locked(consultation)
    authorize(permissions.can_enter_votes(acting_user, consultation))
    if consultation.vote_mode != Consultation.VoteMode.INDIVIDUAL:
        raise ValidationError(_("This consultation's votes were counted at the meeting: enter the totals."))
    chosen = list(priorities)
    if not chosen:
        raise ValidationError(_("Choose at least one priority."))
    if len(chosen) > consultation.votes_per_person:
        raise ValidationError(
            _("Each resident has %(n)s votes; %(chosen)s were chosen.")
            % {"n": consultation.votes_per_person, "chosen": len(chosen)}
        )
    if any(p.consultation_id != consultation.pk for p in chosen):
        raise ValidationError(_("A priority of another consultation was chosen."))
    vote_set = VoteSet(
        consultation=consultation, voter=voter.strip(), sex=sex, age_group=age_group, status=status,
        created_by=acting_user,
    )  # fmt: skip
    vote_set.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            vote_set.save()
    except IntegrityError as error:
        raise ValidationError(_("This resident's votes are already recorded.")) from error
    Vote.objects.bulk_create([Vote(vote_set=vote_set, priority=p) for p in chosen])
    return vote_set


@transaction.atomic
def priority_retain(*, priority: ConsultationPriority, retained: bool, reason: str, acting_user):
    """An officer marks a priority retained (or not), with a reason, after comparing with the survey."""
    priority = ConsultationPriority.objects.select_for_update().get(pk=priority.pk)
    authorize(permissions.can_retain_priorities(acting_user))
    if not reason.strip():
        raise ValidationError(_("Give the reason for retaining the priority or not."))
    if priority.retained is False and retained is False and priority.retention_reason == reason.strip():
        return priority
    if priority.retained and not retained and priority.ideas.exists():
        raise ValidationError(_("Ideas already answer this priority: it stays retained."))
    priority.retained, priority.retention_reason = retained, reason.strip()
    priority.retained_by, priority.retained_at = acting_user, timezone.now()
    priority.save(update_fields=["retained", "retention_reason", "retained_by", "retained_at"])
    return priority
