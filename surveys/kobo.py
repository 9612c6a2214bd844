"""KoboToolbox / ODK export import: a dry run that lists every problem, then an idempotent import.

Files are streamed row by row (csv reader, openpyxl read-only) and written in batches, so a file
of tens of thousands of rows never sits in memory and the page follows the progress. Each batch
commits on its own: the progress is visible while it runs, and a retried task skips the
submissions already stored, because every submission is keyed by its `_uuid`.
"""

import codecs
import csv
import datetime
import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from accounts.jobs import job_claim

from .logic import apply_rules, coerce, shown
from .models import ImportJob, Question, Response, Round
from .problems import ProblemError, problem
from .selectors import version_questions

BATCH = 1000
META_NAMES = {"start", "end", "today", "deviceid", "username", "simserial", "subscriberid", "phonenumber", "audit",
              "instanceID", "instanceName", "deprecatedID", "uuid", "version"}  # fmt: skip
UUID, SUBMITTED, MUNICIPALITY, WEIGHT = "_uuid", "_submission_time", "municipality", "weight"


class UnreadableFile(ProblemError):
    """The file is not a CSV or XLSX export we can read; the job fails with this reason."""


def _is_xlsx(name: str) -> bool:
    return name.lower().endswith(".xlsx")


def check_readable(path: str, name: str) -> None:
    """Raise UnreadableFile with the reason when the file is no UTF-8 CSV or no XLSX workbook."""
    if _is_xlsx(name):
        if not zipfile.is_zipfile(path):
            raise UnreadableFile("not_a_zip")
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise UnreadableFile("unreadable_workbook", error=type(error).__name__) from None
        if "xl/workbook.xml" not in names:
            raise UnreadableFile("not_a_workbook")
        return
    decoder, position = codecs.getincrementaldecoder("utf-8-sig")(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise UnreadableFile("not_utf8", position=position + error.start) from None
            if b"\x00" in chunk:
                raise UnreadableFile("not_text")
            position += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise UnreadableFile("not_utf8", position=position) from None


def read_rows(path: str, name: str) -> Iterator[list]:
    """The rows of a CSV or XLSX file, header first, as lists of cells."""
    if _is_xlsx(name):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except (KeyError, ValueError, zipfile.BadZipFile, OSError) as error:
            raise UnreadableFile("unreadable_workbook", error=str(error)[:200]) from None
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
        try:
            yield from csv.reader(handle, delimiter=delimiter)
        except (csv.Error, UnicodeDecodeError):
            raise UnreadableFile("not_text") from None


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
    unknown_options: list[tuple[str, Question]] = field(default_factory=list)


def _municipality_column(header: list[str], job: ImportJob, questions: list[Question]) -> int | None:
    """The column the officer chose, else the mapped municipality question's, else one named municipality."""
    version = job.round.version
    names = [job.municipality_column] if job.municipality_column else []
    if version.municipality_question_id is not None:
        names.append(version.municipality_question.name)
    if MUNICIPALITY not in {q.name for q in questions}:
        names.append(MUNICIPALITY)
    for name in names:
        for index, title in enumerate(header):
            if title == name or (name != job.municipality_column and title.split("/")[-1] == name):
                return index
    return None


def map_columns(header: list[str], questions: list[Question], job: ImportJob | None = None) -> Columns:
    by_name = {q.name: q for q in questions}
    columns = Columns()
    if job is not None and job.municipality_id is None:
        columns.municipality = _municipality_column(header, job, questions)
    for index, title in enumerate(header):
        parts = title.split("/")
        last = parts[-1]
        if title == UUID:
            columns.uuid = index
        elif title == SUBMITTED:
            columns.submitted = index
        elif index == columns.municipality and last not in by_name:
            continue
        elif last in (WEIGHT, "_weight") and WEIGHT not in by_name:
            columns.weight = index
        elif last in by_name:
            columns.questions[index] = by_name[last]
        elif len(parts) > 1 and parts[-2] in by_name and by_name[parts[-2]].type == Question.Type.SELECT_MULTIPLE:
            question = by_name[parts[-2]]
            if last in {c.value for c in question.choices.all()}:
                columns.options[index] = (question, last)  # `group/question/option` 0/1 columns
            else:
                columns.unknown_options.append((title, question))
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
        self.version = job.round.version
        self.questions = version_questions(self.version)
        self.choices = {q.name: {c.value for c in q.choices.all()} for q in self.questions}
        self.header = [str(h or "").strip() for h in header]
        self.columns = map_columns(self.header, self.questions, job)
        targets = [t.municipality for t in job.round.targets.select_related("municipality")]
        self.fixed = job.municipality or (targets[0] if len(targets) == 1 else None)
        self.municipalities = {}
        for m in targets:
            for key in (m.code, m.name_en, m.name_ka, str(m.pk)):
                self.municipalities[key.strip().lower()] = m
        self.seen: dict[str, int] = {}
        self.now = timezone.now()

    @property
    def needs_municipality(self) -> bool:
        """Several municipalities, no column holding them and no fixed value: the officer must say."""
        return self.columns.municipality is None and self.fixed is None

    def header_problems(self) -> tuple[list[dict], list[dict]]:
        """(errors that stop every row, warnings about columns): each column is named once."""
        errors, warnings = [], []
        if self.columns.uuid is None:
            errors.append(_problem(1, UUID, "no_uuid_column"))
        for title in self.columns.unknown:
            warnings.append(_problem(1, title, "ignored_column", level="warning"))
        for title, question in self.columns.unknown_options:
            warnings.append(_problem(1, title, "ignored_option", level="warning", question=question.name))
        present = {q.name for q in self.columns.questions.values()} | {
            q.name for q, _o in self.columns.options.values()
        }
        for question in self.questions:
            if question.name not in present:
                warnings.append(_problem(1, question.name, "no_question_column", level="warning"))
        return errors, warnings

    def check(self, number: int, row: list) -> Checked:
        cell = lambda index: row[index] if index is not None and index < len(row) else None  # noqa: E731
        uuid = str(cell(self.columns.uuid) or "").strip()
        checked = Checked(number=number, uuid=uuid)
        errors = checked.errors
        if not uuid:
            errors.append(_problem(number, UUID, "no_uuid"))
        elif uuid in self.seen:
            errors.append(_problem(number, UUID, "same_uuid", first=self.seen[uuid]))
        else:
            self.seen[uuid] = number
        municipality = self._municipality(number, cell, errors)
        values = self._values(number, row, cell, errors)
        outcome = apply_rules(self.questions, values)
        for name, found in outcome.errors.items():
            errors.append(_problem(number, self._column_of(name), found["code"], **found["params"]))
        submitted, weight = self._submitted(number, cell, errors), self._weight(number, cell, errors)
        if not errors:
            checked.response = Response(
                round_id=self.job.round_id, municipality=municipality, uuid=uuid[:64], submitted_at=submitted,
                source=Response.Source.IMPORT, answers=outcome.answers, weight=weight, import_job_id=self.job.pk,
            )  # fmt: skip
            checked.response.set_profile(self.version)
        return checked

    def _municipality(self, number, cell, errors):
        if self.columns.municipality is None:
            return self.fixed
        raw = str(cell(self.columns.municipality) or "").strip()
        municipality = self.municipalities.get(raw.lower())
        if municipality is None:
            column = self.header[self.columns.municipality]
            errors.append(_problem(number, column, "not_a_municipality", value=raw[:60]))
        return municipality

    def _values(self, number, row, cell, errors) -> dict:
        values = {}
        for index, question in self.columns.questions.items():
            try:
                values[question.name] = coerce(question, cell(index), self.choices[question.name])
            except ProblemError as error:
                errors.append(_problem(number, self.header[index], error.code, **error.params))
        for index, (question, option) in self.columns.options.items():
            if question.name in values or str(cell(index) or "").strip() not in ("1", "True", "true", "1.0"):
                continue
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
        """Kobo writes `_submission_time` in UTC without an offset: read it as UTC, not local time."""
        raw = cell(self.columns.submitted)
        if raw in (None, ""):
            return self.now
        try:
            value = raw if isinstance(raw, datetime.datetime) else datetime.datetime.fromisoformat(str(raw).strip())
        except ValueError:
            errors.append(_problem(number, SUBMITTED, "not_a_datetime", value=shown(raw)))
            return None
        return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)

    def _weight(self, number, cell, errors):
        raw = cell(self.columns.weight)
        if raw in (None, ""):
            return Decimal(1)
        try:
            weight = Decimal(str(raw).strip())
        except InvalidOperation:
            weight = Decimal(0)
        if not weight > 0:
            errors.append(_problem(number, self.header[self.columns.weight], "bad_weight", value=shown(raw)))
        return weight


