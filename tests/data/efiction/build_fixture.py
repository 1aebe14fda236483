"""Writes the eFiction fixture dumps beside this file (run it again after changing the archive below).

One small eFiction 3.5 archive, in the table shapes of eFiction 3.5's installer, written two ways:

- efiction.sql: mysqldump's output with `--default-character-set=latin1` (how eFiction admins were told to
  back up latin1 tables): one-line extended INSERTs, backslash escapes, the columns' raw bytes. Its latin1
  tables hold what eFiction's ISO-8859-1 pages received: Windows-1252 (story 2, "Café “Noir”"), UTF-8 bytes
  from an archive switched to UTF-8 (story 3, Japanese), and HTML entities.
- efiction_backup.sql: the same archive as eFiction's own admin backup writes it (no table definitions).
- efiction_phpmyadmin.sql: part of the same archive as phpMyAdmin exports it over a UTF-8 connection, under
  another table prefix (`archive_fanfiction_`): quoted numbers, one row per line, doubled quotes; the UTF-8
  kept in latin1 tables comes out double-encoded (mojibake), the Windows-1252 comes out right.

stories/ is the archive's stories folder (`store` = files): chapter 5's file is missing on purpose, and
chapter 6's file is in Windows-1252.
"""

from pathlib import Path

HERE = Path(__file__).parent

# Bytes as a latin1 column holds them.
CP = lambda s: s.encode("cp1252")  # noqa: E731 -- typed into an ISO-8859-1 page
U8 = lambda s: s.encode("utf-8")  # noqa: E731 -- typed into a UTF-8 page, stored in a latin1 column

