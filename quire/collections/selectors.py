"""Reading collections: what a collection holds, who runs it, what waits for whom."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce

from quire.access.reading import mystery_items, public_bookmarks_for, works_for
from quire.access.surfaces import Surface
from quire.collections.models import (
    APPROVED_ITEM,
    CREATOR_FIELD_ITEM,
    MAINTAINERS,
    Approval,
    Collection,
    CollectionItem,
    CollectionRole,
    CollectionSubscription,
)
from quire.creators.selectors import creator_user_ids, credits_prefetch


def exchange_of(collection: Collection):
    """The collection's gift exchange or None: no query when it was loaded with select_related("exchange")."""
    try:
        return collection.exchange
    except ObjectDoesNotExist:
        return None


def prompt_meme_of(collection: Collection):
    """The collection's prompt meme or None; no query after select_related("prompt_meme")."""
    try:
        return collection.prompt_meme
    except ObjectDoesNotExist:
        return None


def family_ids(collection: Collection) -> list[int]:
    """The collection and its subcollections: a standing collection shows its yearly events' works. Read once
    per collection object (a page asks for its works and its mysteries)."""
    if "_family_ids" not in collection.__dict__:
        collection._family_ids = [collection.pk, *collection.children.values_list("pk", flat=True)]
    return collection._family_ids


def approved_work_ids(collection_ids) -> QuerySet:
    """The works in these collections (both sides approved), as a subquery; who may see each is the
    access layer's to decide."""
    return CollectionItem.objects.filter(
        APPROVED_ITEM, collection__in=collection_ids, work__isnull=False
    ).values("work_id")


def works_scope(collection: Collection) -> Q:
    return Q(pk__in=approved_work_ids(family_ids(collection)))


def mysteries(user, collection: Collection) -> list[CollectionItem]:
    """The approved items this viewer sees only as "Mystery work" (unrevealed, not theirs to see yet)."""
    return list(
        mystery_items(user, family_ids(collection))
        .filter(APPROVED_ITEM)
        .select_related("collection")
        .order_by("-created_at", "-pk")
    )


def mystery_count(user, collection: Collection) -> int:
    """How many approved items this viewer sees only as "Mystery work" (the API's count of `mysteries`)."""
    return mystery_items(user, family_ids(collection)).filter(APPROVED_ITEM).count()


def collection_named(name: str) -> Collection | None:
    return Collection.objects.select_related("parent").filter(name=name).first()


def item_of(collection: Collection, work) -> CollectionItem | None:
    return CollectionItem.objects.filter(collection=collection, work=work).first()


def already_there(collection: Collection, work) -> str:
    """Why the work's creator cannot add it to this collection again, or "": it is in, waits for the
    maintainers, or they turned it down. An invitation the creator has not answered may be taken up by
    adding the work (add_work approves it on the creator's side)."""
    item = item_of(collection, work)
    if item is None or item.creator_approval == Approval.PENDING:
        return ""
    if item.collection_approval == Approval.REJECTED:
        return f"The maintainers of “{collection.title}” turned “{work.title}” down."
    if item.creator_approval == Approval.REJECTED:
        return ""  # the creator declined an invitation once; adding it now is their change of mind
    if item.collection_approval == Approval.PENDING:
        return f"“{work.title}” already waits for approval in “{collection.title}”."
    return f"“{work.title}” is already in “{collection.title}”."


def bookmarks_in(user, collection: Collection) -> QuerySet:
    """Public bookmarks in the collection, of works this viewer may see listed."""
    items = CollectionItem.objects.filter(
        APPROVED_ITEM, collection__in=family_ids(collection), bookmark__isnull=False
    )
    return (
        public_bookmarks_for(user)
        .filter(pk__in=items.values("bookmark_id"))
        .select_related("user", "pseud__user", "work")
        .order_by("-created_at", "-pk")
    )


def roles_of(collection: Collection) -> list[CollectionRole]:
    return list(collection.roles.select_related("user").order_by("role", "user__username"))


