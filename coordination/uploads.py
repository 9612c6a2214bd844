"""Upload checks: the type is read from the file's first bytes (never trusted from its name or the
browser), and the size is capped. A local stand-in until accounts/uploads.py (issue 10) lands."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Office Open XML files are zip archives that name their parts in [Content_Types].xml.
_OOXML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_SIGNATURES = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc/.xls/.ppt of old Office
]
ALLOWED = {"pdf", "docx", "xlsx", "pptx", "ole", "png", "jpg"}
DOCUMENTS_ONLY = {"pdf", "docx", "xlsx", "pptx", "ole"}


def max_upload_bytes() -> int:
    return getattr(settings, "COORDINATION_MAX_UPLOAD_MB", 20) * 1024 * 1024


def sniff(upload) -> str:
    """The kind of file by its content: 'pdf', 'docx', ..., or '' when unknown."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return ""
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for kind, folder in _OOXML.items():
                if any(name.startswith(folder) for name in names):
                    return kind
    return ""


def validate_upload(upload, *, allowed: set[str] = ALLOWED) -> str:
    """Raise ValidationError unless the file is small enough and of an allowed kind; return the kind."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)})
    kind = sniff(upload)
    if kind not in allowed:
        raise ValidationError(_("This kind of file is not accepted: upload a PDF, Word, Excel or PowerPoint file."))
    return kind
