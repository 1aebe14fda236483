"""The `quire` command: Django's manage.py, installed as a console script."""

import os
import sys

from django.core.management import execute_from_command_line

ALIASES = {"generate-archive": "generate_archive"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quire.settings")

    argv = list(sys.argv)
    # Operators type hyphens (`quire generate-archive`); Django names commands after their module.
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
