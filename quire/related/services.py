"""Naming the work a work is made from, and the parent's writers choosing whether their work lists it.

One function per change, called by the web page and usable from code alike: each asks the access layer
first, and says what is wrong per field (a ValidationError keyed by the form's fields)."""

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse

from quire.access.reading import ANONYMOUS, creators_public, may_hear_of, works_for
from quire.access.surfaces import Surface
from quire.access.writing import ensure_may_edit_work, ensure_may_relate, may_edit_work
from quire.accounts.models import User
from quire.core.tasks import enqueue_after_commit
from quire.creators.selectors import creator_user_ids
from quire.follows.models import Notification
from quire.follows.services import notify, queue_emails
from quire.related.enums import Kind
from quire.related.models import CREATOR_MAX, URL_MAX, RelatedWork
from quire.related.selectors import WEB_SCHEMES
from quire.works.languages import language_name
from quire.works.models import TITLE_MAX, Work

# Enough for any honest credit (AO3 sets no limit); it bounds what a work page reads and shows.
MAX_PARENTS = 20
WORK_PATH = re.compile(r"^/works/(\d+)(?:/|$)")

NOT_A_WORK = "That address is on this archive but is not a work. Use a work's address, like /works/12."
NOT_VISIBLE = "There is no work you can see at that address on this archive."
ITSELF = "A work can't be related to itself."
DUPLICATE = "This work already names that work."
NOT_WEB = "Use the work's full web address, starting with https:// or http://."
TOO_MANY = f"A work can name up to {MAX_PARENTS} related works."


def archive_hosts(*also: str) -> set[str]:
    """The host names that are this archive: its configured address, the names it answers to, and any given
    (the one the writer reached it by)."""
    hosts = {urlsplit(settings.SITE_URL).hostname or ""}
    hosts |= {host for host in settings.ALLOWED_HOSTS if "*" not in host and not host.startswith(".")}
    hosts |= {urlsplit(f"//{host}").hostname or "" for host in also}
    return {host.lower() for host in hosts if host}


def parse_address(url: str, hosts: Iterable[str]) -> int | str:
    """A work's id on this archive (its page, a chapter of it, as a path or a full address), or the web
    address of a work elsewhere; a ValidationError on `url` otherwise."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise ValidationError({"url": NOT_WEB}) from None
    if not parts.scheme and not parts.netloc and url.startswith("/"):
        host = None  # a path: this archive
    elif parts.scheme.lower() not in WEB_SCHEMES or not host:
        raise ValidationError({"url": NOT_WEB})
    if host is None or host.lower() in set(hosts):
        found = WORK_PATH.match(parts.path)
        if found is None:
            raise ValidationError({"url": NOT_A_WORK})
        return int(found[1])
    try:
        URLValidator(schemes=sorted(WEB_SCHEMES))(url)
    except ValidationError:
        raise ValidationError({"url": NOT_WEB}) from None
    return url


def relate_work(
    *, user, work: Work, kind: str, url: str, title: str = "", creator: str = "", hosts: Iterable[str] = ()
) -> RelatedWork:
    """Name the work at `url` as what `work` is (kind) of: a work on this archive this writer may see, or a
    work elsewhere with its title and creator. A parent on this archive is the parent writers' to list: they
    are told (at once, or when the child is posted), unless this writer is theirs too, which lists it now."""
    ensure_may_edit_work(user, work)
    kind = Kind(kind)
    target = parse_address(url, archive_hosts(*hosts))
    if isinstance(target, int):
        if target == work.pk:
            raise ValidationError({"url": ITSELF})
        parent = works_for(user, Surface.LISTING, hide_muted=False).filter(pk=target).first()
        if parent is None:
            raise ValidationError({"url": NOT_VISIBLE})
        ensure_may_relate(user, work, parent)
        fields = {"parent": parent, "approved": may_edit_work(user, parent)}
        same = {"parent": parent}
    else:
        title, creator = " ".join(title.split()), " ".join(creator.split())
        errors = {}
        if not title:
            errors["title"] = "Give the title of the work elsewhere."
        if not creator:
            errors["creator"] = "Give the name of the work's creator."
        if len(target) > URL_MAX:
            errors["url"] = f"Use an address of at most {URL_MAX} characters."
        if errors:
            raise ValidationError(errors)
        fields = {"url": target, "title": title[:TITLE_MAX], "creator": creator[:CREATOR_MAX]}
        same = {"parent": None, "url": target}
    declared = RelatedWork.objects.filter(work=work)
    if declared.filter(**same).exists():
        raise ValidationError({"url": DUPLICATE})
    if declared.count() >= MAX_PARENTS:
        raise ValidationError({"url": TOO_MANY})
    try:
        with transaction.atomic():
            relation = RelatedWork.objects.create(work=work, kind=kind, **fields)
    except IntegrityError:  # the same link sent twice at once
        raise ValidationError({"url": DUPLICATE}) from None
    if relation.parent_id is not None and not relation.approved:
        enqueue_after_commit("quire.related.tasks.tell_parent_creators", relation.pk)
    return relation


def remove_relation(*, user, relation: RelatedWork) -> None:
    """The child's writers take the link away: from the child and, if it listed it, from the parent."""
    ensure_may_relate(user, relation.work)
    Notification.objects.filter(key=_notification_key(relation)).delete()
    relation.delete()


