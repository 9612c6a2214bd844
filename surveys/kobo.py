"""KoboToolbox / ODK export import: a dry run that lists every problem, then an idempotent import.

Files are streamed row by row (csv reader, openpyxl read-only) and written in batches, so a file
of tens of thousands of rows never sits in memory and the page follows the progress. Each batch
commits on its own: the progress is visible while it runs, and a retried task skips the
submissions already stored, because every submission is keyed by its `_uuid`.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .logic import apply_rules, coerce
from .models import ImportJob, Question, Response
from .selectors import version_questions

BATCH = 1000
META_NAMES = {"start", "end", "today", "deviceid", "username", "simserial", "subscriberid", "phonenumber", "audit",
              "instanceID", "instanceName", "deprecatedID", "uuid", "version"}  # fmt: skip
UUID, SUBMITTED, MUNICIPALITY, WEIGHT = "_uuid", "_submission_time", "municipality", "weight"


def read_rows(path: str, name: str) -> Iterator[list]:
    """The rows of a CSV or XLSX file, header first, as lists of cells."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            for row in book.worksheets[0].iter_rows(values_only=True):
                yield list(row)
        finally:
            book.close()
        return
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = ";" if first.count(";") > first.count(",") else ","
        yield from csv.reader(handle, delimiter=delimiter)


@dataclass
class Columns:
    """What each column of the export is."""

    questions: dict[int, Question] = field(default_factory=dict)
    options: dict[int, tuple[Question, str]] = field(default_factory=dict)
    uuid: int | None = None
    submitted: int | None = None
    municipality: int | None = None
    weight: int | None = None
    unknown: list[str] = field(default_factory=list)


def map_columns(header: list, questions: list[Question]) -> Columns:
    by_name = {q.name: q for q in questions}
    columns = Columns()
    for index, title in enumerate(header):
        title = str(title or "").strip()
        parts = title.split("/")
        last = parts[-1]
        if title == UUID:
            columns.uuid = index
        elif title == SUBMITTED:
            columns.submitted = index
        elif last == MUNICIPALITY and MUNICIPALITY not in by_name:
            columns.municipality = index
        elif last in (WEIGHT, "_weight") and WEIGHT not in by_name:
            columns.weight = index
        elif last in by_name:
            columns.questions[index] = by_name[last]
        elif len(parts) > 1 and parts[-2] in by_name and by_name[parts[-2]].type == Question.Type.SELECT_MULTIPLE:
            columns.options[index] = (by_name[parts[-2]], last)  # `group/question/option` 0/1 columns
        elif not title or last.startswith("_") or last in META_NAMES or parts[0] in ("meta", "formhub"):
            continue
        else:
            columns.unknown.append(title)
    return columns


@dataclass
class Checked:
    number: int
    uuid: str
    errors: list = field(default_factory=list)
    response: Response | None = None


