"""One validator for every uploaded file: a type allowlist checked by content, and a size limit.

The name's extension is only a claim: an ``.exe`` renamed ``letter.pdf`` is refused because its
first bytes are not a PDF's, and a zip renamed ``data.xlsx`` because it holds no workbook. Use it
on a model or form field::

    file = models.FileField(validators=[UploadValidator(kinds=DOCUMENT_KINDS)])
    file = forms.FileField(validators=[UploadValidator(kinds=("csv", "xlsx"), max_size=20 * MB)])

Each kind is a name of ``KINDS``; add one there (its extensions and a content test) rather than
checking a type anywhere else. Sizes default to ``settings.UPLOAD_MAX_SIZE``.
"""

import codecs
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
HEAD = 8192  # bytes read to recognise a type

# Members a zip-based office file must hold to be what its name says.
_ZIP_MEMBERS = {
    "xlsx": "xl/workbook.xml",
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
}


def _starts(*signatures: bytes) -> Callable:
    return lambda head, file: head.startswith(signatures)


def _zip_with(member: str) -> Callable:
    def test(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                return member in archive.NameToInfo
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return False

    return test


def _opendocument(head: bytes, file) -> bool:
    # An OpenDocument zip starts with an uncompressed "mimetype" member naming the type.
    return head.startswith(b"PK\x03\x04") and b"mimetypeapplication/vnd.oasis.opendocument." in head[:100]


def _webp(head: bytes, file) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _text(head: bytes, file) -> bool:
    """UTF-8 text (CSV exports): no NUL byte, and the head decodes (a cut character at the end is fine)."""
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]
    test: Callable


KINDS: dict[str, Kind] = {
    "pdf": Kind("PDF", ("pdf",), _starts(b"%PDF-")),
    "png": Kind("PNG", ("png",), _starts(b"\x89PNG\r\n\x1a\n")),
    "jpeg": Kind("JPEG", ("jpg", "jpeg"), _starts(b"\xff\xd8\xff")),
    "docx": Kind("Word (.docx)", ("docx",), _zip_with(_ZIP_MEMBERS["docx"])),
    "xlsx": Kind("Excel (.xlsx)", ("xlsx",), _zip_with(_ZIP_MEMBERS["xlsx"])),
    "pptx": Kind("PowerPoint (.pptx)", ("pptx",), _zip_with(_ZIP_MEMBERS["pptx"])),
    # Word, Excel and PowerPoint 97-2003 share one container format (OLE2 compound file).
    "ole": Kind("Office 97-2003", ("doc", "xls", "ppt"), _starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
    "webp": Kind("WebP", ("webp",), _webp),
    "odt": Kind("OpenDocument", ("odt", "ods"), _opendocument),
    "csv": Kind("CSV", ("csv",), _text),
}

# Letters, scans and signed commitments from municipalities and applicants.
DOCUMENT_KINDS = ("pdf", "docx", "odt", "jpeg", "png")


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


@deconstructible
class UploadValidator:
    """Refuse a file that is too large, or whose content is not one of ``kinds`` matching its name."""

    def __init__(self, kinds: Iterable[str] = DOCUMENT_KINDS, max_size: int | None = None):
        self.kinds = tuple(kinds)
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"Unknown upload kinds: {sorted(unknown)}")
        self.max_size = max_size

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and (self.kinds, self.max_size) == (other.kinds, other.max_size)

    @property
    def limit(self) -> int:
        return self.max_size or settings.UPLOAD_MAX_SIZE

    @property
    def extensions(self) -> list[str]:
        return [extension for kind in self.kinds for extension in KINDS[kind].extensions]

    def help_text(self) -> str:
        return _("%(types)s, at most %(size)s.") % {
            "types": ", ".join(f".{extension}" for extension in self.extensions),
            "size": filesizeformat(self.limit),
        }

    def __call__(self, file) -> None:
        if file.size is not None and file.size > self.limit:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(self.limit)},
            )
        if not self._content_matches(file):
            raise ValidationError(
                _("This file is not an accepted type. Accepted: %(types)s."),
                code="file_type",
                params={"types": ", ".join(f".{extension}" for extension in self.extensions)},
            )

    def _content_matches(self, file) -> bool:
        extension = _extension(file.name or "")
        candidates = [KINDS[kind] for kind in self.kinds if extension in KINDS[kind].extensions]
        if not candidates or not file.size:
            return False
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            file.seek(0)
            head = file.read(HEAD)
            return any(kind.test(head, file) for kind in candidates)
        finally:
            file.seek(position)
