"""The `quire` command: Django's manage.py, installed as a console script."""

import os
import sys

from django.core.management import execute_from_command_line

ALIASES = {
    "generate-archive": "generate_archive",
    "import-efiction": "import_efiction",
    "import-opendoors": "import_opendoors",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quire.settings")

    argv = list(sys.argv)
    # Operators type hyphens (`quire generate-archive`); Django names commands after their module.
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    if "--traceback" in argv:
        execute_from_command_line(argv)
        return
    # Bad input is answered with one clear line (CommandError); anything unforeseen is too, never a
    # traceback, with the way to see it.
    try:
        execute_from_command_line(argv)
    except KeyboardInterrupt:
        sys.exit("\nStopped.")
    except Exception as error:  # noqa: BLE001 -- the last stop before an operator's terminal
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "no such table" in reason or ("relation" in reason and "does not exist" in reason):
            sys.exit(f"quire: the database is not set up ({reason}): run `quire migrate` first.")
        sys.exit(f"quire: {reason} (run again with --traceback for the details)")


if __name__ == "__main__":
    main()
