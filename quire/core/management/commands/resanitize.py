from django.core.management.base import BaseCommand

from quire.core import text
from quire.core.resanitize import resanitize


class Command(BaseCommand):
    help = "Re-clean stored HTML that an older sanitizer allowlist cleaned (see SANITIZER_VERSION)."

    def handle(self, *args, **options):
        done = resanitize()
        total = sum(done.values())
        details = ", ".join(f"{count} {model}" for model, count in done.items() if count)
        self.stdout.write(
            f"Re-cleaned {total} stored texts with sanitizer version {text.SANITIZER_VERSION}"
            + (f" ({details})." if details else "; everything was already current.")
        )
