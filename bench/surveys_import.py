"""Benchmark: a Kobo export of the baseline household survey, checked and imported.

    .venv/bin/python bench/surveys_import.py --rows 20000 --format csv
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hubs_surveys .venv/bin/python bench/surveys_import.py

Runs in a throw-away test database (never the development data): generates the file with the
demo answer generator (group paths, select_multiple option columns, Kobo metadata, a few broken
rows), then runs the dry run and the import exactly as the Celery tasks do, and prints the time
and the peak memory of each step. Record the numbers in bench/RESULTS.md.
"""

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

COLUMN_META = ["meta/instanceID", "_id", "_uuid", "_submission_time", "_validation_status", "_index"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(path: Path, rows: int, fmt: str, questions, places: list[str]) -> None:
    """A Kobo-style export: `group/question` headers and select_multiple option columns."""
    from surveys.models import Question
    from surveys.tests.factories import random_answers

    rng = random.Random(20000)
    header, columns = [], []
    for q in questions:
        path_name = f"{q.group}/{q.name}" if q.group else q.name
        header.append(path_name)
        columns.append((q, None))
        if q.type == Question.Type.SELECT_MULTIPLE:
            for choice in q.choices.all():
                header.append(f"{path_name}/{choice.value}")
                columns.append((q, choice.value))
    header += ["location/municipality", *COLUMN_META]

    def lines():
        yield header
        for i in range(rows):
            answers = random_answers(questions, rng)
            cells = []
            for q, option in columns:
                value = answers.get(q.name)
                if option is not None:
                    cells.append("" if value is None else int(option in value))
                elif isinstance(value, list):
                    cells.append(" ".join(value))
                else:
                    cells.append("" if value is None else value)
            uuid = f"bench-{i:06d}" if i % 997 else f"bench-{i - 1:06d}"  # a repeated _uuid now and then
            if i % 1999 == 5:
                cells[1] = "12"  # an under-age respondent: a constraint problem
            yield cells + [rng.choice(places), f"uuid:{uuid}", i, uuid, "2026-03-02T06:21:13", "", i + 1]

    if fmt == "csv":
        with open(path, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(lines())
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("data")
        for line in lines():
            sheet.append(line)
        book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args) -> None:
    from accounts.tests.factories import officer
    from hubs.tests.factories import HubFactory
    from surveys.kobo import import_check, import_run
    from surveys.models import ImportJob, Instrument, Response, Round, RoundTarget
    from surveys.selectors import version_questions
    from surveys.services import reference_load

    reference_load()
    hubs = HubFactory.create_batch(4)
    version = Instrument.objects.get(kind="baseline").versions.get()
    round_ = Round.objects.create(version=version, name_ka="ბენჩი", name_en="Bench", start_date="2026-03-01",
                                  end_date="2026-04-01", status="open")  # fmt: skip
    for hub in hubs:
        RoundTarget.objects.create(round=round_, municipality=hub.municipality, target=5000)
    questions = version_questions(version)
    with tempfile.TemporaryDirectory() as folder, override_settings(MEDIA_ROOT=folder):
        path = Path(folder) / f"bench.{args.format}"
        started = time.perf_counter()
        generate(path, args.rows, args.format, questions, [h.municipality.code for h in hubs])
        print(
            f"generated {args.rows} rows ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f}s"
        )
        job = ImportJob.objects.create(round=round_, file=path.name, original_name=path.name, created_by=officer())
        base = peak_mb()
        for label, step in [("dry run", import_check), ("import", import_run), ("import again", import_run)]:
            if step is import_run:
                ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
            started = time.perf_counter()
            job = step(job_id=job.pk)
            seconds = time.perf_counter() - started
            print(
                f"{label:>12}: {seconds:6.1f}s  {args.rows / seconds:7.0f} rows/s  peak RSS {peak_mb():.0f} MB "
                f"(+{peak_mb() - base:.0f})  problems={job.problem_count} added={job.created_count} "
                f"skipped={job.skipped_count}"
            )
        print(f"responses stored: {Response.objects.count()}  database: {connection.vendor}")


if __name__ == "__main__":
    main()
