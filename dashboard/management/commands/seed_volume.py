import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dashboard.volume import volume_seed


class Command(BaseCommand):
    help = (
        "Add N volume clients with their casework (sessions, referrals, needs, follow-ups), a committee cycle "
        "and survey responses, in bulk, for benchmarks. Development only: refuses to run with DEBUG=False."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, required=True, help="How many clients to add.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (the same seed gives the same data).")

    def handle(self, *args, clients: int, seed: int, **options):
        if not settings.DEBUG:
            raise CommandError("seed_volume writes invented people; it refuses to run with DEBUG=False.")
        if clients < 1:
            raise CommandError("--clients must be at least 1.")
        started = time.monotonic()
        report = volume_seed(clients=clients, seed=seed, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {report.clients} clients, {report.sessions} sessions, {report.referrals} referrals, "
                f"{report.proposals} proposals, {report.responses} survey responses "
                f"in {time.monotonic() - started:.0f} s."
            )
        )
