"""The policy mainstreaming register: documents, assessments, recommendations with history, the report."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.pdf import pdf_text
from coordination import selectors, services
from coordination.models import Meeting, PolicyAssessment, PolicyDocument, PolicyReport, Recommendation
from coordination.tests import factories as f

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"coordination:{name}", args=args)


def test_an_officer_registers_and_assesses_a_policy_document(client_for, officer):
    client = client_for(officer)
    upload = SimpleUploadedFile("strategy.pdf", f.PDF_BYTES, content_type="application/pdf")
    response = client.post(
        _url("policy-create"),
        {
            "title_ka": "იმერეთის რეგიონის განვითარების სტრატეგია",
            "title_en": "Imereti regional development strategy",
            "level": "regional",
            "sector": "regional",
            "year": 2024,
            "issuing_body": "იმერეთის სახელმწიფო რწმუნებული",
            "file": upload,
        },
    )
    document = PolicyDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.original_name == "strategy.pdf" and document.created_by == officer
    client.post(
        _url("assessment-add", document.pk),
        {
            "assessed_on": "2026-10-01",
            "migration_addressed": "no",
            "gaps": "დაბრუნებული მიგრანტები არ არის განხილული.",
            "opportunities": "დასაქმების პროგრამები.",
            "evidence": "მე-4 თავი",
        },
    )
    assessment = PolicyAssessment.objects.get()
    assert (assessment.document, assessment.migration_addressed, assessment.assessor) == (document, "no", officer)
    assert client.get(_url("policy-file", document.pk)).status_code == 200


def test_a_policy_document_needs_a_link_or_a_file_and_rejects_other_files(officer):
    data = {"title_ka": "პროგრამა", "level": "national", "sector": "health", "year": 2023, "issuing_body": "მთავრობა"}
    with pytest.raises(ValidationError):
        services.policy_document_save(acting_user=officer, **data)
    image = SimpleUploadedFile("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    with pytest.raises(ValidationError):  # an image is not a policy document, whatever its name says
        services.policy_document_save(acting_user=officer, file=image, **data)
    assert not PolicyDocument.objects.exists()


def test_a_recommendation_moves_through_its_statuses_with_history(client_for, officer):
    document = f.PolicyDocumentFactory()
    meeting = f.MeetingFactory(status=Meeting.Status.HELD)
    client = client_for(officer)
    client.post(
        _url("recommendation-create"),
        {
            "text_ka": "დაბრუნებული მიგრანტები ჩაირთოს მუნიციპალურ დასაქმების პროგრამებში.",
            "addressee": "შრომის სამინისტრო",
            "priority": "high",
            "documents": [document.pk],
            "meeting": meeting.pk,
        },
    )
    recommendation = Recommendation.objects.get()
    assert list(recommendation.documents.all()) == [document] and recommendation.meeting == meeting
    for status, note in [("accepted", "სამინისტრო დაეთანხმა"), ("in_progress", ""), ("done", "შევიდა პროგრამაში")]:
        response = client.post(_url("recommendation-status", recommendation.pk), {"to_status": status, "note": note})
        assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.DONE
    history = [(c.from_status, c.to_status, c.actor, c.note) for c in recommendation.status_changes.all()]
    assert history == [
        ("", "proposed", officer, ""),
        ("proposed", "accepted", officer, "სამინისტრო დაეთანხმა"),
        ("accepted", "in_progress", officer, ""),
        ("in_progress", "done", officer, "შევიდა პროგრამაში"),
    ]
    assert "სამინისტრო დაეთანხმა" in recommendation.follow_up and "შევიდა პროგრამაში" in recommendation.follow_up
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert page.count("<li>") >= 4 and "შევიდა პროგრამაში" in page


def test_an_illegal_recommendation_move_is_refused_and_leaves_no_history(client_for, officer):
    recommendation = services.recommendation_save(acting_user=officer, text_ka="ტექსტი", addressee="მერია")
    with pytest.raises(ValidationError):
        services.recommendation_set_status(recommendation=recommendation, to_status="done", acting_user=officer)
    client_for(officer).post(_url("recommendation-status", recommendation.pk), {"to_status": "in_progress"})
    recommendation.refresh_from_db()
    assert recommendation.status == "proposed" and recommendation.status_changes.count() == 1


def test_a_recommendation_cannot_be_linked_to_a_meeting_not_held(officer):
    planned = f.MeetingFactory()
    with pytest.raises(ValidationError):
        services.recommendation_save(acting_user=officer, text_ka="ტექსტი", addressee="მერია", meeting=planned)


def test_the_report_is_generated_in_both_languages_with_the_register_annexed_and_delivered(client_for, officer):
    assessed = f.PolicyAssessmentFactory(
        document__title_ka="სოფლის განვითარების სტრატეგია", document__title_en="Rural development strategy"
    )
    f.PolicyAssessmentFactory(migration_addressed="no")
    kept = f.RecommendationFactory(text_ka="მიგრაციის საკითხის ჩართვა სტრატეგიაში", priority="high")
    kept.documents.add(assessed.document)
    f.RecommendationFactory(text_ka="უარყოფილი წინადადება", status=Recommendation.Status.REJECTED)
    client = client_for(officer)
    assert not selectors.policy_report_delivered()

    assert client.post(_url("report-issue")).status_code == 302
    report = PolicyReport.objects.get()
    assert (report.number, report.document_count, report.recommendation_count) == (1, 2, 2)
    georgian = " ".join(pdf_text(report.pdf_ka.read()).split())  # lines wrap inside table cells
    assert "სოფლის განვითარების სტრატეგია" in georgian and "მიგრაციის საკითხის ჩართვა სტრატეგიაში" in georgian
    assert "უარყოფილი წინადადება" not in georgian
    english = " ".join(pdf_text(report.pdf_en.read()).split())
    assert "Rural development strategy" in english and "Recommendations" in english

    annex = load_workbook(io.BytesIO(report.annex_xlsx.read()))
    assert len(annex.worksheets) == 3
    assert [ws.max_row for ws in annex.worksheets] == [3, 3, 3]  # a header and two rows each
    response = client.get(_url("report-file", report.pk, "xlsx"))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('policy-register-1.xlsx"')

    today = timezone.localdate()
    client.post(
        _url("report-deliver", report.pk), {"delivered_on": today.isoformat(), "delivered_to": "საქართველოს მთავრობა"}
    )
    assert selectors.policy_report_delivered()
    assert selectors.policy_report_delivery() == report and report.__class__.objects.get().delivered_by == officer


def test_an_empty_register_generates_no_report(officer):
    with pytest.raises(ValidationError):
        services.policy_report_issue(acting_user=officer)


def test_partners_read_the_register_but_change_nothing(client_for, partner):
    document = f.PolicyDocumentFactory(title_ka="ჯანდაცვის პროგრამა")
    client = client_for(partner)
    assert "ჯანდაცვის პროგრამა" in client.get(_url("policy-list")).content.decode()
    assert client.get(_url("policy-edit", document.pk)).status_code == 403
    assert client.get(_url("report-list")).status_code == 403
