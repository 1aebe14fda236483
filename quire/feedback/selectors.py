"""What the work page shows of readers' feedback, and what this reader has already given, in a fixed
number of queries."""

from collections import defaultdict

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from quire.access import writing
from quire.access.reading import mask_creators_reviews, reviews_for
from quire.core.aggregates import JoinedRows
from quire.feedback.models import Bookmark, Kudos, MorePlease, Review
from quire.follows.models import Subscription

KUDOS_NAMES_SHOWN = 50


# Replies deeper than this are drawn at this depth, each saying whom it answers: past five levels the
# indent no longer shows who answers whom, and on a phone it leaves no room for the text.
THREAD_INDENT_MAX = 5
WRITER_REVIEWS_NOTICE = "Readers’ reviews appear here; you can reply to each."


def flat_threads(comments, *, can_reply) -> list[tuple]:
    """Comments (reviews, or news comments) as a flat list of (comment, depth) in display order: a comment,
    then its replies oldest first, each followed by its own replies. `.can_reply` is filled in on each from
    `can_reply(root)`, and `.reply_to` (the comment answered) on every reply.

    The tree is walked with a stack rather than by recursion (the template once included itself per level,
    and a reply chain 80 deep ran out of Python stack: a 500 for every reader). A reply whose parent this
    reader may not see (hidden, muted) is not among `comments`' roots, so it is not shown."""
    by_id = {comment.pk: comment for comment in comments}
    children = defaultdict(list)
    for comment in comments:
        children[comment.parent_id].append(comment)
    rows = []
    for root in children.get(None, []):
        allowed = can_reply(root)
        stack = [(root, 0)]
        while stack:
            comment, depth = stack.pop()
            comment.reply_to = by_id.get(comment.parent_id)
            comment.indent_capped = depth > THREAD_INDENT_MAX
            comment.can_reply = allowed
            rows.append((comment, min(depth, THREAD_INDENT_MAX)))
            # Reversed so that the oldest reply comes off the stack first.
            stack.extend((child, depth + 1) for child in reversed(children.get(comment.pk, [])))
    return rows


def review_threads(user, work, chapter_ids, *, replies_allowed: bool = False) -> dict[int, list[tuple]]:
    """Each chapter's reviews as flat_threads' (review, depth) rows, in one query whatever the depth."""
    reviews = list(
        reviews_for(user, work).filter(chapter_id__in=chapter_ids).select_related("user", "pseud__user")
    )
    mask_creators_reviews(user, work, reviews)
    is_writer = work.is_owned_by(user)
    threads = defaultdict(list)
    rows = flat_threads(reviews, can_reply=lambda root: replies_allowed and (is_writer or not root.frozen))
    for review, depth in rows:
        threads[review.chapter_id].append((review, depth))
    return threads


def viewer_annotations(user, guest_token: str = "") -> dict:
    """What the work page shows of kudos and of what this reader already gave, as annotations on the work's
    own query (`access.reading.work_for`): one query instead of six. `work_feedback` reads them back."""
    if user.is_authenticated:
        mine = Q(user=user)
    else:
        mine = Q(guest_token=guest_token) if guest_token else Q(pk__in=[])
    kudos = Kudos.objects.filter(work=OuterRef("pk")).order_by().values("work")
    next_chapter = OuterRef("chapter_count") + 1
    return {
        "viewer_kudos_total": _count(kudos),
        "viewer_kudos_guests": _count(kudos.filter(user__isnull=True)),
        # Usernames hold no comma (letters, digits and @.+-_ only).
        "viewer_kudos_names": JoinedRows(
            Kudos.objects.filter(work=OuterRef("pk"), user__isnull=False)
            .order_by("-created_at")
            .values(value=F("user__username"))[:KUDOS_NAMES_SHOWN]
        ),
        "viewer_has_kudos": Exists(Kudos.objects.filter(mine, work=OuterRef("pk"))),
        "viewer_asked_for_more": Exists(
            MorePlease.objects.filter(mine, work=OuterRef("pk"), for_chapter=next_chapter)
        ),
        "viewer_bookmarked": Exists(Bookmark.objects.filter(user=user, work=OuterRef("pk")))
        if user.is_authenticated
        else Value(False),
        "viewer_subscribed": Exists(Subscription.objects.filter(user=user, work=OuterRef("pk")))
        if user.is_authenticated
        else Value(False),
    }


def _count(rows):
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0, output_field=IntegerField())


def _viewer_state(user, work, guest_token: str) -> dict:
    """The annotations' values: read from the work when its query carried them, else in one query."""
    names = viewer_annotations(user, guest_token)
    if not hasattr(work, "viewer_kudos_total"):
        row = type(work).objects.filter(pk=work.pk).annotate(**names).values(*names).get()
        for name, value in row.items():
            setattr(work, name, value)
    return {name.removeprefix("viewer_"): getattr(work, name) for name in names}


def work_feedback(*, user, work, chapter_ids, guest_token: str = "") -> dict:
    state = _viewer_state(user, work, guest_token)
    counts = {"total": state["kudos_total"], "guests": state["kudos_guests"]}
    names = state["kudos_names"].split(",") if state["kudos_names"] else []
    refusal = writing.review_refusal(user, work)
    # The one refusal that still lets a person reply is the writer's own (asking again costs a query).
    replies_allowed = not refusal or refusal == writing.OWN_WORK_REVIEW
    threads = review_threads(user, work, chapter_ids, replies_allowed=replies_allowed)
    return {
        "kudos_total": counts["total"],
        "kudos_guests": counts["guests"],
        "kudos_names": names,
        "kudos_more_names": max(0, counts["total"] - counts["guests"] - len(names)),
        "more_please_count": MorePlease.objects.filter(work=work, for_chapter=work.chapter_count + 1).count()
        if work.is_owned_by(user)
        else None,
        "threads": threads,
        "review_allowed": not refusal,
        # Where a reader finds the review form, the writer learns what the section is for them.
        "review_refusal": WRITER_REVIEWS_NOTICE if work.is_owned_by(user) and replies_allowed else refusal,
        "has_kudos": state["has_kudos"],
        "asked_for_more": state["asked_for_more"],
        "bookmark": state["bookmarked"],
        "subscribed": state["subscribed"],
    }


def review_counts(user, work) -> dict[int, int]:
    return dict(
        reviews_for(user, work)
        .exclude(status=Review.Status.DELETED)
        .values_list("chapter_id")
        .annotate(n=Count("pk"))
    )
