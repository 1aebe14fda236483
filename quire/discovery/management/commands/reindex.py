from django.core.management.base import BaseCommand

from quire.discovery.indexing import index_works
from quire.tags.filters import rebuild_work_filters
from quire.works.models import Work

BATCH = 2000


class Command(BaseCommand):
    help = "Rebuild the search index and the tag filters of every work."

    def handle(self, *args, **options):
        ids = list(Work.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            rebuild_work_filters(batch)
            index_works(batch)
            self.stdout.write(f"{min(start + BATCH, len(ids)):,} of {len(ids):,} works indexed", ending="\r")
        self.stdout.write(f"Reindexed {len(ids):,} works.")
