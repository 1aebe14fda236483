"""A throwaway production-mode archive shaped for hostile requests (issue #17): a 500,000-word work, a
one-paragraph 100,000-word work (and a 30,000-word one, under the in-request PDF limit), a 505,000-character
chapter for the beta read, a reply chain 100 deep, "Rory" a synonym of "Rory Gilmore", members with API
tokens, and 30 ordinary works so the listings have pages.

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
