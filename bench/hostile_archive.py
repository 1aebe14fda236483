"""A throwaway production-mode archive shaped for hostile requests (issue #17): a 500,000-word work, a
one-paragraph 100,000-word work (and a 30,000-word one, under the in-request PDF limit), a 505,000-character
chapter for the beta read, a reply chain 100 deep, "Rory" a synonym of "Rory Gilmore", members with API
tokens, 30 ordinary works so the listings have pages, and a challenge collection at its worst (3,000 works,
3,000 bookmarks, 200 subcollections, a gift exchange of 2,000 full sign-ups, a prompt meme of 3,000 prompts;
see COLLECTION_WORKS), and an eFiction archive's traces: an imported author of 1,000 works with a live claim
link, and old eFiction ids for the redirects (IMPORTED_WORKS).

Built through the services where a page would be (works, tags, reviews, tokens) and in bulk where 50
requests would only repeat one (the long work's chapters), so it is ready in well under a minute.

    .venv/bin/python bench/hostile_archive.py            # build one, print its manifest, delete it
    .venv/bin/python bench/hostile_archive.py --keep     # and leave it (its folder is printed)

bench/drill_hostile.py and bench/budgets.py build one each and drop it when they end.
"""

import argparse
import json
import random
import sys
import time

from drill_common import PASSWORD, Archive

MEMBERS = 4  # hostile0..3: one per drill client, so per-account limits are each client's own
LONG_WORDS = 500_000
LONG_CHAPTERS = 50
DISTINCT_CHAPTERS = 5  # the long work's 50 chapters cycle through this many different texts
PARAGRAPH_WORDS = 100_000
MID_PARAGRAPH_WORDS = 30_000  # under the PDF's 200,000-character in-request limit
BETA_CHARACTERS = 505_000
REPLY_DEPTH = 100
ORDINARY_WORKS = 30
# The week's challenge pages, at their worst: one collection holding thousands of works and bookmarks in
# SUBCOLLECTIONS yearly events (a subcollection has no subcollections, so the chain is one deep), running a
# gift exchange of SIGNUPS members, each at the 20 requests and 20 offers with descriptions at their cap, all
# assigned (matching itself runs in the worker for over 500), and a prompt meme of PROMPTS prompts at their
# caps, one of them with CLAIMS claims and FILLS fills; hostile0 owns it and has claimed every prompt.
COLLECTION_WORKS = 3_000
BOOKMARK_READERS, BOOKMARKS_EACH = 60, 50
SUBCOLLECTIONS = 200
SIGNUPS = 2_000
PINCH_HITS = 300
PROMPTS = 3_000
CLAIMS, FILLS = 500, 300
# An eFiction archive moved in (quire.imports): an unclaimed imported author of IMPORTED_WORKS works (their
# unvalidated stories: drafts, so the guests' listings timed above stay as they were) with a live claim link,
# and the old ids of a story, its author, a series, a category and a review, for the old-link redirects.
IMPORTED_WORKS = 1_000

# Short words (with the search terms among them), so 100,000 of them fit one chapter's 510,000.
VOCABULARY = [
    "the",
    "said",
    "she",
    "he",
    "was",
    "had",
    "it",
    "Rory",
    "coffee",
    "quickly",
    "diner",
    "Luke",
    "never",
    "again",
    "really",
    "very",
    "and",
    "of",
    "to",
    "a",
    "in",
    "that",
    "her",
    "his",
    "with",
    "on",
    "for",
    "as",
    "at",
    "they",
    "you",
    "not",
    "but",
    "road",
    "car",
    "night",
    "rain",
    "window",
    "quiet",
    "town",
    "book",
    "door",
    "hand",
    "just",
    "then",
    "back",
    "down",
    "over",
    "know",
    "time",
    "went",
    "would",
    "could",
    "about",
    "there",
    "what",
    "when",
    "up",
    "out",
    "into",
    "like",
    "one",
    "more",
]


