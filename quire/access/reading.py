"""Which works, chapters, reviews, tags and notifications a viewer may see, on which surface.

The rule (AO3's), one function per kind of object with the surface as a parameter, as pretalx's
`submissions_for_user(event, user, context)`:
- a posted work: everyone, everywhere; a restricted one: logged-in readers only, and never on the surfaces
  fetched without a session (feeds, the public catalog), whoever asks;
- a draft: its author alone, on their own pages and with their own token; never in a catalog, search or
  notification;
- a work a moderator hid: its author, and the moderators on the work itself (never in listings);
- the moderators' own pages reach what was reported, what is public and what moderators hid, not writers'
  unreported drafts;
- a reader's mutes leave the muted writer's works out of what they browse (listings, search, their private
  catalog) and the muted writer's reviews out of every page, but not a work or profile opened on purpose;
- a work in an unrevealed collection (quire.collections): until the reveal, its creators, its gift's
  recipients and the collection's maintainers see it as any posted work; everyone else sees nothing of it
  anywhere (the collection page shows it as a "Mystery work", with nothing of the work); nobody is told of
  it until the reveal;
- a work in an anonymous collection: its creators are "Anonymous" on every surface until the reveal, except
  to themselves and, on the collection's management page alone, to its maintainers (`creators_hidden_from`); what is one output for every reader (the search index, feeds,
  catalogs, downloads, messages) says "Anonymous" to them too (`creators_public`), and lists of one writer's
  works (their pages, series, feeds, the API) leave it out for everyone else (`credited_works_shown`,
  `creators_kept_from`).
"""

from enum import StrEnum

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from quire.access.surfaces import Surface
from quire.access.writing import may_edit_pages, may_maintain_collection
from quire.collections.models import MAINTAINERS, CollectionItem, CollectionRole
from quire.creators.models import Creatorship
from quire.creators.selectors import (
    byline_names,
    creator_user_ids,
    credited_work_ids,
    credits_prefetch,
    is_creator,
)
from quire.discovery.models import SearchDocument
from quire.feedback.models import Bookmark, Review
from quire.feeds.models import CatalogToken
from quire.follows.models import Notification
from quire.gifts.models import Gift
from quire.moderation.models import MODERATE, Report, Target, muted_by
from quire.news.models import NewsComment, NewsPost
from quire.sitepages.models import Page
from quire.works.models import UNLISTED, Chapter, Work, WorkTag

# Posted and not hidden by a moderator: the archive's public record, restricted works included.
PUBLISHED = Q(posted_at__isnull=False, hidden_at__isnull=True)
POSTED_CHAPTER = Q(posted_at__isnull=False)

# Fetched by feed readers and e-readers that never log in: a guest's view whoever asks.
SESSIONLESS = frozenset({Surface.FEED, Surface.PUBLIC_CATALOG})
# What a reader browses: their mutes apply here (never to a work opened on purpose).
BROWSED = frozenset({Surface.LISTING, Surface.SEARCH, Surface.PRIVATE_CATALOG, Surface.API})
# Where moderators also reach a work a moderator hid: the work itself, to review it.
DIRECT = frozenset({Surface.PAGE, Surface.DOWNLOAD, Surface.API})


REVEALED = Q(in_unrevealed=False)


def _readable(user) -> Q:
    if not user.is_authenticated:
        return PUBLISHED & REVEALED & Q(restricted=False)
    # Drafts and hidden works are seen by each of their accepted creators (quire.creators), not by invitees.
    return (
        (PUBLISHED & REVEALED)
        | Q(pk__in=credited_work_ids(user=user))
        | (PUBLISHED & _unrevealed_shown_to(user))
    )


def _unrevealed_shown_to(user) -> Q:
    """Unrevealed works this member may see before the reveal: gifts to them (not refused), and the works in
    the collections they maintain (or whose standing collection they maintain)."""
    gifts = Gift.objects.filter(pseud__user=user, refused_at__isnull=True, work__in_unrevealed=True)
    maintained = CollectionRole.objects.filter(user=user, role__in=MAINTAINERS).values("collection_id")
    items = CollectionItem.objects.filter(
        Q(collection__in=maintained) | Q(collection__parent__in=maintained), work__in_unrevealed=True
    )
    return Q(pk__in=gifts.values("work_id")) | Q(pk__in=items.values("work_id"))


def _viewer(user, surface: Surface):
    return AnonymousUser() if surface in SESSIONLESS else user


def _is_moderator(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE)


# --- Works -------------------------------------------------------------------------------------------


