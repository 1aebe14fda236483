"""Every change to collections goes through here: making and editing them, their owners and moderators,
the works and bookmarks in them (with both sides' consent), and the reveals."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from quire.access.writing import (
    ARCHIVE,
    ensure_may_add_to_collection,
    ensure_may_edit_work,
    ensure_may_maintain_collection,
    ensure_may_own_collection,
    ensure_may_write,
    ensure_not_barred,
    may_edit_work,
    may_maintain_collection,
)
from quire.collections.models import (
    NOT_REJECTED_ITEM,
    Approval,
    Collection,
    CollectionItem,
    CollectionRole,
    CollectionSubscription,
    Role,
)
from quire.collections.selectors import creator_field_items
from quire.core.tasks import enqueue_after_commit
from quire.core.text import TextFormat, render
from quire.creators.selectors import creator_user_ids
from quire.follows.models import Notification
from quire.follows.services import notify, queue_emails
from quire.works.models import Work

# Queued by name: the tasks module calls this one.
ANNOUNCE = "quire.collections.tasks.announce_revealed_works"


@dataclass
class CollectionFields:
    name: str
    title: str
    header: str = ""
    description: str = ""
    rules: str = ""
    is_open: bool = True
    is_moderated: bool = False
    is_unrevealed: bool = False
    is_anonymous: bool = False
    reveal_at: datetime | None = None
    reveal_creators_at: datetime | None = None
    parent: Collection | None = None


def _apply(collection: Collection, fields: CollectionFields) -> None:
    collection.name = fields.name.strip()
    collection.title = fields.title.strip()
    collection.header = fields.header.strip()
    collection.description, collection.description_html = (
        fields.description,
        render(fields.description, TextFormat.RICH),
    )
    collection.rules, collection.rules_html = fields.rules, render(fields.rules, TextFormat.RICH)
    collection.is_open = fields.is_open
    collection.is_moderated = fields.is_moderated
    collection.is_unrevealed = fields.is_unrevealed
    collection.is_anonymous = fields.is_anonymous
    collection.reveal_at = fields.reveal_at
    collection.reveal_creators_at = fields.reveal_creators_at
    collection.parent = fields.parent


def _ensure_may_be_parent(parent: Collection) -> None:
    # One level only: a standing collection and its yearly events (pages read a collection's family in one step).
    if parent.parent_id is not None:
        raise ValidationError("A subcollection cannot have subcollections of its own.")


@transaction.atomic
def create_collection(*, user, fields: CollectionFields) -> Collection:
    """The member who makes it owns it. A subcollection is made by the parent's owners."""
    ensure_may_write(user)
    if fields.parent is not None:
        ensure_may_own_collection(user, fields.parent)
        _ensure_may_be_parent(fields.parent)
    collection = Collection()
    _apply(collection, fields)
    collection.full_clean()
    collection.save()
    CollectionRole.objects.create(collection=collection, user=user, role=Role.OWNER)
    return collection


@transaction.atomic
def update_collection(*, collection: Collection, user, fields: CollectionFields) -> Collection:
    """Settings change from now on; turning "unrevealed" or "anonymous" off is a reveal (works already in keep
    their state until then, as AO3 keeps them)."""
    ensure_may_own_collection(user, collection)
    if fields.parent is not None and fields.parent.pk == collection.pk:
        raise ValidationError("A collection cannot be its own parent.")
    if fields.parent is not None:
        _ensure_may_be_parent(fields.parent)
    was_unrevealed, was_anonymous = collection.is_unrevealed, collection.is_anonymous
    _apply(collection, fields)
    collection.full_clean()
    collection.save()
    if was_unrevealed and not collection.is_unrevealed:
        reveal_works(collection=collection, user=user)
    if was_anonymous and not collection.is_anonymous:
        reveal_creators(collection=collection, user=user)
    return collection