def prose(rng: random.Random, words: int, paragraph_words: int | None = 120) -> str:
    """`words` words of sentences; paragraphs of about `paragraph_words` (None: one paragraph)."""
    out, paragraph, sentence = [], [], []
    for n in range(words):
        word = rng.choice(VOCABULARY)
        sentence.append(word.capitalize() if not sentence else word)
        if len(sentence) >= rng.randint(6, 16) or n == words - 1:
            paragraph.append(" ".join(sentence) + rng.choice([".", ".", ".", "!", "?"]))
            sentence = []
            if paragraph_words and len(paragraph) * 11 >= paragraph_words:
                out.append(" ".join(paragraph))
                paragraph = []
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n\n".join(out)


def seed() -> dict:
    """Runs inside a Django process on the archive (see build); returns the manifest."""
    from django.db import transaction

    from quire.accounts.services import create_user
    from quire.api.services import create_token
    from quire.core.text import TextFormat
    from quire.exports.naming import download_filename
    from quire.feedback.services import post_review
    from quire.tags.enums import TagType
    from quire.tags.models import Tag
    from quire.tags.services import make_canonical, make_synonym
    from quire.works import services
    from quire.works.enums import Rating, Warning
    from quire.works.models import Chapter, Work

    rng = random.Random(17)

    def fields(title, **extra):
        values = {
            "title": title,
            "rating": Rating.GENERAL,
            "warnings": [Warning.NONE_APPLY],
            "fandoms": ["Gilmore Girls"],
            "characters": ["Rory Gilmore", "Luke Danes"],
            "relationships": ["Luke Danes/Rory Gilmore"],
            "additional_tags": ["Coffee", "Road Trips"],
            "summary": "Rory drinks coffee at the diner; Luke never says much.",
            "text_format": TextFormat.PLAIN,
        }
        return services.WorkFields(**{**values, **extra})

    def chapter(body, title=""):
        return services.ChapterFields(body=body, title=title, text_format=TextFormat.PLAIN)

    members = [
        create_user(username=f"hostile{n}", email=f"hostile{n}@example.org", password=PASSWORD)
        for n in range(MEMBERS)
    ]
    writer = create_user(username="longwriter", email="longwriter@example.org", password=PASSWORD)
    tokens = [create_token(user=member, name="drill")[1] for member in members]

    with transaction.atomic():
        for n in range(ORDINARY_WORKS):
            services.create_work(
                author=writer, work=fields(f"Ordinary work {n}"), chapter=chapter(prose(rng, 1000)), post=True
            )
        rory = services.create_work(
            author=writer,
            work=fields("Just Rory", characters=["Rory", "Rory Gilmore"]),
            chapter=chapter(prose(rng, 800)),
            post=True,
        )
    make_canonical(tag=Tag.objects.get(name="Rory Gilmore", type=TagType.CHARACTER))
    make_synonym(
        tag=Tag.objects.get(name="Rory", type=TagType.CHARACTER),
        canonical=Tag.objects.get(name="Rory Gilmore", type=TagType.CHARACTER),
    )

    # The 500,000-word work: a few chapters through the service, the rest copies of their rendered rows, then
    # its totals and search document once (50 add_chapter calls would index the growing work 50 times).
    per_chapter = LONG_WORDS // LONG_CHAPTERS
    long_work = services.create_work(
        author=writer,
        work=fields("The Long Road", expected_chapters=LONG_CHAPTERS),
        chapter=chapter(prose(rng, per_chapter), "Chapter 1"),
        post=True,
    )
    for n in range(2, DISTINCT_CHAPTERS + 1):
        services.add_chapter(
            work=long_work, user=writer, fields=chapter(prose(rng, per_chapter), f"Chapter {n}"), post=True
        )
    models = list(long_work.chapters.order_by("position"))
    copies = []
    for position in range(DISTINCT_CHAPTERS + 1, LONG_CHAPTERS + 1):
        model = models[(position - 1) % DISTINCT_CHAPTERS]
        copies.append(
            Chapter(
                work=long_work,
                position=position,
                title=f"Chapter {position}",
                body=model.body,
                body_html=model.body_html,
                text_format=model.text_format,
                word_count=model.word_count,
                posted_at=model.posted_at,
            )
        )
    Chapter.objects.bulk_create(copies)
    services.refresh_work_totals(long_work)
    from quire.discovery.indexing import index_works

    index_works([long_work.pk])

    paragraph = prose(rng, PARAGRAPH_WORDS, paragraph_words=None)
    assert "\n" not in paragraph and len(paragraph) < 510_000, len(paragraph)
    paragraph_work = services.create_work(
        author=writer, work=fields("One Long Breath"), chapter=chapter(paragraph), post=True
    )
    mid_work = services.create_work(
        author=writer,
        work=fields("One Shorter Breath"),
        chapter=chapter(prose(rng, MID_PARAGRAPH_WORDS, paragraph_words=None)),
        post=True,
    )

    # Each member's own work: the beta read's 505,000-character chapter, the target of imports and API posts.
    beta_body = prose(rng, BETA_CHARACTERS // 4, paragraph_words=80)
    while len(beta_body) < BETA_CHARACTERS:
        beta_body += "\n\n" + prose(rng, 200, paragraph_words=80)
    beta_body = beta_body[:BETA_CHARACTERS]
    own_works = [
        services.create_work(
            author=member, work=fields(f"{member.username}'s own"), chapter=chapter(beta_body), post=True
        )
        for member in members
    ]

    # A reply chain REPLY_DEPTH deep, the writer and a reader answering each other.
    chain_work = services.create_work(
        author=writer, work=fields("Talked Out"), chapter=chapter(prose(rng, 500)), post=True
    )
    chain_chapter = chain_work.chapters.get()
    parent = None
    for depth in range(REPLY_DEPTH):
        parent = post_review(
            chapter=chain_chapter,
            user=members[1] if depth % 2 == 0 else writer,
            body=f"Reply {depth}: and then?",
            parent=parent,
        )

    challenges = seed_challenges(
        rng, writer, members, Work.objects.filter(title="Ordinary work 0").get(), own_works[0]
    )
    imports = seed_imports(rng, members[1], fields, chapter)

    def described(work):
        work = Work.objects.get(pk=work.pk)
        return {
            "id": work.pk,
            "words": work.word_count,
            "chapters": list(work.chapters.order_by("position").values_list("pk", flat=True)),
            "downloads": {fmt: download_filename(work, fmt) for fmt in ("epub", "html", "txt", "pdf")},
        }

    return {
        "password": PASSWORD,
        "members": [m.username for m in members],
        "member_emails": [m.email for m in members],
        "tokens": tokens,
        "writer": writer.username,
        "works": {
            "ordinary": described(Work.objects.filter(title="Ordinary work 0").get()),
            "rory": described(rory),
            "long": described(long_work),
            "paragraph": described(paragraph_work),
            "mid_paragraph": described(mid_work),
            "chain": described(chain_work),
            "own": [described(work) for work in own_works],
        },
        "deepest_review": parent.pk,
        **challenges,
        "imported": imports,
    }


def _bulk_users(prefix: str, count: int) -> list:
    """Members made in bulk (no password to hash), each with the default pseud User.save would give."""
    from django.contrib.auth.hashers import make_password

    from quire.accounts.models import Pseud, User

    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org", password=unusable)
            for n in range(count)
        ]
    )
    Pseud.objects.bulk_create([Pseud(user=user, name=user.username, is_default=True) for user in users])
    return users


