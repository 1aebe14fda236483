"""What each viewer is shown of a work's related works, in a fixed number of queries.

The child names its parent to whoever may see the parent (quire.access.reading.linked_works_for); a parent
elsewhere is always named, its address kept to http and https. The parent lists an approved child to whoever
may see the child; a child it did not approve is listed on the parent to nobody."""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Exists, OuterRef

from quire.access.reading import ANONYMOUS, creators_hidden_from, linked_works_for, works_for
from quire.access.surfaces import Surface
from quire.related.enums import Kind
from quire.related.models import RelatedWork
from quire.works.languages import language_name

WEB_SCHEMES = frozenset({"http", "https"})


def web_address(url: str) -> str:
    """The address if it is a web page (http or https, as the sanitizer allows in links), else ""."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in WEB_SCHEMES else ""


@dataclass(frozen=True)
class Link:
    """One related work as a viewer is shown it: on this archive (`work_id`) or elsewhere."""

    kind: Kind
    title: str
    creator: str
    url: str  # a path on this archive, or an http(s) address elsewhere ("" when the stored one is not)
    work_id: int | None = None
    creator_url: str = ""
    language: str = ""  # the code of the related work's language (this archive's works only)

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def elsewhere(self) -> bool:
        return self.work_id is None


def _work_link(relation: RelatedWork, work, viewer) -> Link:
    # An anonymous work is "by Anonymous", unlinked, to all but its creators (quire.access.reading).
    anonymous = creators_hidden_from(viewer, work)
    return Link(
        kind=Kind(relation.kind),
        title=work.title,
        creator=ANONYMOUS if anonymous else work.pseud.byline,
        url=work.get_absolute_url(),
        work_id=work.pk,
        creator_url="" if anonymous else work.pseud.get_absolute_url(),
        language=work.language,
    )


def parent_link(relation: RelatedWork, viewer) -> Link:
    """The parent as named on its child to this viewer (whether they may be told of it at all is the
    caller's question)."""
    if relation.parent_id is not None:
        return _work_link(relation, relation.parent, viewer)
    return Link(
        kind=Kind(relation.kind),
        title=relation.title,
        creator=relation.creator,
        url=web_address(relation.url),
    )


def parents_of_works(user, work_ids, surface: Surface = Surface.PAGE) -> dict[int, list[Link]]:
    """What each work is inspired by, a translation, podfic or remix of, as this viewer may be told: one
    query for any number of works. A parent on this archive the viewer may not see is left out entirely."""
    visible = linked_works_for(user, surface).filter(pk=OuterRef("parent_id"))
    relations = (
        RelatedWork.objects.filter(work_id__in=list(work_ids))
        .annotate(parent_visible=Exists(visible))
        .select_related("parent__pseud__user")
    )
    found = defaultdict(list)
    for relation in relations:
        if relation.parent_id is None or relation.parent_visible:
            found[relation.work_id].append(parent_link(relation, user))
    return found


def parents_of(user, work, surface: Surface = Surface.PAGE) -> list[Link]:
    return parents_of_works(user, [work.pk], surface).get(work.pk, [])


def children_of(user, work, surface: Surface = Surface.PAGE) -> list[Link]:
    """The works made from this one that its writer approved and this viewer may see, oldest first."""
    relations = RelatedWork.objects.filter(
        parent=work, approved=True, work__in=linked_works_for(user, surface).values("pk")
    ).select_related("work__pseud__user")
    return [_work_link(relation, relation.work, user) for relation in relations]


@dataclass(frozen=True)
class Shown:
    """A work page's related works: what it is made from, its translations, and the rest made from it."""

    parents: list[Link]
    translations: list[Link]
    inspired: list[Link]


def page_annotations() -> dict:
    """Whether a work names a parent and whether any work names it, read with the work page's own query, so a
    work with neither (most) skips both queries of `shown_on_page`."""
    return {
        "has_parent_links": Exists(RelatedWork.objects.filter(work=OuterRef("pk"))),
        "has_child_links": Exists(RelatedWork.objects.filter(parent=OuterRef("pk"), approved=True)),
    }


def shown_on_page(user, work) -> Shown:
    children = children_of(user, work) if getattr(work, "has_child_links", True) else []
    return Shown(
        parents=parents_of(user, work) if getattr(work, "has_parent_links", True) else [],
        translations=[c for c in children if c.kind is Kind.TRANSLATION],
        inspired=[c for c in children if c.kind is not Kind.TRANSLATION],
    )


def naming_children(user, work):
    """The works naming this one as their parent that its writer `user` may see, approved or not, for the
    page where they choose which the work lists. Muted writers' works are included: this is where to say no."""
    return (
        RelatedWork.objects.filter(
            parent=work, work__in=works_for(user, Surface.LISTING, hide_muted=False).values("pk")
        )
        .select_related("work__pseud__user")
        .order_by("-created_at", "-id")
    )


def declared_parents(user, work_ids):
    """Every link these works declare, for their writers (their page, their data export), each with
    `parent_visible`: a parent they may no longer see (hidden since, say) is listed without its title, so
    they can still take the link away. One query for any number of works."""
    visible = works_for(user, Surface.LISTING, hide_muted=False).filter(pk=OuterRef("parent_id"))
    return (
        RelatedWork.objects.filter(work_id__in=list(work_ids))
        .annotate(parent_visible=Exists(visible))
        .select_related("parent__pseud__user")
    )
