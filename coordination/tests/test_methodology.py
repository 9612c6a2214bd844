"""Methodology documents: versions, approval by a Steering Committee decision, the partners' list."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from coordination import services
from coordination.models import Meeting, MethodologyDocument, MethodologyVersion
from coordination.tests import factories as f

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name, *args):
    return reverse(f"coordination:{name}", args=args)


def test_a_version_approved_by_a_steering_decision_is_listed_for_partners(officer, partner, steering):
    client = _signed_in(officer)
    client.post(_url("methodology-create"), {"title_ka": "კონსულტირების სახელმძღვანელო", "kind": "guide"})
    document = MethodologyDocument.objects.get()
    upload = SimpleUploadedFile("guide.pdf", f.PDF_BYTES)
    client.post(_url("version-add", document.pk), {"file": upload, "changes": "პირველი ვერსია"})
    version = MethodologyVersion.objects.get()
    assert version.number == 1 and not version.is_approved

    partner_client = _signed_in(partner)
    assert "კონსულტირების სახელმძღვანელო" not in partner_client.get(_url("methodology-list")).content.decode()
    assert partner_client.get(_url("methodology-detail", document.pk)).status_code == 404
    assert partner_client.get(_url("version-download", version.pk)).status_code == 404

    meeting = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)
    client.post(
        _url("decision-add", meeting.pk),
        {"text_ka": "სახელმძღვანელო დამტკიცდა.", "approves_version": version.pk},
    )
    version.refresh_from_db()
    assert version.is_approved and version.approved_by.reference == "PSC-1"

    listing = partner_client.get(_url("methodology-list")).content.decode()
    assert "კონსულტირების სახელმძღვანელო" in listing and "PSC-1" in listing
    assert partner_client.get(_url("version-download", version.pk)).status_code == 200

    client.post(_url("version-add", document.pk), {"file": SimpleUploadedFile("v2.pdf", f.PDF_BYTES)})
    draft = document.versions.get(number=2)
    assert partner_client.get(_url("version-download", draft.pk)).status_code == 404
    detail = partner_client.get(_url("methodology-detail", document.pk)).content.decode()
    assert "v1" in detail and "v2" not in detail


def test_only_the_steering_committee_approves_and_only_once(officer, steering):
    version = f.MethodologyVersionFactory()
    consultative = f.MeetingFactory(committee=f.CommitteeFactory(code="CC"), status=Meeting.Status.HELD)
    with pytest.raises(ValidationError):
        services.decision_record(meeting=consultative, acting_user=officer, text_ka="x", approves_version=version)
    assert consultative.committee.decisions.count() == 0
    meeting = f.MeetingFactory(committee=steering, status=Meeting.Status.HELD)
    services.decision_record(meeting=meeting, acting_user=officer, text_ka="x", approves_version=version)
    with pytest.raises(ValidationError):
        services.decision_record(meeting=meeting, acting_user=officer, text_ka="y", approves_version=version)
    assert steering.decisions.count() == 1


def test_the_consultative_committee_form_offers_no_approval(client_for, officer):
    meeting = f.MeetingFactory(committee=f.CommitteeFactory(code="CC"), status=Meeting.Status.HELD)
    page = client_for(officer).get(_url("decision-add", meeting.pk)).content.decode()
    assert 'name="approves_version"' not in page


def test_a_version_must_be_a_document_file(officer):
    document = f.MethodologyDocumentFactory()
    with pytest.raises(ValidationError):
        services.methodology_version_add(
            document=document, acting_user=officer, file=SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>")
        )
    assert not document.versions.exists()
