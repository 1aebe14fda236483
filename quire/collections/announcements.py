"""What a collection tells its subscribers: each new work, once it may be seen (at the reveal for an
unrevealed collection, never before); at the reveal, also everything a posted work tells (followers, series,
gifts) that was held back."""

from quire.access.reading import may_hear_of
from quire.collections.models import Collection, CollectionSubscription
from quire.core.tasks import enqueue_after_commit
from quire.creators.selectors import credits_prefetch
from quire.follows.announcements import announce_work
from quire.follows.models import Notification
from quire.follows.services import notify, queue_emails
from quire.gifts.services import announce_gifts
from quire.works.models import Work


def announce_collection_works(collection_id: int, work_ids: list[int]) -> int:
    collection = Collection.objects.filter(pk=collection_id).first()
    if collection is None:
        return 0
    # A subcollection's new works reach the standing collection's subscribers too.
    collections = [collection] + ([collection.parent] if collection.parent_id else [])
    subscribers = list(
        CollectionSubscription.objects.filter(collection__in=collections).values_list("user_id", flat=True)
    )
    sent = 0
    works = Work.objects.filter(pk__in=work_ids).prefetch_related(credits_prefetch())
    for work in works:
        if not may_hear_of(work):
            continue
        # A work that filled a prompt tells its prompter at the reveal (quire.prompts).
        enqueue_after_commit("quire.prompts.tasks.tell_prompters", work.pk)
        creators = {credit.user_id for credit in work.credits} | {work.author_id}
        ids = notify(
            user_ids=[uid for uid in subscribers if uid not in creators],
            kind=Notification.Kind.COLLECTION,
            key=f"collection:{collection.pk}:work:{work.pk}",
            text=f"New in {collection.title}: {work.title}",
            url=work.get_absolute_url(),
            work=work,
        )
        queue_emails(ids)
        # What was held back until the reveal: the creators' followers, the series' and the gift's
        # recipients hear of it now (each message once: they are keyed per work).
        sent += len(ids) + announce_work(work.pk) + announce_gifts(work.pk)
    return sent
