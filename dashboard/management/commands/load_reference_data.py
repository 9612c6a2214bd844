from django.core.management.base import BaseCommand

from hubs.services import reference_geography_load


class Command(BaseCommand):
    help = "Load the reference data (regions, municipalities, the 12 pilot hubs). Safe to run again."

    def handle(self, *args, **options):
        created = reference_geography_load()
        summary = ", ".join(f"{kind}: {count}" for kind, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded (new rows: {summary})."))