class RowChecker:
    """Turns one row of the export into a Response, or the list of its problems."""

    def __init__(self, job: ImportJob, header: list):
        self.job = job
        self.questions = version_questions(job.round.version)
        self.choices = {q.name: {c.value for c in q.choices.all()} for q in self.questions}
        self.header = [str(h or "") for h in header]
        self.columns = map_columns(header, self.questions)
        self.municipalities = {}
        for target in job.round.targets.select_related("municipality"):
            m = target.municipality
            for key in (m.code, m.name_en, m.name_ka, str(m.pk)):
                self.municipalities[key.strip().lower()] = m
        self.seen: dict[str, int] = {}
        self.now = timezone.now()

    def header_problems(self) -> list[dict]:
        problems = []
        if self.columns.uuid is None:
            problems.append(_problem(1, UUID, _("The file has no _uuid column; it cannot be imported safely.")))
        if self.columns.municipality is None:
            problems.append(_problem(1, MUNICIPALITY, _("The file has no municipality column.")))
        for title in self.columns.unknown:
            problems.append(_problem(1, title, _("This column matches no question; it is ignored."), "warning"))
        present = {q.name for q in self.columns.questions.values()} | {
            q.name for q, _o in self.columns.options.values()
        }
        for question in self.questions:
            if question.name not in present:
                problems.append(
                    _problem(1, question.name, _("No column for this question; it stays unanswered."), "warning")
                )
        return problems

    def check(self, number: int, row: list) -> Checked:
        cell = lambda index: row[index] if index is not None and index < len(row) else None  # noqa: E731
        uuid = str(cell(self.columns.uuid) or "").strip()
        checked = Checked(number=number, uuid=uuid)
        errors = checked.errors
        if not uuid:
            errors.append(_problem(number, UUID, _("The submission has no _uuid.")))
        elif uuid in self.seen:
            errors.append(_problem(number, UUID, _("Same _uuid as row %(row)s.") % {"row": self.seen[uuid]}))
        else:
            self.seen[uuid] = number
        municipality = self.municipalities.get(str(cell(self.columns.municipality) or "").strip().lower())
        if municipality is None and self.columns.municipality is not None:
            errors.append(_problem(number, MUNICIPALITY, _("Not one of this round's municipalities.")))
        values = self._values(number, row, cell, errors)
        outcome = apply_rules(self.questions, values)
        for name, message in outcome.errors.items():
            errors.append(_problem(number, self._column_of(name), message))
        submitted, weight = self._submitted(number, cell, errors), self._weight(number, cell, errors)
        if not errors:
            checked.response = Response(
                round_id=self.job.round_id, municipality=municipality, uuid=uuid[:64], submitted_at=submitted,
                source=Response.Source.IMPORT, answers=outcome.answers, weight=weight, import_job_id=self.job.pk,
            )  # fmt: skip
            checked.response.set_profile()
        return checked

    def _values(self, number, row, cell, errors) -> dict:
        values = {}
        for index, question in self.columns.questions.items():
            try:
                values[question.name] = coerce(question, cell(index), self.choices[question.name])
            except ValueError as error:
                errors.append(_problem(number, self.header[index], str(error)))
        for index, (question, option) in self.columns.options.items():
            if question.name in values or str(cell(index) or "").strip() not in ("1", "True", "true", "1.0"):
                continue
            if option in self.choices[question.name]:
                values.setdefault(f"_{question.name}", []).append(option)
        for question in self.questions:  # option columns only: rebuild the answer from them
            if question.name not in values and f"_{question.name}" in values:
                values[question.name] = values.pop(f"_{question.name}")
        return values

    def _column_of(self, name: str) -> str:
        for index, question in self.columns.questions.items():
            if question.name == name:
                return self.header[index]
        return name

    def _submitted(self, number, cell, errors):
        raw = cell(self.columns.submitted)
        if raw in (None, ""):
            return self.now
        try:
            value = raw if isinstance(raw, datetime.datetime) else datetime.datetime.fromisoformat(str(raw).strip())
        except ValueError:
            errors.append(_problem(number, SUBMITTED, _("Not a date and time.")))
            return None
        return value if timezone.is_aware(value) else timezone.make_aware(value)

    def _weight(self, number, cell, errors):
        raw = cell(self.columns.weight)
        if raw in (None, ""):
            return Decimal(1)
        try:
            weight = Decimal(str(raw).strip())
        except InvalidOperation:
            weight = Decimal(0)
        if not weight > 0:
            errors.append(_problem(number, self.header[self.columns.weight], _("A weight must be a positive number.")))
        return weight


def _problem(row: int, column: str, message: str, level: str = "error") -> dict:
    return {"row": row, "column": column, "message": message, "level": level}


def _rows(job: ImportJob):
    rows = read_rows(job.file.path, job.original_name)
    header = next(rows, None) or []
    return header, rows