def _clone_works(model, count: int) -> list[int]:
    """`count` posted copies of `model` (its tags, warnings, categories, creator and one short chapter)."""
    from quire.creators.models import Creatorship
    from quire.works.models import Chapter, Work, WorkCategory, WorkTag, WorkWarning

    chapter = model.chapters.get()
    tag_ids = list(model.work_tags.values_list("tag_id", flat=True))
    warnings = list(model.warning_rows.values_list("warning", flat=True))
    categories = list(model.category_rows.values_list("category", flat=True))
    creators = list(model.creatorships.filter(work__isnull=False))
    copies = []
    for n in range(count):
        copy = Work.objects.get(pk=model.pk)
        copy.pk = copy.id = None
        copy.title, copy.idempotency_key = f"Collected work {n}", None
        copies.append(copy)
    works = Work.objects.bulk_create(copies, batch_size=500)
    ids = [work.pk for work in works]
    WorkTag.objects.bulk_create([WorkTag(work_id=w, tag_id=t) for w in ids for t in tag_ids], batch_size=2000)
    WorkWarning.objects.bulk_create([WorkWarning(work_id=w, warning=x) for w in ids for x in warnings])
    WorkCategory.objects.bulk_create([WorkCategory(work_id=w, category=x) for w in ids for x in categories])
    Creatorship.objects.bulk_create(
        [
            Creatorship(work_id=w, pseud_id=c.pseud_id, user_id=c.user_id, accepted_at=c.accepted_at)
            for w in ids
            for c in creators
        ],
        batch_size=2000,
    )
    Chapter.objects.bulk_create(
        [
            Chapter(
                work_id=w,
                position=1,
                body=chapter.body,
                body_html=chapter.body_html,
                text_format=chapter.text_format,
                word_count=chapter.word_count,
                posted_at=chapter.posted_at,
            )
            for w in ids
        ],
        batch_size=500,
    )
    return ids


