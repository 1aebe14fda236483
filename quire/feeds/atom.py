"""Atom feeds for feed readers: new works in a tag, new works by an author, new chapters of a work.

Feed readers never log in, so every feed shows what a guest may see.
"""

import copy

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html

from quire.access.reading import (
    ANONYMOUS,
    creators_public,
    credited_works_shown,
    may_see_tag,
    posted_chapters,
    works_for,
)
from quire.access.surfaces import Surface
from quire.accounts.models import User
from quire.core.site import absolute_url
from quire.creators.selectors import credited_pseuds, with_credits
from quire.feeds.xml import xml_safe
from quire.gifts.selectors import recipients_of
from quire.tags.models import Tag, WorkFilter
from quire.tags.urlnames import from_url

FEED_SIZE = 25


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom whose text has no characters XML 1.0 refuses, so one odd title cannot break a whole feed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe(list(args)), **{key: xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe(list(args)), **{key: xml_safe(value) for key, value in kwargs.items()})

    # Django writes one <author> (the lead); Atom allows one per creator, and feed readers list them all.
    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        _add_authors(handler, self.feed.get("co_creators", ()))

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        _add_authors(handler, item.get("co_creators", ()))


def _add_authors(handler, authors):
    for name, uri in authors:
        handler.startElement("author", {})
        handler.addQuickElement("name", name)
        if uri:
            handler.addQuickElement("uri", uri)
        handler.endElement("author")


def creators(work) -> list:
    """The work's accepted creators' pseuds, the lead first (the work's own pseud if the credits are empty);
    none for an anonymous work, whose one author every feed and catalog calls "Anonymous" (feed readers and
    e-readers never log in, so a creator reading their own feed sees what everyone does)."""
    if not creators_public(work):
        return []
    return credited_pseuds(work) or [work.pseud]


def named_creators(work, address) -> list[tuple[str, str | None]]:
    """(name, absolute page address) of each creator, the lead first; ("Anonymous", None) for an anonymous
    work. `address` makes a path absolute."""
    return [(pseud.byline, address(pseud.get_absolute_url())) for pseud in creators(work)] or [
        (ANONYMOUS, None)
    ]


def byline(work) -> str:
    return ", ".join(pseud.byline for pseud in creators(work)) or ANONYMOUS


def feed_works():
    # Feed readers never log in: the access layer gives a guest's view, whoever asks.
    return works_for(AnonymousUser(), Surface.FEED)


class AbsoluteFeed(Feed):
    """A feed whose every address is absolute, at the archive's address (quire/core/site.py): Django makes
    the feed's and entries' links absolute itself, but not authors' `<uri>`, which feed readers then resolve
    against nothing."""

    feed_type = XmlSafeAtom1Feed

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: the request travels on a copy, never on the shared one.
        answering = copy.copy(self)
        answering.request = request
        return Feed.__call__(answering, request, *args, **kwargs)

    def absolute(self, path: str) -> str:
        return absolute_url(path, self.request)

    def item_link(self, item):
        return self.absolute(item.get_absolute_url())

    def co_creators(self, work) -> list[tuple[str, str]]:
        """Every creator after the lead (who is Django's one `author`), as (name, absolute page address)."""
        return named_creators(work, self.absolute)[1:]

    def feed_url(self):
        return self.absolute(self.request.path)


