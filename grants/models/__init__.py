from .applications import Application, TeamMember
from .awards import Award, CompletionReport, Disbursement, MonitoringVisit, Tranche
from .committee import Consensus, CycleEvent, CycleMinutes, Decision, Proposal, Review, Score
from .cycles import CommitteeMembership, Criterion, GrantCycle, TieBreak
from .mentoring import BudgetLine, MentorAssignment, MentoringSession, Milestone, PlanVersion, Workshop

__all__ = [
    "Application",
    "Award",
    "BudgetLine",
    "CommitteeMembership",
    "CompletionReport",
    "Consensus",
    "Criterion",
    "CycleEvent",
    "CycleMinutes",
    "Decision",
    "Disbursement",
    "GrantCycle",
    "MentorAssignment",
    "MentoringSession",
    "Milestone",
    "MonitoringVisit",
    "PlanVersion",
    "Proposal",
    "Review",
    "Score",
    "TeamMember",
    "TieBreak",
    "Tranche",
    "Workshop",
]
