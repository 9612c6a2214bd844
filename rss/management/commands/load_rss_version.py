"""Load an RSS version table (IOM's official one, or any other) from CSV or XLSX.

The column layout is documented in rss/loader.py and rss/data/README.md; rss/data/provisional.csv
is an example. The whole file is checked first: any error is reported with its row, and nothing
is loaded.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rss import loader, services


class Command(BaseCommand):
    help = "Load an RSS version table (CSV or XLSX) as a new, immutable version."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--provisional", action="store_true", help="Mark the version provisional on every screen.")
        parser.add_argument("--make-current", action="store_true", help="Use this version for new rounds from now on.")

    def handle(self, *args, file: Path, provisional: bool, make_current: bool, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        try:
            version = services.version_load(path=file, provisional=provisional, make_current=make_current)
        except loader.TableError as error:
            for message in error.errors:
                self.stderr.write(message)
            raise CommandError(f"{file}: {len(error.errors)} error(s); nothing was loaded.") from error
        version.refresh_from_db()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded RSS version “{version.name}”: {version.dimensions.count()} dimensions, "
                f"{version.indicators.count()} indicators, {version.questions.count()} questions"
                + (" (current)" if version.is_current else "")
            )
        )