def set_listed(*, user, relation: RelatedWork, listed: bool) -> RelatedWork:
    """The parent's writers list the child on their work ("Works inspired by this"), or stop listing it; the
    child names its parent either way."""
    ensure_may_edit_work(user, relation.parent)
    if not works_for(user, Surface.LISTING, hide_muted=False).filter(pk=relation.work_id).exists():
        raise PermissionDenied("That work is not one you can see.")
    relation.approved = listed
    relation.save(update_fields=["approved"])
    return relation


# --- Telling the parent's writers -------------------------------------------------------------------------


def parent_creator_ids(parent: Work) -> list[int]:
    """Who is asked whether a work lists the works made from it: every one of its creators."""
    return sorted(creator_user_ids(parent))


def _notification_key(relation: RelatedWork) -> str:
    return f"related:{relation.pk}"


def tell_parent_creators(relation_id: int) -> int:
    """Tell the parent's writers a work names theirs, once the child is posted (never of a draft or a hidden
    work), in their inbox and by email as they chose; safe to run twice."""
    relation = (
        RelatedWork.objects.select_related("work__pseud__user", "parent")
        .filter(pk=relation_id, parent__isnull=False, approved=False)
        .first()
    )
    if relation is None or not may_hear_of(relation.work):
        return 0
    child, parent = relation.work, relation.parent
    # Someone who can edit the child named their own work: nothing to tell them.
    told = [
        u.pk for u in User.objects.filter(pk__in=parent_creator_ids(parent)) if not may_edit_work(u, child)
    ]
    # An anonymous child is "by Anonymous": its parent's writers are not among its creators.
    named = child.pseud.byline if creators_public(child) else ANONYMOUS
    ids = notify(
        user_ids=told,
        kind=Notification.Kind.RELATED,
        key=_notification_key(relation),
        text=(
            f"“{child.title}” by {named} {Kind(relation.kind).told(language_name(child.language))} "
            f"your work “{parent.title}”. Choose whether your work lists it."
        ),
        url=reverse("related:manage", args=[parent.pk]) + "#naming",
        work=child,
    )
    queue_emails(ids)
    return len(ids)


def announce_relations(work_id: int) -> int:
    """A work was posted: tell the writers of every work it names (named while it was a draft)."""
    waiting = RelatedWork.objects.filter(work_id=work_id, parent__isnull=False, approved=False)
    return sum(tell_parent_creators(pk) for pk in waiting.values_list("pk", flat=True))
