"""Wrangling: every change to how tags relate goes through here, from the wrangling pages and `quire tag`."""

from django.core.exceptions import ValidationError
from django.db import transaction

from quire.discovery.indexing import index_works
from quire.tags.enums import TagType
from quire.tags.filters import meta_ancestors, rebuild_work_filters, works_affected_by
from quire.tags.models import Tag, TagParent

# Which parent types each tag type may have; the same type means "meta tag of".
ALLOWED_PARENTS = {
    TagType.FANDOM: {TagType.MEDIA, TagType.FANDOM},
    TagType.CHARACTER: {TagType.FANDOM, TagType.CHARACTER},
    TagType.RELATIONSHIP: {TagType.FANDOM, TagType.RELATIONSHIP},
    TagType.ADDITIONAL: {TagType.FANDOM, TagType.ADDITIONAL},
    TagType.MEDIA: set(),
}


@transaction.atomic
def make_canonical(*, tag: Tag) -> Tag:
    if tag.canonical:
        return tag
    affected = works_affected_by([tag.pk])
    tag.canonical, tag.merger = True, None
    tag.save(update_fields=["canonical", "merger"])
    _refresh(affected)
    return tag


@transaction.atomic
def make_synonym(*, tag: Tag, canonical: Tag) -> Tag:
    """File `tag` under `canonical`; its own synonyms and family links move to the canonical tag."""
    if tag.pk == canonical.pk:
        raise ValidationError(f"“{tag.name}” cannot be a synonym of itself.")
    if not canonical.canonical:
        raise ValidationError(
            f"“{canonical.name}” is not canonical; make it canonical first, or pick its canonical tag."
        )
    if tag.type != canonical.type:
        raise ValidationError(
            f"“{tag.name}” is {TagType(tag.type).described} and “{canonical.name}” "
            f"{TagType(canonical.type).described}; a synonym must be of the same type."
        )
    affected = works_affected_by([tag.pk])
    Tag.objects.filter(merger=tag).update(merger=canonical)
    gained_meta_tag = False
    for link in TagParent.objects.filter(child=tag).exclude(parent=canonical).select_related("parent"):
        _, created = TagParent.objects.get_or_create(child=canonical, parent_id=link.parent_id)
        gained_meta_tag |= created and link.parent.type == canonical.type
    if gained_meta_tag:  # the canonical tag's own works are now filed under the meta tag too
        affected |= works_affected_by([canonical.pk])
    for link in TagParent.objects.filter(parent=tag).exclude(child=canonical):
        TagParent.objects.get_or_create(child_id=link.child_id, parent=canonical)
    TagParent.objects.filter(child=tag).delete()
    TagParent.objects.filter(parent=tag).delete()
    tag.canonical, tag.merger = False, canonical
    tag.save(update_fields=["canonical", "merger"])
    _refresh(affected)
    return tag


@transaction.atomic
def add_parent(*, tag: Tag, parent: Tag) -> None:
    """Put a character or relationship in a fandom, a fandom in a media, or a tag under a meta tag."""
    tag = tag.filter_key
    if parent.type not in ALLOWED_PARENTS[TagType(tag.type)]:
        raise ValidationError(
            f"{TagType(tag.type).described.capitalize()} cannot sit under {TagType(parent.type).described}."
        )
    if not parent.canonical:
        raise ValidationError(f"“{parent.name}” must be canonical to be a parent.")
    if parent.pk == tag.pk or (parent.type == tag.type and tag.pk in meta_ancestors({parent.pk})[parent.pk]):
        raise ValidationError(f"“{parent.name}” is already below “{tag.name}”; that would make a loop.")
    _, created = TagParent.objects.get_or_create(child=tag, parent=parent)
    if created and parent.type == tag.type:
        _refresh(works_affected_by([tag.pk]))


@transaction.atomic
def remove_parent(*, tag: Tag, parent: Tag) -> None:
    tag = tag.filter_key
    deleted, _ = TagParent.objects.filter(child=tag, parent=parent).delete()
    if deleted and parent.type == tag.type:
        _refresh(works_affected_by([tag.pk]))


def _refresh(work_ids: set[int]) -> None:
    # Runs in the wrangler's request: fine for the thousands of works a tag usually has. A very large
    # tag takes seconds; moving this to the worker is the next step if archives outgrow that.
    rebuild_work_filters(work_ids)
    index_works(work_ids)
