"""Model objects to the API's JSON shapes (schemas.py). Every list reads only what for_listing() and the
credits prefetch (quire.discovery.listing) fetched."""

from quire.access.reading import ANONYMOUS, creators_hidden_from, creators_public
from quire.access.surfaces import Surface
from quire.creators.selectors import credited_pseuds
from quire.gifts.selectors import recipients_of
from quire.related.selectors import Link, children_of, parents_of
from quire.tags.models import Tag


def _credits_out(request, work) -> dict:
    """The work's author and creators as this client may know them: "Anonymous", with no account or page, for
    an anonymous work asked for by anyone but its creators (quire.access.reading)."""
    if creators_hidden_from(request.auth, work):
        return {
            "author": {"username": None, "pseud": ANONYMOUS},
            "creators": [{"pseud": ANONYMOUS, "user": None, "url": None}],
        }
    return {
        # shown_name: an unclaimed imported author's pen name marked "(imported)", as the web's bylines do.
        "author": {"username": work.pseud.user.username, "pseud": work.pseud.shown_name},
        "creators": [
            {
                "pseud": pseud.shown_name,
                "user": pseud.user.username,
                "url": request.build_absolute_uri(pseud.get_absolute_url()),
            }
            for pseud in credited_pseuds(work) or [work.pseud]
        ],
    }


def work_out(request, work) -> dict:
    return {
        "id": work.pk,
        "title": work.title,
        "url": request.build_absolute_uri(work.get_absolute_url()),
        **_credits_out(request, work),
        "anonymous": not creators_public(work),
        "rating": work.rating,
        "warnings": work.warnings,
        "categories": work.categories,
        "fandoms": [tag.name for tag in work.fandoms],
        "relationships": [tag.name for tag in work.relationships],
        "characters": [tag.name for tag in work.characters],
        "additional_tags": [tag.name for tag in work.additional_tags],
        "summary_html": work.summary_html,
        "language": work.language,
        "words": work.word_count,
        "chapters": work.chapter_count,
        "expected_chapters": work.expected_chapters,
        "complete": work.is_complete,
        "crossover": work.is_crossover,
        "restricted": work.restricted,
        "draft": work.is_draft,
        "kudos": work.kudos_count,
        "hits": work.hit_count,
        "bookmarks": work.bookmark_count,
        "reviews": work.review_count,
        "posted_at": work.posted_at,
        "updated_at": work.revised_at,
        "gift_to": [gift_out(request, gift) for gift in recipients_of(work)],
    }


def gift_out(request, gift) -> dict:
    if not gift.pseud_id:
        return {"name": gift.recipient_name, "username": None, "pseud": None, "url": None}
    return {
        "name": gift.recipient,
        "username": gift.pseud.user.username,
        "pseud": gift.pseud.shown_name,
        "url": request.build_absolute_uri(gift.url),
    }


def work_page_out(request, listing) -> dict:
    page = listing.page
    return {
        "count": listing.total,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "per_page": page.paginator.per_page,
        "notices": listing.notices,
        "results": [
            {**work_out(request, work), "snippet_html": getattr(work, "search_snippet", "") or None}
            for work in page.object_list
        ],
    }


def chapter_out(request, chapter, number: int) -> dict:
    return {
        "id": chapter.pk,
        "number": number,
        "title": chapter.title,
        "words": chapter.word_count,
        "posted": chapter.is_posted,
        "posted_at": chapter.posted_at,
        "url": request.build_absolute_uri(chapter.get_absolute_url()),
    }


def chapter_detail_out(request, chapter, number: int) -> dict:
    return {
        **chapter_out(request, chapter, number),
        "summary_html": chapter.summary_html,
        "notes_html": chapter.notes_html,
        "end_notes_html": chapter.end_notes_html,
        "body_html": chapter.body_html,
        "version": chapter.version,
    }


def work_detail_out(request, work, chapters) -> dict:
    return {
        **work_out(request, work),
        "notes_html": work.notes_html,
        "end_notes_html": work.end_notes_html,
        "review_policy": work.review_policy,
        "chapter_list": [chapter_out(request, c, n) for n, c in enumerate(chapters, start=1)],
        "parent_works": [related_out(request, link) for link in parents_of(request.auth, work, Surface.API)],
        "child_works": [related_out(request, link) for link in children_of(request.auth, work, Surface.API)],
    }


