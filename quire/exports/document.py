"""Everything a download shows, gathered once from a work and shared by every format's builder."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, OuterRef, Subquery

from quire.access.reading import ANONYMOUS, creators_public, posted_chapters, works_for
from quire.access.surfaces import Surface
from quire.creators.selectors import credited_pseuds
from quire.gifts.selectors import recipients_of
from quire.related.selectors import parents_of
from quire.series.models import SeriesWork
from quire.works.languages import language_name
from quire.works.models import Chapter, Work

# Bump when any builder's output changes, so files cached by an older Quire are rebuilt.
FORMAT_VERSION = 3


@dataclass
class ExportRecipient:
    """Who the work is a gift to: a member's byline with their pseud's address, or a name (no address)."""

    name: str
    url: str = ""


@dataclass
class ExportChapter:
    number: int
    title: str
    heading: str
    body_html: str
    summary_html: str = ""
    notes_html: str = ""
    end_notes_html: str = ""


@dataclass(frozen=True)
class RelatedLine:
    """One work this one is made from, for the title page: "Translation into French of: Title by Name"."""

    label: str
    title: str
    creator: str
    url: str  # absolute; empty for a work elsewhere whose stored address is not a web page


@dataclass
class ExportDocument:
    work_id: int
    title: str
    # Every accepted creator's byline and page, the lead first, in step; "Anonymous" with no page for an
    # anonymous work.
    authors: list[str]
    author_urls: list[str]
    story_url: str
    language: str
    rating: str
    warnings: list[str]
    categories: list[str]
    fandoms: list[str]
    relationships: list[str]
    characters: list[str]
    additional_tags: list[str]
    summary_html: str
    notes_html: str
    end_notes_html: str
    complete: bool
    words: int
    chapters_display: str
    published: date | None
    updated: date
    modified: datetime
    # The archive's address as the reader reached it (quire/core/site.py): story and author links use it.
    site: str = ""
    chapters: list[ExportChapter] = field(default_factory=list)
    # (name, part number), from series_place(): the EPUB writes it as calibre:series and series_index.
    series: tuple[str, int] | None = None
    related: list[RelatedLine] = field(default_factory=list)
    # "for …": the gifts the work shows (refused ones never).
    recipients: list[ExportRecipient] = field(default_factory=list)

    @property
    def for_line(self) -> str:
        """ "for A, B" as plain text, or "" for a work that is nobody's gift."""
        return "for " + ", ".join(r.name for r in self.recipients) if self.recipients else ""

    @property
    def credits(self) -> list[tuple[str, str]]:
        """(byline, page address) of each creator."""
        return list(zip(self.authors, self.author_urls, strict=True))

    @property
    def status(self) -> str:
        """FanFicFare's words, which Calibre columns and its plugins already know."""
        return "Completed" if self.complete else "In-Progress"

    @property
    def subjects(self) -> list[str]:
        """Tags for dc:subject, in the order FanFicFare writes an AO3 work's."""
        seen, subjects = set(), []
        for name in [
            *self.fandoms,
            self.rating,
            *self.warnings,
            *self.categories,
            *self.relationships,
            *self.characters,
            *self.additional_tags,
            self.status,
        ]:
            if name and name.lower() not in seen:
                seen.add(name.lower())
                subjects.append(name)
        return subjects


def included_chapters(work: Work, *, include_unposted: bool):
    return Chapter.objects.filter(work=work) if include_unposted else posted_chapters(work)


def series_place(work: Work) -> tuple[str, int] | None:
    """The series a download names and the work's part number in it, in one query.

    A work in several series is named in the one its page lists first (the oldest series), which is the one
    FanFicFare takes from the page too. The number counts what a guest sees on the series page: drafts,
    restricted and hidden works before this one are left out, so a file every reader shares neither names
    nor hints at them (a member may see a restricted earlier part on the page, and a higher number there)."""
    guest_sees = works_for(AnonymousUser(), Surface.LISTING, hide_muted=False)
    earlier = (
        SeriesWork.objects.filter(
            series=OuterRef("series"), position__lt=OuterRef("position"), work__in=guest_sees
        )
        .order_by()
        .values("series")
        .annotate(count=Count("pk"))
        .values("count")
    )
    place = (
        SeriesWork.objects.filter(work=work)
        .order_by("series_id")
        .values_list("series__title", Subquery(earlier))
        .first()
    )
    if place is None:
        return None
    title, earlier_parts = place
    return title, (earlier_parts or 0) + 1


