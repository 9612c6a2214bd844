"""What the committee reviews, by type: a registry that higher apps fill in AppConfig.ready().

A Proposal points at its subject (a team's application, a community idea) through a generic
relation. Each subject type registers, explicitly, what the committee machinery asks of it:
the relationships that bar a member (conflicts), what the decision does to it (decided, called
inside the deciding transaction), and the template and context that show it to the committee.
A type that is not registered falls back on the subject's own methods (the business application).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SubjectType:
    model: type
    decided: Callable  # (subject, outcome: str, acting_user) -> None
    conflicts: Callable | None = None  # (subject, seat) -> list[str]
    committee_template: str = ""
    committee_context: Callable | None = None  # (subject) -> dict


_types: dict[str, SubjectType] = {}


def _key(model) -> str:
    return model._meta.label_lower


def register_subject_type(subject_type: SubjectType) -> None:
    _types[_key(subject_type.model)] = subject_type


def subject_type_of(subject) -> SubjectType | None:
    return _types.get(_key(type(subject))) if subject is not None else None