def related_out(request, link: Link) -> dict:
    return {
        "kind": link.kind.value,
        "title": link.title,
        "creator": link.creator,
        "url": link.url if link.elsewhere else request.build_absolute_uri(link.url),
        "work_id": link.work_id,
        "language": link.language or None,
    }


def tag_ref(request, tag: Tag) -> dict:
    return {"name": tag.name, "type": tag.type, "url": request.build_absolute_uri(tag.get_absolute_url())}


# --- Collections and their challenges ---------------------------------------------------------------------


def page_out(page, results: list) -> dict:
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "per_page": page.paginator.per_page,
        "results": results,
    }


def collection_ref(request, collection) -> dict:
    return {
        "name": collection.name,
        "title": collection.title,
        "url": request.build_absolute_uri(collection.get_absolute_url()),
    }


def collection_settings_out(collection) -> dict:
    return {
        "open": collection.is_open,
        "moderated": collection.is_moderated,
        "unrevealed": collection.is_unrevealed,
        "anonymous": collection.is_anonymous,
        "reveal_at": collection.reveal_at,
        "reveal_creators_at": collection.reveal_creators_at,
    }


def collection_out(request, collection) -> dict:
    """An index entry: `item_count` and `child_count` from collections.selectors.listed_collections."""
    return {
        **collection_ref(request, collection),
        "header": collection.header,
        "items": collection.item_count,
        "subcollections": collection.child_count,
        "settings": collection_settings_out(collection),
    }


def bookmark_out(request, bookmark, work) -> dict:
    return {
        "id": bookmark.pk,
        "bookmarker": bookmark.pseud.byline if bookmark.pseud_id else bookmark.user.username,
        "username": bookmark.user.username,
        "note_html": bookmark.note_html,
        "tags": bookmark.tag_list,
        "rec": bookmark.rec,
        "created_at": bookmark.created_at,
        "work": work_out(request, work),
    }


def _tag_names(tags) -> dict:
    names = {"fandom": [], "character": [], "relationship": [], "additional": []}
    for tag in tags:
        names.setdefault(tag.type, []).append(tag.name)
    return {
        "fandoms": names["fandom"],
        "characters": names["character"],
        "relationships": names["relationship"],
        "additional_tags": names["additional"],
    }


def prompt_out(request, prompt) -> dict:
    """A prompt from prompts.selectors.shown_for (`prompter` is the name this viewer may see) with the counts
    of prompts_for; prompt_detail_out gives the lists instead."""
    hidden = prompt.prompter == ANONYMOUS
    return {
        "id": prompt.pk,
        "title": prompt.heading,
        "url": request.build_absolute_uri(prompt.get_absolute_url()),
        "prompter": prompt.prompter,
        "username": None if hidden else prompt.pseud.user.username,
        "anonymous": prompt.anonymous,
        "description_html": prompt.description_html,
        **_tag_names(prompt.tags.all()),
        "claims": getattr(prompt, "claim_count", 0),
        "fills": getattr(prompt, "fill_count", 0),
        "created_at": prompt.created_at,
    }


def prompt_detail_out(request, prompt, claims, fills) -> dict:
    """`claims` and `fills`: prompts.selectors.claims_of and fills_of, as this viewer may see them."""
    user = request.auth
    return {
        **prompt_out(request, prompt),
        "claims": len(claims),
        "fills": len(fills),
        "claim_list": [
            {
                "claimer": shown.name,
                "yours": user.is_authenticated and shown.claim.user_id == user.pk,
                "claimed_at": shown.claim.created_at,
            }
            for shown in claims
        ],
        "fill_list": [
            {
                "work_id": shown.fill.work_id,
                "title": shown.fill.work.title,
                "url": request.build_absolute_uri(shown.fill.work.get_absolute_url()),
                "creators": shown.creators,
                "filled_at": shown.fill.created_at,
            }
            for shown in fills
        ],
    }


def entry_out(entry) -> dict:
    return {"position": entry.position, "description": entry.description, **_tag_names(entry.tags.all())}


def entries_out(signup, kind: str) -> list[dict]:
    return [entry_out(entry) for entry in signup.entries.all() if entry.kind == kind]
