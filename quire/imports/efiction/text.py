"""Decoding eFiction's text right, whatever its tables say, and telling which texts needed it.

eFiction 3.x connected to MySQL with the client's default character set (latin1) while its pages said
ISO-8859-1 or UTF-8, so a "latin1" column holds whatever the browsers sent: Windows-1252 (curly quotes,
dashes) from ISO-8859-1 pages, UTF-8 bytes from archives switched to UTF-8, and numeric entities for
anything else (a Japanese title typed into an ISO-8859-1 form arrives as `&#26085;&#26412;`). A dump
taken over a UTF-8 connection turns the UTF-8-in-latin1 texts into mojibake ("æ—¥æœ¬"); ftfy, which
knows MySQL's sloppy Windows-1252, reverses that.
"""

import html

import ftfy

# MySQL's "latin1" is Windows-1252 with the five bytes Windows leaves undefined passed through as the
# C1 controls of the same number (what MySQL itself does when it converts latin1 to utf8).
_MYSQL_LATIN1 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}
_MYSQL_LATIN1_TABLE = str.maketrans({chr(b): c for b, c in _MYSQL_LATIN1.items()})
_WINDOWS_ONLY = bytes(range(0x80, 0xA0))

_UTF8 = {"utf8", "utf8mb3", "utf8mb4"}
# MySQL character sets by their Python codec; latin1 and the UTF-8s are decoded by hand above.
_CODECS = {
    "ascii": "ascii",
    "latin2": "iso8859_2",
    "latin5": "iso8859_9",
    "latin7": "iso8859_13",
    "greek": "iso8859_7",
    "hebrew": "iso8859_8",
    "cp1250": "cp1250",
    "cp1251": "cp1251",
    "cp1256": "cp1256",
    "cp1257": "cp1257",
    "cp850": "cp850",
    "cp852": "cp852",
    "cp866": "cp866",
    "koi8r": "koi8_r",
    "koi8u": "koi8_u",
    "sjis": "shift_jis",
    "cp932": "cp932",
    "ujis": "euc_jp",
    "eucjpms": "euc_jp",
    "euckr": "euc_kr",
    "gb2312": "gb2312",
    "gbk": "gbk",
    "gb18030": "gb18030",
    "big5": "big5",
    "tis620": "tis_620",
}

# The fields eFiction shows as plain text (titles, names): entities in them are undone, since Quire escapes
# plain text itself. Everything else (story and chapter text, summaries, notes, bios, reviews,
# descriptions) is HTML as eFiction allowed it and keeps its markup and entities.
PLAIN_TEXT_FIELDS = {
    "authors": {"penname", "realname", "email"},
    "stories": {"title"},
    "chapters": {"title"},
    "series": {"title"},
    "categories": {"category"},
    "characters": {"charname"},
    "classes": {"class_name"},
    "classtypes": {"classtype_name", "classtype_title"},
    "ratings": {"rating"},
    "reviews": {"reviewer"},
    "settings": {"sitename", "slogan"},
    "challenges": {"title"},
    "authorfields": {"field_title"},
}


def plain_text_fields(table: str) -> set[str]:
    """The plain-text fields of a table named with or without its prefix (staging reads rows before it
    knows the prefix): the eFiction table whose name ends it, the longest first (classtypes, not classes)."""
    known = [name for name in PLAIN_TEXT_FIELDS if table.endswith(name)]
    return PLAIN_TEXT_FIELDS[max(known, key=len)] if known else set()


def mysql_latin1(raw: bytes) -> str:
    """Bytes as MySQL reads a latin1 column: Windows-1252, the undefined bytes kept."""
    return raw.decode("latin-1").translate(_MYSQL_LATIN1_TABLE)


def decode(raw: bytes, charset: str | None, declared: str | None) -> tuple[str, list[str]]:
    """The text in `raw`, which is in `charset` (the dump's connection charset, or the column's own when
    the bytes come straight from the column), from a column declared `declared`; and what had to be fixed."""
    fixes = []
    charset = (charset or declared or "latin1").lower()
    if raw.isascii():
        text = raw.decode("ascii")
    elif charset in _UTF8 or charset == "binary":
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = mysql_latin1(raw)
            fixes.append(f"cp1252 in {declared or charset} table")
    elif charset == "latin1":
        try:
            text = raw.decode("utf-8")
            fixes.append("utf-8 in latin1 table")
        except UnicodeDecodeError:
            text = mysql_latin1(raw)
            if any(b in _WINDOWS_ONLY for b in raw):
                fixes.append("cp1252 in latin1 table")
    else:
        text = raw.decode(_CODECS.get(charset, "utf-8"), errors="replace")
        if "\ufffd" in text:
            fixes.append(f"undecodable bytes in {charset} text")
    return text, fixes


def repair(text: str, *, plain: bool) -> tuple[str, list[str]]:
    """Mojibake undone (ftfy, encoding fixes only: no quote uncurling or width folding, which would change
    what the writer wrote) and, for plain-text fields, HTML entities unescaped."""
    fixes = []
    if not text.isascii():
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            text = fixed
            fixes.append("mojibake")
    if plain and "&" in text:
        unescaped = html.unescape(text)
        if unescaped != text:
            text = unescaped
            fixes.append("html entities")
            # A title typed into an ISO-8859-1 form as UTF-8 can come back mojibake once its entities are
            # undone too.
            if not text.isascii():
                fixed = ftfy.fix_encoding(text)
                if fixed != text:
                    text = fixed
                    fixes.append("mojibake")
    return text, fixes


def decode_file(raw: bytes) -> tuple[str, list[str]]:
    """A chapter file as eFiction wrote it: UTF-8 (a byte-order mark dropped) or else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    fixes = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = mysql_latin1(raw)
        fixes.append("cp1252 chapter file")
    text, more = repair(text, plain=False)
    return text, fixes + more