def maintainer_ids(collection: Collection) -> list[int]:
    ids = [collection.pk] + ([collection.parent_id] if collection.parent_id else [])
    return list(
        CollectionRole.objects.filter(collection__in=ids, role__in=MAINTAINERS).values_list(
            "user_id", flat=True
        )
    )


# Items read from `collection.items` share that one collection object, so asking each item whether the
# viewer maintains its collection (an anonymous work's byline) reads the viewer's role once for the page.


def waiting_for_collection(collection: Collection) -> QuerySet:
    """Items a maintainer has to approve or reject, oldest first, with their works' bylines."""
    return (
        collection.items.filter(collection_approval=Approval.PENDING)
        .exclude(creator_approval=Approval.REJECTED)
        .select_related("work__pseud__user", "bookmark__work", "bookmark__user", "added_by")
        .prefetch_related(credits_prefetch("work__creatorships"))
        .order_by("created_at", "pk")
    )


def works_held(user, collection: Collection) -> QuerySet:
    """The collection's own approved works this maintainer may see listed, newest first, with their bylines:
    its management page's list of what it holds."""
    return (
        collection.items.filter(
            APPROVED_ITEM, work__in=works_for(user, Surface.LISTING, hide_muted=False).values("pk")
        )
        .select_related("work__pseud__user")
        .prefetch_related(credits_prefetch("work__creatorships"))
        .order_by("-created_at", "-pk")
    )


def invitations_for_work(work) -> QuerySet:
    """Maintainers' invitations the work's creators have not answered yet."""
    return CollectionItem.objects.filter(work=work, creator_approval=Approval.PENDING).select_related(
        "collection"
    )


def items_of_work(work) -> QuerySet:
    return CollectionItem.objects.filter(work=work).select_related("collection").order_by("collection__title")


def items_of_bookmarks(user) -> QuerySet:
    """The collection items of this member's bookmarks, invitations waiting for an answer first."""
    return (
        CollectionItem.objects.filter(bookmark__user=user)
        .select_related("collection", "bookmark__work")
        .order_by(
            Case(When(creator_approval=Approval.PENDING, then=0), default=1),
            "collection__title",
            "pk",
        )
    )


def listed_collections() -> QuerySet:
    """Every collection, with how many items it holds (approved), for the index."""
    # Counted in subqueries: two counts over one join multiply each other (a collection of 6,000 items and
    # 200 subcollections joined 1,200,000 rows).
    items = (
        CollectionItem.objects.filter(APPROVED_ITEM, collection=OuterRef("pk"))
        .order_by()
        .values("collection")
        .annotate(n=Count("pk"))
        .values("n")
    )
    children = (
        Collection.objects.filter(parent=OuterRef("pk"))
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Collection.objects.filter(parent__isnull=True).annotate(
        item_count=Coalesce(Subquery(items), 0), child_count=Coalesce(Subquery(children), 0)
    )


def is_subscribed(user, collection: Collection) -> bool:
    return (
        user.is_authenticated
        and CollectionSubscription.objects.filter(user=user, collection=collection).exists()
    )


def addable_works(user, collection: Collection) -> QuerySet:
    """The member's own works not yet in the collection, for the "Add" form (their drafts too: a work posted
    later comes in with it)."""
    mine = works_for(user, Surface.LISTING, hide_muted=False).filter(creatorships__user=user)
    already = CollectionItem.objects.filter(collection=collection, work__isnull=False).values("work_id")
    return mine.exclude(pk__in=already).distinct().order_by("title", "pk")


def creator_field_items(work) -> QuerySet:
    """The items the work form's "Collections" field shows and manages: those one of the work's creators
    put it in (not a maintainer's invitation, answered on the work's collections page), unless refused."""
    creators = {*creator_user_ids(work), work.author_id}
    return CollectionItem.objects.filter(CREATOR_FIELD_ITEM, work=work, added_by__in=creators)


def collection_names_of(work) -> str:
    """What the work form's "Collections" field holds for this work: the names its creators put it in."""
    names = creator_field_items(work).order_by("collection__name").values_list("collection__name", flat=True)
    return ", ".join(names)
