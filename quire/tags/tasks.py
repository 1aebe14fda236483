from django_tasks import task

from quire.tags.selectors import count_media_overview


@task()
def refresh_media_overview() -> int:
    """Count each medium's fandoms for /media (quire.tags.selectors.media_overview)."""
    return len(count_media_overview())
