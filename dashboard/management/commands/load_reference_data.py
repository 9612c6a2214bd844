from django.core.management.base import BaseCommand

from dashboard.registry import app_hooks


class Command(BaseCommand):
    help = "Load every app's reference data (regions, municipalities, hubs, directory...). Safe to run again."

    def handle(self, *args, **options):
        for app, load in app_hooks("services", "reference_load"):
            created = load()
            summary = ", ".join(f"{kind}: {count}" for kind, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"{app}: reference data loaded (new rows: {summary})."))
