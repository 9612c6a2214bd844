from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dashboard.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder into an empty database (DATABASE_URL) and MEDIA_ROOT, then check every "
        "table's row count and checksum against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="A backup-<time> folder written by `manage.py backup`.")

    def handle(self, *args, folder: Path, **options):
        try:
            tables = backup_restore(folder=folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(info["rows"] for info in tables.values())
        self.stdout.write(self.style.SUCCESS(f"Restored {len(tables)} tables ({rows} rows); every checksum matches."))
