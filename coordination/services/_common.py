"""Shared pieces of the coordination services: the permission check and the status move."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.uploads import MB, UploadValidator

# Minutes, reports and slides, and scans or photos of signed pages where a meeting needs them.
ALLOWED = ("pdf", "docx", "xlsx", "pptx", "ole", "png", "jpeg")
DOCUMENTS_ONLY = ("pdf", "docx", "xlsx", "pptx", "ole")


def move(obj, to_status: str, *, history, acting_user, note: str = "", extra_fields=()):
    """Move a locked object along its model's TRANSITIONS and write the status-change row."""
    model = type(obj)
    if to_status not in model.TRANSITIONS[obj.status]:
        raise ValidationError(
            _("The status cannot change from %(from)s to %(to)s.")
            % {"from": obj.get_status_display(), "to": model.Status(to_status).label}
        )
    from_status = obj.status
    obj.status = to_status
    obj.full_clean()
    obj.save(update_fields=["status", *extra_fields])
    return history.create(from_status=from_status, to_status=to_status, actor=acting_user, at=timezone.now(), note=note)


def max_upload_bytes() -> int:
    return getattr(settings, "COORDINATION_MAX_UPLOAD_MB", 20) * MB


def attach(obj, field: str, upload, *, allowed=ALLOWED) -> None:
    """Validate an upload by content and size, keep its original name, and store it on ``field``."""
    if upload is None:
        return
    UploadValidator(kinds=allowed, max_size=max_upload_bytes())(upload)
    getattr(obj, field).save(upload.name, upload, save=False)
    if hasattr(obj, "original_name"):
        obj.original_name = upload.name[:255]
