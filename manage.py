#!/usr/bin/env python
import os
import sys

# DEBUG is off unless set (production fails fast without its secrets). These commands only make
# sense on a developer's machine, so they turn it on when nobody said otherwise; migrate,
# collectstatic, createsuperuser and the rest follow the environment as production does.
DEVELOPMENT_COMMANDS = {"runserver", "makemigrations", "makemessages", "compilemessages", "shell", "check", "test"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if len(sys.argv) > 1 and sys.argv[1] in DEVELOPMENT_COMMANDS:
        os.environ.setdefault("DEBUG", "True")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