def _save(job: ImportJob, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def import_check(*, job_id: int) -> ImportJob:
    """The dry run: read every row, record every problem; nothing is stored but the job."""
    job = ImportJob.objects.select_related("round__version").get(pk=job_id)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKING):
        return job
    _save(job, status=ImportJob.Status.CHECKING, processed_rows=0, total_rows=_count(job))
    header, rows = _rows(job)
    checker = RowChecker(job, header)
    problems = checker.header_problems()
    count, valid, seen, batch = len(problems), 0, 0, []
    fatal = any(p["level"] == "error" for p in problems)
    if fatal:  # without _uuid or municipality no row can be imported: say so once
        rows = iter(())
    for number, row in enumerate(rows, start=2):
        if not any(c not in (None, "") for c in row):
            continue
        seen += 1
        checked = checker.check(number, row)
        count += len(checked.errors)
        if len(problems) < ImportJob.MAX_PROBLEMS:
            problems += checked.errors[: ImportJob.MAX_PROBLEMS - len(problems)]
        batch.append(checked)
        if len(batch) == BATCH:
            valid += _count_new(batch)
            batch = []
            _save(job, processed_rows=seen)
    valid += _count_new(batch)
    _save(
        job, status=ImportJob.Status.FAILED if fatal else ImportJob.Status.CHECKED, problems=problems,
        problem_count=count, valid_rows=0 if fatal else valid, total_rows=seen, processed_rows=seen,
        finished_at=timezone.now(),
    )  # fmt: skip
    return job


def _count(job: ImportJob) -> int:
    """Data rows in the file, for the progress bar, without parsing the cells."""
    if job.original_name.lower().endswith(".xlsx"):
        return _count_xlsx_rows(job.file.path)
    return max(sum(1 for _row in read_rows(job.file.path, job.original_name)) - 1, 0)


def _count_xlsx_rows(path: str) -> int:
    """Count <row> elements of the first sheet in the raw XML: openpyxl's max_row is often unset."""
    with zipfile.ZipFile(path) as archive:
        sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        if not sheets:
            return 0
        count, tail = 0, b""
        with archive.open(sheets[0]) as handle:
            while chunk := handle.read(1 << 20):
                data = tail + chunk
                count += data.count(b"<row ") + data.count(b"<row>")
                tail = data[-5:]
                count -= tail.count(b"<row ") + tail.count(b"<row>")  # counted again with the next chunk
        count += tail.count(b"<row ") + tail.count(b"<row>")
    return max(count - 1, 0)


def _count_new(batch: list[Checked]) -> int:
    """Valid rows whose submission is not stored yet."""
    uuids = [c.uuid for c in batch if c.response is not None]
    stored = set(Response.objects.filter(uuid__in=uuids).values_list("uuid", flat=True))
    return sum(1 for uuid in uuids if uuid not in stored)


def import_run(*, job_id: int) -> ImportJob:
    """The import proper, after the dry run: valid rows not yet stored are added, batch by batch."""
    job = ImportJob.objects.select_related("round__version").get(pk=job_id)
    if job.status != ImportJob.Status.IMPORTING:
        return job
    header, rows = _rows(job)
    checker = RowChecker(job, header)
    created, seen, batch = 0, 0, []
    for number, row in enumerate(rows, start=2):
        if not any(c not in (None, "") for c in row):
            continue
        seen += 1
        checked = checker.check(number, row)
        if checked.response is not None:
            batch.append(checked.response)
        if len(batch) == BATCH:
            created += _store(batch)
            batch = []
            _save(job, processed_rows=seen, created_count=created)
    created += _store(batch)
    _save(
        job, status=ImportJob.Status.DONE, processed_rows=seen, total_rows=max(job.total_rows, seen),
        created_count=created, skipped_count=seen - created, finished_at=timezone.now(),
    )  # fmt: skip
    return job


def _store(batch: list[Response]) -> int:
    if not batch:
        return 0
    with transaction.atomic():
        stored = set(Response.objects.filter(uuid__in=[r.uuid for r in batch]).values_list("uuid", flat=True))
        new = [r for r in batch if r.uuid not in stored]
        Response.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)


def export_bytes(header: list[str], rows: list[list]) -> bytes:
    """A CSV file as Kobo writes it (for tests and the benchmark)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()
