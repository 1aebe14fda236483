"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.follows import announcements, services


@task()
def announce_chapter(chapter_id: int) -> int:
    return announcements.announce_chapter(chapter_id)


@task()
def announce_work(work_id: int) -> int:
    return announcements.announce_work(work_id)


@task()
def announce_series_work(work_id: int, series_id: int) -> int:
    return announcements.announce_series_work(work_id, series_id)


@task()
def announce_review(review_id: int) -> int:
    return announcements.announce_review(review_id)


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    return services.send_notification_emails(notification_ids)


@task()
def retry_unsent_emails() -> int:
    return services.retry_unsent_emails()


@task()
def send_daily_digests() -> int:
    return services.send_daily_digests()


@task()
def summarize_feedback() -> int:
    return announcements.summarize_feedback()
