"""Every upload is checked by content and size (accounts.uploads), and the request body is capped."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.uploads import DOCUMENT_KINDS, MB, UploadValidator
from hubs.models import ApplicationDocument
from hubs.tests.factories import MunicipalityApplicationFactory


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


XLSX = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<workbook/>"})
DOCX = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<document/>"})
EXE = b"MZ\x90\x00" + b"\x00" * 200


@pytest.mark.parametrize(
    ("name", "content", "kinds"),
    [
        ("letter.pdf", b"%PDF-1.7\n...", DOCUMENT_KINDS),
        ("scan.JPG", b"\xff\xd8\xff\xe0 jfif", DOCUMENT_KINDS),
        ("scan.png", b"\x89PNG\r\n\x1a\n....", DOCUMENT_KINDS),
        ("letter.docx", DOCX, DOCUMENT_KINDS),
        ("export.xlsx", XLSX, ("csv", "xlsx")),
        ("export.csv", "_uuid,municipality\nა,TEL\n".encode(), ("csv", "xlsx")),
    ],
)
def test_accepted_types_pass(name, content, kinds):
    UploadValidator(kinds=kinds)(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "kinds"),
    [
        ("setup.exe", EXE, DOCUMENT_KINDS),  # not on the list
        ("letter.pdf", EXE, DOCUMENT_KINDS),  # an executable renamed
        ("letter.pdf", b"", DOCUMENT_KINDS),  # empty
        ("letter", b"%PDF-1.4", DOCUMENT_KINDS),  # no extension
        ("letter.docx", XLSX, DOCUMENT_KINDS),  # a workbook named as a letter
        ("export.xlsx", _zip({"readme.txt": b"hello"}), ("xlsx",)),  # a zip that is not a workbook
        ("export.xlsx", b"PK\x03\x04 broken", ("xlsx",)),  # a broken zip
        ("export.csv", b"a,b\n\x00\x01\x02", ("csv",)),  # binary
        ("export.csv", b"\xff\xfe\xfa not utf-8", ("csv",)),
        ("page.html", b"<html><meta http-equiv=refresh>", DOCUMENT_KINDS),
    ],
)
def test_other_content_is_refused_whatever_the_name(name, content, kinds):
    with pytest.raises(ValidationError) as error:
        UploadValidator(kinds=kinds)(SimpleUploadedFile(name, content))
    assert error.value.code == "file_type"


def test_a_file_over_the_limit_is_refused_with_both_sizes_in_the_message(settings):
    settings.UPLOAD_MAX_SIZE = 1 * MB
    with pytest.raises(ValidationError) as error, translation.override("en"):
        UploadValidator()(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (2 * MB)))
    assert error.value.code == "file_too_large"
    with translation.override("en"):
        assert " ".join(error.value.messages) == "The file is 2.0\xa0MB; the limit is 1.0\xa0MB."


def test_the_validator_leaves_the_file_where_it_was():
    upload = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter")
    UploadValidator()(upload)
    assert upload.read() == b"%PDF-1.4 letter"


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        UploadValidator(kinds=("exe",))


@pytest.mark.django_db
def test_a_50_mb_exe_as_a_municipality_document_is_refused_and_nothing_is_stored(
    client_for, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.REQUEST_BODY_MAX_SIZE = 60 * MB  # let it reach the form: the file field must refuse it
    application = MunicipalityApplicationFactory()
    upload = SimpleUploadedFile("municipality-letter.exe", EXE + b"\x00" * (50 * MB), "application/octet-stream")
    response = client_for(officer).post(
        reverse("hubs:document-add", kwargs={"pk": application.pk}), {"title": "წერილი", "file": upload}, follow=True
    )
    assert response.status_code == 200
    assert not ApplicationDocument.objects.exists()
    assert not any(tmp_path.rglob("*"))
    assert "municipality-letter" not in response.content.decode()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


@pytest.mark.django_db
def test_an_exe_renamed_pdf_is_refused_by_the_service_too(officer, settings, tmp_path):
    from hubs.services import application_document_add

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError):
        application_document_add(
            application=MunicipalityApplicationFactory(),
            title="x",
            file=SimpleUploadedFile("letter.pdf", EXE),
            acting_user=officer,
        )
    assert not ApplicationDocument.objects.exists()


@pytest.mark.django_db
def test_a_request_body_over_the_limit_answers_413_before_it_is_read(client_for, officer, settings):
    settings.REQUEST_BODY_MAX_SIZE = 1 * MB
    application = MunicipalityApplicationFactory()
    upload = SimpleUploadedFile("letter.pdf", b"%PDF-" + b"0" * (2 * MB))
    response = client_for(officer).post(
        reverse("hubs:document-add", kwargs={"pk": application.pk}), {"title": "წერილი", "file": upload}
    )
    assert response.status_code == 413
    assert not ApplicationDocument.objects.exists()


@pytest.mark.django_db
def test_a_survey_import_that_is_not_a_workbook_is_refused_at_the_form(client_for, officer):
    from surveys.models import ImportJob
    from surveys.tests.factories import RoundFactory

    round_ = RoundFactory()
    response = client_for(officer).post(
        reverse("surveys:import-create", args=[round_.pk]),
        {"file": SimpleUploadedFile("kobo.xlsx", _zip({"readme.txt": b"not a workbook"}))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()