def works_for(user, surface: Surface, *, hide_muted: bool = True):
    """The works this viewer may see listed on this surface (a WorkQuerySet, for chaining)."""
    if surface is Surface.MODERATION:
        return moderated_works()
    user = _viewer(user, surface)
    works = Work.objects.filter(_readable(user))
    if surface in (Surface.PRIVATE_CATALOG, Surface.PUBLIC_CATALOG):
        # E-readers get posted works: even the member's own drafts stay on their pages.
        works = works.filter(posted_at__isnull=False)
    if hide_muted and surface in BROWSED and user.is_authenticated:
        # A subquery, so the total, the pages and the facets of a listing all follow it.
        works = works.exclude(pk__in=_works_of_muted(user))
    return works


def work_for(
    user,
    work_id: int,
    surface: Surface = Surface.PAGE,
    *,
    blurb: bool = True,
    annotations: dict | None = None,
) -> Work:
    """One work as this viewer may open it on this surface, with what its blurb shows; 404 otherwise, so
    drafts and restricted works stay unknown. Moderators also reach a work a moderator hid, to review it.
    `blurb=False` reads the work's row alone, for what only needs to know it may be opened (a redirect).
    `annotations` ride on the same query (the work page's "what this reader already gave", in one query)."""
    if surface is Surface.MODERATION:
        found = moderated_works() if _is_moderator(user) else Work.objects.none()
    else:
        found = works_for(user, surface, hide_muted=False)
        if surface in DIRECT and _is_moderator(user):
            # Not an unrevealed work: until the reveal it is its collection's maintainers' to moderate.
            found = Work.objects.filter(_readable(user) | Q(posted_at__isnull=False, in_unrevealed=False))
    works = found.for_listing(one_work=True) if blurb else found
    work = works.filter(pk=work_id).annotate(**(annotations or {})).first()
    if work is None:
        raise Http404
    return work


def linked_works_for(user, surface: Surface = Surface.PAGE):
    """The works another work may name to this viewer ("Inspired by", "Works inspired by this"): those they
    may see listed, less their muted writers' (a link is browsed, not a work opened on purpose), so a draft,
    a hidden work or a restricted one (for a guest) is never named. Moderators reach a hidden work from the
    moderation queue, not from a link. A download is one file for all its readers: a guest's view."""
    if surface is Surface.DOWNLOAD:
        return works_for(AnonymousUser(), Surface.LISTING)
    return works_for(user, surface if surface in BROWSED else Surface.LISTING)


def moderated_works():
    """What the moderators' pages reach: works that were ever posted (public, restricted or hidden by a
    moderator) and anything reported, but not a writer's unreported draft."""
    reported = Report.objects.filter(target_type=Target.WORK, target_id=OuterRef("pk"))
    return Work.objects.filter(Q(posted_at__isnull=False) | Exists(reported))


def public_bookmarks_for(user, surface: Surface = Surface.LISTING) -> QuerySet:
    """Public bookmarks this viewer may see listed (a pseud's page): never a private one, even the viewer's
    own, and only of works the viewer may see listed there (a muted writer's works are left out, as from
    every list a reader browses)."""
    return Bookmark.objects.filter(private=False, work__in=works_for(user, surface).values("pk"))


def may_moderate(user, work: Work | None, *, reported: bool) -> bool:
    """Whether a moderator's page may show this work (or its chapter or review), by moderated_works' rule;
    `work` is None for a subject that is an account."""
    if not _is_moderator(user):
        return False
    return work is None or work.posted_at is not None or reported


def hidden_works(user):
    """The works this reader may not see; always among the few UNLISTED ones, held in a partial index, so a
    count can subtract them instead of reading a work row per work."""
    return Work.objects.filter(UNLISTED).exclude(_readable(user))


def published_works():
    """Posted and not hidden: what archive-wide figures (comparisons, rates) and the search index are
    made of. Restricted works are included; who may then see each is decided per viewer above."""
    return Work.objects.filter(PUBLISHED)


