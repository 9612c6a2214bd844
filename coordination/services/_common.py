"""Shared pieces of the coordination services: the permission check and the status move."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..uploads import validate_upload


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


def attach(obj, field: str, upload, **validate) -> None:
    """Validate an upload by content and size, keep its original name, and store it on ``field``."""
    if upload is None:
        return
    validate_upload(upload, **validate)
    getattr(obj, field).save(upload.name, upload, save=False)
    if hasattr(obj, "original_name"):
        obj.original_name = upload.name[:255]
