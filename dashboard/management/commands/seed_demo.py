from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from dashboard.demo import DEMO_PASSWORD, demo_logins, demo_seed


class Command(BaseCommand):
    help = "Create demo accounts for every role and sample data (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when any account exists.")
        parser.add_argument("--allow-production", action="store_true", help="Run even with DEBUG=False.")

    def handle(self, *args, if_empty=False, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("seed_demo creates accounts with a known password; it refuses to run with DEBUG=False.")
        # Demo workflows send notifications; keep them out of the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            created = demo_seed(if_empty=if_empty)
        if created:
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        else:
            self.stdout.write("Accounts exist already; demo data left as it is.")
        logins = demo_logins()
        if logins:
            self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
            for email, role in logins:
                self.stdout.write(f"  {email:<30} {role}")
