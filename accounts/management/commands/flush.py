from django.core.management.commands import flush

from accounts.append_only import maintenance


class Command(flush.Command):
    """flush, letting SQLite's append-only triggers allow its DELETE statements.

    PostgreSQL flushes with TRUNCATE, which row triggers do not see; SQLite flushes with DELETE, which
    the audit tables' triggers would refuse (every TransactionTestCase and live_server test flushes).
    """

    def handle(self, **options):
        with maintenance(options["database"]):
            return super().handle(**options)