def seed_imports(rng: random.Random, reviewer, fields, chapter) -> dict:
    """The eFiction import's traces (see IMPORTED_WORKS); returns the manifest's part: the claim link's path
    and each old id."""
    import hashlib
    import secrets

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from quire.accounts.models import User
    from quire.feedback.services import post_review
    from quire.imports.models import ImportedAuthor, ImportedRow, SourceArchive
    from quire.series.services import SeriesFields, add_work, create_series
    from quire.tags.models import Tag
    from quire.works import services

    author = User.objects.create_user(
        username="Imported_Pen_Name", email="", password=None, unclaimed_import=True
    )
    story = services.create_work(
        author=author, work=fields("Imported Story"), chapter=chapter(prose(rng, 1000), "One"), post=True
    )
    services.add_chapter(work=story, user=author, fields=chapter(prose(rng, 1000), "Two"), post=True)
    unvalidated = services.create_work(
        author=author, work=fields("Unvalidated Story"), chapter=chapter(prose(rng, 300)), post=False
    )
    _clone_works(unvalidated, IMPORTED_WORKS - 2)
    series = create_series(creator=author, fields=SeriesFields(title="Imported Series"))
    add_work(series=series, work=story, user=author)
    review = post_review(chapter=story.chapters.order_by("position").last(), user=reviewer, body="Loved it.")

    archive = SourceArchive.objects.create(key="hostile-efiction", name="Hostile eFiction")
    token = secrets.token_urlsafe(32)
    ImportedAuthor.objects.create(
        archive=archive,
        user=author,
        source_id="1",
        pen_name="Imported Pen Name",
        email="imported@example.org",
        claim_token_hash=hashlib.sha256(token.encode()).hexdigest(),  # as quire.imports.claiming keeps it
        invited_at=timezone.now(),
    )
    made = {
        "stories": story,
        "authors": author,
        "series": series,
        "categories": Tag.objects.get(name="Gilmore Girls"),
        "reviews": review,
    }
    for table, thing in made.items():
        ImportedRow.objects.create(
            archive=archive,
            table=table,
            source_id="1",
            content_type=ContentType.objects.get_for_model(thing),
            object_id=thing.pk,
        )
    return {"claim": f"/claim/{token}", "works": IMPORTED_WORKS, "source_id": 1}


