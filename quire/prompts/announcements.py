"""Telling a prompter of each fill: once, when the work may first be heard of (posted, and revealed for an
unrevealed collection). Called after a fill, and from the announcements of a posted or revealed work."""

from django.utils import timezone

from quire.access.reading import creators_hidden_from, may_hear_of
from quire.creators.selectors import byline_names, creator_user_ids
from quire.follows.models import Notification
from quire.follows.services import notify, queue_emails
from quire.prompts.models import Fill
from quire.works.models import Work


def tell_prompters(work_id: int) -> int:
    work = Work.objects.select_related("pseud__user").filter(pk=work_id).first()
    if work is None or not may_hear_of(work):
        return 0
    fills = Fill.objects.filter(work=work, told_at__isnull=True).select_related(
        "prompt__user", "prompt__meme__collection"
    )
    sent = 0
    for fill in fills:
        prompt, prompter = fill.prompt, fill.prompt.user
        if prompter.pk not in creator_user_ids(work):  # filling one's own prompt tells nobody
            # The text names no prompter (it is theirs), and the filler as the prompter may see them.
            filler = "Anonymous" if creators_hidden_from(prompter, work) else byline_names(work)
            ids = notify(
                user_ids=[prompter.pk],
                kind=Notification.Kind.CHALLENGE,
                key=f"prompt-fill:{fill.pk}",
                text=(
                    f"{filler} filled your prompt “{prompt.heading}” in "
                    f"{prompt.meme.collection.title}: {work.title}"
                ),
                url=work.get_absolute_url(),
                work=work,
            )
            queue_emails(ids)
            sent += len(ids)
        Fill.objects.filter(pk=fill.pk).update(told_at=timezone.now())
    return sent
