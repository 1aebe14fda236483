"""Writes a large eFiction 3.5 archive, a mysqldump and its stories folder, for the import bench.

    python bench/efiction_dump.py OUT_DIR [--stories 20000] [--chapters 60000] [--authors 2000]
        [--reviews 100000] [--chapter-chars 3000] [--files 0.5] [--seed 1]

writes OUT_DIR/efiction.sql and OUT_DIR/stories/<uid>/<chapid>.txt, and prints their sizes and the time
taken to stage the dump (quire/imports/efiction). The archive has the fixture's shape
(tests/data/efiction/): latin1 tables dumped with `SET NAMES latin1`, one story in 40 in Windows-1252 and
one in 40 in Japanese UTF-8 bytes, titles with HTML entities, a category tree of fandoms and pairings,
characters, genres and warnings, series, co-authors, reviews (one in five answered by the author),
favorites, unvalidated stories, and chapters stored both in the row and as files (`--files` of them as
files, of which one in a thousand is missing). Same seed, same archive.
"""

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# mysqldump starts a new INSERT once one passes its net buffer (1 MB by default).
STATEMENT_BYTES = 1_000_000
SENTENCES = (
    "the ship turned toward home and nobody said a word about the storm behind them while the lights "
    "of the harbour came up one by one she laughed he did not answer a door opened somewhere below "
    "captain said quietly we are not alone anymore tea gone cold letters never sent rain again"
)
WORDS = SENTENCES.split()
FRENCH = "“Bonjour,” dit-elle — et elle sourit. C’était l’été à Paris, café crème et pluie fine."
JAPANESE = "桜の花が咲いていた。彼女は「こんにちは」と言って、静かに笑った。雨の音が聞こえる。"
GENRES = ["Angst", "Humor", "Hurt/Comfort", "Romance", "Drama", "Adventure", "Fluff", "Mystery"]
WARNINGS = ["None", "Major Character Death", "Violence", "Adult Themes"]
RATINGS = ["G", "PG", "PG-13", "R", "NC-17"]
FANDOMS = ["Star Trek", "Blake's 7", "Doctor Who", "Stargate", "Due South", "Original Fiction"]
RESPONSE = "<br><br><i>Author's Response: Thank you so much for reading!</i>"


def _escape(raw: bytes) -> bytes:
    out = raw.replace(b"\\", b"\\\\").replace(b"'", b"\\'").replace(b'"', b'\\"')
    return out.replace(b"\n", b"\\n").replace(b"\r", b"\\r").replace(b"\0", b"\\0")


def _literal(value) -> bytes:
    if value is None:
        return b"NULL"
    if isinstance(value, int):
        return b"%d" % value
    return b"'" + _escape(value if isinstance(value, bytes) else value.encode("latin-1")) + b"'"


class _Writer:
    def __init__(self, out):
        self.out = out

    def table(self, name, columns, keys, rows):
        definitions = ",\n".join([f"  `{c}` {d}" for c, d in columns] + [f"  {k}" for k in keys])
        self.out.write(
            f"--\n-- Table structure for table `fanfiction_{name}`\n--\n\n"
            f"DROP TABLE IF EXISTS `fanfiction_{name}`;\n"
            f"CREATE TABLE `fanfiction_{name}` (\n{definitions}\n) ENGINE=MyISAM DEFAULT CHARSET=latin1;\n\n"
            f"LOCK TABLES `fanfiction_{name}` WRITE;\n".encode()
        )
        head = f"INSERT INTO `fanfiction_{name}` VALUES ".encode()
        batch, size = [], 0
        for row in rows:
            values = b"(" + b",".join(map(_literal, row)) + b")"
            batch.append(values)
            size += len(values) + 1
            if size >= STATEMENT_BYTES:
                self.out.write(head + b",".join(batch) + b";\n")
                batch, size = [], 0
        if batch:
            self.out.write(head + b",".join(batch) + b";\n")
        self.out.write(b"UNLOCK TABLES;\n\n")