def set_role(*, collection: Collection, user, member, role: str) -> CollectionRole | None:
    """Name an owner, a moderator or a member; `role` "" removes them. The last owner cannot be removed."""
    ensure_may_own_collection(user, collection)
    current = CollectionRole.objects.filter(collection=collection, user=member).first()
    leaving_ownership = current is not None and current.role == Role.OWNER and role != Role.OWNER
    if leaving_ownership and not collection.roles.filter(role=Role.OWNER).exclude(user=member).exists():
        raise ValidationError("A collection needs at least one owner.")
    collection.__dict__.pop("_roles_by_user", None)
    if not role:
        if current is not None:
            current.delete()
        return None
    row, _ = CollectionRole.objects.update_or_create(
        collection=collection, user=member, defaults={"role": role}
    )
    return row


# --- Items ---------------------------------------------------------------------------------------------


def refresh_work_flags(work_ids) -> None:
    """Work.in_unrevealed and in_anonymous, from the items that are not rejected: the one place they are set
    (quire.access reads them on every surface)."""
    work_ids = list(work_ids)
    if not work_ids:
        return
    live = CollectionItem.objects.filter(NOT_REJECTED_ITEM, work=OuterRef("pk"))
    Work.objects.filter(pk__in=work_ids).update(
        in_unrevealed=Exists(live.filter(unrevealed=True)),
        in_anonymous=Exists(live.filter(anonymous=True)),
    )
    # A revealed work enters the index; an anonymous one is indexed without its creators' names.
    # deferred: search indexing sits above the collections app
    from quire.discovery.indexing import index_works

    index_works(work_ids)


@transaction.atomic
def add_work(
    *, collection: Collection, work: Work, user, approved_by_collection: bool = False
) -> CollectionItem:
    """A creator puts their work in a collection, or a maintainer invites it (the creator then approves).
    A moderated collection approves what its maintainers did not add themselves; `approved_by_collection`
    is for a challenge's own paths (an assignment or a prompt fill), which the challenge already allows."""
    maintainer = may_maintain_collection(user, collection)
    creator = may_edit_work(user, work)
    if not creator and not maintainer:
        raise PermissionDenied("You can add only your own works to a collection.")
    if approved_by_collection:
        # An assignment or a prompt fill: the challenge's own rules allowed it, even in a closed collection.
        ensure_not_barred(user)
    elif creator:
        ensure_may_add_to_collection(user, collection, work)
    item = CollectionItem.objects.filter(collection=collection, work=work).first()
    if item is not None and item.approved:
        return item
    item = item or CollectionItem(collection=collection, work=work, added_by=user)
    item.unrevealed, item.anonymous = collection.is_unrevealed, collection.is_anonymous
    item.creator_approval = Approval.APPROVED if creator else Approval.PENDING
    collection_ok = approved_by_collection or maintainer or not collection.is_moderated
    item.collection_approval = Approval.APPROVED if collection_ok else Approval.PENDING
    item.save()
    refresh_work_flags([work.pk])
    if item.approved:
        _announce_soon(item)
    if item.creator_approval == Approval.PENDING:
        _tell_invited(
            item, user_ids={*creator_user_ids(work), work.author_id}, what=f"your work “{work.title}”"
        )
    return item


@transaction.atomic
def add_bookmark(*, collection: Collection, bookmark, user) -> CollectionItem:
    """A reader puts their bookmark in a collection (a rec list; moderated collections approve it), or a
    maintainer invites a reader's public bookmark (the reader then approves or declines, as for works)."""
    ensure_may_write(user)
    maintainer = may_maintain_collection(user, collection)
    own = bookmark.user_id == user.pk
    if not own and not maintainer:
        raise PermissionDenied("You can add only your own bookmarks to a collection.")
    if not own and bookmark.private:
        raise PermissionDenied("A private bookmark cannot be invited into a collection.")
    if own and not collection.is_open and not maintainer:
        raise PermissionDenied(f"“{collection.title}” is closed to new bookmarks.")
    item = CollectionItem.objects.filter(collection=collection, bookmark=bookmark).first()
    if item is not None and item.approved:
        return item
    item = item or CollectionItem(collection=collection, bookmark=bookmark, added_by=user)
    item.creator_approval = Approval.APPROVED if own else Approval.PENDING
    if maintainer or not collection.is_moderated:
        item.collection_approval = Approval.APPROVED
    item.save()
    if item.creator_approval == Approval.PENDING:
        _tell_invited(item, user_ids=[bookmark.user_id], what=f"your bookmark of “{bookmark.work.title}”")
    return item


