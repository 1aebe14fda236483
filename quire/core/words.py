"""The one word count: the work page, the preview, listings, feeds, exports, the API and the beta read all
show the number `count_words` gives for a chapter's sanitized HTML.

The rule is AO3's, which fan fiction writers compare against, with numbers kept whole as a word processor
keeps them:

- a word is a run of letters and digits (with their accents and other combining marks);
- an apostrophe or a hyphen between two letters keeps them one word ("don't", "well-known", "Jess's"), and a
  comma or a full stop between two digits keeps a number one word ("1,000", "3.5");
- anything else separates words: spaces, dashes ("yes—no", "yes--no"), ellipses ("wanted…Rory"), slashes;
- punctuation, symbols and emoji alone are not words;
- only the text a reader sees counts: inline markup (<em>, <a>, ...) is not there at all, so "<em>wo</em>rd"
  is one word, while block markup (<p>, <br>, table cells, ...) separates words as it does on the page.

Chinese, Japanese and Thai are written without spaces between words, and their readers count characters:
each Han character (with 々 and 〇), hiragana and katakana character (with the long-vowel mark ー) and Thai
character is one word, as AO3 counts them. Their punctuation (。、「」・…) is not counted, and a voicing
mark (゛, ゜ or their combining forms) belongs to the kana before it. Korean is written with spaces, and
Hangul is counted by them, a word between two spaces (an eojeol), as AO3 and Korean word processors count it.

Mixed text: a run of letters or digits of other scripts ends where such a character begins, and the
character counts on its own, so "Rory狼の夢" is four words (Rory, 狼, の, 夢), "3人" two and "ＲＯＲＹの" two.

Everything here reads each character a bounded number of times: a 10,000,000-character chapter is counted
in linear time (about a second), whatever it is made of.
"""

import html
import re
import unicodedata

# Elements that sit inside a line of text: the letters either side of their tags are one run.
_INLINE = {
    "a", "abbr", "acronym", "b", "big", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "q", "s",
    "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var",
}  # fmt: skip
# The sanitizer escapes "<" and ">" everywhere but in tags (attribute values included), so in its output a
# tag is exactly a "<" to the next ">". Possessive, and stopping at a "<", so that a stray "<" or "<abc..."
# in unsanitized input is read once, not once per way of splitting it.
_TAG = re.compile(r"<(?:/?([a-zA-Z][a-zA-Z0-9]*+))?+[^<>]*+>")

# Scripts written without spaces between words, where each character counts: AO3's list (Unicode's Han,
# Hiragana, Katakana and Thai scripts) and the long-vowel marks, which Japanese readers count as characters.
# Changing it changes stored counts: recount them in a migration, as works 0012 does.
_CHARACTER_SCRIPTS = re.compile(
    "["
    "\u0e00-\u0e7f"  # Thai
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5"  # Han radicals
    "\u3005\u3007\u3021-\u3029\u3038-\u303b"  # 々, 〇, Hangzhou numerals, iteration marks
    "\u3041-\u3096\u309d-\u309f"  # Hiragana
    "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u32d0-\u32fe\u3300-\u3357"  # Katakana, with ー
    "\uff66-\uff9d"  # half-width katakana, with ｰ
    "\U0001aff0-\U0001b16f\U0001f200"  # archaic and small kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"  # Han
    "]"
)
# Voicing marks written after kana (゛ ゜, combining or half-width) are part of the character they follow.
_KANA_MARKS = "\u3099\u309a\u309b\u309c\uff9e\uff9f"
_JOINERS = "'’-\u2010\u2011"  # apostrophes and hyphens (an en or em dash is not one)

# Each character is first replaced by its kind, one ASCII character: "a" letter, "0" digit, "m" a mark that
# belongs to the character before it, "c" a character counted on its own, "'" apostrophe or hyphen, "," a
# comma or full stop (inside a number), " " anything else. A regular expression over these few kinds stays
# fast: one over Unicode classes, combining marks included, took 7 us a character.
_KIND_WORD_START = re.compile(r"[am](?<![a0m][am])(?<![a0m]'[am])|0(?<![a0m]0)(?<![a0m]'0)(?<!0,0)")
_MARKS_AFTER_CHARACTER = re.compile(r"(?<=c)m+")


def _kind(character: str) -> str:
    if _CHARACTER_SCRIPTS.match(character):
        return "c"
    category = unicodedata.category(character)
    if category == "Nd":
        return "0"
    # Combining marks (accents typed apart, Devanagari vowel signs, Arabic vowels) belong to their letter,
    # though str.isalnum() leaves them out.
    if category in ("Mn", "Mc", "Me") or character in _KANA_MARKS:
        return "m"
    if character.isalnum():
        return "a"
    if character in _JOINERS:
        return "'"
    return "," if character in ",." else " "


class _Kinds(dict):
    """str.translate's table, filled as characters are met: one per call, so it holds only the distinct
    characters of one text."""

    def __missing__(self, code: int) -> str:
        kind = self[code] = _kind(chr(code))
        return kind


def _separate(tag: re.Match) -> str:
    name = tag.group(1)
    return "" if name and name.lower() in _INLINE else "\n"


def visible_text(fragment: str) -> str:
    """The text a reader sees in sanitized HTML: inline tags gone, other tags as line breaks, entities
    decoded."""
    return html.unescape(_TAG.sub(_separate, fragment))


def count_text_words(text: str) -> int:
    """Words in plain text, by the rule above. A word is counted where it starts: at a letter, digit or mark
    that follows neither one nor one and a joiner ("don't" starts once), at a digit that does not follow a
    digit and a separator ("1,000"), and at each character of a script counted by characters (a mark after
    one starts nothing)."""
    kinds = text.translate(_Kinds())
    if "cm" in kinds:  # marks on a counted character are part of it (looked for only where there are some)
        kinds = _MARKS_AFTER_CHARACTER.sub("", kinds)
    return kinds.count("c") + len(_KIND_WORD_START.findall(kinds))


def count_words(fragment: str) -> int:
    """Words in a chapter's sanitized HTML, as every page shows them."""
    return count_text_words(visible_text(fragment))
