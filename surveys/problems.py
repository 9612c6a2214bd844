"""Problems found in answers and import files, stored as a code and its parameters.

An import runs in a worker whose language is not the reader's: the job stores
``{"code": ..., "params": {...}}`` and the page (or export) translates it when someone reads it,
in their language. Parameters ending in ``_ka`` / ``_en`` are the instrument's own bilingual text
(an XLSForm `constraint_message`); ``message`` is then picked in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

from accounts.bilingual import pick
from accounts.jobs import FAILURES

MESSAGES = {
    # A task that stopped (time limit, database away): the reasons every job shares
    **FAILURES,
    # Answers (entry form and import rows)
    "required": _("This question must be answered."),
    "hidden_answered": _(
        "Skip logic hides this question for this respondent (rule: %(rule)s), yet it has the answer “%(value)s”."
    ),
    "constraint": _("The answer “%(value)s” breaks the rule %(rule)s."),
    "constraint_message": _("%(message)s (answer “%(value)s”, rule: %(rule)s)"),
    "not_a_number": _("“%(value)s” is not a number."),
    "not_whole": _("“%(value)s” is not a whole number."),
    "not_a_choice": _("“%(value)s” is not one of the choices."),
    "one_choice": _("Only one choice may be given."),
    "choice_twice": _("A choice is given twice."),
    "not_a_date": _("“%(value)s” is not a date (YYYY-MM-DD)."),
    # Import rows
    "no_uuid": _("The submission has no _uuid."),
    "same_uuid": _("Same _uuid as row %(first)s."),
    "other_round": _("This submission (_uuid) is already stored in the round “%(round)s”."),
    "not_a_municipality": _("“%(value)s” is not one of this round's municipalities."),
    "not_a_datetime": _("“%(value)s” is not a date and time."),
    "bad_weight": _("A weight must be a positive number, not “%(value)s”."),
    # Import file and columns
    "no_uuid_column": _("The file has no _uuid column; it cannot be imported safely."),
    "ignored_column": _("This column matches no question; it is ignored."),
    "ignored_option": _("This column is not a choice of “%(question)s”; it is ignored."),
    "no_question_column": _("No column for this question; it stays unanswered."),
    "wrong_round": _(
        "%(count)s submissions of this file are already stored in the round “%(round)s”. "
        "Was the file uploaded to the wrong round?"
    ),
    # Files that cannot be read
    "not_utf8": _(
        "The file is not UTF-8 text (bytes that are not UTF-8 near byte %(position)s). "
        "Export the CSV from Kobo again as UTF-8, or upload the XLSX export."
    ),
    "not_text": _("The file is not a CSV text file."),
    "not_a_zip": _("The file is not an XLSX workbook (it is not a zip archive)."),
    "not_a_workbook": _("The file is a zip archive but not an XLSX workbook (it has no workbook inside)."),
    "unreadable_workbook": _("The workbook cannot be read: %(error)s"),
    "empty_file": _("The file has no header row."),
    "internal": _(
        "The import stopped on an unexpected error (%(error)s). "
        "The file was not imported; please tell the support team."
    ),
}


def problem(code: str, **params) -> dict:
    """A problem as stored: its code and JSON-safe parameters."""
    return {"code": code, "params": {k: v if isinstance(v, int | float) else str(v) for k, v in params.items()}}


def problem_text(code: str, params: dict | None = None) -> str:
    """The problem in the current language."""
    params = dict(params or {})
    for key in [k[:-3] for k in params if k.endswith("_ka")]:
        params[key] = pick(params.pop(f"{key}_ka", ""), params.pop(f"{key}_en", ""))
    template = MESSAGES.get(code)
    if template is None:
        return params.get("message") or str(code)
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


class ProblemError(ValueError):
    """An answer that cannot be accepted, with its problem code and parameters."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(code)

    def as_problem(self) -> dict:
        return problem(self.code, **self.params)

    def __str__(self) -> str:
        return problem_text(self.code, problem(self.code, **self.params)["params"])
