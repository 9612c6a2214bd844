"""The data-quality queue: checks each app offers as ``QUALITY_CHECKS`` in its ``indicators.py``.

    QUALITY_CHECKS = {"code": {
        "label": ..., "records": callable(hub_ids) -> QuerySet (hub_ids None: every hub),
        "date": callable(obj), "hub": callable(obj) -> Hub | None,
        "fix": callable(obj) -> url of the page where it is fixed, "fix_label": ...,
        "officers_only": bool (optional: checks about programme-wide data),
    }}

The queue costs one count query per check, whatever the number of hubs or records.
"""

from functools import cache

from accounts.permissions import is_officer

from .permissions import results_hub_ids
from .registry import app_hooks


@cache
def checks() -> dict[str, dict]:
    found = {}
    for _app, table in app_hooks("indicators", "QUALITY_CHECKS"):
        found.update(table)
    return found


def checks_for(user) -> dict[str, dict]:
    officer = is_officer(user)
    return {code: check for code, check in checks().items() if officer or not check.get("officers_only")}


def check_records(code: str, user):
    """The records a check flags in the user's scope; None for a check the user may not see."""
    check = checks_for(user).get(code)
    if check is None:
        return None
    return check["records"](results_hub_ids(user))


def queue_for(user) -> list[dict]:
    hub_ids = results_hub_ids(user)
    return [
        {"code": code, "label": check["label"], "count": check["records"](hub_ids).count()}
        for code, check in checks_for(user).items()
    ]
