"""Reading an eFiction archive: dumps in mysqldump's and phpMyAdmin's shapes and a live MariaDB database,
staged with their text decoded right and every repair recorded (quire/imports/efiction/source.py)."""

import gzip
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from quire.imports.efiction import dump
from quire.imports.efiction.source import DumpError, Repair, open_staged, stage_dump, stage_mysql

DATA = Path(__file__).parent / "data" / "efiction"
MYSQLDUMP = DATA / "efiction.sql"
PHPMYADMIN = DATA / "efiction_phpmyadmin.sql"
STORIES = DATA / "stories"
EFICTION_TABLES = {
    "authorprefs",
    "authors",
    "categories",
    "chapters",
    "characters",
    "classes",
    "classtypes",
    "coauthors",
    "favorites",
    "inseries",
    "ratings",
    "reviews",
    "series",
    "settings",
    "stories",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    staged = stage_dump(MYSQLDUMP, STORIES, tmp_path_factory.mktemp("efiction") / "staging.sqlite")
    yield staged
    staged.close()


def _one(archive, table, where, *params):
    (row,) = archive.rows(table, where, params)
    return row


def _repairs(archive, what):
    return {(r.table, r.row_id, r.field) for r in archive.repairs if r.what == what}


def test_mysqldump_stages_the_efiction_tables_without_their_prefix(archive):
    assert archive.prefix == "fanfiction_"
    assert archive.tables() == EFICTION_TABLES  # the forum's phpbb_users table is left out
    assert archive.count("stories") == 5
    assert archive.count("chapters", "sid = ?", (3,)) == 2
    assert archive.settings["store"] == "files"
    assert archive.settings["sitename"] == "Archive of Tales & Trials"
    assert archive.charsets["stories"] == "latin1"


def test_windows_1252_in_a_latin1_table_is_decoded_and_recorded(archive):
    assert _one(archive, "stories", "sid = 2")["title"] == "Café “Noir”"
    assert _one(archive, "chapters", "chapid = 3")["storytext"] == (
        "<p>“Bonjour,” dit-elle — et elle sourit. C’était l’été.</p>"
    )
    assert _one(archive, "reviews", "reviewid = 3")["review"] == "C’est magnifique."
    assert {("stories", 2, "title"), ("chapters", 3, "storytext"), ("reviews", 3, "review")} <= _repairs(
        archive, "cp1252 in latin1 table"
    )
    # Plain latin1 (é is 0xE9 in both) is what the table says it is: nothing to repair.
    assert _one(archive, "authors", "uid = 3")["penname"] == "Mireille Ducré"
    assert ("authors", 3, "penname") not in {(r.table, r.row_id, r.field) for r in archive.repairs}


def test_utf8_kept_in_a_latin1_table_is_decoded_and_recorded(archive):
    story = _one(archive, "stories", "sid = 3")
    assert (story["title"], story["summary"]) == ("春の物語", "<p>桜の下で。</p>")
    assert _one(archive, "authors", "uid = 4")["penname"] == "春風"
    assert _one(archive, "categories", "catid = 5")["category"] == "日本のオリジナル"
    assert {("stories", 3, "title"), ("authors", 4, "penname"), ("reviews", 4, "review")} <= _repairs(
        archive, "utf-8 in latin1 table"
    )


def test_entities_are_undone_in_plain_text_fields_and_html_keeps_its_markup(archive):
    assert _one(archive, "stories", "sid = 4")["title"] == "Three's Company"
    assert _one(archive, "chapters", "chapid = 5")["title"] == "第二章"
    assert _one(archive, "characters", "charid = 3")["charname"] == 'Leonard "Bones" McCoy'
    assert _one(archive, "authors", "uid = 2")["penname"] == "Ruth & Naomi"
    assert _one(archive, "stories", "sid = 1")["summary"] == "<p>Jim and Spock, <i>stranded</i>.</p>"
    assert _one(archive, "reviews", "reviewid = 1")["review"] == (
        "Loved the shuttle scene!<br><br><i>Author's Response: Thank you! Chapter two is already up.</i>"
    )
    assert {("stories", 4, "title"), ("chapters", 5, "title"), ("authors", 2, "penname")} <= _repairs(
        archive, "html entities"
    )


def test_values_keep_their_types_and_escapes(archive):
    author = _one(archive, "authors", "uid = 5")
    assert author["penname"] == "Bea O'Hara"
    assert author["bio"] == "Line one\nLine two\\with a backslash"
    assert _one(archive, "authors", "uid = 6")["bio"] is None
    story = _one(archive, "stories", "sid = 4")
    assert (story["uid"], story["validated"], story["date"]) == (5, "0", "2006-05-01 22:00:00")
    assert _one(archive, "reviews", "reviewid = 2")["rating"] == -1
    assert _one(archive, "categories", "catid = 3")["parentcatid"] == 2


def test_rows_take_sql_fragments_in_order(archive):
    chapters = archive.rows("chapters", "sid = ?", (1,), order_by="inorder DESC")
    assert [c["title"] for c in chapters] == ["Rescue", "Stranded"]
    assert [r["uid"] for r in archive.rows("coauthors", "sid = ?", (1,))] == [3]
    assert [(s["seriesid"], s["sid"]) for s in archive.rows("inseries", order_by="inorder")] == [
        (1, 1),
        (1, 5),
    ]
    with pytest.raises(KeyError):
        list(archive.rows("stories; DROP TABLE stories"))


def test_chapter_text_comes_from_the_file_or_the_row_and_missing_files_are_recorded(tmp_path):
    archive = stage_dump(MYSQLDUMP, STORIES, tmp_path / "staging.sqlite")
    chapters = {c["chapid"]: c for c in archive.rows("chapters")}

    assert archive.chapter_text(chapters[1]).startswith("<p>The shuttle came down hard")  # stories/2/1.txt
    assert archive.chapter_text(chapters[2]).startswith("<p>The shuttle's lights came on.</p>")  # the row
    assert (
        archive.chapter_text(chapters[4])
        == "<p>桜が咲いていた。</p>\n<p>彼女は「こんにちは」と言った。</p>\n"
    )
    assert archive.chapter_text(chapters[6]) == "<p>Bones’ arrival — unannounced.</p>\n"
    assert archive.chapter_text(chapters[5]) is None
    assert archive.chapter_text(chapters[5]) is None

    assert archive.missing_files == [str(STORIES / "4" / "5.txt")]
    assert Repair("chapters", 6, "storytext", "cp1252 chapter file") in archive.repairs


def test_a_chapter_file_under_another_authors_folder_is_found(tmp_path):
    stories = tmp_path / "stories"
    shutil.copytree(STORIES, stories)
    (stories / "4" / "4.txt").rename(stories / "2" / "4.txt")  # the story changed hands
    archive = stage_dump(MYSQLDUMP, stories, tmp_path / "staging.sqlite")
    chapter = _one(archive, "chapters", "chapid = 4")
    assert archive.chapter_text(chapter).startswith("<p>桜が咲いていた。</p>")
    assert archive.missing_files == []


def test_phpmyadmin_dump_with_another_prefix_reads_the_same_texts(archive, tmp_path):
    other = stage_dump(PHPMYADMIN, STORIES, tmp_path / "staging.sqlite")
    assert other.prefix == "archive_fanfiction_"
    assert other.tables() == {
        "settings",
        "authors",
        "categories",
        "ratings",
        "stories",
        "chapters",
        "coauthors",
        "reviews",
    }
    assert other.settings["tableprefix"] == "archive_"
    for table in ("authors", "stories", "chapters", "reviews", "categories"):
        assert list(other.rows(table)) == list(archive.rows(table))
    # Over a UTF-8 connection the UTF-8 kept in latin1 tables came out double-encoded: ftfy undid it.
    assert {("stories", 3, "title"), ("authors", 4, "penname")} <= _repairs(other, "mojibake")
    assert not _repairs(other, "cp1252 in latin1 table")


def test_efictions_own_backup_stages_by_efictions_table_layouts(archive, tmp_path):
    backup = stage_dump(DATA / "efiction_backup.sql", STORIES, tmp_path / "staging.sqlite")
    assert backup.tables() == EFICTION_TABLES - {"settings"}  # a settings layout of its own: left out
    assert backup.settings == {}
    for table in ("stories", "chapters", "reviews", "categories", "series", "inseries", "favorites"):
        assert [_without(r, "coauthors") for r in backup.rows(table)] == [
            _without(r, "coauthors") for r in archive.rows(table)
        ]
    assert _one(backup, "authors", "uid = 6")["bio"] == ""  # the backup writes NULL as ""
    assert _one(backup, "stories", "sid = 3")["title"] == "春の物語"
    chapter = _one(backup, "chapters", "chapid = 1")
    assert backup.chapter_text(chapter).startswith("<p>The shuttle came down hard")


def test_a_core_table_without_definition_or_known_layout_is_a_clear_error(tmp_path):
    path = tmp_path / "odd.sql"
    path.write_text('INSERT INTO fanfiction_stories VALUES("1", "Too few values");\n')
    with pytest.raises(DumpError, match="fit no eFiction 3 layout"):
        stage_dump(path, None, tmp_path / "staging.sqlite")


def _without(row, *keys):
    return {k: v for k, v in row.items() if k not in keys}


def test_two_archives_in_one_dump_need_a_prefix(tmp_path):
    both = tmp_path / "both.sql"
    both.write_bytes(MYSQLDUMP.read_bytes() + PHPMYADMIN.read_bytes())
    with pytest.raises(DumpError, match="archive_fanfiction_, fanfiction_"):
        stage_dump(both, STORIES, tmp_path / "staging.sqlite")
    chosen = stage_dump(both, STORIES, tmp_path / "staging.sqlite", prefix="archive_fanfiction_")
    assert chosen.prefix == "archive_fanfiction_"
    assert chosen.count("stories") == 5
    assert "favorites" not in chosen.tables()  # only in the fanfiction_ archive


def test_a_dump_without_efiction_tables_is_a_clear_error(tmp_path):
    other = tmp_path / "forum.sql"
    other.write_text("CREATE TABLE `phpbb_users` (`user_id` int(11)) DEFAULT CHARSET=utf8;\n")
    with pytest.raises(DumpError, match="no eFiction tables"):
        stage_dump(other, None, tmp_path / "staging.sqlite")


TRICKY = r"""-- A hand-edited dump: every quoting and comment style MySQL accepts
SET NAMES utf8;
/* a block comment; with a semicolon */
CREATE TABLE IF NOT EXISTS `x_fanfiction_stories` (
  `sid` int(11) NOT NULL auto_increment,
  `title` varchar(200) NOT NULL default 'It''s; fine',
  `summary` text CHARACTER SET latin1,
  `date` datetime NOT NULL default '0000-00-00 00:00:00',
  PRIMARY KEY  (`sid`),
  KEY `title` (`title`(10))
) TYPE=MyISAM;
CREATE TABLE `x_fanfiction_chapters` (`chapid` int(11), `sid` int(11), `storytext` mediumtext) DEFAULT CHARSET=utf8;
# a hash comment
INSERT INTO `x_fanfiction_stories` VALUES (1,'ends in a backslash \\','a\'b;c''d\ne','2001-01-01 00:00:00'),
(2, _binary 'binary', 0x4869, '2002-02-02 02:02:02');
INSERT IGNORE INTO x_fanfiction_stories (`sid`, `title`) VALUES ('1', 'a duplicate: the first row stays');
REPLACE INTO `x_fanfiction_stories` (`sid`, `title`, `summary`, `date`) VALUES ('3', 'multi
line -- not a comment # nor this', NULL, '2003-03-03 03:03:03');
INSERT INTO `x_fanfiction_chapters` VALUES (1,1,"double \"quoted\" text");
DELIMITER ;;
CREATE TRIGGER t BEFORE INSERT ON x_fanfiction_stories FOR EACH ROW BEGIN
INSERT INTO x_fanfiction_chapters VALUES (99, 99, 'from a trigger');;
END ;;
DELIMITER ;
"""


@pytest.mark.parametrize("compress", (False, True))
def test_every_quoting_and_comment_style_is_read(tmp_path, compress):
    path = tmp_path / ("tricky.sql.gz" if compress else "tricky.sql")
    path.write_bytes(gzip.compress(TRICKY.encode()) if compress else TRICKY.encode())
    archive = stage_dump(path, None, tmp_path / "staging.sqlite")
    stories = list(archive.rows("stories", order_by="sid"))
    assert [(s["sid"], s["title"], s["summary"], s["date"]) for s in stories] == [
        (1, "ends in a backslash \\", "a'b;c'd\ne", "2001-01-01 00:00:00"),
        (2, "binary", "Hi", "2002-02-02 02:02:02"),
        (3, "multi\nline -- not a comment # nor this", None, "2003-03-03 03:03:03"),
    ]
    assert [c["storytext"] for c in archive.rows("chapters")] == ['double "quoted" text']
    assert archive.charsets == {"stories": None, "chapters": "utf8"}  # TYPE=MyISAM said nothing


def test_statements_are_cut_at_semicolons_outside_strings_only():
    text = "INSERT INTO t VALUES ('a;b','c\\';d');\nSELECT 1; -- x;y\nSELECT 2"
    assert [s.strip() for s in dump.statements(text.splitlines(keepends=True))] == [
        "INSERT INTO t VALUES ('a;b','c\\';d')",
        "SELECT 1",
        "SELECT 2",
    ]


def test_a_staged_archive_reopens_without_the_dump(archive):
    again = open_staged(archive.staging_path, STORIES)
    assert again.prefix == archive.prefix
    assert again.repairs == archive.repairs
    assert list(again.rows("stories")) == list(archive.rows("stories"))
    again.close()


# Live MySQL: MariaDB runs on the development machines; the tests say so and stop if none answers.
MYSQL_URL = os.environ.get(
    "QUIRE_TEST_MYSQL_URL", "mysql://root@localhost/?unix_socket=/run/mysqld/mysqld.sock"
)


@pytest.fixture(scope="module")
def mariadb():
    pymysql = pytest.importorskip("pymysql")
    from urllib.parse import parse_qs, urlparse

    parts = urlparse(MYSQL_URL)
    socket = parse_qs(parts.query).get("unix_socket", [None])[-1]
    options = dict(
        host=parts.hostname or "localhost",
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
        unix_socket=socket,
        charset="latin1",
        autocommit=True,
    )
    try:
        connection = pymysql.connect(**options)
    except pymysql.err.OperationalError as error:
        pytest.skip(f"no MariaDB at {MYSQL_URL}: {error}")
    name = f"quire_efiction_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name} CHARACTER SET latin1")
        cursor.execute(f"USE {name}")
        for statement in dump.statements(dump.open_dump(MYSQLDUMP)):
            cursor.execute(
                statement.encode("latin-1")
            )  # the dump's own bytes, as the mysql client sends them
    url = parts._replace(path="/" + name).geturl()
    yield url, name, options
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE {name}")
    connection.close()


