"""Every write of the hubs app (``<entity>_<verb>``, keyword-only, with the acting user)."""

from .outreach import info_session_create, info_session_update
from .places import (
    hub_change_status,
    hub_set_opening_hours,
    hub_update,
    membership_end,
    municipality_update,
    staff_assign,
    staff_deactivate,
    staff_invite,
    staff_move,
    staff_reinvite,
)
from .reference import reference_load
from .selection import (
    application_decide,
    application_document_add,
    application_save,
    application_score,
    criterion_save,
)
from .training import (
    participant_add,
    participant_complete,
    training_create,
    training_results_record,
    training_update,
)

__all__ = [
    "application_decide",
    "application_document_add",
    "application_save",
    "application_score",
    "criterion_save",
    "hub_change_status",
    "hub_set_opening_hours",
    "hub_update",
    "info_session_create",
    "info_session_update",
    "membership_end",
    "participant_add",
    "participant_complete",
    "municipality_update",
    "reference_load",
    "staff_assign",
    "staff_deactivate",
    "staff_invite",
    "staff_move",
    "staff_reinvite",
    "training_create",
    "training_results_record",
    "training_update",
]
