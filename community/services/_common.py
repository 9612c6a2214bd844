from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Idea, IdeaEvent


def check_transition(table: dict, current: str, target: str, labels) -> None:
    if target not in table.get(current, set()):
        raise ValidationError(
            _("A record in “%(from)s” cannot move to “%(to)s”.")
            % {"from": labels(current).label, "to": labels(target).label}
        )


def lock_idea(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().select_related("cycle").get(pk=idea.pk)


def idea_move(idea: Idea, to_status: str, *, actor, action: str = "status", note: str = "", fields=()) -> Idea:
    """Check the TRANSITIONS table, validate, save and write the audit row (idea already locked)."""
    check_transition(Idea.TRANSITIONS, idea.status, to_status, Idea.Status)
    from_status, idea.status = idea.status, to_status
    idea.full_clean()
    idea.save(update_fields=["status", *fields])
    IdeaEvent.objects.create(
        idea=idea, actor=actor, action=action, from_status=from_status, to_status=to_status, note=note
    )
    return idea
