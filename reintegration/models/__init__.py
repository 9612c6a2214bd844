"""People, their households and migration history, consent, and the cases hubs hold for them.

A package by sub-domain: people (registry record, household, migration), consent, cases (number,
status history, transfers) and casework (needs, sessions, plan, follow-ups).
"""

from .cases import Case, CaseNumberCounter, CaseQuerySet, CaseStatusChange, CaseTransfer
from .casework import (
    AssessedNeed,
    CounsellingSession,
    FollowUp,
    FollowUpQuerySet,
    NeedAssessment,
    PlanAction,
    PlanGoal,
)
from .consent import Consent, ConsentQuerySet
from .people import (
    Beneficiary,
    BeneficiaryQuerySet,
    Household,
    HouseholdMember,
    MigrationEpisode,
    Sex,
    personal_number_validator,
)
from .retention import RetentionRun

__all__ = [
    "AssessedNeed",
    "Beneficiary",
    "BeneficiaryQuerySet",
    "Case",
    "CaseNumberCounter",
    "CaseQuerySet",
    "CaseStatusChange",
    "CaseTransfer",
    "Consent",
    "ConsentQuerySet",
    "CounsellingSession",
    "FollowUp",
    "FollowUpQuerySet",
    "Household",
    "HouseholdMember",
    "MigrationEpisode",
    "NeedAssessment",
    "PlanAction",
    "PlanGoal",
    "RetentionRun",
    "Sex",
    "personal_number_validator",
]
