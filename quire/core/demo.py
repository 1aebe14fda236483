"""Loads demo_content.py into the archive through the same services writers use."""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from quire.access.reading import posted_chapters
from quire.access.staff import MODERATORS_GROUP
from quire.accounts.models import User
from quire.accounts.services import create_pseud, create_user, own_pseud
from quire.core import demo_events
from quire.core.demo_content import (
    AUTHORS,
    CANONICAL_ADDITIONAL_TAGS,
    MEDIA_OF_FANDOMS,
    META_TAGS,
    NEWS,
    RELATED_WORKS,
    SCHEDULED_CHAPTERS,
    SERIES,
    STAFF,
    SYNONYMS,
    WORKS,
)
from quire.core.text import TextFormat
from quire.creators import services as creators
from quire.feedback import services as feedback
from quire.follows import services as follows
from quire.insights.models import ReadEvent
from quire.insights.recording import reader_key
from quire.news import services as news
from quire.related import services as related
from quire.series import services as series_services
from quire.sitepages import demo as sitepages_demo
from quire.tags import services as wrangling
from quire.tags.enums import TagType
from quire.tags.models import Tag
from quire.works import services
from quire.works.models import Work

DEMO_PASSWORD = "quire-demo-2026"


def archive_is_empty() -> bool:
    return not Work.objects.exists()


@transaction.atomic
def load() -> list[Work]:
    authors = {}
    for author in AUTHORS:
        user = User.objects.filter(username__iexact=author["username"]).first()
        authors[author["username"]] = user or create_user(
            username=author["username"],
            email=author["email"],
            password=DEMO_PASSWORD,
            about=author.get("about", ""),
        )
        for pseud in author.get("pseuds", []):
            if not authors[author["username"]].pseuds.filter(name__iexact=pseud["name"]).exists():
                create_pseud(user=authors[author["username"]], **pseud)
    now = timezone.now()
    works = []
    for spec in WORKS:
        first_posted = now - timedelta(days=spec.get("days_ago", 1))
        chapters = spec["chapters"]
        step = timedelta(days=spec.get("days_ago", 1)) / (len(chapters) + 1)
        work = services.create_work(
            author=authors[spec["author"]],
            work=services.WorkFields(
                title=spec["title"],
                rating=spec["rating"],
                warnings=spec["warnings"],
                categories=spec.get("categories", []),
                fandoms=spec["fandoms"],
                relationships=spec.get("relationships", []),
                characters=spec.get("characters", []),
                additional_tags=spec.get("tags", []),
                summary=spec.get("summary", ""),
                notes=spec.get("notes", ""),
                end_notes=spec.get("end_notes", ""),
                language=spec.get("language", "en"),
                expected_chapters=spec.get("expected_chapters"),
                restricted=spec.get("restricted", False),
                text_format=TextFormat.PLAIN,
                pseud_id=_pseud_id(authors[spec["author"]], spec.get("pseud")),
                recipients=spec.get("gift_to"),
            ),
            chapter=_chapter_fields(chapters[0]),
            post=not spec.get("draft", False),
            now=first_posted,
        )
        for number, chapter in enumerate(chapters[1:], start=1):
            services.add_chapter(
                work=work,
                user=work.author,
                fields=_chapter_fields(chapter),
                post=not spec.get("draft"),
                now=first_posted + step * number,
            )
        for name in spec.get("co_creators", []):
            invitation = creators.invite_creator(
                thing=work, pseud=authors[name].default_pseud, inviter=authors[spec["author"]]
            )
            creators.accept_invitation(creatorship=invitation, user=authors[name])
        works.append(work)
    _add_reader_feedback(works, list(authors.values()))
    _add_guest_readers(works)
    _add_series_and_scheduled_chapters(works, authors, now)
    _add_related_works(works)
    _wrangle()
    _add_staff()
    sitepages_demo.load(password=DEMO_PASSWORD)
    _add_news()
    demo_events.load(authors)
    return works


def _pseud_id(author, name: str | None) -> int | None:
    return own_pseud(author, name=name).pk if name else None


def _wrangle() -> None:
    """Wrangle the demo's tags as a wrangling team would have: see MEDIA_OF_FANDOMS and what follows it."""
    for spec in WORKS:
        fandoms = [Tag.objects.named(name).get() for name in spec["fandoms"]]
        for fandom in fandoms:
            wrangling.make_canonical(tag=fandom)
            medium = Tag.objects.named(MEDIA_OF_FANDOMS[fandom.name]).get()
            wrangling.add_parent(tag=fandom, parent=medium)
        for name in [*spec.get("characters", []), *spec.get("relationships", [])]:
            tag = wrangling.make_canonical(tag=Tag.objects.named(name).get())
            if len(fandoms) == 1:  # a crossover's own tags belong to both fandoms: filed by their home works
                wrangling.add_parent(tag=tag, parent=fandoms[0])
    for name in CANONICAL_ADDITIONAL_TAGS:
        wrangling.make_canonical(tag=Tag.for_name(name, TagType.ADDITIONAL))
    for meta_name, sub_names in META_TAGS.items():
        meta = wrangling.make_canonical(tag=Tag.for_name(meta_name, TagType.ADDITIONAL))
        for sub_name in sub_names:
            sub = wrangling.make_canonical(tag=Tag.for_name(sub_name, TagType.ADDITIONAL))
            wrangling.add_parent(tag=sub, parent=meta)
    for name, tag_type, canonical_name in SYNONYMS:
        wrangling.make_synonym(
            tag=Tag.for_name(name, tag_type), canonical=Tag.objects.named(canonical_name).get()
        )


