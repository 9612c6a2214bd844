from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import CycleEvent, GrantCycle


def check_unlocked(cycle: GrantCycle) -> None:
    if cycle.is_locked:
        raise ValidationError(_("This cycle is decided and locked: nothing in it can be changed."))


def check_transition(table: dict, current: str, target: str, labels) -> None:
    if target not in table.get(current, set()):
        raise ValidationError(
            _("A record in “%(from)s” cannot move to “%(to)s”.")
            % {"from": labels(current).label, "to": labels(target).label}
        )


def event(cycle, *, actor, action: str, from_status="", to_status="", proposal=None, application=None, note=""):
    return CycleEvent.objects.create(
        cycle=cycle,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        proposal=proposal,
        application=application,
        note=note,
    )