DATE = "datetime NOT NULL DEFAULT '0000-00-00 00:00:00'"
TABLES = {
    "settings": (
        [
            ("sitekey", "varchar(50) NOT NULL DEFAULT '1'"),
            ("sitename", "varchar(200) NOT NULL DEFAULT 'Your Site'"),
            ("slogan", "varchar(200) NOT NULL DEFAULT 'It''s a cool site!'"),
            ("url", "varchar(200) NOT NULL DEFAULT 'http://www.yoursite.com'"),
            ("siteemail", "varchar(200) NOT NULL DEFAULT 'you@yoursite.com'"),
            ("tableprefix", "varchar(50) NOT NULL DEFAULT ''"),
            ("storiespath", "varchar(20) NOT NULL DEFAULT 'stories'"),
            ("store", "varchar(5) NOT NULL DEFAULT 'files'"),
            ("autovalidate", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("coauthallowed", "int(1) NOT NULL DEFAULT '0'"),
            (
                "allowed_tags",
                "varchar(200) NOT NULL DEFAULT '<b><i><u><center><hr><p><br /><br><blockquote><ol><ul><li><img><strong><em>'",
            ),
            ("favorites", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("multiplecats", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("dateformat", "varchar(20) NOT NULL DEFAULT 'd/m/y'"),
            ("language", "varchar(10) NOT NULL DEFAULT 'en'"),
            ("version", "varchar(10) NOT NULL DEFAULT '3.5.3'"),
        ],
        ["PRIMARY KEY (`sitekey`)"],
    ),
    "authors": (
        [
            ("uid", "int(11) NOT NULL AUTO_INCREMENT"),
            ("penname", "varchar(200) NOT NULL DEFAULT ''"),
            ("realname", "varchar(200) NOT NULL DEFAULT ''"),
            ("email", "varchar(200) NOT NULL DEFAULT ''"),
            ("website", "varchar(200) NOT NULL DEFAULT ''"),
            ("bio", "text"),
            ("image", "varchar(200) NOT NULL DEFAULT ''"),
            ("date", DATE),
            ("admincreated", "char(1) NOT NULL DEFAULT '0'"),
            ("password", "varchar(40) NOT NULL DEFAULT '0'"),
        ],
        ["PRIMARY KEY (`uid`)", "KEY `penname` (`penname`)", "KEY `admincreated` (`admincreated`)"],
    ),
    "authorprefs": (
        [
            ("uid", "int(11) NOT NULL DEFAULT '0'"),
            ("newreviews", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("newrespond", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("ageconsent", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("alertson", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("tinyMCE", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("sortby", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("storyindex", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("validated", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("userskin", "varchar(60) NOT NULL DEFAULT 'default'"),
            ("level", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("categories", "varchar(200) NOT NULL DEFAULT '0'"),
            ("contact", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("stories", "int(11) NOT NULL DEFAULT '0'"),
        ],
        ["PRIMARY KEY (`uid`)"],
    ),
    "categories": (
        [
            ("catid", "int(11) NOT NULL AUTO_INCREMENT"),
            ("parentcatid", "int(11) NOT NULL DEFAULT '-1'"),
            ("category", "varchar(60) NOT NULL DEFAULT ''"),
            ("description", "text NOT NULL"),
            ("image", "varchar(100) NOT NULL DEFAULT ''"),
            ("locked", "char(1) NOT NULL DEFAULT '0'"),
            ("leveldown", "tinyint(4) NOT NULL DEFAULT '0'"),
            ("displayorder", "int(11) NOT NULL DEFAULT '0'"),
            ("numitems", "int(11) NOT NULL DEFAULT '0'"),
        ],
        ["PRIMARY KEY (`catid`)", "KEY `byparent` (`parentcatid`,`displayorder`)"],
    ),
    "characters": (
        [
            ("charid", "int(11) NOT NULL AUTO_INCREMENT"),
            ("catid", "int(11) NOT NULL DEFAULT '0'"),
            ("charname", "varchar(60) NOT NULL DEFAULT ''"),
            ("bio", "text NOT NULL"),
            ("image", "varchar(200) NOT NULL DEFAULT ''"),
        ],
        ["PRIMARY KEY (`charid`)", "KEY `catid` (`catid`)", "KEY `charname` (`charname`)"],
    ),
    "classtypes": (
        [
            ("classtype_id", "int(11) NOT NULL AUTO_INCREMENT"),
            ("classtype_name", "varchar(50) NOT NULL DEFAULT ''"),
            ("classtype_title", "varchar(50) NOT NULL DEFAULT ''"),
        ],
        ["PRIMARY KEY (`classtype_id`)", "UNIQUE KEY `classtype_name` (`classtype_name`)"],
    ),
    "classes": (
        [
            ("class_id", "int(11) NOT NULL AUTO_INCREMENT"),
            ("class_type", "int(11) NOT NULL DEFAULT '0'"),
            ("class_name", "varchar(100) NOT NULL DEFAULT ''"),
        ],
        ["PRIMARY KEY (`class_id`)", "KEY `byname` (`class_type`,`class_name`,`class_id`)"],
    ),
    "ratings": (
        [
            ("rid", "int(11) NOT NULL AUTO_INCREMENT"),
            ("rating", "varchar(60) NOT NULL DEFAULT ''"),
            ("ratingwarning", "char(1) NOT NULL DEFAULT '0'"),
            ("warningtext", "text NOT NULL"),
        ],
        ["PRIMARY KEY (`rid`)", "KEY `rating` (`rating`)"],
    ),
    "stories": (
        [
            ("sid", "int(11) NOT NULL AUTO_INCREMENT"),
            ("title", "varchar(200) NOT NULL DEFAULT ''"),
            ("summary", "text"),
            ("storynotes", "text"),
            ("catid", "varchar(100) NOT NULL DEFAULT '0'"),
            ("classes", "varchar(200) DEFAULT NULL"),
            ("charid", "varchar(250) NOT NULL DEFAULT '0'"),
            ("rid", "varchar(25) NOT NULL DEFAULT '0'"),
            ("date", DATE),
            ("updated", DATE),
            ("uid", "int(11) NOT NULL DEFAULT '0'"),
            ("coauthors", "tinyint(1) NOT NULL DEFAULT '0'"),
            ("featured", "char(1) NOT NULL DEFAULT '0'"),
            ("validated", "char(1) NOT NULL DEFAULT '0'"),
            ("completed", "char(1) NOT NULL DEFAULT '0'"),
            ("rr", "char(1) NOT NULL DEFAULT '0'"),
            ("wordcount", "int(11) NOT NULL DEFAULT '0'"),
            ("rating", "tinyint(4) NOT NULL DEFAULT '0'"),
            ("reviews", "smallint(6) NOT NULL DEFAULT '0'"),
            ("count", "int(11) NOT NULL DEFAULT '0'"),
            ("challenges", "varchar(200) NOT NULL DEFAULT '0'"),
        ],
        [
            "PRIMARY KEY (`sid`)",
            "KEY `title` (`title`)",
            "KEY `catid` (`catid`)",
            "KEY `charid` (`charid`)",
            "KEY `rid` (`rid`)",
            "KEY `uid` (`uid`)",
            "KEY `validateduid` (`validated`,`uid`)",
            "KEY `recent` (`updated`,`validated`)",
        ],
    ),
    "chapters": (
        [
            ("chapid", "int(11) NOT NULL AUTO_INCREMENT"),
            ("title", "varchar(250) NOT NULL DEFAULT ''"),
            ("inorder", "int(11) NOT NULL DEFAULT '0'"),
            ("notes", "text"),
            ("storytext", "mediumtext"),
            ("endnotes", "text"),
            ("validated", "char(1) NOT NULL DEFAULT '0'"),
            ("wordcount", "int(11) NOT NULL DEFAULT '0'"),
            ("rating", "tinyint(4) NOT NULL DEFAULT '0'"),
            ("reviews", "smallint(6) NOT NULL DEFAULT '0'"),
            ("sid", "int(11) NOT NULL DEFAULT '0'"),
            ("uid", "int(11) NOT NULL DEFAULT '0'"),
            ("count", "int(11) NOT NULL DEFAULT '0'"),
        ],
        [
            "PRIMARY KEY (`chapid`)",
            "KEY `sid` (`sid`)",
            "KEY `uid` (`uid`)",
            "KEY `inorder` (`inorder`)",
            "KEY `title` (`title`)",
            "KEY `forstoryblock` (`sid`,`validated`)",
        ],
    ),
    "coauthors": (
        [("sid", "int(11) NOT NULL DEFAULT '0'"), ("uid", "int(11) NOT NULL DEFAULT '0'")],
        ["PRIMARY KEY (`sid`,`uid`)"],
    ),
    "series": (
        [
            ("seriesid", "int(11) NOT NULL AUTO_INCREMENT"),
            ("title", "varchar(200) NOT NULL DEFAULT ''"),
            ("summary", "text"),
            ("uid", "int(11) NOT NULL DEFAULT '0'"),
            ("isopen", "tinyint(4) NOT NULL DEFAULT '0'"),
            ("catid", "varchar(200) NOT NULL DEFAULT '0'"),
            ("rating", "tinyint(4) NOT NULL DEFAULT '0'"),
            ("classes", "varchar(200) DEFAULT NULL"),
            ("characters", "varchar(250) NOT NULL DEFAULT ''"),
            ("reviews", "smallint(6) NOT NULL DEFAULT '0'"),
            ("numstories", "int(11) NOT NULL DEFAULT '0'"),
            ("challenges", "varchar(200) NOT NULL DEFAULT ''"),
        ],
        ["PRIMARY KEY (`seriesid`)", "KEY `catid` (`catid`)", "KEY `owner` (`uid`,`title`)"],
    ),
    "inseries": (
        [
            ("seriesid", "int(11) NOT NULL DEFAULT '0'"),
            ("sid", "int(11) NOT NULL DEFAULT '0'"),
            ("subseriesid", "int(11) NOT NULL DEFAULT '0'"),
            ("confirmed", "int(11) NOT NULL DEFAULT '0'"),
            ("inorder", "int(11) NOT NULL DEFAULT '0'"),
        ],
        ["PRIMARY KEY (`sid`,`seriesid`,`subseriesid`)", "KEY `seriesid` (`seriesid`,`inorder`)"],
    ),
    "reviews": (
        [
            ("reviewid", "int(11) NOT NULL AUTO_INCREMENT"),
            ("item", "int(11) NOT NULL DEFAULT '0'"),
            ("chapid", "int(11) NOT NULL DEFAULT '0'"),
            ("reviewer", "varchar(60) NOT NULL DEFAULT '0'"),
            ("uid", "int(11) NOT NULL DEFAULT '0'"),
            ("review", "text NOT NULL"),
            ("date", DATE),
            ("rating", "int(11) NOT NULL DEFAULT '0'"),
            ("respond", "char(1) NOT NULL DEFAULT '0'"),
            ("type", "char(2) NOT NULL DEFAULT 'ST'"),
        ],
        [
            "PRIMARY KEY (`reviewid`)",
            "KEY `psid` (`chapid`)",
            "KEY `rating` (`rating`)",
            "KEY `respond` (`respond`)",
            "KEY `avgrating` (`type`,`item`,`rating`)",
            "KEY `bychapter` (`chapid`,`rating`)",
            "KEY `byuid` (`uid`,`item`,`type`)",
        ],
    ),
    "favorites": (
        [
            ("uid", "int(11) NOT NULL DEFAULT '0'"),
            ("item", "int(11) NOT NULL DEFAULT '0'"),
            ("type", "char(2) NOT NULL DEFAULT ''"),
            ("comments", "text NOT NULL"),
        ],
        ["UNIQUE KEY `byitem` (`item`,`type`,`uid`)", "UNIQUE KEY `byuid` (`uid`,`type`,`item`)"],
    ),
}

RESPONSE = "<br><br><i>Author's Response: Thank you! Chapter two is already up.</i>"
ROWS = {
    "settings": [
        (
            "QuireTest1",
            "Archive of Tales &amp; Trials",
            "It's a cool site!",
            "http://fic.example.org",
            "admin@example.org",
            "",
            "stories",
            "files",
            0,
            1,
            "<b><i><p><br>",
            1,
            1,
            "d/m/y",
            "en",
            "3.5.3",
        ),
    ],
    "authors": [
        (
            1,
            "Archivist",
            "Ada Admin",
            "admin@example.org",
            "",
            "",
            "",
            "2005-03-01 10:00:00",
            "0",
            "5f4dcc3b5aa765d61d8327deb882cf99",
        ),
        (
            2,
            "Ruth &amp; Naomi",
            "Ruth",
            "ruth@example.org",
            "http://ruth.example.org",
            "<p>Writes <b>Trek</b>.</p>",
            "",
            "2005-04-02 11:30:00",
            "0",
            "x",
        ),
        (
            3,
            CP("Mireille Ducré"),
            "",
            "mireille@example.fr",
            "",
            CP("<p>J’écris en français — souvent.</p>"),
            "",
            "2005-05-03 09:15:00",
            "0",
            "x",
        ),
        (
            4,
            U8("春風"),
            U8("山田花子"),
            "harukaze@example.jp",
            "",
            U8("<p>日本語で書いています。</p>"),
            "",
            "2006-01-10 08:00:00",
            "0",
            "x",
        ),
        (
            5,
            "Bea O'Hara",
            "Beatrice",
            "bea@example.org",
            "",
            "Line one\nLine two\\with a backslash",
            "",
            "2006-02-11 20:45:00",
            "0",
            "x",
        ),
        (6, "Lurker", "", "lurker@example.org", "", None, "", "2006-03-12 12:00:00", "0", "x"),
    ],
    "authorprefs": [
        (1, 1, 1, 1, 0, 0, 0, 0, 1, "default", 1, "0", 1, 0),
        (2, 1, 1, 1, 0, 1, 0, 0, 1, "default", 0, "0", 1, 2),
        (3, 1, 0, 1, 0, 0, 0, 0, 1, "default", 0, "0", 1, 1),
        (4, 0, 0, 1, 0, 0, 0, 0, 1, "default", 0, "0", 0, 1),
        (5, 0, 0, 1, 0, 0, 0, 0, 0, "default", 0, "0", 0, 1),
    ],
    # Star Trek > Kirk/Spock > Kirk/Spock/McCoy: an archive that files its stories under pairings.
    "categories": [
        (1, -1, "Star Trek", "The Original Series.", "", "1", 0, 1, 3),
        (2, 1, "Kirk/Spock", "Stories of Jim and Spock.", "", "0", 1, 1, 2),
        (3, 2, "Kirk/Spock/McCoy", "And Bones makes three.", "", "0", 2, 1, 1),
        (4, -1, "Original Fiction", "", "", "0", 0, 2, 1),
        (5, -1, U8("日本のオリジナル"), "", "", "0", 0, 3, 1),
    ],
    "characters": [
        (1, 1, "James T. Kirk", "", ""),
        (2, 1, "Spock", "", ""),
        (3, 1, "Leonard &quot;Bones&quot; McCoy", "", ""),
        (4, 4, CP("Hélène"), "", ""),
    ],
    "classtypes": [(1, "genres", "Genres"), (2, "warnings", "Warnings")],
    "classes": [
        (1, 1, "Angst"),
        (2, 1, "Humor"),
        (3, 1, "Hurt/Comfort"),
        (4, 2, "Major Character Death"),
        (5, 2, "None"),
    ],
    "ratings": [
        (1, "G", "0", ""),
        (2, "PG-13", "0", ""),
        (3, "NC-17", "1", "This story is for adults only."),
    ],
    "stories": [
        (
            1,
            "The Long Way Home",
            "<p>Jim and Spock, <i>stranded</i>.</p>",
            "Written for the 2005 zine.",
            "2",
            "1,4",
            "1,2",
            "2",
            "2005-06-01 12:00:00",
            "2005-07-15 18:30:00",
            2,
            1,
            "0",
            "1",
            "1",
            "0",
            2400,
            0,
            3,
            120,
            "0",
        ),
        (
            2,
            CP("Café “Noir”"),
            CP("<p>Une histoire d’amour — à Paris.</p>"),
            "",
            "4",
            "2",
            "4",
            "1",
            "2005-08-01 09:00:00",
            "2005-08-01 09:00:00",
            3,
            0,
            "0",
            "1",
            "1",
            "0",
            900,
            0,
            1,
            40,
            "0",
        ),
        (
            3,
            U8("春の物語"),
            U8("<p>桜の下で。</p>"),
            "",
            "5",
            "3",
            "",
            "1",
            "2006-04-01 07:00:00",
            "2006-04-08 07:00:00",
            4,
            0,
            "0",
            "1",
            "0",
            "0",
            300,
            0,
            1,
            10,
            "0",
        ),
        (
            4,
            "Three&#039;s Company",
            "<p>Bones joins in.</p>",
            "",
            "3",
            "2,5",
            "1,2,3",
            "3",
            "2006-05-01 22:00:00",
            "2006-05-01 22:00:00",
            5,
            0,
            "0",
            "0",
            "0",
            "0",
            500,
            0,
            0,
            0,
            "0",
        ),
        (
            5,
            "Shore Leave",
            "<p>The sequel.</p>",
            "",
            "2",
            "2",
            "1,2",
            "1",
            "2005-09-01 12:00:00",
            "2005-09-02 12:00:00",
            2,
            0,
            "0",
            "1",
            "1",
            "0",
            700,
            0,
            0,
            20,
            "0",
        ),
    ],
    "chapters": [
        # Stored as files (store = files): the row's storytext is empty.
        (
            1,
            "Stranded",
            1,
            "<p>Thanks to my beta.</p>",
            "",
            "<p>To be continued.</p>",
            "1",
            1200,
            0,
            2,
            1,
            2,
            70,
        ),
        # From before the archive switched to files: the text is in the row.
        (
            2,
            "Rescue",
            2,
            "",
            '<p>The shuttle\'s lights came on.</p>\n<p>"Spock?" Jim said.</p>',
            "",
            "1",
            1200,
            0,
            1,
            1,
            2,
            50,
        ),
        (
            3,
            CP("Première partie"),
            1,
            "",
            CP("<p>“Bonjour,” dit-elle — et elle sourit. C’était l’été.</p>"),
            "",
            "1",
            900,
            0,
            1,
            2,
            3,
            40,
        ),
        (4, U8("第一章"), 1, "", "", "", "1", 150, 0, 1, 3, 4, 10),
        (5, "&#31532;&#20108;&#31456;", 2, "", "", "", "1", 150, 0, 0, 3, 4, 0),  # its file is missing
        (6, "Three", 1, "", "", "", "0", 500, 0, 0, 4, 5, 0),
        (7, "Risa", 1, "", "<p>Shore leave at last.</p>", "", "1", 700, 0, 0, 5, 2, 20),
    ],
    "coauthors": [(1, 3)],
    "series": [
        (1, "The Enterprise Cycle", "<p>Two stories, in order.</p>", 2, 0, "2", 0, "", "1,2", 1, 2, ""),
    ],
    "inseries": [(1, 1, 0, 1, 1), (1, 5, 0, 1, 2)],
    "reviews": [
        (1, 1, 1, "Lurker", 6, "Loved the shuttle scene!" + RESPONSE, "2005-06-02 08:00:00", 10, "1", "ST"),
        (2, 1, 2, "A guest", 0, "More please.", "2005-07-16 10:00:00", -1, "0", "ST"),
        (3, 2, 3, "Bea O'Hara", 5, CP("C’est magnifique."), "2005-08-02 10:00:00", 8, "0", "ST"),
        (4, 3, 4, U8("読者"), 0, U8("素晴らしい物語でした。"), "2006-04-02 10:00:00", -1, "0", "ST"),
        (5, 1, 99, "Lurker", 6, "(on a chapter since deleted)", "2005-06-20 10:00:00", -1, "0", "ST"),
        (6, 1, 0, "Lurker", 6, "A lovely series.", "2005-09-03 10:00:00", -1, "0", "SE"),
    ],
    "favorites": [
        (6, 1, "ST", "My favourite."),
        (6, 2, "AU", ""),
        (6, 1, "SE", ""),
        (5, 3, "ST", ""),
    ],
}

# The one table that is not eFiction's (a forum sharing the database): staging leaves it out.
FORUM = (
    "phpbb_users",
    [("user_id", "int(11) NOT NULL"), ("username", "varchar(255) NOT NULL")],
    [(1, "forumadmin")],
)

FILES = {
    "2/1.txt": U8(
        "<p>The shuttle came down hard on the ice.</p>\n<p>“Captain,” Spock said, “we are not alone.”</p>\n"
    ),
    "4/4.txt": U8("<p>桜が咲いていた。</p>\n<p>彼女は「こんにちは」と言った。</p>\n"),
    "5/6.txt": CP("<p>Bones’ arrival — unannounced.</p>\n"),
}


def _escape_mysqldump(raw: bytes) -> bytes:
    out = raw.replace(b"\\", b"\\\\").replace(b"'", b"\\'").replace(b'"', b'\\"')
    return out.replace(b"\n", b"\\n").replace(b"\r", b"\\r").replace(b"\0", b"\\0").replace(b"\x1a", b"\\Z")


def _escape_phpmyadmin(raw: bytes) -> bytes:
    return raw.replace(b"\\", b"\\\\").replace(b"'", b"''").replace(b"\n", b"\\n").replace(b"\r", b"\\r")


def _literal(value, escape, quote_numbers=False) -> bytes:
    if value is None:
        return b"NULL"
    if isinstance(value, int):
        return b"'%d'" % value if quote_numbers else b"%d" % value
    raw = value if isinstance(value, bytes) else value.encode("latin-1")
    return b"'" + escape(raw) + b"'"


def _create(name, columns, keys, charset) -> bytes:
    lines = [f"  `{c}` {d}" for c, d in columns] + [f"  {k}" for k in keys]
    return (
        f"CREATE TABLE `{name}` (\n" + ",\n".join(lines) + f"\n) ENGINE=MyISAM DEFAULT CHARSET={charset};\n"
    ).encode()


def mysqldump() -> bytes:
    out = [
        b"-- MySQL dump 10.13  Distrib 5.5.62, for debian-linux-gnu (x86_64)\n--\n",
        b"-- Host: localhost    Database: efiction\n",
        b"-- ------------------------------------------------------\n-- Server version\t5.5.62\n\n",
        b"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n",
        b"/*!40101 SET NAMES latin1 */;\n",
        b"/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n",
        b"/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n\n",
    ]
    tables = [("fanfiction_" + t, cols, keys, ROWS[t]) for t, (cols, keys) in TABLES.items()]
    tables.insert(3, (FORUM[0], FORUM[1], ["PRIMARY KEY (`user_id`)"], FORUM[2]))
    for name, cols, keys, rows in tables:
        out.append(
            f"--\n-- Table structure for table `{name}`\n--\n\nDROP TABLE IF EXISTS `{name}`;\n".encode()
        )
        out.append(
            b"/*!40101 SET @saved_cs_client     = @@character_set_client */;\n/*!40101 SET character_set_client = utf8 */;\n"
        )
        out.append(_create(name, cols, keys, "latin1"))
        out.append(b"/*!40101 SET character_set_client = @saved_cs_client */;\n\n")
        out.append(f"--\n-- Dumping data for table `{name}`\n--\n\nLOCK TABLES `{name}` WRITE;\n".encode())
        out.append(f"/*!40000 ALTER TABLE `{name}` DISABLE KEYS */;\n".encode())
        tuples = [b"(" + b",".join(_literal(v, _escape_mysqldump) for v in row) + b")" for row in rows]
        out.append(f"INSERT INTO `{name}` VALUES ".encode() + b",".join(tuples) + b";\n")
        out.append(f"/*!40000 ALTER TABLE `{name}` ENABLE KEYS */;\nUNLOCK TABLES;\n\n".encode())
    out.append(
        b"/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n\n-- Dump completed on 2007-01-05 12:00:00\n"
    )
    return b"".join(out)


def _over_utf8(value):
    """A latin1 column's bytes as a UTF-8 connection receives them: MySQL reads them as Windows-1252."""
    if not isinstance(value, bytes):
        return value
    text = value.decode("latin-1").translate(
        {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}
    )
    return text.encode("utf-8")


def phpmyadmin() -> bytes:
    prefix = "archive_fanfiction_"
    out = [
        b"-- phpMyAdmin SQL Dump\n-- version 4.9.5deb2\n-- https://www.phpmyadmin.net/\n--\n",
        b"-- Host: localhost\n-- Generation Time: Jan 05, 2007 at 12:00 PM\n-- Server version: 5.5.62\n\n",
        b'SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";\nSET AUTOCOMMIT = 0;\nSTART TRANSACTION;\nSET time_zone = "+00:00";\n\n',
        b"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n",
        b"/*!40101 SET NAMES utf8mb4 */;\n\n--\n-- Database: `efiction`\n--\n\n",
    ]
    for table in (
        "settings",
        "authors",
        "categories",
        "ratings",
        "stories",
        "chapters",
        "coauthors",
        "reviews",
    ):
        cols, keys = TABLES[table]
        name = prefix + table
        out.append(
            f"-- --------------------------------------------------------\n\n--\n-- Table structure for table `{name}`\n--\n\n".encode()
        )
        out.append(_create(name, cols, keys, "latin1"))
        out.append(f"\n--\n-- Dumping data for table `{name}`\n--\n\n".encode())
        column_list = ", ".join(f"`{c}`" for c, _ in cols)
        rows = ROWS[table]
        if table == "settings":
            rows = [(*rows[0][:5], "archive_", *rows[0][6:])]
        tuples = [
            b"("
            + b", ".join(_literal(_over_utf8(v), _escape_phpmyadmin, quote_numbers=True) for v in row)
            + b")"
            for row in rows
        ]
        out.append(f"INSERT INTO `{name}` ({column_list}) VALUES\n".encode() + b",\n".join(tuples) + b";\n\n")
    out.append(b"COMMIT;\n\n/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n")
    return b"".join(out)


def _escape_php(raw: bytes) -> bytes:
    """mysql_real_escape_string, as eFiction's escapestring() calls it."""
    out = raw.replace(b"\\", b"\\\\").replace(b"'", b"\\'").replace(b'"', b'\\"').replace(b"\0", b"\\0")
    return out.replace(b"\n", b"\\n").replace(b"\r", b"\\r").replace(b"\x1a", b"\\Z")


def efiction_backup() -> bytes:
    """eFiction's own admin backup (admin/backup.php): every table's rows, one INSERT each, every value in
    double quotes, NULL as "", CRLF line ends, no CREATE TABLE and no column names, nor SET NAMES."""
    out = []
    for table in TABLES:
        name = "fanfiction_" + table
        out.append(f"# Dump of {name} \r\n# Dump DATE : 05-Jan-2007\r\n\r\n".encode())
        for row in ROWS[table]:
            values = []
            for value in row:
                raw = (
                    b""
                    if value is None
                    else value
                    if isinstance(value, bytes)
                    else str(value).encode("latin-1")
                )
                values.append(b'"' + _escape_php(raw) + b'"')
            out.append(f"INSERT INTO {name} VALUES(".encode() + b", ".join(values) + b");\r\n")
        out.append(b"\r\n\r\n\r\n")
    return b"".join(out)


def main():
    (HERE / "efiction.sql").write_bytes(mysqldump())
    (HERE / "efiction_phpmyadmin.sql").write_bytes(phpmyadmin())
    (HERE / "efiction_backup.sql").write_bytes(efiction_backup())
    for path, content in FILES.items():
        target = HERE / "stories" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


if __name__ == "__main__":
    main()