def _add_staff() -> None:
    for spec in STAFF:
        user = User.objects.filter(username__iexact=spec["username"]).first() or create_user(
            username=spec["username"], email=spec["email"], password=DEMO_PASSWORD
        )
        if spec["role"] == "wrangler":
            user.user_permissions.add(Permission.objects.get(codename="wrangle_tag"))
        else:
            user.groups.add(Group.objects.get(name=MODERATORS_GROUP))


def _add_news() -> None:
    """The demo moderator also writes the news and sets the banner; their post has a reader's comment."""
    staff = User.objects.get(username__iexact=NEWS["author"])
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="news", codename__in=["add_newspost", "change_newspost", "change_banner"]
        )
    )
    staff = User.objects.get(pk=staff.pk)  # permissions are cached on the instance
    post = news.create_post(user=staff, fields=news.PostFields(title=NEWS["title"], body=NEWS["body"]))
    commenter, body = NEWS["comment"]
    comment = news.post_comment(
        post=post, user=User.objects.get(username__iexact=commenter), body=body, idempotency_key="demo-news"
    )
    news.post_comment(post=post, user=staff, body=NEWS["reply"], parent=comment, idempotency_key="demo-reply")


def _add_series_and_scheduled_chapters(works: list[Work], authors: dict, now) -> None:
    by_title = {work.title: work for work in works}
    for spec in SERIES:
        author = authors[spec["author"]]
        series = series_services.create_series(
            creator=author,
            fields=series_services.SeriesFields(
                title=spec["title"], summary=spec["summary"], notes=spec["notes"]
            ),
        )
        for title in spec["works"]:
            series_services.add_work(series=series, work=by_title[title], user=author)
    for spec in SCHEDULED_CHAPTERS:
        services.add_chapter(
            work=by_title[spec["work"]],
            user=by_title[spec["work"]].author,
            fields=_chapter_fields(spec),
            post=False,
            release_at=now + timedelta(days=spec["in_days"]),
        )


def _add_related_works(works: list[Work]) -> None:
    """As the writers would have: the child's writer names the parent, the parent's writer lists it."""
    by_title = {work.title: work for work in works}
    for spec in RELATED_WORKS:
        child = by_title[spec["work"]]
        parent = by_title.get(spec.get("parent"))
        relation = related.relate_work(
            user=child.author,
            work=child,
            kind=spec["kind"],
            url=parent.get_absolute_url() if parent else spec["url"],
            title=spec.get("title", ""),
            creator=spec.get("creator", ""),
        )
        if spec.get("approved"):
            related.set_listed(user=parent.author, relation=relation, listed=True)


DEMO_REVIEWS = [
    "I did not expect to care this much about a road trip. Please, please keep going!",
    "The dialogue here is so exactly them. I could hear every line.",
    "That ending! I need the next chapter like I need coffee.",
    "Quietly devastating in the best way. Thank you for writing this.",
]


def _add_reader_feedback(works: list[Work], people: list) -> None:
    """Kudos, a few reviews, bookmarks and subscriptions from the other demo authors."""
    for index, work in enumerate(w for w in works if not w.is_draft and not w.restricted):
        readers = [p for p in people if not work.is_owned_by(p)]
        for reader in readers[: 2 + index % 3]:
            feedback.leave_kudos(work=work, user=reader)
        chapter = work.chapters.order_by("position").first()
        reader = readers[index % len(readers)]
        feedback.post_review(
            chapter=chapter,
            user=reader,
            body=DEMO_REVIEWS[index % len(DEMO_REVIEWS)],
            idempotency_key=f"demo-{work.pk}",
        )
        if not work.is_complete:
            follows.subscribe(user=reader, work=work)
            feedback.ask_for_more(work=work, user=reader)
        feedback.save_bookmark(user=reader, work=work, note="", tags="demo favourites", rec=index % 2 == 0)


def _add_guest_readers(works: list[Work]) -> None:
    """Guests reading the demo works over the last two days, as the read counter would have written them, so
    the writers' stats pages show readers, read-through and, on the most read work in progress, a verdict.
    Of each chapter's readers, two in three reach its end and most of those go on to the next."""
    today = timezone.localdate()
    events = []
    listed = [w for w in works if not w.is_draft and not w.restricted]
    busiest = next((w for w in listed if not w.is_complete), None)
    for index, work in enumerate(listed):
        chapters = list(posted_chapters(work).order_by("position"))
        guests = 40 if work == busiest else 6 + 3 * index
        for n in range(guests):
            key = reader_key(work.pk, guest_token=f"demo-guest-{n:026d}")
            day = today - timedelta(days=n % 2)
            for number, chapter in enumerate(chapters):
                events.append(
                    ReadEvent(work_id=work.pk, chapter_id=chapter.pk, kind="view", reader=key, day=day)
                )
                if (n + number) % 3 == 2:
                    break  # stopped reading part-way through this chapter
                events.append(
                    ReadEvent(work_id=work.pk, chapter_id=chapter.pk, kind="end", reader=key, day=day)
                )
                if n % 4 == 3:
                    break  # reached the end, and did not go on
    ReadEvent.objects.bulk_create(events)


def _chapter_fields(chapter: dict) -> services.ChapterFields:
    return services.ChapterFields(
        title=chapter.get("title", ""),
        notes=chapter.get("notes", ""),
        end_notes=chapter.get("end_notes", ""),
        body=chapter["body"],
        text_format=TextFormat.PLAIN,
    )
