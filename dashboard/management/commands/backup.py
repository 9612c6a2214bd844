from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dashboard.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's online backup) and the uploaded files "
        "into a new folder with a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="Folder that receives the new backup-<time> folder.")

    def handle(self, *args, destination: Path, **options):
        try:
            folder = backup_create(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