def _tell_invited(item: CollectionItem, *, user_ids, what: str) -> None:
    """The work's creators or the bookmark's reader hear of a maintainer's invitation in their inbox, with
    where to answer it (each invitation once)."""
    if item.work_id:
        url = reverse("collections:work_collections", args=[item.work_id])
    else:
        url = reverse("collections:bookmark_collections")
    ids = notify(
        user_ids=[uid for uid in user_ids if uid is not None],
        kind=Notification.Kind.COLLECTION,
        key=f"collection-invitation:{item.pk}",
        text=f"{item.collection.title} invites {what}: accept or decline it.",
        url=url,
        work=item.work,
    )
    queue_emails(ids)


def approve_as_creator(*, item: CollectionItem, user, approve: bool = True) -> CollectionItem:
    """The creator answers a maintainer's invitation to put their work in the collection, or the reader
    an invitation of their bookmark."""
    if item.bookmark_id is not None:
        if item.bookmark.user_id != getattr(user, "pk", None):
            raise PermissionDenied("Only the bookmark's reader can answer this invitation.")
    elif not may_edit_work(user, item.work):
        raise PermissionDenied("Only the work's creators can answer this invitation.")
    item.creator_approval = Approval.APPROVED if approve else Approval.REJECTED
    item.save(update_fields=["creator_approval"])
    if item.work_id:
        refresh_work_flags([item.work_id])
    if item.approved:
        _announce_soon(item)
    return item


def approve_as_collection(*, item: CollectionItem, user, approve: bool = True) -> CollectionItem:
    ensure_may_maintain_collection(user, item.collection)
    item.collection_approval = Approval.APPROVED if approve else Approval.REJECTED
    item.save(update_fields=["collection_approval"])
    if item.work_id:
        refresh_work_flags([item.work_id])
    if item.approved:
        _announce_soon(item)
    return item


# More would be a mailing list, not a work's home; the form says so rather than looping over a pasted list.
MAX_COLLECTIONS_TYPED = 30
COLLECTIONS_FIELD = "collections"


def _refusal(error) -> list[str]:
    return error.messages if isinstance(error, ValidationError) else [str(error)]


@transaction.atomic
def set_work_collections(*, work: Work, user, names: list[str]) -> None:
    """Make the work's own collections exactly these names (the posting and edit forms' "Collections", as
    AO3's "Post to Collections / Challenges"): each new one through `add_work`, as by its collections page,
    with the same messages; a name taken out withdraws the work from that collection. Raises
    ValidationError keyed by the form's field, with nothing changed, when any name is refused."""
    ensure_may_edit_work(user, work)
    if len(names) > MAX_COLLECTIONS_TYPED:
        raise ValidationError(
            {COLLECTIONS_FIELD: f"A work can be put in at most {MAX_COLLECTIONS_TYPED} collections at once."}
        )
    found = {
        collection.name.casefold(): collection for collection in Collection.objects.filter(name__in=names)
    }
    for name in names:  # the names typed in another case (rare): one query each
        if name.casefold() not in found and (match := Collection.objects.filter(name__iexact=name).first()):
            found[name.casefold()] = match
    existing = {item.collection_id: item for item in CollectionItem.objects.filter(work=work)}
    errors, wanted = [], set()
    for name in names:
        collection = found.get(name.casefold())
        if collection is None:
            errors.append(f"No collection named “{name}”.")
            continue
        wanted.add(collection.pk)
        item = existing.get(collection.pk)
        # Already in (or waiting, or refused by the maintainers): nothing to ask again. An invitation still
        # to answer, or one declined, is accepted by typing its name.
        if item is not None and item.creator_approval == Approval.APPROVED:
            continue
        try:
            add_work(collection=collection, work=work, user=user)
        except (PermissionDenied, ValidationError) as error:
            errors.extend(_refusal(error))
    if errors:
        raise ValidationError({COLLECTIONS_FIELD: errors})
    for item in creator_field_items(work).exclude(collection__in=wanted).select_related("work"):
        remove_item(item=item, user=user)


