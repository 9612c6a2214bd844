"""Retention runs (nightly, by an officer, dry or real) and erasure of one person on request."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import log_access
from accounts.append_only import anonymising
from accounts.models import AccessLog, User
from accounts.refusals import authorize

from ..anonymisation import MARK, anonymise_subject, retention_kinds, scrub_json
from ..models import Beneficiary, RetentionRun
from ..permissions import can_erase_beneficiary, can_run_retention
from ..retention import LIVE, subject_of

ERASURE_REASON_MIN_LENGTH = 10
# The report lists at most this many records per kind (the counts are always complete).
REPORT_ITEMS_PER_KIND = 500


def retention_due(*, now: datetime.datetime | None = None, limit: int | None = None) -> list[dict]:
    """Per kind: its period, the cutoff, how many records are due and (up to ``limit``) which."""
    now = now or timezone.now()
    found = []
    for kind in retention_kinds():
        cutoff = now - datetime.timedelta(days=kind.days)
        due = kind.due(cutoff)
        records = list(due[:limit]) if limit is not None else list(due)
        found.append(
            {
                "kind": kind,
                "cutoff": cutoff,
                "count": due.count() if limit is not None else len(records),
                "items": [{"key": obj.pk, "label": kind.describe(obj)} for obj in records],
            }
        )
    return found


@transaction.atomic
def retention_run(
    *, dry_run: bool, acting_user: User | None = None, now: datetime.datetime | None = None
) -> RetentionRun:
    """Anonymise every record whose retention period has ended (or, dry, list them).

    ``acting_user`` None is the nightly task. Until a dry run has been recorded, the nightly task
    records one instead of anonymising: officers see what the first real run will do before it runs.
    """
    if acting_user is not None:
        authorize(can_run_retention(acting_user))
    nightly = acting_user is None
    if nightly and not dry_run and not RetentionRun.objects.filter(dry_run=True).exists():
        dry_run = True
    run = RetentionRun.objects.create(
        dry_run=dry_run,
        trigger=RetentionRun.Trigger.NIGHTLY if nightly else RetentionRun.Trigger.OFFICER,
        started_by=acting_user,
    )
    counts, rows, items = {}, {}, []
    for entry in retention_due(now=now):
        kind = entry["kind"]
        counts[kind.key] = entry["count"]
        items += [{"kind": kind.key, **item} for item in entry["items"][:REPORT_ITEMS_PER_KIND]]
        if dry_run or not entry["count"]:
            continue
        for table, n in kind.anonymise(kind.due(entry["cutoff"])).items():
            rows[table] = rows.get(table, 0) + n
    run.counts, run.rows, run.items, run.finished_at = counts, rows, items, timezone.now()
    run.save(update_fields=["counts", "rows", "items", "finished_at"])
    return run


@transaction.atomic
def beneficiary_erase(*, beneficiary: Beneficiary, reason: str, acting_user: User, path: str = "") -> RetentionRun:
    """Anonymise one person now, on their request (right to erasure); an officer gives the reason.

    The person's live cases must be closed first. The access log keeps the reason with the person's
    identifying values taken out.
    """
    authorize(can_erase_beneficiary(acting_user))
    person = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    if person.anonymised_at is not None:
        raise ValidationError(_("This person's record is already anonymised."))
    reason = (reason or "").strip()
    if len(reason) < ERASURE_REASON_MIN_LENGTH:
        raise ValidationError(_("Give the reason in at least %(n)s characters.") % {"n": ERASURE_REASON_MIN_LENGTH})
    if person.cases.filter(status__in=LIVE).exists():
        raise ValidationError(_("Close this person's open cases before anonymising the record."))
    subject = subject_of(person)
    started = timezone.now()
    rows = anonymise_subject(subject)
    with anonymising():
        log_access(
            user=acting_user,
            action=AccessLog.Action.ANONYMISE,
            obj=person,
            path=path,
            reason=scrub_json(reason, subject.values) or MARK,
        )
    return RetentionRun.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        trigger=RetentionRun.Trigger.ERASURE,
        started_by=acting_user,
        counts={"erasure": 1},
        rows=rows,
        items=[{"kind": "erasure", "key": person.pk, "label": str(_("person no. %(pk)s") % {"pk": person.pk})}],
    )
