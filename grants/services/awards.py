"""Awards: tranches released only after the milestone report is approved (and a visit, where required)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import authorize

from .. import permissions
from ..models import Application, Award, CompletionReport, Disbursement, MonitoringVisit, Tranche
from .common import check_transition, event

__all__ = [
    "award_create",
    "completion_report_record",
    "disbursement_record",
    "monitoring_visit_record",
    "tranche_approve_report",
    "tranche_release",
    "tranche_release_blockers",
]


@transaction.atomic
def award_create(
    *, application: Application, agreement_date, amount: Decimal, tranches: list[dict], acting_user
) -> Award:
    application = Application.objects.select_for_update().select_related("cycle").get(pk=application.pk)
    authorize(permissions.can_manage_awards(acting_user))
    if application.status != Application.Status.SELECTED:
        raise ValidationError(_("Only a selected application receives an award."))
    if amount > application.cycle.ceiling:
        raise ValidationError(_("The award exceeds the cycle's grant ceiling."))
    if sum((Decimal(t["amount"]) for t in tranches), Decimal(0)) != amount:
        raise ValidationError(_("The tranches must add up to the award."))
    award = Award(application=application, agreement_date=agreement_date, amount=amount)
    award.full_clean()
    award.save()
    for number, data in enumerate(tranches, start=1):
        Tranche.objects.create(award=award, number=number, **data)
    event(application.cycle, actor=acting_user, action="award", application=application, note=str(amount))
    return award


def _tranche(tranche: Tranche) -> Tranche:
    return Tranche.objects.select_for_update().select_related("award__application__cycle").get(pk=tranche.pk)


@transaction.atomic
def tranche_approve_report(*, tranche: Tranche, report: str, acting_user) -> Tranche:
    tranche = _tranche(tranche)
    authorize(permissions.can_manage_awards(acting_user))
    if not report.strip():
        raise ValidationError(_("The milestone report is empty."))
    tranche.report, tranche.report_approved_at, tranche.report_approved_by = report, timezone.now(), acting_user
    tranche.save(update_fields=["report", "report_approved_at", "report_approved_by"])
    return tranche


@transaction.atomic
def monitoring_visit_record(*, tranche: Tranche, date, findings: str, acting_user) -> MonitoringVisit:
    tranche = _tranche(tranche)
    authorize(permissions.can_manage_awards(acting_user))
    visit = MonitoringVisit(tranche=tranche, date=date, findings=findings, visitor=acting_user)
    visit.full_clean()
    visit.save()
    return visit


def tranche_release_blockers(tranche: Tranche) -> list[str]:
    blockers = []
    if tranche.report_approved_at is None:
        blockers.append(_("The milestone report is not approved."))
    if tranche.award.application.cycle.monitoring_visit_required and not tranche.visits.exists():
        blockers.append(_("This cycle requires a monitoring visit before each tranche."))
    earlier = tranche.award.tranches.filter(number__lt=tranche.number).exclude(status=Tranche.Status.RELEASED)
    if earlier.exists():
        blockers.append(_("An earlier tranche is not released yet."))
    return [str(b) for b in blockers]


@transaction.atomic
def tranche_release(*, tranche: Tranche, acting_user) -> Tranche:
    tranche = _tranche(tranche)
    authorize(permissions.can_manage_awards(acting_user))
    if tranche.status == Tranche.Status.RELEASED:
        return tranche
    check_transition(Tranche.TRANSITIONS, tranche.status, Tranche.Status.RELEASED, Tranche.Status)
    blockers = tranche_release_blockers(tranche)
    if blockers:
        raise ValidationError(blockers)
    tranche.status, tranche.released_at = Tranche.Status.RELEASED, timezone.now()
    tranche.save(update_fields=["status", "released_at"])
    application = tranche.award.application
    event(
        application.cycle,
        actor=acting_user,
        action="tranche_released",
        application=application,
        note=str(tranche.number),
    )
    return tranche


@transaction.atomic
def disbursement_record(*, tranche: Tranche, date, amount: Decimal, reference: str, acting_user) -> Disbursement:
    tranche = _tranche(tranche)
    authorize(permissions.can_manage_awards(acting_user))
    if tranche.status != Tranche.Status.RELEASED:
        raise ValidationError(_("Only a released tranche is paid out."))
    paid = tranche.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if paid + amount > tranche.amount:
        raise ValidationError(_("The payments would exceed the tranche."))
    existing = Disbursement.objects.filter(reference=reference, tranche=tranche).first()
    if existing:  # the same payment entered twice is harmless
        return existing
    disbursement = Disbursement(tranche=tranche, date=date, amount=amount, reference=reference)
    disbursement.full_clean()
    disbursement.save()
    return disbursement


@transaction.atomic
def completion_report_record(*, award: Award, acting_user, **fields) -> CompletionReport:
    award = Award.objects.select_for_update().get(pk=award.pk)
    authorize(permissions.can_manage_awards(acting_user))
    if award.tranches.exclude(status=Tranche.Status.RELEASED).exists():
        raise ValidationError(_("Every tranche must be released before the completion report."))
    report, _created = CompletionReport.objects.update_or_create(award=award, defaults=fields)
    report.full_clean()
    return report
