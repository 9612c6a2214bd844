"""Coordination and policy: committees, meetings, decisions and action items; the policy
mainstreaming register; methodology documents. Nothing here is about a beneficiary."""

from .committees import Committee, CommitteeMember
from .meetings import (
    ActionItem,
    ActionItemStatusChange,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingDocument,
    MeetingStatusChange,
)
from .methodology import MethodologyDocument, MethodologyVersion
from .policy import PolicyAssessment, PolicyDocument, PolicyReport, Recommendation, RecommendationStatusChange

__all__ = [
    "ActionItem",
    "ActionItemStatusChange",
    "AgendaItem",
    "Attendance",
    "Committee",
    "CommitteeMember",
    "Decision",
    "Meeting",
    "MeetingDocument",
    "MeetingStatusChange",
    "MethodologyDocument",
    "MethodologyVersion",
    "PolicyAssessment",
    "PolicyDocument",
    "PolicyReport",
    "Recommendation",
    "RecommendationStatusChange",
]
