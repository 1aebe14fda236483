import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from quire.works.models import Work


@receiver(post_delete, sender=Work)
def remove_built_downloads(sender, instance, **kwargs):
    """A deleted work's files go with it (once the deletion has committed)."""
    folder = Path(settings.EXPORTS_DIR) / str(instance.pk)
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
