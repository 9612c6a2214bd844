from .committees import committee_save, member_save
from .meetings import (
    action_item_add,
    action_item_set_status,
    agenda_item_add,
    attendance_record,
    decision_record,
    meeting_document_add,
    meeting_plan,
    meeting_set_status,
    meeting_update,
    minutes_approve,
    minutes_save,
)
from .methodology import methodology_document_create, methodology_version_add
from .policy import (
    assessment_add,
    policy_document_save,
    policy_report_deliver,
    policy_report_issue,
    recommendation_save,
    recommendation_set_status,
)
from .reference import reference_load
from .reminders import action_reminder_send, action_reminders_send

__all__ = [
    "action_item_add",
    "action_item_set_status",
    "action_reminder_send",
    "action_reminders_send",
    "agenda_item_add",
    "assessment_add",
    "attendance_record",
    "committee_save",
    "decision_record",
    "meeting_document_add",
    "meeting_plan",
    "meeting_set_status",
    "meeting_update",
    "member_save",
    "methodology_document_create",
    "methodology_version_add",
    "minutes_approve",
    "minutes_save",
    "policy_document_save",
    "policy_report_deliver",
    "policy_report_issue",
    "recommendation_save",
    "recommendation_set_status",
    "reference_load",
]
