"""Generated documents: the minutes of a meeting and the policy report (PDF in Georgian or English),
and the register as an XLSX annex. PDFs go through accounts.pdf (Noto Sans Georgian embedded)."""

import io

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts import xlsx
from accounts.pdf import render_pdf

from . import selectors
from .models import Meeting, PolicyAssessment, PolicyDocument, Recommendation

LANGUAGES = ("ka", "en")


def minutes_pdf(meeting: Meeting, *, language: str) -> bytes:
    with translation.override(language):
        return render_pdf("coordination/pdf/minutes.html", selectors.meeting_record(meeting=meeting))


def policy_report_pdf(*, language: str) -> bytes:
    with translation.override(language):
        context = selectors.policy_report_context() | {"generated_on": date_format(timezone.localdate())}
        return render_pdf("coordination/pdf/policy_report.html", context)


def _sheet(book, title: str, header: list[str], rows) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(xlsx.row(sheet, row))
    sheet.freeze_panes = "A2"


def policy_register_xlsx(*, language: str = "ka") -> bytes:
    """The register in three sheets (documents, assessments, recommendations), labels in ``language``."""
    with translation.override(language):
        book = Workbook()
        book.remove(book.active)
        documents = PolicyDocument.objects.for_list().order_by("pk")
        _sheet(
            book,
            _("Policy documents"),
            [
                "ID",
                _("Title (Georgian)"),
                _("Title (English)"),
                _("Level"),
                _("Sector"),
                _("Year"),
                _("Issuing body"),
                _("Link"),
            ],
            (
                [
                    d.pk,
                    d.title_ka,
                    d.title_en,
                    d.get_level_display(),
                    d.get_sector_display(),
                    d.year,
                    d.issuing_body,
                    d.url,
                ]
                for d in documents
            ),
        )
        assessments = PolicyAssessment.objects.select_related("document").order_by("document_id", "assessed_on")
        _sheet(
            book,
            _("Assessments"),
            [
                _("Document ID"),
                _("Policy document"),
                _("Assessed on"),
                _("Migration addressed"),
                _("Gaps"),
                _("Opportunities"),
                _("Evidence"),
            ],
            (
                [
                    a.document_id,
                    a.document.title,
                    a.assessed_on,
                    a.get_migration_addressed_display(),
                    a.gaps,
                    a.opportunities,
                    a.evidence,
                ]
                for a in assessments
            ),
        )
        recommendations = Recommendation.objects.for_list().order_by("pk")
        _sheet(
            book,
            _("Recommendations"),
            [
                "ID",
                _("Recommendation"),
                _("Addressee"),
                _("Priority"),
                _("Status"),
                _("Policy documents"),
                _("Follow-up notes"),
            ],
            (
                [
                    r.pk,
                    r.text,
                    r.addressee,
                    r.get_priority_display(),
                    r.get_status_display(),
                    ", ".join(str(d.pk) for d in r.documents.all()),
                    r.follow_up,
                ]
                for r in recommendations
            ),
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
