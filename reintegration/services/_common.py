"""Shared pieces of the reintegration services: the stale-edit check and the status move."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import Conflict

from ..models import Case, CaseStatusChange

EditConflict = Conflict  # the stale-edit refusal (accounts.refusals)


def check_version(obj, *, expected_version: int, fields: list[str]) -> None:
    """Raise EditConflict if ``obj`` (locked) moved on since ``expected_version`` was read."""
    if obj.version == expected_version:
        return
    then = obj.history.filter(version=expected_version).order_by("-history_date").first()
    changes = []
    for name in fields:
        field = obj._meta.get_field(name)
        before = getattr(then, field.attname, None) if then is not None else None
        now = getattr(obj, field.attname)
        if before != now:
            changes.append(
                {"field": str(field.verbose_name), "before": _display(field, before), "now": _display(field, now)}
            )
    raise EditConflict(current=obj, changes=changes)


def _display(field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return str(field.related_model._default_manager.filter(pk=value).first() or value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def move_case(case: Case, to_status: str, *, acting_user, note: str = "", extra_fields=()) -> CaseStatusChange:
    """Change a locked case's status along TRANSITIONS and write the status-change row."""
    if to_status not in Case.TRANSITIONS[case.status]:
        raise ValidationError(
            _("A case that is %(from)s cannot become %(to)s.")
            % {"from": case.get_status_display(), "to": Case.Status(to_status).label}
        )
    from_status = case.status
    case.status = to_status
    case.full_clean()
    case.save(update_fields=["status", *extra_fields])
    return CaseStatusChange.objects.create(
        case=case, from_status=from_status, to_status=to_status, actor=acting_user, at=timezone.now(), note=note
    )
