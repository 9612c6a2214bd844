"""Exports built in the background: the donor report and the pseudonymised beneficiary file (XLSX).

Both write with openpyxl's write-only workbook (rows go to disk as they come) and move the job's
progress forward as they go; the beneficiary file reads the database in chunks (``iterator``)
with every figure it needs annotated in the same query, so memory stays flat however many rows.
"""

import hashlib
import hmac
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts import xlsx
from accounts.jobs import job_claim

from .indicators import Period, compute, hub_regions, scope_key
from .models import ExportJob, Indicator
from .selectors import breakdowns, card
from .services import snapshot_refresh

CHUNK = 1000


def pseudonym(beneficiary_id: int) -> str:
    """Stable across exports (same person, same pseudonym), not reversible without the secret key."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"beneficiary:{beneficiary_id}".encode(), hashlib.sha256)
    return "P-" + digest.hexdigest()[:12].upper()


def _progress(job: ExportJob, done: int, total: int | None = None) -> None:
    fields = {"done": done, "status": ExportJob.Status.RUNNING}
    if total is not None:
        fields["total"] = total
    # Only while it runs: a duplicate run never takes a finished or failed export back to "running".
    ExportJob.objects.filter(pk=job.pk, status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]).update(**fields)


def _finish(job: ExportJob, workbook: Workbook, name: str) -> None:
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        workbook.save(handle.name)
        handle.seek(0)
        job.file.save(name, File(handle), save=False)
    with transaction.atomic():
        if job_claim(ExportJob, job.pk, states=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]) is None:
            job.file.delete(save=False)  # another run of the task finished it (or it failed): one file only
            return
        now = timezone.now()
        job.status = ExportJob.Status.DONE
        job.finished_at = now
        job.expires_at = now + timezone.timedelta(hours=settings.DASHBOARD_EXPORT_HOURS)
        job.done = job.total
        job.save(update_fields=["file", "status", "finished_at", "expires_at", "done"])


def donor_report(job: ExportJob) -> None:
    """Indicators with baseline, target and actual, their disaggregations and (for officers) the
    records behind each number; for a partner, cells under 5 are "<5" and no lists are written."""
    suppress = job.suppress_small_cells
    period = Period.from_key(job.period)
    indicators = list(Indicator.objects.for_list())
    _progress(job, 0, len(indicators))
    workbook = Workbook(write_only=True)
    summary, cells = workbook.create_sheet("indicators"), workbook.create_sheet("disaggregations")
    lists = None if suppress else workbook.create_sheet("records")
    summary.append(
        ["outcome", "output", "code", "indicator (ka)", "indicator (en)", "unit", "baseline", "target", "actual"]
        + ["computed at"]
    )
    cells.append(["code", "indicator", "dimension", "cell", "value"])
    if lists is not None:
        lists.append(["code", "indicator", "record type", "record key", "hub (ka)", "month", "adds"])
    regions = hub_regions()
    hub_names = _hub_names()
    for done, indicator in enumerate(indicators, start=1):
        snapshot = snapshot_refresh(indicator=indicator, scope=scope_key(None), period=period, regions=regions)
        shown = card(indicator, snapshot, suppress=suppress)
        actual = shown["cell"]["display"] if shown["available"] else _("not yet available")
        summary.append(
            xlsx.row(
                summary,
                [
                    str(indicator.output.outcome),
                    str(indicator.output),
                    indicator.code,
                    indicator.name_ka,
                    indicator.name_en,
                    indicator.get_unit_display(),
                    float(indicator.baseline),
                    float(indicator.target) if indicator.target is not None else None,
                    actual,
                    snapshot.computed_at,
                ],
            )
        )
        for table in breakdowns(indicator, snapshot, suppress=suppress):
            for row in table["rows"]:
                cells.append(
                    [indicator.code, indicator.name, str(table["label"]), row["label"], row["cell"]["display"]]
                )
        if lists is not None and shown["available"]:
            _write_records(lists, indicator, period, hub_names)
        _progress(job, done)
    _finish(job, workbook, f"donor-report-{timezone.localdate():%Y%m%d}.xlsx")


def _hub_names() -> dict[int, str]:
    from hubs.models import Hub

    return dict(Hub.objects.values_list("pk", "name_ka"))


def _write_records(sheet, indicator: Indicator, period: Period, hub_names: dict) -> None:
    result = compute(indicator.code, period, None)
    kind = str(result["records"].model._meta.verbose_name)
    for fact in result["facts"]:
        if fact.get("pk") is None or not fact.get("n", 1):
            continue
        date = fact.get("date")
        sheet.append(
            [
                indicator.code,
                indicator.name,
                kind,
                fact["pk"],
                hub_names.get(fact.get("hub"), ""),
                date.strftime("%Y-%m") if date else "",
                fact.get("n", 1),
            ]
        )


PSEUDONYMISED_COLUMNS = [
    "pseudonym",
    "birth_year",
    "sex",
    "category",
    "municipality",
    "region",
    "household_size",
    "disability",
    "chronic_illness",
    "idp",
    "cases",
    "last_case_hub",
    "last_case_status",
    "last_case_opened",
    "counselling_sessions",
    "referrals_sent",
]


def _beneficiary_rows():
    """One query, read in chunks: no name, personal number, phone, address or birth date."""
    from referrals.models import Referral
    from reintegration.models import Beneficiary, Case, CounsellingSession

    last_case = Case.objects.filter(beneficiary=OuterRef("pk")).order_by("-opened_on", "-pk")
    sessions = (
        CounsellingSession.objects.filter(case__beneficiary=OuterRef("pk"))
        .order_by()
        .values("case__beneficiary")
        .annotate(c=Count("pk"))
        .values("c")
    )
    referrals = (
        Referral.objects.filter(case__beneficiary=OuterRef("pk"), sent_at__isnull=False)
        .order_by()
        .values("case__beneficiary")
        .annotate(c=Count("pk"))
        .values("c")
    )
    cases = Case.objects.filter(beneficiary=OuterRef("pk")).order_by().values("beneficiary").annotate(c=Count("pk"))
    return (
        Beneficiary.objects.order_by("pk")
        .annotate(
            case_count=Subquery(cases.values("c")[:1]),
            last_hub=Subquery(last_case.values("hub__code")[:1]),
            last_status=Subquery(last_case.values("status")[:1]),
            last_opened=Subquery(last_case.values("opened_on")[:1]),
            session_count=Subquery(sessions[:1]),
            referral_count=Subquery(referrals[:1]),
        )
        .values_list(
            "pk",
            "birth_year",
            "sex",
            "category",
            "municipality__name_ka",
            "municipality__region__name_ka",
            "household__size",
            "has_disability",
            "has_chronic_illness",
            "is_idp",
            "case_count",
            "last_hub",
            "last_status",
            "last_opened",
            "session_count",
            "referral_count",
        )
    )


def pseudonymised(job: ExportJob) -> None:
    rows = _beneficiary_rows()
    total = rows.count()
    _progress(job, 0, total)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("beneficiaries")
    sheet.append(PSEUDONYMISED_COLUMNS)
    for done, (pk, *rest) in enumerate(rows.iterator(chunk_size=CHUNK), start=1):
        sheet.append(xlsx.row(sheet, [pseudonym(pk), *rest]))
        if done % CHUNK == 0:
            _progress(job, done)
    _finish(job, workbook, f"beneficiaries-pseudonymised-{timezone.localdate():%Y%m%d}.xlsx")


BUILDERS = {ExportJob.Kind.DONOR_REPORT: donor_report, ExportJob.Kind.PSEUDONYMISED: pseudonymised}


def export_build(*, job_id: int) -> None:
    """Build a queued export (a finished one is left as it is, so a retried task does nothing).

    Run again after a worker died in the middle, the export starts over and ends with one file.
    """
    if job_claim(ExportJob, job_id, states=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]) is None:
        return
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    with translation.override(job.created_by.preferred_language or settings.LANGUAGE_CODE):
        BUILDERS[job.kind](job)


def export_expire(job_id: int) -> int:
    """Delete the file of an export whose link has expired, once (under its row lock). Returns 1 or 0."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id, status=ExportJob.Status.DONE).first()
        if job is None:
            return 0
        job.file.delete(save=False)
        job.status = ExportJob.Status.EXPIRED
        job.save(update_fields=["file", "status"])
    return 1
