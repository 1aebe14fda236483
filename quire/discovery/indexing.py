"""Keeping the search index in step with works: called by the works and wrangling services on every post,
edit, hide and delete, and by `quire reindex`."""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Left

from quire.access.reading import creators_public, posted_chapters, published_works
from quire.core.text import html_to_text
from quire.creators.selectors import credited_pseuds, credits_prefetch
from quire.discovery import cjk
from quire.discovery.models import SearchDocument
from quire.tags.filters import filter_keys
from quire.tags.models import Tag

# PostgreSQL refuses a tsvector over 1 MB; this much text stays well under it.
MAX_VECTOR_BODY_CHARS = 600_000
BATCH = 500
TEXT_FIELDS = ("title", "tags", "people", "summary", "body")


def document_vector(title, tags, people, summary, body) -> Combinable:
    """A document's tsvector (PostgreSQL): the title weighs most, then tags and people, the summary and notes,
    and the body least. Each argument is an expression of the text."""
    return (
        SearchVector(title, weight="A", config="english")
        + SearchVector(tags, people, weight="B", config="english")
        + SearchVector(summary, weight="C", config="english")
        + SearchVector(body, weight="D", config="english")
    )


def stored_vector() -> Combinable:
    """The vector of each document's stored text, for a set-based UPDATE: right for text without CJK."""
    return document_vector(*(F(name) for name in TEXT_FIELDS[:-1]), Left("body", MAX_VECTOR_BODY_CHARS))


def has_cjk(document: SearchDocument) -> bool:
    return any(cjk.has_cjk(getattr(document, name)) for name in TEXT_FIELDS)


def update_cjk_vector(document: SearchDocument) -> None:
    """Give a document holding CJK text its vector of that text as the index reads it (quire.discovery.cjk),
    as SQLite's triggers index it: PostgreSQL has no function of its own to split it."""
    texts = {name: getattr(document, name) for name in TEXT_FIELDS}
    texts["body"] = texts["body"][:MAX_VECTOR_BODY_CHARS]
    SearchDocument.objects.filter(pk=document.pk).update(
        vector=document_vector(*(Value(cjk.index_text(texts[name])) for name in TEXT_FIELDS))
    )


def index_works(work_ids: Iterable[int]) -> None:
    """(Re)build the search documents of these works; works that are not posted or are hidden leave the index."""
    work_ids = list(set(work_ids))
    for start in range(0, len(work_ids), BATCH):
        _index_batch(work_ids[start : start + BATCH])


def _index_batch(work_ids: list[int]) -> None:
    works = list(
        published_works()
        .filter(pk__in=work_ids)
        .select_related("pseud__user")
        .prefetch_related("work_tags__tag", credits_prefetch())
    )
    SearchDocument.objects.filter(work_id__in=work_ids).exclude(work_id__in=[w.pk for w in works]).delete()
    if not works:
        return
    tag_words = _tag_words({row.tag_id for work in works for row in work.work_tags.all()})
    bodies, chapter_notes = defaultdict(list), defaultdict(list)
    for work_id, body_html, *notes in (
        posted_chapters()
        .filter(work__in=works)
        .order_by("work_id", "position")
        .values_list("work_id", "body_html", "summary_html", "notes_html", "end_notes_html")
    ):
        bodies[work_id].append(html_to_text(body_html))
        # A writer's introduction often sits in chapter 1's notes ("this idea hit me on a road trip").
        chapter_notes[work_id].extend(html_to_text(part) for part in notes if part)
    documents = [
        SearchDocument(
            work=work,
            author_id=work.author_id,
            restricted=work.restricted,
            revised_at=work.revised_at,
            title=work.title,
            tags=" ; ".join(
                dict.fromkeys(word for row in work.work_tags.all() for word in tag_words.get(row.tag_id, []))
            ),
            people=" ".join(dict.fromkeys(_people(work))),
            summary="\n".join(
                [
                    *(
                        html_to_text(part)
                        for part in (work.summary_html, work.notes_html, work.end_notes_html)
                        if part
                    ),
                    *chapter_notes[work.pk],
                ]
            ),
            body="\n\n".join(bodies[work.pk]),
        )
        for work in works
    ]
    SearchDocument.objects.filter(work_id__in=[w.pk for w in works]).delete()
    SearchDocument.objects.bulk_create(documents)
    if connection.vendor == "postgresql":
        written = [document for document in documents if has_cjk(document)]
        SearchDocument.objects.filter(work_id__in=[w.pk for w in works]).exclude(
            work_id__in=[document.pk for document in written]
        ).update(vector=stored_vector())
        for document in written:
            update_cjk_vector(document)


def _people(work) -> list[str]:
    """Every accepted creator's pseud and account names, the lead's first: a work is found by any of them. None
    for an anonymous work, until the reveal reindexes it (quire.collections.services.reveal_creators)."""
    if not creators_public(work):
        return []
    pseuds = credited_pseuds(work) or [work.pseud]
    return [name for pseud in pseuds for name in (pseud.name, pseud.user.username)]


def reindex_credited_works(work_ids: Iterable[int]) -> None:
    """Call when a work's credits change (an invitation accepted, a creator leaving or deleting their
    account), so the work is found by its creators' names and no longer by a former creator's."""
    index_works(work_ids)


def _tag_words(tag_ids: set[int]) -> dict[int, list[str]]:
    """A tag is found by its own name and its canonical and meta tags' names (synonyms at query time)."""
    keys = filter_keys(tag_ids)
    related = set(tag_ids) | {key for found in keys.values() for key in found}
    names = dict(Tag.objects.filter(pk__in=related).values_list("pk", "name"))
    return {
        tag_id: [names[tag_id]] + [names[key] for key in sorted(keys.get(tag_id, ())) if key in names]
        for tag_id in tag_ids
        if tag_id in names
    }