def seed_challenges(rng: random.Random, writer, members, model_work, own_work) -> dict:
    """The collection, its exchange and its prompt meme (see COLLECTION_WORKS); returns the manifest's part."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from quire.accounts.models import Pseud
    from quire.collections import services as collections
    from quire.collections.models import HEADER_MAX, TEXT_MAX, Approval, CollectionItem
    from quire.exchanges import services as exchanges
    from quire.exchanges.models import DESCRIPTION_MAX as ENTRY_MAX
    from quire.exchanges.models import ENTRIES_MAX, Assignment, EntryKind, Signup, SignupEntry
    from quire.feedback.models import NOTE_MAX, Bookmark
    from quire.prompts import services as prompts
    from quire.prompts.models import DESCRIPTION_MAX as PROMPT_MAX
    from quire.prompts.models import TAGS_PER_PROMPT_MAX, Claim, Fill, Prompt
    from quire.tags.enums import TagType
    from quire.tags.models import Tag

    owner = members[0]
    now = timezone.now()

    def text(limit):
        return prose(rng, limit // 4, paragraph_words=60)[:limit]

    fandoms = [f"Fandom {n}" for n in range(TAGS_PER_PROMPT_MAX)]
    big = collections.create_collection(
        user=owner,
        fields=collections.CollectionFields(
            name="hostile_fest",
            title="Hostile Fest",
            header=text(HEADER_MAX),
            description=text(TEXT_MAX),
            rules=text(TEXT_MAX),
        ),
    )
    children = [
        collections.create_collection(
            user=owner,
            fields=collections.CollectionFields(
                name=f"hostile_fest_{n}", title=f"Hostile Fest {n}", description=text(2000), parent=big
            ),
        )
        for n in range(SUBCOLLECTIONS)
    ]
    family = [big, *children]
    with transaction.atomic():
        work_ids = _clone_works(model_work, COLLECTION_WORKS)
        approved = {"creator_approval": Approval.APPROVED, "collection_approval": Approval.APPROVED}
        CollectionItem.objects.bulk_create(
            [
                CollectionItem(
                    collection=family[n % len(family)] if n % 2 else big,
                    work_id=w,
                    added_by=writer,
                    **approved,
                )
                for n, w in enumerate(work_ids)
            ],
            batch_size=1000,
        )
        # hostile0's own work in every collection of the family: its "collections" page lists them all.
        CollectionItem.objects.bulk_create(
            [CollectionItem(collection=c, work=own_work, added_by=members[0], **approved) for c in family]
        )
        readers = _bulk_users("reader", BOOKMARK_READERS)
        pseuds = dict(Pseud.objects.filter(user__in=readers).values_list("user_id", "pk"))
        note = text(NOTE_MAX)
        bookmarks = Bookmark.objects.bulk_create(
            [
                Bookmark(user=r, work_id=w, pseud_id=pseuds[r.pk], note=note, note_html=f"<p>{note}</p>")
                for r in readers
                for w in work_ids[:BOOKMARKS_EACH]
            ],
            batch_size=1000,
        )
        CollectionItem.objects.bulk_create(
            [CollectionItem(collection=big, bookmark=b, added_by=b.user, **approved) for b in bookmarks],
            batch_size=1000,
        )

    exchange = exchanges.set_up_exchange(
        collection=big,
        user=owner,
        fields=exchanges.ExchangeFields(
            signups_open_at=now - timedelta(days=30),
            signups_close_at=now + timedelta(days=30),
            fandoms=fandoms,
            requests_min=ENTRIES_MAX,
            requests_max=ENTRIES_MAX,
            offers_min=ENTRIES_MAX,
            offers_max=ENTRIES_MAX,
        ),
    )
    tags = {t.name: t.pk for t in Tag.objects.filter(name__in=fandoms, type=TagType.FANDOM)}
    fandom_ids = [tags[name] for name in fandoms]
    description = text(ENTRY_MAX)
    with transaction.atomic():
        entrants = _bulk_users("entrant", SIGNUPS)
        pseuds = dict(Pseud.objects.filter(user__in=entrants).values_list("user_id", "pk"))
        signups = Signup.objects.bulk_create(
            [Signup(exchange=exchange, user=u, pseud_id=pseuds[u.pk]) for u in entrants], batch_size=1000
        )
        entries = SignupEntry.objects.bulk_create(
            [
                SignupEntry(signup=s, kind=kind, position=p, description=description)
                for s in signups
                for kind in (EntryKind.REQUEST, EntryKind.OFFER)
                for p in range(ENTRIES_MAX)
            ],
            batch_size=2000,
        )
        SignupEntry.tags.through.objects.bulk_create(
            [
                SignupEntry.tags.through(
                    signupentry_id=e.pk, tag_id=fandom_ids[(e.signup_id + e.position) % len(fandom_ids)]
                )
                for e in entries
            ],
            batch_size=5000,
        )
        # Each gives to the next; sent, so the pinch hits and the givers' own pages exist too.
        Assignment.objects.bulk_create(
            [
                Assignment(
                    exchange=exchange,
                    giver_signup=s,
                    giver=s.user,
                    recipient_signup=signups[(n + 1) % len(signups)],
                    overlap=1,
                    sent_at=now,
                    defaulted_at=now if n < PINCH_HITS else None,
                    pinch_hit_at=now if n < PINCH_HITS else None,
                )
                for n, s in enumerate(signups)
            ],
            batch_size=1000,
        )
        type(exchange).objects.filter(pk=exchange.pk).update(
            matching_requested_at=now, matched_at=now, assignments_sent_at=now
        )

    meme = prompts.set_up_prompt_meme(
        collection=big, user=owner, fields=prompts.PromptMemeFields(fandoms=fandoms)
    )
    prompt_text = text(PROMPT_MAX)
    prompt_html = "".join(f"<p>{p}</p>" for p in prompt_text.split("\n\n"))
    with transaction.atomic():
        owner_pseud = owner.pseuds.get(is_default=True)
        made = Prompt.objects.bulk_create(
            [
                Prompt(
                    meme=meme,
                    user=entrants[n % SIGNUPS],
                    pseud_id=pseuds[entrants[n % SIGNUPS].pk],
                    anonymous=n % 3 == 0,
                    title=f"Prompt {n} " + "x" * 200,
                    description=prompt_text,
                    description_html=prompt_html,
                )
                for n in range(PROMPTS)
            ],
            batch_size=500,
        )
        Prompt.tags.through.objects.bulk_create(
            [Prompt.tags.through(prompt_id=p.pk, tag_id=t) for p in made for t in fandom_ids],
            batch_size=5000,
        )
        busy = made[-1]  # the newest: first on the list
        claims = Claim.objects.bulk_create(
            [Claim(prompt=busy, user=u, pseud_id=pseuds[u.pk]) for u in entrants[:CLAIMS]], batch_size=1000
        )
        Fill.objects.bulk_create(
            [
                Fill(prompt=busy, claim=claims[n], work_id=work_ids[n], user=claims[n].user, told_at=now)
                for n in range(FILLS)
            ]
        )
        Claim.objects.bulk_create(
            [Claim(prompt=p, user=owner, pseud=owner_pseud) for p in made], batch_size=1000
        )

    return {
        "collection": {
            "name": big.name,
            "subcollection": children[0].name,
            "assignment": Assignment.objects.filter(exchange=exchange)
            .order_by("pk")
            .values_list("pk", flat=True)[0],
            "busy_prompt": busy.pk,
            "quiet_prompt": made[0].pk,
        }
    }


def build(name: str = "hostile", database: str = "sqlite") -> tuple[Archive, dict]:
    """A fresh production-mode archive and its manifest. The caller drops it (archive.drop())."""
    started = time.monotonic()
    archive = Archive(database, name, production=True)
    try:
        out = archive.python(
            "import json, sys; sys.path.insert(0, 'bench')\n"
            "from hostile_archive import seed\n"
            "print('MANIFEST' + json.dumps(seed()))"
        )
    except BaseException:
        archive.drop()
        raise
    manifest = json.loads(out.rsplit("MANIFEST", 1)[1])
    manifest["build_seconds"] = round(time.monotonic() - started, 1)
    return archive, manifest


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--keep", action="store_true", help="leave the archive (its folder is printed)")
    args = parser.parse_args()
    archive, manifest = build(database=args.database)
    print(json.dumps(manifest, indent=2))
    if args.keep:
        print(f"Kept: {archive.folder} ({archive.url})", file=sys.stderr)
    else:
        archive.drop()


if __name__ == "__main__":
    main()
