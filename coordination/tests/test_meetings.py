"""A meeting from plan to signed minutes, through the pages an officer and a partner use."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.pdf import pdf_text
from coordination import services
from coordination.models import ActionItem, Attendance, Decision, Meeting, MeetingDocument
from coordination.tests import factories as f

pytestmark = pytest.mark.django_db

AGENDA_KA = "რეინტეგრაციის პილოტის შუალედური შედეგები"


def _url(name, *args):
    return reverse(f"coordination:{name}", args=args)


def test_a_meeting_is_planned_held_minuted_and_its_minutes_open_as_a_georgian_pdf(
    client_for, officer, steering, partner_seat
):
    external = f.CommitteeMemberFactory(committee=steering, full_name="გიორგი მელაძე", organisation="შრომის სამინისტრო")
    client = client_for(officer)
    starts = timezone.localtime() - datetime.timedelta(hours=3)
    response = client.post(
        _url("meeting-create", steering.pk),
        {"starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "place": "თბილისი, IOM-ის ოფისი"},
    )
    meeting = Meeting.objects.get(committee=steering)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.status == Meeting.Status.PLANNED and meeting.created_by == officer

    client.post(_url("agenda-add", meeting.pk), {"title_ka": AGENDA_KA, "title_en": "Interim results of the pilot"})
    client.post(_url("agenda-add", meeting.pk), {"title_ka": "სხვა საკითხები"})
    assert [a.title_ka for a in meeting.agenda.all()] == [AGENDA_KA, "სხვა საკითხები"]
    assert [a.order for a in meeting.agenda.all()] == [1, 2]

    assert client.post(_url("meeting-status", meeting.pk), {"to_status": "held"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD

    client.post(
        _url("meeting-attendance", meeting.pk),
        {f"member_{partner_seat.pk}": "present", f"member_{external.pk}": "excused"},
    )
    assert dict(meeting.attendance.values_list("member_id", "status")) == {
        partner_seat.pk: Attendance.Status.PRESENT,
        external.pk: Attendance.Status.EXCUSED,
    }

    client.post(_url("decision-add", meeting.pk), {"text_ka": "შუალედური ანგარიში დამტკიცდა.", "text_en": "Approved."})
    decision = Decision.objects.get(meeting=meeting)
    assert decision.number == 1 and decision.reference == "PSC-1"

    due = timezone.localdate() + datetime.timedelta(days=10)
    client.post(
        _url("action-add", meeting.pk),
        {
            "title": "რეკომენდაციების პროექტის გაზიარება",
            "owner": partner_seat.pk,
            "due_on": due.isoformat(),
            "decision": decision.pk,
        },
    )
    item = ActionItem.objects.get(meeting=meeting)
    assert (item.owner, item.due_on, item.decision, item.status) == (
        partner_seat,
        due,
        decision,
        ActionItem.Status.OPEN,
    )

    client.post(
        _url("minutes-edit", meeting.pk), {"minutes_ka": "კომიტეტმა განიხილა შედეგები.", "minutes_en": "Discussed."}
    )
    # The partner does not read draft minutes.
    assert client_for(partner_seat.user).get(_url("minutes-pdf", meeting.pk)).status_code == 403
    client = client_for(officer)
    assert client.post(_url("minutes-approve", meeting.pk)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTED and meeting.minutes_approved_at is not None
    assert [(c.from_status, c.to_status) for c in meeting.status_changes.all()] == [
        ("", "planned"),
        ("planned", "held"),
        ("held", "minuted"),
    ]

    response = client.get(_url("minutes-pdf", meeting.pk) + "?lang=ka")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert AGENDA_KA in text and "გიორგი მელაძე" in text and "PSC-1" in text
    english = pdf_text(client.get(_url("minutes-pdf", meeting.pk) + "?lang=en").content)
    assert "Interim results of the pilot" in english and "Minutes" in english

    signed = SimpleUploadedFile("signed.pdf", f.PDF_BYTES, content_type="application/pdf")
    client.post(
        _url("document-add", meeting.pk), {"title": "ხელმოწერილი ოქმი", "kind": "signed_minutes", "file": signed}
    )
    document = MeetingDocument.objects.get(meeting=meeting)
    assert document.kind == MeetingDocument.Kind.SIGNED_MINUTES and document.original_name == "signed.pdf"
    assert not document.file.name.endswith("signed.pdf")  # stored under a random name

    partner_client = client_for(partner_seat.user)
    page = partner_client.get(meeting.get_absolute_url()).content.decode()
    assert "კომიტეტმა განიხილა შედეგები." in page and "PSC-1" in page
    download = partner_client.get(_url("document-download", document.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == f.PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"


def test_signed_minutes_wait_for_the_approval_and_bad_files_are_refused(client_for, officer, steering):
    meeting = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)
    client = client_for(officer)
    early = SimpleUploadedFile("signed.pdf", f.PDF_BYTES)
    response = client.post(_url("document-add", meeting.pk), {"title": "ოქმი", "kind": "signed_minutes", "file": early})
    assert response.status_code == 200 and 'data-testid="form-errors"' in response.content.decode()
    script = SimpleUploadedFile("agenda.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf")
    response = client.post(
        _url("document-add", meeting.pk), {"title": "დღის წესრიგი", "kind": "agenda", "file": script}
    )
    assert response.status_code == 200
    assert not MeetingDocument.objects.exists()


def test_an_upload_larger_than_the_limit_is_refused(officer, steering, settings):
    settings.COORDINATION_MAX_UPLOAD_MB = 1
    meeting = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)
    big = SimpleUploadedFile("big.pdf", f.PDF_BYTES + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError):
        services.meeting_document_add(meeting=meeting, acting_user=officer, title="დიდი", kind="background", file=big)
    assert not MeetingDocument.objects.exists()


def test_decisions_are_numbered_per_committee(officer, steering):
    consultative = f.CommitteeFactory(code="CC")
    psc_meeting = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)
    cc_meeting = f.MeetingFactory(committee=consultative, status=Meeting.Status.HELD)
    numbers = [
        services.decision_record(meeting=m, acting_user=officer, text_ka="ტექსტი").reference
        for m in [psc_meeting, cc_meeting, psc_meeting, cc_meeting, psc_meeting]
    ]
    assert numbers == ["PSC-1", "CC-1", "PSC-2", "CC-2", "PSC-3"]


def test_nothing_is_recorded_on_a_planned_or_minuted_meeting(officer, steering):
    member = f.CommitteeMemberFactory(committee=steering)
    for status in [Meeting.Status.PLANNED, Meeting.Status.MINUTED]:
        meeting = f.MeetingFactory(committee=steering, status=status)
        with pytest.raises(ValidationError):
            services.decision_record(meeting=meeting, acting_user=officer, text_ka="ტექსტი")
        with pytest.raises(ValidationError):
            services.action_item_add(
                meeting=meeting, acting_user=officer, title="x", owner=member, due_on=timezone.localdate()
            )
    assert steering.decisions.count() == 0


def test_illegal_meeting_moves_are_refused(officer, steering):
    future = f.MeetingFactory(committee=steering, starts_at=timezone.now() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError):
        services.meeting_set_status(meeting=future, to_status="held", acting_user=officer)
    with pytest.raises(ValidationError):
        services.meeting_set_status(meeting=future, to_status="minuted", acting_user=officer)
    held = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)
    with pytest.raises(ValidationError):
        services.meeting_set_status(meeting=held, to_status="cancelled", acting_user=officer)
    with pytest.raises(ValidationError):  # no minutes written yet
        services.minutes_approve(meeting=held, acting_user=officer)


def test_only_officers_run_the_meeting_services(partner, partner_seat, steering):
    meeting = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)
    with pytest.raises(PermissionDenied):
        services.decision_record(meeting=meeting, acting_user=partner, text_ka="ტექსტი")
    with pytest.raises(PermissionDenied):
        services.meeting_plan(committee=steering, acting_user=partner, starts_at=timezone.now(), place="x")


def test_action_item_owner_reports_progress_and_the_history_keeps_each_move(client_for, partner_seat, officer):
    item = f.ActionItemFactory(owner=partner_seat, meeting__committee=partner_seat.committee)
    client = client_for(partner_seat.user)
    assert client.post(_url("action-status", item.pk), {"to_status": "in_progress"}).status_code == 302
    client.post(_url("action-status", item.pk), {"to_status": "done", "note": "გაგზავნილია"})
    item.refresh_from_db()
    assert item.status == ActionItem.Status.DONE and item.completed_on == timezone.localdate()
    moves = [(c.from_status, c.to_status, c.actor, c.note) for c in item.status_changes.all()]
    assert moves == [
        ("open", "in_progress", partner_seat.user, ""),
        ("in_progress", "done", partner_seat.user, "გაგზავნილია"),
    ]
    with pytest.raises(ValidationError):
        services.action_item_set_status(item=item, to_status="cancelled", acting_user=officer)


def test_someone_elses_action_item_is_hidden_from_a_partner(client_for, partner_seat):
    colleague = f.CommitteeMemberFactory(committee=partner_seat.committee)
    theirs = f.ActionItemFactory(owner=colleague, meeting__committee=partner_seat.committee, title="სხვისი ამოცანა")
    mine = f.ActionItemFactory(owner=partner_seat, meeting=theirs.meeting, title="ჩემი ამოცანა")
    client = client_for(partner_seat.user)
    assert client.post(_url("action-status", theirs.pk), {"to_status": "done"}).status_code == 404
    listing = client.get(_url("action-list")).content.decode()
    assert "ჩემი ამოცანა" in listing and "სხვისი ამოცანა" not in listing
    page = client.get(theirs.meeting.get_absolute_url()).content.decode()
    assert "ჩემი ამოცანა" in page and "სხვისი ამოცანა" not in page
    assert mine.status == ActionItem.Status.OPEN


def test_a_partner_sees_only_the_committees_they_sit_on(client_for, partner_seat):
    other = f.MeetingFactory(committee=f.CommitteeFactory(code="CC"))
    client = client_for(partner_seat.user)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(_url("committee-detail", other.committee_id)).status_code == 404
    own = f.MeetingFactory(committee=partner_seat.committee)
    assert client.get(own.get_absolute_url()).status_code == 200
    listing = client.get(_url("meeting-list")).content.decode()
    assert own.get_absolute_url() in listing and other.get_absolute_url() not in listing


def test_a_seat_whose_term_ended_sees_nothing(client_for, partner, steering):
    seat = f.CommitteeMemberFactory(
        committee=steering, user=partner, end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    meeting = f.MeetingFactory(committee=steering)
    assert client_for(seat.user).get(meeting.get_absolute_url()).status_code == 404