def test_a_live_database_stages_like_its_dump(archive, mariadb, tmp_path):
    url, _, _ = mariadb
    live = stage_mysql(url, STORIES, tmp_path / "staging.sqlite")
    assert live.prefix == "fanfiction_"
    assert live.tables() == archive.tables()
    for table in sorted(archive.tables()):
        assert list(live.rows(table)) == list(archive.rows(table)), table
    assert sorted(map(repr, live.repairs)) == sorted(map(repr, archive.repairs))
    assert live.settings == archive.settings


@pytest.mark.parametrize("charset", ("utf8mb4", "latin1"))
def test_real_mysqldump_output_stages_like_the_fixture(archive, mariadb, tmp_path, charset):
    program = shutil.which("mariadb-dump") or shutil.which("mysqldump")
    if program is None:
        pytest.skip("no mysqldump on this machine")
    _, name, options = mariadb
    command = [program, f"--default-character-set={charset}", "-u", options["user"], name]
    if options["unix_socket"]:
        command.insert(1, f"--socket={options['unix_socket']}")
    else:
        command[1:1] = ["-h", options["host"], "-P", str(options["port"])]
    if options["password"]:
        command.insert(1, f"--password={options['password']}")
    path = tmp_path / "real.sql"
    path.write_bytes(subprocess.run(command, capture_output=True, check=True).stdout)
    real = stage_dump(path, STORIES, tmp_path / "staging.sqlite")
    for table in sorted(archive.tables()):
        assert list(real.rows(table)) == list(archive.rows(table)), table
    if charset == "utf8mb4":
        assert ("stories", 3, "title") in _repairs(real, "mojibake")
    else:
        assert ("stories", 3, "title") in _repairs(real, "utf-8 in latin1 table")


def test_the_bench_generator_writes_an_archive_that_stages(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "efiction_dump", Path(__file__).parents[1] / "bench" / "efiction_dump.py"
    )
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    made = generator.write_archive(
        tmp_path, stories=80, chapters=2000, authors=10, reviews=300, chapter_chars=200, files=0.5, seed=3
    )
    archive = stage_dump(tmp_path / "efiction.sql", tmp_path / "stories", tmp_path / "staging.sqlite")
    assert (archive.count("stories"), archive.count("chapters"), archive.count("reviews")) == (80, 2000, 300)
    texts = [archive.chapter_text(c) for c in archive.rows("chapters")]
    assert sum(text is None for text in texts) == len(archive.missing_files) == made["missing_files"] > 0
    assert {"cp1252 in latin1 table", "utf-8 in latin1 table", "html entities"} <= {
        r.what for r in archive.repairs
    }
    assert archive.count("stories", "title LIKE ?", ("春の物語%",)) == 2