def search_documents_for(user, surface: Surface = Surface.SEARCH, *, hide_muted: bool = True) -> QuerySet:
    """The search documents of the works this reader may find.

    Only published works are indexed, and a document copies its work's restricted flag, but a work changed
    without its services (a shell) would keep a stale document until the next reindex: so the works hidden
    from this reader are also excluded as they are now, read from the partial index of unlisted works. As
    NOT IN, PostgreSQL hashes those few ids once; as NOT EXISTS it probed the index once per match (306,000
    probes, 380 ms, for a common word on the 1,000,000-work bench). A writer's own drafts have no document:
    they are never search results, for anyone.
    """
    user = _viewer(user, surface)
    documents = SearchDocument.objects.all()
    if not user.is_authenticated:
        documents = documents.filter(restricted=False)
    documents = documents.exclude(pk__in=hidden_works(user).values("pk"))
    if hide_muted and surface in BROWSED and user.is_authenticated:
        documents = documents.exclude(pk__in=_works_of_muted(user))
    return documents


def _works_of_muted(user):
    """The works any creator of which this reader muted (a co-created work goes with each of its creators),
    as a subquery; muting is rare, so it holds few ids."""
    return Creatorship.objects.filter(
        work__isnull=False, accepted_at__isnull=False, user__in=muted_by(user)
    ).values("work_id")


# --- Anonymous works: who may learn who wrote a work ---------------------------------------------------

# What every surface says instead of an anonymous work's creators (AO3's words), and instead of a creator
# who reviews or replies on it.
ANONYMOUS = "Anonymous"
ANONYMOUS_CREATOR = "Anonymous Creator"


def creators_hidden_from(user, work: Work, *, managing: CollectionItem | None = None) -> bool:
    """Whether this viewer sees "Anonymous" instead of the work's creators: a work in an anonymous
    collection, to everyone but its own creators, until the creators' reveal. Sessionless surfaces pass a
    guest.

    `managing` is the work's item on its collection's management page: there the collection's maintainers
    (its parent's too) read the creators, to check what came in, as AO3 shows them in its "collection items
    management area". Nowhere else, not on the work, nor on the collection's page: a maintainer who reads
    the works as everyone does is not told who wrote them unasked (AO3's reason: spoilers)."""
    if not work.in_anonymous or is_creator(user, work):
        return False
    return not (
        managing is not None
        and managing.work_id == work.pk
        and may_maintain_collection(user, managing.collection)
    )


def creators_public(work: Work) -> bool:
    """Whether the work's creators may be named to anyone at all: what one output for every reader (the search
    index, a feed, a download's file, a message to followers) asks, as a guest would."""
    return not creators_hidden_from(AnonymousUser(), work)


def public_byline(work: Work) -> str:
    """The byline as plain text for a message or file every reader may get ("Pen (user), Other"), or
    "Anonymous": notification texts are written once for all their readers."""
    return byline_names(work) if creators_public(work) else ANONYMOUS


def mask_creators_reviews(user, work: Work, reviews) -> None:
    """Reviews and replies its own creators wrote on an anonymous work are "Anonymous Creator" to this
    viewer (`review.shown_as`, which Review.author_name and the review template read): a reply signed with
    a pseud would name the writer."""
    if not creators_hidden_from(user, work):
        return
    writers = creator_user_ids(work) | {work.author_id}
    for review in reviews:
        if review.user_id is not None and review.user_id in writers:
            review.shown_as = ANONYMOUS_CREATOR


def creators_kept_from(user) -> Q:
    """The works (a Q on works) whose creators this viewer may not learn: anonymous ones not their own. A list
    made of one writer's works (a series, "Works by", a pseud's page) leaves them out, or it would name them."""
    kept = Q(in_anonymous=True)
    if user.is_authenticated:
        kept &= ~Q(pk__in=credited_work_ids(user=user))
    return kept


def credited_works_shown(viewer, *, user=None, pseud=None) -> Q:
    """The works credited to `user` (any of their pseuds) or to `pseud` that this viewer may see listed as
    theirs ("Works by", the profile, a pseud's page, an author's feed): anonymous ones only to their own
    creators. A Q on the work's pk alone (a subquery), so a search scoped by it is still answered from the
    search documents."""
    rows = Creatorship.objects.filter(work__isnull=False, accepted_at__isnull=False)
    if user is not None:
        rows = rows.filter(user=user)
    if pseud is not None:
        rows = rows.filter(pseud=pseud)
    owner_id = user.pk if user is not None else getattr(pseud, "user_id", None)
    if not (viewer.is_authenticated and viewer.pk == owner_id):
        shown = Q(work__in_anonymous=False)
        if viewer.is_authenticated:
            shown |= Q(work__in=credited_work_ids(user=viewer))
        rows = rows.filter(shown)
    return Q(pk__in=rows.values("work_id"))


def byline_sort_key():
    """What "sort by author" orders a work by: "anonymous" for an anonymous work, so it does not sit among
    its writer's other works."""
    return Case(When(in_anonymous=True, then=Value("anonymous")), default=Lower("pseud__name"))


