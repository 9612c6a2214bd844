"""What the committee can decide on: one registered entry per kind of subject.

A proposal points at its subject (a grant application; a community initiative, registered by the
community app in its AppConfig.ready()). Each kind says, through two hooks, which relationships
bar a committee member from scoring it, and what the committee's decision does to it. The
committee services call the hooks; a subject of a kind nobody registered cannot be proposed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class CommitteeSubject:
    """``conflicts(subject, seat) -> [reason]``: relationships the system knows of that bar this
    member. ``decided(subject=..., outcome=..., acting_user=..., proposal=...)``: a service that
    applies the decision (inside the deciding transaction), following the subject's TRANSITIONS and
    writing its event row."""

    model: type[Model]
    conflicts: Callable[[Model, object], list[str]]
    decided: Callable[..., object]


_subjects: dict[type[Model], CommitteeSubject] = {}


def register_committee_subject(model: type[Model], *, conflicts, decided) -> None:
    _subjects.setdefault(model, CommitteeSubject(model=model, conflicts=conflicts, decided=decided))


def committee_subject(subject_or_model) -> CommitteeSubject:
    """The registered hooks for this subject's kind; LookupError for a kind nobody registered."""
    model = subject_or_model if isinstance(subject_or_model, type) else type(subject_or_model)
    model = model._meta.concrete_model
    try:
        return _subjects[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered as a committee subject") from None
