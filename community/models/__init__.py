from .consultations import Consultation, ConsultationPriority, PriorityTheme, Vote, VoteSet
from .criteria import CommunityCriterion
from .ideas import ExpertAssignment, ExpertMeeting, Idea, IdeaEvent, IdeaPlan
from .implementation import (
    CofundingReceipt,
    Completion,
    Initiative,
    InitiativePhoto,
    InitiativeTranche,
    InitiativeVisit,
    cofunding_received,
)
from .people import AgeGroup, PeopleCounts, ResidentStatus, Sex
from .referrals import IdeaReferral, IdeaReferralEvent

__all__ = [
    "AgeGroup",
    "CofundingReceipt",
    "CommunityCriterion",
    "Completion",
    "Consultation",
    "ConsultationPriority",
    "ExpertAssignment",
    "ExpertMeeting",
    "Idea",
    "IdeaEvent",
    "IdeaPlan",
    "IdeaReferral",
    "IdeaReferralEvent",
    "Initiative",
    "InitiativePhoto",
    "InitiativeTranche",
    "InitiativeVisit",
    "PeopleCounts",
    "PriorityTheme",
    "ResidentStatus",
    "Sex",
    "Vote",
    "VoteSet",
    "cofunding_received",
]
