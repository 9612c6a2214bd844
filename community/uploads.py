"""Photo uploads: the type is read from the file's content (never its name), the size is capped.

A local validator until the shared one (accounts/uploads.py, issue 10) is on main.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PHOTO_BYTES = 8 * 1024 * 1024
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]


def sniff(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def validate_photo(file) -> str:
    """The photo's real content type; refuses other types, oversized and undecodable files."""
    if file.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is larger than %(mb)s MB.") % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)})
    file.seek(0)
    content_type = sniff(file.read(16))
    file.seek(0)
    if content_type is None:
        raise ValidationError(_("Upload a photo in JPEG, PNG or WebP format."))
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("The file is not a readable image.")) from error
    file.seek(0)
    return content_type