def _problem(row: int, column: str, code: str, level: str = "error", **params) -> dict:
    return {"row": row, "column": column, "level": level, **problem(code, **params)}


def _rows(job: ImportJob):
    check_readable(job.file.path, job.original_name)
    rows = read_rows(job.file.path, job.original_name)
    header = next(rows, None)
    if not header or not any(str(h or "").strip() for h in header):
        raise UnreadableFile("empty_file")
    return header, rows


def _save(job: ImportJob, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def _load(job_id: int) -> ImportJob:
    return ImportJob.objects.select_related(
        "round__version__municipality_question", "round__version__sex_question", "round__version__age_question",
        "round__version__returnee_question", "municipality",
    ).get(pk=job_id)  # fmt: skip


def import_check(*, job_id: int) -> ImportJob:
    """The dry run: read every row, record every problem; nothing is stored but the job.

    Problems come in the order a person fixes them: what stops the whole file, then each row's,
    then the columns that are ignored (each named once).
    """
    if job_claim(ImportJob, job_id, states=[ImportJob.Status.UPLOADED, ImportJob.Status.CHECKING]) is None:
        return ImportJob.objects.get(pk=job_id)  # checked already: a second run does nothing
    job = _load(job_id)
    _save(job, status=ImportJob.Status.CHECKING, processed_rows=0, total_rows=0)
    header, rows = _rows(job)
    _save(job, total_rows=_count(job))
    checker = RowChecker(job, header)
    job.columns = [title for title in checker.header if title]
    if checker.needs_municipality:
        _save(job, status=ImportJob.Status.NEEDS_MUNICIPALITY, columns=job.columns, problems=[], problem_count=0)
        return job
    fatal, warnings = checker.header_problems()
    problems, count, valid, seen, batch = list(fatal), len(fatal), 0, 0, []
    others: Counter = Counter()
    for number, row in enumerate(rows if not fatal else (), start=2):
        if not any(c not in (None, "") for c in row):
            continue
        seen += 1
        checked = checker.check(number, row)
        batch.append(checked)
        if len(batch) == BATCH:
            valid += _count_new(job, batch, others)
            count, batch = _collect(problems, count, batch), []
            _save(job, processed_rows=seen)
    valid += _count_new(job, batch, others)
    count = _collect(problems, count, batch)
    summary = _wrong_round(others)
    problems = summary + problems + warnings
    _save(
        job, status=ImportJob.Status.FAILED if fatal else ImportJob.Status.CHECKED,
        problems=problems[: ImportJob.MAX_PROBLEMS], problem_count=count + len(warnings) + len(summary),
        valid_rows=0 if fatal else valid, total_rows=seen, processed_rows=seen, finished_at=timezone.now(),
        columns=job.columns, error="no_uuid_column" if fatal else "",
    )  # fmt: skip
    return job


def _collect(problems: list, count: int, batch: list[Checked]) -> int:
    for checked in batch:
        count += len(checked.errors)
        room = ImportJob.MAX_PROBLEMS - len(problems)
        if room > 0:
            problems += checked.errors[:room]
    return count


def _wrong_round(others: dict) -> list[dict]:
    """One line at the top for each other round the file's submissions are stored in."""
    return [
        _problem(1, UUID, "wrong_round", count=n, round_ka=ka, round_en=en)
        for (ka, en), n in sorted(others.items(), key=lambda item: -item[1])
    ]


def _count(job: ImportJob) -> int:
    """Data rows in the file, for the progress bar, without parsing the cells."""
    if _is_xlsx(job.original_name):
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


def _count_new(job: ImportJob, batch: list[Checked], others: Counter) -> int:
    """Valid rows whose submission is not stored yet. A submission stored in another round is a
    problem of its row (the file may belong to that round), counted in ``others``."""
    uuids = [c.uuid for c in batch if c.uuid]
    stored = dict(Response.objects.filter(uuid__in=uuids).values_list("uuid", "round_id"))
    names = {pk: (ka, en) for pk, ka, en in Round.objects.filter(pk__in=set(stored.values())).values_list(
        "pk", "name_ka", "name_en")}  # fmt: skip
    new = 0
    for checked in batch:
        round_id = stored.get(checked.uuid)
        if round_id is not None and round_id != job.round_id:
            ka, en = names[round_id]
            others[(ka, en)] += 1
            checked.errors.append(_problem(checked.number, UUID, "other_round", round_ka=ka, round_en=en))
            checked.response = None
        elif round_id is None and checked.response is not None:
            new += 1
    return new


def import_run(*, job_id: int) -> ImportJob:
    """The import proper, after the dry run: valid rows not yet stored are added, batch by batch.

    Run again after a worker died in the middle, it skips the rows stored by the first run; the
    count of responses added is read from the database, so it is the same either way.
    """
    if job_claim(ImportJob, job_id, states=[ImportJob.Status.IMPORTING]) is None:
        return ImportJob.objects.get(pk=job_id)  # imported already: a second run does nothing
    job = _load(job_id)
    header, rows = _rows(job)
    checker = RowChecker(job, header)
    created = Response.objects.filter(import_job_id=job.pk).count()  # by an earlier, interrupted run
    seen, batch = 0, []
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
    _store(batch)
    created = Response.objects.filter(import_job_id=job.pk).count()
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
