"""Hubs' models by sub-domain: places and staff, pilot selection, trainings, information sessions."""

from .outreach import InfoSession, InfoSessionTopic
from .places import Hub, HubMembership, HubStatusChange, Municipality, OpeningHours, Region
from .selection import ApplicationDocument, ApplicationScore, MunicipalityApplication, SelectionCriterion
from .training import TrainingEvent, TrainingParticipant, TrainingTopic

__all__ = [
    "ApplicationDocument",
    "ApplicationScore",
    "Hub",
    "HubMembership",
    "HubStatusChange",
    "InfoSession",
    "InfoSessionTopic",
    "Municipality",
    "MunicipalityApplication",
    "OpeningHours",
    "Region",
    "SelectionCriterion",
    "TrainingEvent",
    "TrainingParticipant",
    "TrainingTopic",
]