def _date(rng, start_year=2003):
    return (
        f"{rng.randint(start_year, 2012)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    )


def _prose(rng, chars: int) -> str:
    paragraphs, total = [], 0
    while total < chars:
        paragraph = " ".join(rng.choices(WORDS, k=rng.randint(30, 90))).capitalize() + "."
        paragraphs.append(f"<p>{paragraph}</p>")
        total += len(paragraph) + 7
    return "\n".join(paragraphs)


def _text(rng, kind: int, chars: int) -> bytes:
    """A chapter as a latin1 column holds it: kind 0 plain, 1 Windows-1252, 2 UTF-8 (Japanese)."""
    body = _prose(rng, chars)
    if kind == 1:
        return (f"<p>{FRENCH}</p>\n" + body).encode("cp1252")
    if kind == 2:
        return (f"<p>{JAPANESE * 3}</p>\n" + body).encode("utf-8")
    return body.encode("latin-1")


def write_archive(out_dir, *, stories, chapters, authors, reviews, chapter_chars, files, seed) -> dict:
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    stories_dir = out_dir / "stories"
    stories_dir.mkdir(parents=True, exist_ok=True)
    kinds = [0 if sid % 20 else (1 if sid % 40 else 2) for sid in range(stories + 1)]
    owner = [0] + [rng.randint(1, authors) for _ in range(stories)]
    # Every story has a chapter; the rest go to random stories.
    chapter_story = list(range(1, stories + 1)) + [rng.randint(1, stories) for _ in range(chapters - stories)]
    chapter_story.sort()
    missing = 0
    counts = {"files": 0}
    with open(out_dir / "efiction.sql", "wb") as f:
        f.write(
            b"-- MySQL dump 10.13  Distrib 5.5.62, for debian-linux-gnu (x86_64)\n"
            b"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
            b"/*!40101 SET NAMES latin1 */;\n\n"
        )
        w = _Writer(f)
        date = "datetime NOT NULL DEFAULT '0000-00-00 00:00:00'"
        w.table(
            "settings",
            [("sitekey", "varchar(50)"), ("sitename", "varchar(200)"), ("tableprefix", "varchar(50)"),
             ("storiespath", "varchar(20)"), ("store", "varchar(5)"), ("version", "varchar(10)")],
            ["PRIMARY KEY (`sitekey`)"],
            [("BenchSite1", "The Bench &amp; Archive", "", "stories", "files", "3.5.3")],
        )  # fmt: skip
        w.table(
            "authors",
            [("uid", "int(11) NOT NULL AUTO_INCREMENT"), ("penname", "varchar(200)"), ("realname", "varchar(200)"),
             ("email", "varchar(200)"), ("website", "varchar(200)"), ("bio", "text"), ("image", "varchar(200)"),
             ("date", date), ("admincreated", "char(1)"), ("password", "varchar(40)")],
            ["PRIMARY KEY (`uid`)", "KEY `penname` (`penname`)"],
            (
                (uid, (f"Writer {uid}" if uid % 50 else f"作家{uid}").encode("utf-8"), "", f"writer{uid}@example.org",
                 "", f"<p>Writer {uid} writes.</p>", "", _date(rng), "0", "x")
                for uid in range(1, authors + 1)
            ),
        )  # fmt: skip
        categories = [(1 + i, -1, name, "", "", "0", 0, i, 0) for i, name in enumerate(FANDOMS)]
        for fandom in range(1, len(FANDOMS) + 1):
            for n in range(8):  # pairings under each fandom, and a threesome under each pairing
                catid = len(categories) + 1
                categories.append((catid, fandom, f"Pairing {fandom}-{n}", "", "", "0", 1, n, 0))
                categories.append((catid + 1, catid, f"Pairing {fandom}-{n}/Other", "", "", "0", 2, 0, 0))
        w.table(
            "categories",
            [("catid", "int(11) NOT NULL AUTO_INCREMENT"), ("parentcatid", "int(11) NOT NULL DEFAULT '-1'"),
             ("category", "varchar(60)"), ("description", "text"), ("image", "varchar(100)"), ("locked", "char(1)"),
             ("leveldown", "tinyint(4)"), ("displayorder", "int(11)"), ("numitems", "int(11)")],
            ["PRIMARY KEY (`catid`)", "KEY `byparent` (`parentcatid`,`displayorder`)"],
            categories,
        )  # fmt: skip
        w.table(
            "characters",
            [("charid", "int(11) NOT NULL AUTO_INCREMENT"), ("catid", "int(11)"), ("charname", "varchar(60)"),
             ("bio", "text"), ("image", "varchar(200)")],
            ["PRIMARY KEY (`charid`)", "KEY `catid` (`catid`)"],
            ((c, 1 + c % len(FANDOMS), f"Character {c}", "", "") for c in range(1, 121)),
        )  # fmt: skip
        w.table(
            "classtypes",
            [("classtype_id", "int(11)"), ("classtype_name", "varchar(50)"), ("classtype_title", "varchar(50)")],
            ["PRIMARY KEY (`classtype_id`)"],
            [(1, "genres", "Genres"), (2, "warnings", "Warnings")],
        )  # fmt: skip
        classes = [(i + 1, 1, g) for i, g in enumerate(GENRES)]
        classes += [(len(GENRES) + i + 1, 2, g) for i, g in enumerate(WARNINGS)]
        w.table(
            "classes",
            [("class_id", "int(11)"), ("class_type", "int(11)"), ("class_name", "varchar(100)")],
            ["PRIMARY KEY (`class_id`)", "KEY `byname` (`class_type`,`class_name`,`class_id`)"],
            classes,
        )
        w.table(
            "ratings",
            [
                ("rid", "int(11)"),
                ("rating", "varchar(60)"),
                ("ratingwarning", "char(1)"),
                ("warningtext", "text"),
            ],
            ["PRIMARY KEY (`rid`)"],
            [(i + 1, r, "1" if r == "NC-17" else "0", "") for i, r in enumerate(RATINGS)],
        )
        pairings = [c[0] for c in categories if c[1] != -1]

        def story_rows():
            for sid in range(1, stories + 1):
                kind = kinds[sid]
                title = {0: f"Story &amp; Tale {sid}", 1: f"Café “Noir” {sid}", 2: f"春の物語 {sid}"}[kind]
                title = title.encode("cp1252") if kind == 1 else title.encode("utf-8")
                created = _date(rng)
                yield (
                    sid, title, f"<p>A summary of story {sid}.</p>", "", str(rng.choice(pairings)),
                    f"{rng.randint(1, len(GENRES))},{len(GENRES) + rng.randint(1, len(WARNINGS))}",
                    f"{rng.randint(1, 120)},{rng.randint(1, 120)}", str(rng.randint(1, len(RATINGS))),
                    created, created, owner[sid], int(sid % 97 == 0), "0", "0" if sid % 50 == 0 else "1",
                    str(rng.randint(0, 1)), "0", 0, 0, 0, rng.randint(0, 5000), "0",
                )  # fmt: skip

        w.table(
            "stories",
            [("sid", "int(11) NOT NULL AUTO_INCREMENT"), ("title", "varchar(200)"), ("summary", "text"),
             ("storynotes", "text"), ("catid", "varchar(100)"), ("classes", "varchar(200)"), ("charid", "varchar(250)"),
             ("rid", "varchar(25)"), ("date", date), ("updated", date), ("uid", "int(11)"), ("coauthors", "tinyint(1)"),
             ("featured", "char(1)"), ("validated", "char(1)"), ("completed", "char(1)"), ("rr", "char(1)"),
             ("wordcount", "int(11)"), ("rating", "tinyint(4)"), ("reviews", "smallint(6)"), ("count", "int(11)"),
             ("challenges", "varchar(200)")],
            ["PRIMARY KEY (`sid`)", "KEY `uid` (`uid`)", "KEY `validateduid` (`validated`,`uid`)"],
            story_rows(),
        )  # fmt: skip

        def chapter_rows():
            nonlocal missing
            order = 0
            for chapid, sid in enumerate(chapter_story, start=1):
                order = order + 1 if chapid > 1 and chapter_story[chapid - 2] == sid else 1
                text = _text(rng, kinds[sid], rng.randint(chapter_chars // 2, chapter_chars * 3 // 2))
                in_file = rng.random() < files
                if in_file:
                    counts["files"] += 1
                    if chapid % 1000 == 0:
                        missing += 1
                    else:
                        folder = stories_dir / str(owner[sid])
                        folder.mkdir(exist_ok=True)
                        (folder / f"{chapid}.txt").write_bytes(text)
                yield (
                    chapid, f"Chapter {order}", order, "<p>Notes.</p>" if order == 1 else "",
                    "" if in_file else text, "", "1", len(text) // 6, 0, 0, sid, owner[sid], rng.randint(0, 500),
                )  # fmt: skip

        w.table(
            "chapters",
            [("chapid", "int(11) NOT NULL AUTO_INCREMENT"), ("title", "varchar(250)"), ("inorder", "int(11)"),
             ("notes", "text"), ("storytext", "mediumtext"), ("endnotes", "text"), ("validated", "char(1)"),
             ("wordcount", "int(11)"), ("rating", "tinyint(4)"), ("reviews", "smallint(6)"), ("sid", "int(11)"),
             ("uid", "int(11)"), ("count", "int(11)")],
            ["PRIMARY KEY (`chapid`)", "KEY `sid` (`sid`)", "KEY `uid` (`uid`)", "KEY `inorder` (`inorder`)"],
            chapter_rows(),
        )  # fmt: skip
        w.table(
            "coauthors",
            [("sid", "int(11)"), ("uid", "int(11)")],
            ["PRIMARY KEY (`sid`,`uid`)"],
            ((sid, owner[sid] % authors + 1) for sid in range(97, stories + 1, 97)),
        )
        series_count = max(1, stories // 40)
        w.table(
            "series",
            [("seriesid", "int(11) NOT NULL AUTO_INCREMENT"), ("title", "varchar(200)"), ("summary", "text"),
             ("uid", "int(11)"), ("isopen", "tinyint(4)"), ("catid", "varchar(200)"), ("rating", "tinyint(4)"),
             ("classes", "varchar(200)"), ("characters", "varchar(250)"), ("reviews", "smallint(6)"),
             ("challenges", "varchar(200)"), ("numstories", "int(11)")],
            ["PRIMARY KEY (`seriesid`)", "KEY `owner` (`uid`,`title`)"],
            ((n, f"Series {n}", "", owner[n * 40 - 39], 0, "1", 0, "", "", 0, "", 3) for n in range(1, series_count + 1)),
        )  # fmt: skip
        w.table(
            "inseries",
            [("seriesid", "int(11)"), ("sid", "int(11)"), ("subseriesid", "int(11)"), ("confirmed", "int(11)"),
             ("inorder", "int(11)")],
            ["PRIMARY KEY (`sid`,`seriesid`,`subseriesid`)", "KEY `seriesid` (`seriesid`,`inorder`)"],
            ((n, n * 40 - 39 + k, 0, 1, k + 1) for n in range(1, series_count + 1) for k in range(3) if n * 40 - 39 + k <= stories),
        )  # fmt: skip

        def review_rows():
            for reviewid in range(1, reviews + 1):
                chapid = rng.randint(1, chapters)
                sid = chapter_story[chapid - 1]
                reviewer = rng.randint(0, authors)
                answered = reviewid % 5 == 0
                text = f"Review {reviewid}: " + " ".join(rng.choices(WORDS, k=rng.randint(5, 60)))
                if kinds[sid] == 1 and reviewid % 3 == 0:
                    text = ("C’est magnifique — " + text).encode("cp1252")
                yield (
                    reviewid, sid, chapid, f"Writer {reviewer}" if reviewer else "A guest", reviewer,
                    (text + RESPONSE) if answered and isinstance(text, str) else text, _date(rng),
                    rng.choice((-1, 6, 8, 10)), "1" if answered and isinstance(text, str) else "0", "ST",
                )  # fmt: skip

        w.table(
            "reviews",
            [("reviewid", "int(11) NOT NULL AUTO_INCREMENT"), ("item", "int(11)"), ("chapid", "int(11)"),
             ("reviewer", "varchar(60)"), ("uid", "int(11)"), ("review", "text"), ("date", date), ("rating", "int(11)"),
             ("respond", "char(1)"), ("type", "char(2)")],
            ["PRIMARY KEY (`reviewid`)", "KEY `psid` (`chapid`)", "KEY `avgrating` (`type`,`item`,`rating`)",
             "KEY `byuid` (`uid`,`item`,`type`)"],
            review_rows(),
        )  # fmt: skip
        favorites = {(rng.randint(1, authors), rng.randint(1, stories)) for _ in range(stories // 2)}
        w.table(
            "favorites",
            [("uid", "int(11)"), ("item", "int(11)"), ("type", "char(2)"), ("comments", "text")],
            ["UNIQUE KEY `byitem` (`item`,`type`,`uid`)", "UNIQUE KEY `byuid` (`uid`,`type`,`item`)"],
            ((uid, sid, "ST", "") for uid, sid in sorted(favorites)),
        )
    return {"chapter_files": counts["files"] - missing, "missing_files": missing}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--chapters", type=int, default=60_000)
    parser.add_argument("--authors", type=int, default=2_000)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--chapter-chars", type=int, default=3_000)
    parser.add_argument("--files", type=float, default=0.5, help="the share of chapters stored as files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-stage", action="store_true", help="write the archive only")
    args = parser.parse_args(argv)
    if args.chapters < args.stories:
        parser.error("every story needs a chapter: --chapters must be at least --stories")

    started = time.perf_counter()
    made = write_archive(
        args.out_dir,
        stories=args.stories,
        chapters=args.chapters,
        authors=args.authors,
        reviews=args.reviews,
        chapter_chars=args.chapter_chars,
        files=args.files,
        seed=args.seed,
    )
    sql = Path(args.out_dir) / "efiction.sql"
    print(
        f"wrote {sql} ({sql.stat().st_size / 1e6:.0f} MB) and {made['chapter_files']} chapter files "
        f"({made['missing_files']} left missing) in {time.perf_counter() - started:.0f} s"
    )
    if not args.no_stage:
        _stage(sql, Path(args.out_dir) / "stories", Path(args.out_dir) / "staging.sqlite")


def _stage(sql, stories, staging):
    import resource

    from quire.imports.efiction.source import stage_dump

    started = time.perf_counter()
    archive = stage_dump(sql, stories, staging)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kinds = {}
    for repair in archive.repairs:
        kinds[repair.what] = kinds.get(repair.what, 0) + 1
    print(
        f"staged {archive.count('stories')} stories, {archive.count('chapters')} chapters, "
        f"{archive.count('reviews')} reviews in {elapsed:.0f} s ({sql.stat().st_size / 1e6 / elapsed:.1f} MB/s), "
        f"peak memory {peak:.0f} MB; repairs: {kinds}"
    )
    archive.close()


if __name__ == "__main__":
    main()
