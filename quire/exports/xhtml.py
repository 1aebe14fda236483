"""Stored chapter HTML (sanitized HTML5) made into XHTML that e-readers and EPUBCheck accept.

The sanitizer keeps some of AO3's older markup (<center>, align=, <img> from other sites); EPUB 3 content
must be well-formed XML in today's HTML, with every image inside the book. Those are rewritten, not dropped.
"""

import re
from html import escape
from urllib.parse import urljoin

from lxml import etree, html

_RENAMED = {
    "center": ("div", "center"),
    "big": ("span", "big"),
    "tt": ("code", ""),
    "strike": ("s", ""),
    "acronym": ("abbr", ""),
}
_ALIGNS = {"left", "right", "center", "justify"}
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_xhtml(fragment: str, *, site: str) -> str:
    """A sanitized HTML fragment as an XHTML fragment (no namespace; it takes the page's); links relative to
    the archive point at `site`, its address."""
    if not fragment.strip():
        return ""
    root = html.fragment_fromstring(_XML_ILLEGAL.sub("", fragment), create_parent="div")
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            element.drop_tree()
            continue
        _modernize(element, site)
    parts = [escape(root.text, quote=False)] if root.text else []
    parts += [etree.tostring(child, method="xml", encoding="unicode") for child in root]
    return "".join(parts)


def _modernize(element, site: str) -> None:
    tag = element.tag
    if tag in _RENAMED:
        element.tag, css_class = _RENAMED[tag]
        if css_class:
            _add_class(element, css_class)
    align = element.attrib.pop("align", "").lower()
    if align in _ALIGNS:
        _add_class(element, f"align-{align}")
    element.attrib.pop("cite", None)
    if tag == "a":
        element.attrib.pop("name", None)
        _absolute_link(element, site)
    elif tag == "img":
        _image_as_link(element)
    elif tag == "summary" and element.getparent() is not None and element.getparent().tag != "details":
        element.tag = "div"
    for name in list(element.attrib):
        if name not in _XML_NAMES:
            del element.attrib[name]


# Attributes lxml's HTML parser can produce that are also valid XML names in today's HTML.
_XML_NAMES = {
    "href",
    "class",
    "title",
    "dir",
    "lang",
    "start",
    "type",
    "colspan",
    "rowspan",
    "scope",
    "span",
    "rel",
}


def _add_class(element, css_class: str) -> None:
    element.set("class", f"{element.get('class', '')} {css_class}".strip())


def _absolute_link(element, site: str) -> None:
    href = element.get("href")
    if href is None:
        return
    if href.startswith("#") or not href.strip():
        # Anchors pointed into the web page; the book has no such ids.
        del element.attrib["href"]
        element.attrib.pop("rel", None)
    elif not re.match(r"^(https?|mailto):", href, re.I):
        element.set("href", urljoin(site + "/", href))


def _image_as_link(element) -> None:
    """Images live on other sites; a book may only show its own, so the reader gets a link instead."""
    src = element.get("src", "")
    alt = element.get("alt", "").strip()
    tail = element.tail
    element.clear()
    element.tag = "a"
    element.text = f"[Image: {alt}]" if alt else "[Image]"
    element.tail = tail
    if re.match(r"^https?://", src, re.I):
        element.set("href", src)