class WorksFeed(AbsoluteFeed):
    """What every feed of works shares: one entry per work, newest posted first."""

    def latest(self, works):
        return with_credits(works.for_listing()).order_by("-posted_at", "-id")[:FEED_SIZE]

    def item_title(self, work):
        return f"{work.title} by {byline(work)}"

    def item_description(self, work):
        fandoms = ", ".join(t.name for t in work.fandoms)
        return (
            f"{self.gifts(work)}<p>{fandoms} · {work.get_rating_display()} · {work.word_count} words · "
            f"Chapters: {work.chapters_display}</p>{work.summary_html}"
        )

    def gifts(self, work) -> str:
        """ "for A, B" (members linked to their pseud's page), as the work page says it; refused gifts never."""
        recipients = [
            format_html('<a href="{}">{}</a>', self.absolute(gift.url), gift.recipient)
            if gift.url
            else escape(gift.recipient)
            for gift in recipients_of(work)
        ]
        return f"<p>for {', '.join(recipients)}</p>" if recipients else ""

    def item_author_name(self, work):
        return named_creators(work, self.absolute)[0][0]

    def item_author_link(self, work):
        return named_creators(work, self.absolute)[0][1]

    def item_extra_kwargs(self, work):
        return {"co_creators": self.co_creators(work)}

    def item_pubdate(self, work):
        return work.posted_at

    def item_updateddate(self, work):
        return work.revised_at

    def item_categories(self, work):
        return [row.tag.name for row in work.work_tags.all()]


class TagWorksFeed(WorksFeed):
    """New works in a tag, its synonyms and sub-tags included."""

    def get_object(self, request, name):
        if "\x00" in name:
            raise Http404
        tag = get_object_or_404(Tag.objects.select_related("merger").named(from_url(name)))
        if not may_see_tag(AnonymousUser(), tag):
            raise Http404
        return tag.filter_key

    def title(self, tag):
        return f"New works in {tag.name}"

    def link(self, tag):
        return self.absolute(tag.get_absolute_url())

    def subtitle(self, tag):
        return f"The latest works posted in {tag.name} on {settings.SITE_NAME}."

    def items(self, tag):
        return self.latest(feed_works().filter(pk__in=WorkFilter.objects.filter(tag=tag).values("work_id")))


class AuthorWorksFeed(WorksFeed):
    """New works by one author, under any of their pseuds, those they co-created with others included."""

    def get_object(self, request, username):
        return get_object_or_404(User, username__iexact=username)

    def title(self, author):
        return f"New works by {author.username}"

    def link(self, author):
        return self.absolute(author.get_absolute_url())

    def subtitle(self, author):
        return f"The latest works {author.username} posted on {settings.SITE_NAME}."

    def items(self, author):
        # A guest's view: never the author's anonymous works, which the feed would name as theirs.
        return self.latest(feed_works().filter(credited_works_shown(AnonymousUser(), user=author)))


class WorkChaptersFeed(AbsoluteFeed):
    """New chapters of one work, numbered as readers see them."""

    def get_object(self, request, work_id):
        return get_object_or_404(with_credits(feed_works().select_related("pseud__user")), pk=work_id)

    def title(self, work):
        return f"{work.title} by {byline(work)}: new chapters"

    def link(self, work):
        return self.absolute(work.get_absolute_url())

    def subtitle(self, work):
        return f"Each chapter of {work.title} as it is posted."

    def author_name(self, work):
        return named_creators(work, self.absolute)[0][0]

    def author_link(self, work):
        return named_creators(work, self.absolute)[0][1]

    def feed_extra_kwargs(self, work):
        return {"co_creators": self.co_creators(work)}

    def items(self, work):
        posted = list(
            posted_chapters(work)
            .defer("body", "body_html", "end_notes", "end_notes_html")
            .order_by("position")
        )
        for number, chapter in enumerate(posted, start=1):
            chapter.number = number
            chapter.work = work
        return list(reversed(posted))[:FEED_SIZE]

    def item_title(self, chapter):
        name = f"Chapter {chapter.number}"
        return f"{name}: {chapter.title}" if chapter.title else name

    def item_author_name(self, chapter):
        return named_creators(chapter.work, self.absolute)[0][0]

    def item_author_link(self, chapter):
        return named_creators(chapter.work, self.absolute)[0][1]

    def item_extra_kwargs(self, chapter):
        return {"co_creators": self.co_creators(chapter.work)}

    def item_description(self, chapter):
        words = f"<p>{chapter.word_count} words</p>"
        return words + (chapter.summary_html or chapter.notes_html)

    def item_pubdate(self, chapter):
        return chapter.posted_at

    def item_updateddate(self, chapter):
        return max(chapter.posted_at, chapter.updated_at)