def mystery_items(user, collection_ids) -> QuerySet:
    """The collection's items this viewer may not see yet: unrevealed works shown as "Mystery work"
    (nothing of them but that they exist and when they came in)."""
    # Posted works only: a draft put in the collection is nobody's mystery yet.
    return CollectionItem.objects.filter(
        collection__in=collection_ids, work__in_unrevealed=True, work__in=published_works().values("pk")
    ).exclude(work__in=Work.objects.filter(_readable(user)).values("pk"))


def catalog_reader(key: str):
    """Whose view a private catalog address shows: the active member whose current key it is; 404 for a
    retired key or a closed or banned account, so an old address shows nothing."""
    token = CatalogToken.objects.select_related("user").filter(key=key, user__is_active=True).first()
    if token is None:
        raise Http404
    return token.user


# --- Chapters ----------------------------------------------------------------------------------------


def chapters_for(user, work: Work):
    """A work's chapters as this reader may see them: posted ones, or all of them for the author."""
    chapters = Chapter.objects.filter(work=work)
    return chapters if work.is_owned_by(user) else chapters.filter(POSTED_CHAPTER)


def chapter_for(user, work: Work, chapter_id: int) -> Chapter:
    """One chapter of a work this reader may already see; 404 for an unposted one, unless theirs."""
    chapter = chapters_for(user, work).filter(pk=chapter_id).first()
    if chapter is None:
        raise Http404
    return chapter


def may_beta_read(user, work: Work) -> bool:
    """A chapter's beta read, draft or posted, and every report stored for it: its writer's alone."""
    return work.is_owned_by(user)


def beta_read_chapter(user, work_id: int, chapter_id: int) -> Chapter:
    """The chapter to beta read, with its work; the same 404 as a missing page for anyone but its writer."""
    chapter = Chapter.objects.select_related("work").filter(pk=chapter_id, work_id=work_id).first()
    if chapter is None or not may_beta_read(user, chapter.work):
        raise Http404
    return chapter


def posted_chapters(work=None):
    """Posted chapters (of one work, or all): what totals, numbers and reading positions count."""
    chapters = Chapter.objects.filter(POSTED_CHAPTER)
    return chapters if work is None else chapters.filter(work=work)


def unposted_chapters(work=None):
    """Chapters not posted yet: drafts and scheduled ones, for the services that post them."""
    chapters = Chapter.objects.filter(posted_at__isnull=True)
    return chapters if work is None else chapters.filter(work=work)


def published_chapters():
    """Posted chapters of published works: what archive-wide rates are measured on."""
    return Chapter.objects.filter(POSTED_CHAPTER, work__posted_at__isnull=False, work__hidden_at__isnull=True)


# --- Reviews -----------------------------------------------------------------------------------------


def reviews_for(user, work: Work) -> QuerySet:
    """Published reviews, plus pending ones to the writer and to their own author. Reviews a moderator hid
    show only to their author and to moderators; reviews by people this reader muted, to nobody."""
    reviews = Review.objects.all()
    if not user.is_authenticated:
        reviews = reviews.filter(hidden_at__isnull=True)
    else:
        reviews = reviews.exclude(user__in=muted_by(user))
        if not _is_moderator(user):
            reviews = reviews.filter(Q(hidden_at__isnull=True) | Q(user=user))
    if work.is_owned_by(user):
        return reviews
    shown = Q(status__in=[Review.Status.PUBLISHED, Review.Status.DELETED])
    if user.is_authenticated:
        shown |= Q(status=Review.Status.PENDING, user=user)
    return reviews.filter(shown)


def review_for(user, review_id: int) -> Review:
    """One review as this viewer may open it where it stands: on a work and a chapter they may read, and
    shown to them (reviews_for); 404 otherwise, so a link to it (eFiction's reviews.php?reviewid=N) tells
    nothing of a hidden review, an unposted chapter or a work they may not see, nor where it went."""
    review = Review.objects.filter(pk=review_id).only("work_id", "chapter_id").first()
    if review is None:
        raise Http404
    work = work_for(user, review.work_id, blurb=False)
    shown = reviews_for(user, work).filter(pk=review.pk, chapter__in=chapters_for(user, work).values("pk"))
    if not shown.exists():
        raise Http404
    return review


# --- Tags --------------------------------------------------------------------------------------------


