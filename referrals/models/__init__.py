from .directory import (
    Coverage,
    Language,
    Location,
    Organization,
    Phone,
    Program,
    ProgramImplementer,
    Service,
    TargetGroup,
)
from .guides import GuideEdition, ReferralGuide
from .referral import Referral, ReferralEvent

__all__ = [
    "Coverage",
    "GuideEdition",
    "Language",
    "Location",
    "Organization",
    "Phone",
    "Program",
    "ProgramImplementer",
    "Referral",
    "ReferralEvent",
    "ReferralGuide",
    "Service",
    "TargetGroup",
]
