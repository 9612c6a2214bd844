from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """makemessages without fuzzy matching: a new msgid starts empty instead of borrowing a
    neighbour's translation (CI refuses fuzzy entries)."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
