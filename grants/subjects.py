"""What the committee can decide on: one registered entry per kind of subject.

A proposal points at its subject (a team's grant application; a community idea, registered by the
community app in its AppConfig.ready()) through a generic relation. Each kind says, through its
hooks, which relationships bar a committee member from scoring it, what the committee's decision
does to it, and (optionally) the template and context that show it to the committee. The committee
services call the hooks; a subject of a kind nobody registered cannot be proposed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class CommitteeSubject:
    """``conflicts(subject, seat) -> [reason]``: relationships the system knows of that bar this
    member. ``decided(subject, outcome=..., acting_user=...)``: a service that applies the decision
    (inside the deciding transaction), following the subject's TRANSITIONS and writing its event row.
    ``committee_template`` and ``committee_context(subject) -> dict`` show the subject to the committee
    (without them the committee sees the business application's team and plan)."""

    model: type[Model]
    conflicts: Callable[[Model, object], list[str]]
    decided: Callable[..., object]
    committee_template: str = ""
    committee_context: Callable[[Model], dict] | None = None


_subjects: dict[type[Model], CommitteeSubject] = {}


def register_committee_subject(
    model: type[Model], *, conflicts, decided, committee_template: str = "", committee_context=None
) -> None:
    _subjects.setdefault(
        model,
        CommitteeSubject(
            model=model,
            conflicts=conflicts,
            decided=decided,
            committee_template=committee_template,
            committee_context=committee_context,
        ),
    )


def committee_subject(subject_or_model) -> CommitteeSubject:
    """The registered hooks for this subject's kind; LookupError for a kind nobody registered."""
    model = subject_or_model if isinstance(subject_or_model, type) else type(subject_or_model)
    model = model._meta.concrete_model
    try:
        return _subjects[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered as a committee subject") from None
