"""Building downloads of a 500,000-word work (50 chapters of 10,000 words): each format's build time,
from reading the work out of the database to the finished file. The target: EPUB under 2 s. Then the PDF of
a work of 600,000 characters in paragraphs of Latin, CJK, Hangul, Hebrew, Arabic and emoji (fonts per run,
right-to-left lines).

    python bench/exports.py

Uses its own SQLite archive under var/bench/ (made once, reused). If Calibre's `ebook-convert` is
installed, it also times the Kindle formats (AZW3 and MOBI, converted from the EPUB, against their timeout)
and converts Quire's single-file HTML download to EPUB for comparison.
"""

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = int(os.environ.get("BENCH_EXPORT_WORDS", "500000"))
CHAPTERS = 50
RUNS = int(os.environ.get("BENCH_EXPORT_RUNS", "3"))
os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench' / 'exports.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quire.settings")
sys.path.insert(0, str(ROOT))

VOCABULARY = [
    "the",
    "and",
    "she",
    "he",
    "said",
    "was",
    "of",
    "to",
    "a",
    "in",
    "that",
    "it",
    "her",
    "his",
    "with",
    "on",
    "for",
    "as",
    "at",
    "they",
    "you",
    "had",
    "not",
    "but",
    "road",
    "car",
    "night",
    "coffee",
    "diner",
    "rain",
    "window",
    "quiet",
    "remember",
    "maybe",
    "always",
    "almost",
    "dawn",
    "library",
    "book",
    "“Come”",
    "away",
    "with",
    "me…",
    "I",
    "know—she",
    "whispered;",
    "you",
    "don’t",
    "have",
    "to",
    "stay.",
    "Stars",
    "Hollow",
    "Jess",
    "Rory",
]


# One script per paragraph, as a multilingual work mixes them.
SCRIPT_SENTENCES = [
    "Rory drove on through the rain, and Jess said nothing at all.",
    "狼の夢は静かな森の中で始まった。彼女は窓の外を見ていた。",
    "그녀는 창밖을 바라보며 조용히 커피를 마셨다.",
    "רורי נסעה עם ג'ס לאורך הכביש עד שהשמש עלתה מעל ההרים.",
    "كانت الليلة هادئة، والقمر يضيء الطريق الطويل إلى المدينة.",
    "🐺 ✨ 🌙 the night went on 🎉",
]
SCRIPT_CHARACTERS = 600_000
SCRIPT_CHAPTERS = 10


def scripts_body(rng: random.Random, characters: int) -> str:
    paragraphs, left = [], characters
    while left > 0:
        text = " ".join([rng.choice(SCRIPT_SENTENCES)] * rng.randint(2, 8))
        paragraphs.append(f"<p>{text}</p>")
        left -= len(text)
    return "\n".join(paragraphs)


def chapter_body(rng: random.Random, words: int) -> str:
    paragraphs, left = [], words
    while left > 0:
        size = min(left, rng.randint(30, 120))
        text = " ".join(rng.choice(VOCABULARY) for _ in range(size))
        if rng.random() < 0.2:
            text = text.replace(" quiet ", " <em>quiet</em> ", 1)
        paragraphs.append(f"<p>{text}</p>")
        left -= size
    return "\n".join(paragraphs)


def prepare(title: str = f"Bench Epic {WORDS} words", chapters: int = CHAPTERS, body=None):
    from quire.accounts.models import User
    from quire.accounts.services import create_user
    from quire.works import services
    from quire.works.models import Work

    work = Work.objects.filter(title=title).first()
    if work is not None and work.chapter_count == chapters:
        return work
    if work is not None:
        work.delete()
    author = User.objects.filter(username="bench_writer").first() or create_user(
        username="bench_writer", email="bench@example.org", password="bench-password-123"
    )
    rng = random.Random(7)
    per_chapter = WORDS // CHAPTERS
    body = body or (lambda: chapter_body(rng, per_chapter))
    fields = services.WorkFields(
        title=title, rating="teen", fandoms=["Gilmore Girls"], warnings=["none_apply"],
        relationships=["Jess Mariano/Rory Gilmore"], characters=["Rory Gilmore", "Jess Mariano"],
        additional_tags=["Road Trips", "Slow Burn"], summary="<p>A very long road trip.</p>",
        expected_chapters=chapters,
    )  # fmt: skip
    work = services.create_work(
        author=author,
        work=fields,
        chapter=services.ChapterFields(title="Chapter 1", body=body()),
        post=True,
    )
    for number in range(2, chapters + 1):
        services.add_chapter(
            work=work,
            user=work.author,
            fields=services.ChapterFields(title=f"Mile {number}", body=body()),
            post=True,
        )
    work.refresh_from_db()
    return work


def measure(work, fmt: str) -> tuple[list[float], int]:
    from quire.exports.builders import BUILDERS
    from quire.exports.document import gather
    from quire.works.models import Work

    times, size = [], 0
    for _ in range(RUNS if fmt in ("epub", "html", "txt") else 1):
        start = time.perf_counter()
        fresh = Work.objects.for_listing().get(pk=work.pk)
        content = BUILDERS[fmt](gather(fresh, include_unposted=False, site="http://127.0.0.1:8000"))
        times.append(time.perf_counter() - start)
        size = len(content)
    return times, size


def main():
    import django

    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    work = prepare()
    print(
        f"work: {work.word_count:,} words in {work.chapter_count} chapters (ready in {time.perf_counter() - started:.1f} s)"
    )
    from quire.exports.builders import kindle

    for fmt in ("epub", "html", "txt", "pdf", *(kindle.FORMATS if kindle.available() else ())):
        times, size = measure(work, fmt)
        verdict = ""
        if fmt == "epub":
            verdict = "  OK (< 2 s)" if statistics.median(times) < 2 else "  TOO SLOW (target < 2 s)"
        if fmt in kindle.FORMATS:
            share = max(times) / kindle.CONVERT_TIMEOUT
            verdict = f"  {share:.0%} of the {kindle.CONVERT_TIMEOUT} s timeout"
        print(
            f"{fmt:5} median {statistics.median(times):6.2f} s  best {min(times):6.2f} s  "
            f"({len(times)} run{'s' if len(times) > 1 else ''}, {size / 1e6:.1f} MB){verdict}"
        )
    rng = random.Random(11)
    scripts = prepare(
        "Bench Every Script",
        SCRIPT_CHAPTERS,
        lambda: scripts_body(rng, SCRIPT_CHARACTERS // SCRIPT_CHAPTERS),
    )
    times, size = measure(scripts, "pdf")
    print(
        f"pdf of {SCRIPT_CHARACTERS:,} characters in every script: {min(times):6.2f} s  ({size / 1e6:.1f} MB)"
    )
    calibre = shutil.which("ebook-convert")
    if not calibre:
        print("ebook-convert: not installed (Calibre is not on this machine); no comparison made")
        return
    from quire.exports.builders import single_html
    from quire.exports.document import gather

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "work.html"
        source.write_bytes(
            single_html.build(gather(work, include_unposted=False, site="http://127.0.0.1:8000"))
        )
        start = time.perf_counter()
        subprocess.run(
            [calibre, str(source), str(Path(folder) / "work.epub")], check=True, capture_output=True
        )
        print(f"ebook-convert HTML -> EPUB: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