def creators(work: Work) -> list:
    """The accepted creators' pseuds, the lead first; invitations not yet accepted are never named. None for
    an anonymous work: a download is one file for all its readers, so it says "Anonymous" to its creators
    too, until the reveal (and the fingerprint, which lists these, changes then)."""
    if not creators_public(work):
        return []
    return credited_pseuds(work) or [work.pseud]


def related_lines(work: Work, site: str) -> list[RelatedLine]:
    """What the work is inspired by, a translation, podfic or remix of, as a guest may be told it: the file
    is shared by every reader, so a parent that is restricted, a draft or hidden is never named in it."""
    language = language_name(work.language)
    return [
        RelatedLine(
            label=link.kind.phrase(language),
            title=link.title,
            creator=link.creator,
            url=link.url if link.elsewhere else site + link.url,
        )
        for link in parents_of(AnonymousUser(), work, Surface.DOWNLOAD)
    ]


def fingerprint(work: Work, *, include_unposted: bool, site: str) -> str:
    """Changes whenever anything a download shows changes: the work's update time (which every chapter
    edit, post and reorder moves), and, for what can change without it, the credited creators (an accepted
    invitation, a creator leaving, a renamed pseud), tag names, the series and part number, the related works
    named, the gifts' recipients (given, refused, their accounts deleted) and the chapters' own update times.
    Reads no chapter text."""
    rows = list(
        included_chapters(work, include_unposted=include_unposted)
        .order_by("position")
        .values_list("pk", "updated_at", "posted_at")
    )
    parts = [
        FORMAT_VERSION,
        work.pk,
        work.updated_at.isoformat(),
        work.revised_at.isoformat(),
        [(pseud.pk, pseud.byline) for pseud in creators(work)],
        [(row.tag.type, row.tag.name) for row in work.work_tags.all()],
        [(pk, updated.isoformat(), bool(posted)) for pk, updated, posted in rows],
        series_place(work),
        [gift.recipient for gift in recipients_of(work)],
        site,
    ]
    if related := related_lines(work, site):  # only then: the files of works naming none stay as they were
        parts.append(related)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def gather(work: Work, *, include_unposted: bool, site: str) -> ExportDocument:
    """`work` comes from Work.objects.for_listing(), so its tags are already loaded."""
    chapters = list(included_chapters(work, include_unposted=include_unposted).order_by("position"))
    multi = len(chapters) > 1
    expected = work.expected_chapters
    return ExportDocument(
        work_id=work.pk,
        title=work.title,
        authors=[pseud.byline for pseud in creators(work)] or [ANONYMOUS],
        author_urls=[site + pseud.get_absolute_url() for pseud in creators(work)] or [""],
        story_url=site + work.get_absolute_url(),
        language=work.language,
        rating=work.get_rating_display(),
        warnings=[w.label for w in work.warnings],
        categories=[c.label for c in work.categories],
        fandoms=[t.name for t in work.fandoms],
        relationships=[t.name for t in work.relationships],
        characters=[t.name for t in work.characters],
        additional_tags=[t.name for t in work.additional_tags],
        summary_html=work.summary_html,
        notes_html=work.notes_html,
        end_notes_html=work.end_notes_html,
        complete=expected is not None and len(chapters) >= expected,
        words=sum(c.word_count for c in chapters),
        chapters_display=f"{len(chapters)}/{expected or '?'}",
        published=work.posted_at.date() if work.posted_at else None,
        updated=work.revised_at.date(),
        modified=work.updated_at,
        site=site,
        series=series_place(work),
        related=related_lines(work, site),
        recipients=[
            ExportRecipient(name=gift.recipient, url=site + gift.url if gift.url else "")
            for gift in recipients_of(work)
        ],
        chapters=[
            ExportChapter(
                number=number,
                title=chapter.title,
                heading=_heading(number, chapter.title, multi=multi, work_title=work.title),
                body_html=chapter.body_html,
                summary_html=chapter.summary_html,
                notes_html=chapter.notes_html,
                end_notes_html=chapter.end_notes_html,
            )
            for number, chapter in enumerate(chapters, start=1)
        ],
    )


def _heading(number: int, title: str, *, multi: bool, work_title: str) -> str:
    if not multi:
        return title or work_title
    return f"Chapter {number}: {title}" if title else f"Chapter {number}"