def may_see_tag(user, tag) -> bool:
    """A tag a wrangler made canonical or a synonym is the archive's vocabulary, shown to all. Any other tag
    exists for a reader only while a work they may see uses it: otherwise its name, typed by a writer on a
    draft or a restricted work, would tell who wrote what. Its own users and staff always see it."""
    if tag.canonical or tag.merger_id or tag.type == "media":
        return True
    if user.is_authenticated and (user.is_staff or _is_moderator(user) or user.has_perm("tags.wrangle_tag")):
        return True
    used_by = WorkTag.objects.filter(tag=tag)
    if user.is_authenticated and used_by.filter(work__in=credited_work_ids(user=user)).exists():
        return True
    return used_by.filter(work__in=works_for(user, Surface.LISTING, hide_muted=False).values("pk")).exists()


# --- Site pages (Terms of Service, FAQ, About, ...) ---------------------------------------------------


def published_pages() -> QuerySet:
    """The archive's pages everyone may read: what the footer lists, whoever looks."""
    return Page.objects.filter(published=True)


def pages_for(user) -> QuerySet:
    """Published pages; unpublished ones too for the staff who may edit pages (writing.may_edit_pages)."""
    return Page.objects.all() if may_edit_pages(user) else published_pages()


def page_for(user, slug: str) -> Page:
    """One page as this viewer may read it; a draft is a 404 to everyone but its editors."""
    page = pages_for(user).filter(slug=slug).first()
    if page is None:
        raise Http404
    return page


# --- Notifications -----------------------------------------------------------------------------------


def notifications_for(user):
    """A user's messages, less those about works a moderator hid (unless the work is theirs) and about
    unrevealed works they may not see."""
    return Notification.objects.filter(user=user).exclude(
        (Q(work__hidden_at__isnull=False) & ~Q(work__in=credited_work_ids(user=user)))
        | (Q(work__in_unrevealed=True) & ~Q(work__in=Work.objects.filter(_readable(user)).values("pk")))
    )


def counted_reviews(work: Work) -> QuerySet:
    """The reviews a work's figures count (its stats, its review count): published ones a moderator has not
    hidden, whoever looks."""
    return Review.objects.filter(work=work, status=Review.Status.PUBLISHED, hidden_at__isnull=True)


def reviews_quoted_in_inbox(user, review_ids) -> dict[int, Review]:
    """The reviews the inbox may quote to this user, by id: what reviews_for would show them of those
    reviews (a review or reply to them, never one a moderator hid since or by someone they muted)."""
    reviews = list(
        Review.objects.filter(pk__in=review_ids, hidden_at__isnull=True)
        .exclude(user__in=muted_by(user))
        .filter(
            Q(status=Review.Status.PUBLISHED)
            | Q(status=Review.Status.PENDING, work__in=credited_work_ids(user=user))
        )
        .select_related("work", "user", "pseud__user")
        .prefetch_related(credits_prefetch("work__creatorships"))
    )
    for review in reviews:
        mask_creators_reviews(user, review.work, [review])
    return {review.pk: review for review in reviews}


def may_be_told(user, work: Work | None) -> bool:
    """Whether a message about this work may still reach this user (by email, now): not once a moderator
    hid the work, unless it is theirs."""
    return work is None or work.hidden_at is None or is_creator(user, work)


def may_hear_of(work: Work) -> bool:
    """Whether news of this work goes out at all: published works only, and an unrevealed work only from its
    reveal (each message then goes only to people who follow it or its writer, and who may see it)."""
    return work.posted_at is not None and work.hidden_at is None and not work.in_unrevealed


def may_hear_of_feedback(work: Work) -> bool:
    """Whether its creators are told of reviews and replies on this work: once posted and while not hidden,
    revealed or not (a gift's recipient may answer an unrevealed gift; its writers may read it)."""
    return work.posted_at is not None and work.hidden_at is None


# --- The adult-content notice ------------------------------------------------------------------------


class Adult(StrEnum):
    SHOW = "show"
    NOTICE = "notice"  # AO3's "This work could have adult content" page, before the text
    REFUSE = "refuse"  # the operator keeps adult downloads from guests


ADULT_SESSION_KEY = "adult_ok"
# Surfaces that promise a file: a link there is an explicit request for it, so the file comes (AO3 gates no
# download behind the notice) or a clear refusal, never an HTML notice served where a book was promised.
FILE_SURFACES = frozenset({Surface.DOWNLOAD, Surface.PUBLIC_CATALOG, Surface.PRIVATE_CATALOG})


