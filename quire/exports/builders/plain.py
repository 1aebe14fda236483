"""Plain text: paragraphs separated by blank lines, notes labelled, nothing else."""

import html
import re

from django.template.loader import render_to_string

from quire.works.languages import language_name

_BREAK = re.compile(r"<br\s*/?>", re.I)
_BLOCK_END = re.compile(
    r"</(p|div|h[1-6]|li|blockquote|pre|tr|table|ul|ol|dl|dd|dt|details|figure)>|<hr\s*/?>", re.I
)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
RULE = "\n\n" + "=" * 40 + "\n\n"


def html_to_plain(fragment: str) -> str:
    text = _BLOCK_END.sub("\n\n", _BREAK.sub("\n", fragment))
    text = html.unescape(_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def build(doc, progress=None) -> bytes:
    context = {
        "doc": doc,
        "language_name": language_name(doc.language),
        "summary": html_to_plain(doc.summary_html),
        "notes": html_to_plain(doc.notes_html),
    }
    parts = [render_to_string("exports/work.txt", context).strip()]
    for chapter in doc.chapters:
        section = [chapter.heading]
        for label, fragment in (
            ("Chapter Summary", chapter.summary_html),
            ("Chapter Notes", chapter.notes_html),
        ):
            if fragment:
                section.append(f"{label}:\n\n{html_to_plain(fragment)}")
        section.append(html_to_plain(chapter.body_html))
        if chapter.end_notes_html:
            section.append(f"Chapter End Notes:\n\n{html_to_plain(chapter.end_notes_html)}")
        parts.append("\n\n".join(section))
        if progress:
            progress(chapter.number, len(doc.chapters))
    if doc.end_notes_html:
        parts.append(f"End Notes:\n\n{html_to_plain(doc.end_notes_html)}")
    parts.append(f"Read it, leave kudos or a review at {doc.story_url}")
    return (RULE.join(parts) + "\n").encode()
