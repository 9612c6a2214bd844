"""The policy mainstreaming register: documents, assessments, recommendations, the report."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.refusals import authorize

from ..models import Meeting, PolicyAssessment, PolicyDocument, PolicyReport, Recommendation
from ..permissions import can_manage_coordination
from ._common import DOCUMENTS_ONLY, attach, move

DOCUMENT_FIELDS = ["title_ka", "title_en", "level", "sector", "year", "issuing_body", "municipality", "url"]
ASSESSMENT_FIELDS = ["assessed_on", "migration_addressed", "gaps", "opportunities", "evidence"]
RECOMMENDATION_FIELDS = ["text_ka", "text_en", "addressee", "priority", "meeting", "follow_up"]


@transaction.atomic
def policy_document_save(
    *, acting_user: User, document: PolicyDocument | None = None, file=None, **fields
) -> PolicyDocument:
    authorize(can_manage_coordination(acting_user))
    if document is not None:
        document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
    else:
        document = PolicyDocument(created_by=acting_user)
    for name in DOCUMENT_FIELDS:
        if name in fields:
            setattr(document, name, fields[name])
    if document.level != PolicyDocument.Level.MUNICIPAL:
        document.municipality = None
    attach(document, "file", file, allowed=DOCUMENTS_ONLY)
    if not document.url and not document.file:
        raise ValidationError(_("Give a link to the document or upload it."))
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def assessment_add(*, document: PolicyDocument, acting_user: User, **fields) -> PolicyAssessment:
    authorize(can_manage_coordination(acting_user))
    assessment = PolicyAssessment(
        document=document, assessor=acting_user, **{k: fields[k] for k in ASSESSMENT_FIELDS if k in fields}
    )
    assessment.full_clean()
    assessment.save()
    return assessment


def _check_meeting(meeting: Meeting | None) -> None:
    if meeting is not None and meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTED):
        raise ValidationError(_("A recommendation can only be linked to a meeting that was held."))


@transaction.atomic
def recommendation_save(
    *, acting_user: User, recommendation: Recommendation | None = None, documents=None, **fields
) -> Recommendation:
    """Create (status proposed, with its first history row) or edit a recommendation's content."""
    authorize(can_manage_coordination(acting_user))
    created = recommendation is None
    if created:
        recommendation = Recommendation(created_by=acting_user)
    else:
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    for name in RECOMMENDATION_FIELDS:
        if name in fields:
            setattr(recommendation, name, fields[name])
    _check_meeting(recommendation.meeting)
    recommendation.full_clean()
    recommendation.save()
    if documents is not None:
        recommendation.documents.set(documents)
    if created:
        recommendation.status_changes.create(to_status=recommendation.status, actor=acting_user)
    return recommendation


@transaction.atomic
def recommendation_set_status(
    *, recommendation: Recommendation, to_status: str, acting_user: User, note: str = ""
) -> Recommendation:
    """Move along Recommendation.TRANSITIONS; the note joins the follow-up notes and the history row."""
    authorize(can_manage_coordination(acting_user))
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status == to_status:
        return recommendation
    extra = []
    if note:
        stamp = timezone.localdate().isoformat()
        recommendation.follow_up = f"{recommendation.follow_up}\n{stamp}: {note}".strip()
        extra = ["follow_up"]
    move(
        recommendation,
        to_status,
        history=recommendation.status_changes,
        acting_user=acting_user,
        note=note,
        extra_fields=extra,
    )
    return recommendation


@transaction.atomic
def policy_report_issue(*, acting_user: User) -> PolicyReport:
    """Freeze an edition of the report: PDF in Georgian and English, and the register as XLSX."""
    from ..documents import policy_register_xlsx, policy_report_pdf

    authorize(can_manage_coordination(acting_user))
    if not PolicyDocument.objects.exists():
        raise ValidationError(_("The register is empty: add policy documents first."))
    number = (PolicyReport.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    report = PolicyReport(
        number=number,
        generated_by=acting_user,
        document_count=PolicyDocument.objects.count(),
        recommendation_count=Recommendation.objects.count(),
    )
    report.pdf_ka.save(f"report-{number}-ka.pdf", ContentFile(policy_report_pdf(language="ka")), save=False)
    report.pdf_en.save(f"report-{number}-en.pdf", ContentFile(policy_report_pdf(language="en")), save=False)
    report.annex_xlsx.save(f"report-{number}-annex.xlsx", ContentFile(policy_register_xlsx(language="ka")), save=False)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def policy_report_deliver(
    *, report: PolicyReport, acting_user: User, delivered_on: datetime.date, delivered_to: str
) -> PolicyReport:
    """Record that an edition was delivered to the Government (the dashboard's indicator reads this)."""
    authorize(can_manage_coordination(acting_user))
    report = PolicyReport.objects.select_for_update().get(pk=report.pk)
    if delivered_on > timezone.localdate():
        raise ValidationError(_("The delivery date cannot be in the future."))
    report.delivered_on, report.delivered_to, report.delivered_by = delivered_on, delivered_to, acting_user
    report.full_clean()
    report.save(update_fields=["delivered_on", "delivered_to", "delivered_by"])
    return report