def remove_item(*, item: CollectionItem, user) -> None:
    """Its creator (or the bookmark's reader) or a maintainer takes an item out of the collection."""
    own = (item.work_id and may_edit_work(user, item.work)) or (
        item.bookmark_id and item.bookmark.user_id == getattr(user, "pk", None)
    )
    if not own:
        ensure_may_maintain_collection(user, item.collection)
    work_id = item.work_id
    item.delete()
    if work_id:
        refresh_work_flags([work_id])


# --- Reveals -------------------------------------------------------------------------------------------


def _revealable_items(collection: Collection):
    # A standing collection's reveal reveals its subcollections' works too.
    return CollectionItem.objects.filter(collection__in=[collection, *collection.children.all()])


@transaction.atomic
def reveal_works(*, collection: Collection, user) -> int:
    """The works come out: everyone who may see them otherwise sees them now, and the collection's
    subscribers (and the creators' followers, for works that are not anonymous) are told now, not before."""
    ensure_may_maintain_collection(user, collection)
    items = _revealable_items(collection).filter(unrevealed=True)
    work_ids = list(items.exclude(work=None).values_list("work_id", flat=True))
    items.update(unrevealed=False)
    Collection.objects.filter(
        pk__in=[collection.pk, *collection.children.values_list("pk", flat=True)]
    ).update(is_unrevealed=False, reveal_at=None)
    refresh_work_flags(work_ids)
    enqueue_after_commit(ANNOUNCE, collection.pk, work_ids)
    return len(work_ids)


@transaction.atomic
def reveal_creators(*, collection: Collection, user) -> int:
    """The creators' names come out on every surface (bylines, feeds, downloads, search, the API)."""
    ensure_may_maintain_collection(user, collection)
    items = _revealable_items(collection).filter(anonymous=True)
    work_ids = list(items.exclude(work=None).values_list("work_id", flat=True))
    items.update(anonymous=False)
    Collection.objects.filter(
        pk__in=[collection.pk, *collection.children.values_list("pk", flat=True)]
    ).update(is_anonymous=False, reveal_creators_at=None)
    refresh_work_flags(work_ids)
    return len(work_ids)


def reveal_due(now=None) -> int:
    """The worker's periodic job: the reveals whose scheduled time has come."""
    now = now or timezone.now()
    done = 0
    for collection in Collection.objects.filter(reveal_at__lte=now, is_unrevealed=True):
        done += reveal_works(collection=collection, user=ARCHIVE)
    for collection in Collection.objects.filter(reveal_creators_at__lte=now, is_anonymous=True):
        done += reveal_creators(collection=collection, user=ARCHIVE)
    return done


# --- Subscriptions -------------------------------------------------------------------------------------


def subscribe(*, collection: Collection, user) -> CollectionSubscription:
    if not user.is_authenticated:
        raise PermissionDenied("Log in to do that.")
    subscription, _ = CollectionSubscription.objects.get_or_create(collection=collection, user=user)
    return subscription


def unsubscribe(*, collection: Collection, user) -> None:
    CollectionSubscription.objects.filter(collection=collection, user=user).delete()


def _announce_soon(item: CollectionItem) -> None:
    if item.work_id and not item.unrevealed:
        enqueue_after_commit(ANNOUNCE, item.collection_id, [item.work_id])
