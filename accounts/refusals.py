"""How a service says no, and how a view shows it: one way everywhere.

A service refuses in one of three ways:

- ``authorize(predicate(...))`` raises ``PermissionDenied``: the same predicate the view asked; Django
  answers 403. (Views use ``accounts.access.require`` as a decorator and ``deny`` to log and refuse.)
- ``ValidationError``: a rule of the programme. The view shows it on the form (field errors on their
  fields) or, without a form, as error messages before redirecting back.
- ``Conflict``: someone saved the record after the form was opened. The view shows what changed.

Views call services inside ``refusals_shown(request, form=...)``: every service in the block runs in
one transaction, so a view that calls two services either does both or neither. ``run(...)`` is the
one-service shortcut for POST-only actions.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction


def authorize(allowed: bool) -> None:
    """The permission check inside a service (the one name for it)."""
    if not allowed:
        raise PermissionDenied


class Conflict(Exception):
    """Someone saved the record after this form was opened. ``changes`` says what they changed."""

    def __init__(self, *, current, changes: list[dict]):
        super().__init__("stale edit")
        self.current = current
        self.changes = changes


@dataclass
class Outcome:
    ok: bool = False
    error: ValidationError | None = None
    conflict: Conflict | None = None


def show_refusal(request, error: ValidationError, *, form=None) -> None:
    """A refusal on the form (field errors on their fields), or as error messages without one."""
    if form is None:
        for message in error.messages:
            messages.error(request, str(message))
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@contextmanager
def refusals_shown(request, *, form=None, success: str = "") -> Iterator[Outcome]:
    """Run the block's services in one transaction; a refusal rolls it all back and is shown.

    ``outcome.ok`` says whether every service agreed (then ``success`` is shown as a message).
    A conflict is left on ``outcome.conflict`` for the page to show what changed.
    """
    outcome = Outcome()
    try:
        with transaction.atomic():
            yield outcome
    except ValidationError as error:
        outcome.error = error
        show_refusal(request, error, form=form)
    except Conflict as conflict:
        outcome.conflict = conflict
    else:
        outcome.ok = True
        if success:
            messages.success(request, success)


def run(request, success: str, service, /, *, form=None, **kwargs) -> bool:
    """Call one service; its refusal becomes form errors or error messages. True when it agreed."""
    with refusals_shown(request, form=form, success=success) as outcome:
        service(**kwargs)
    return outcome.ok