def adult_content(request, work: Work, surface: Surface = Surface.PAGE) -> Adult:
    """How the adult-content notice applies to this request for this work. On a page it is shown once per
    session, until accepted (or ?view_adult=true)."""
    user = _viewer(request.user, surface)
    if not work.is_adult or work.is_owned_by(user):
        return Adult.SHOW
    if surface in FILE_SURFACES:
        if not user.is_authenticated and not settings.ADULT_DOWNLOADS_FOR_GUESTS:
            return Adult.REFUSE
        return Adult.SHOW
    if user.is_authenticated and user.view_adult:  # their preference: adult works without the notice
        return Adult.SHOW
    if request.GET.get("view_adult") == "true":
        request.session[ADULT_SESSION_KEY] = True
    return Adult.SHOW if request.session.get(ADULT_SESSION_KEY) else Adult.NOTICE


# --- News: staff posts and readers' comments on them -------------------------------------------------


def news_posts_for(user, surface: Surface = Surface.LISTING) -> QuerySet:
    """News posts this viewer may read: published ones (their date has come); staff who may write news also
    see the ones still to come, to check them, but never on a sessionless surface (the feed)."""
    user = _viewer(user, surface)
    posts = NewsPost.objects.all()
    if not (user.is_authenticated and user.has_perm("news.change_newspost")):
        posts = posts.filter(published_at__lte=timezone.now())
    return posts


def news_post_for(user, post_id: int):
    """One news post as this viewer may open it; 404 otherwise, so a post still to come stays unknown."""
    post = news_posts_for(user, Surface.PAGE).select_related("author").filter(pk=post_id).first()
    if post is None:
        raise Http404
    return post


def news_comments_for(user, post) -> QuerySet:
    """A news post's comments by reviews_for's rule: comments a moderator hid show only to their author and
    to moderators; comments by people this reader muted, to nobody. Deleted ones stay as placeholders."""
    comments = NewsComment.objects.filter(post=post)
    if not user.is_authenticated:
        return comments.filter(hidden_at__isnull=True)
    comments = comments.exclude(user__in=muted_by(user))
    if not _is_moderator(user):
        comments = comments.filter(Q(hidden_at__isnull=True) | Q(user=user))
    return comments


def news_comment_counts(post_ids) -> dict[int, int]:
    """How many comments each post shows everyone (published, not hidden), for the news list: one query."""
    rows = (
        NewsComment.objects.filter(
            post_id__in=list(post_ids), status=NewsComment.Status.PUBLISHED, hidden_at__isnull=True
        )
        .values_list("post_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


# --- Gift exchanges (quire.exchanges) --------------------------------------------------------------------


def may_see_signup(user, signup) -> bool:
    """A sign-up is its member's and the exchange's maintainers' (AO3 shows sign-ups to nobody else)."""
    return user.is_authenticated and (
        signup.user_id == user.pk or may_maintain_collection(user, signup.exchange.collection)
    )


def may_see_assignment(user, assignment) -> bool:
    """An assignment is seen by the maintainers, and once sent by its giver (the member writing it now). Its
    recipient never sees who gives to them: they find out at the creators' reveal, from the work."""
    if not user.is_authenticated:
        return False
    if assignment.sent_at is not None and assignment.giver_id == user.pk:
        return True
    return may_maintain_collection(user, assignment.exchange.collection)


# --- Prompt memes (quire.prompts) ----------------------------------------------------------------------


def prompter_hidden_from(user, prompt) -> bool:
    """Whether this viewer sees "Anonymous" instead of an anonymous prompt's prompter: everyone but the
    prompter and the collection's maintainers, on every page and in every message (a message to someone
    else is written as for a guest). Asking for a page of prompts of one meme costs one query (the
    viewer's role, read once per collection object)."""
    if not prompt.anonymous:
        return False
    if user is not None and user.is_authenticated and user.pk == prompt.user_id:
        return False
    return not may_maintain_collection(user, prompt.meme.collection)


def claimer_hidden_from(user, claim, prompt) -> bool:
    """Whether this viewer sees "Anonymous" instead of a claim's member: in an anonymous collection (its
    fills will be anonymous, so the claims would give them away), and a prompter's claim on their own
    anonymous prompt; never to the claimer themselves or the collection's maintainers."""
    if user is not None and user.is_authenticated and user.pk == claim.user_id:
        return False
    collection = prompt.meme.collection
    if collection.is_anonymous:
        return not may_maintain_collection(user, collection)
    return claim.user_id == prompt.user_id and prompter_hidden_from(user, prompt)
