"""What an HTML element is to a brief beyond its tag: page chrome (menus, sidebars, lists of
links within the page), an eyebrow label above a heading, a list of notes."""

from __future__ import annotations

import re

import lxml.html

from reviewdesk.domain.front_matter import is_caption
from reviewdesk.domain.sections import SectionKind, classify_section

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Words of class names and ids that mark site furniture rather than the document.
_CHROME_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "sidebar", "breadcrumb", "breadcrumbs", "share",
    "sharing", "social", "cookie", "cookies", "newsletter", "subscribe", "toc", "skip",
    "pagination", "masthead", "topbar", "offcanvas",
})
# Content whatever its class says ("market-share" on a table).
_NEVER_CHROME = frozenset({"body", "html", "main", "article", "table", "thead", "tbody", "tr",
                           "td", "th", "figure", "figcaption", "blockquote"})
# Page-level notices around the document (outside any article or section): a disclaimer
# banner, a consent bar, an announcement.
_NOTICE_WORDS = frozenset({"banner", "notice", "disclaimer", "consent", "announcement"})
_WORD_SPLIT = re.compile(r"[\s_\-]+")
# Class names of a short label standing above a heading ("The Problem" over an <h2>).
_EYEBROW_WORDS = frozenset({
    "eyebrow", "kicker", "overline", "label", "pretitle", "supertitle", "tagline", "category",
})
_EYEBROW_WORDS_MAX = 6
_EYEBROW_CHARS_MAX = 60
# Class names and ids of a list of notes, and of the link back from a note to its mark.
_NOTES_WORDS = frozenset({
    "footnotes", "endnotes", "notes", "references", "bibliography", "citations", "refs",
    "footnote", "endnote",
})
_NOTES_TAGS = frozenset({"ol", "ul", "div", "section", "aside", "footer", "dl"})
_NOTE_ID = re.compile(r"^(?:fn|note|endnote|footnote|ref|cite)[-_:]?\d+$", re.IGNORECASE)
# "#fnref3", "#cite_ref-7", "#ref-2", "#r4": a note's link back to its mark (not "#CITEREF…",
# a link to an entry of the bibliography, nor "#references").
_BACK_LINK = re.compile(
    r"^#(?:fn-?ref|footnote-?ref|endnote-?ref|note-?ref|cite[_-]ref|back-?ref|(?:ref|r)[-_:]?\d)",
    re.IGNORECASE)
_BACK_WORDS = frozenset({"backlink", "backlinks", "backref", "back"})
_BACK_MARKS = frozenset({"↩", "↩︎", "↑", "^", "⤴"})
_LINK_LIST_MIN = 3
_LINK_WORDS_MAX = 8


def _words(el: lxml.html.HtmlElement) -> set[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {word for word in _WORD_SPLIT.split(names) if word}


def is_chrome(el: lxml.html.HtmlElement) -> bool:
    """A menu, sidebar, share bar or cookie notice by its class or id, or a list of links
    to places in the page (a table of contents, the sections of a side menu)."""
    if el.tag in _HEADINGS or el.tag in _NEVER_CHROME:
        return False
    return bool(_words(el) & _CHROME_WORDS) or _is_link_list(el)


def is_page_notice(el: lxml.html.HtmlElement) -> bool:
    """A banner, disclaimer or notice by its class or id (to be left out where it stands
    outside the document's article or sections)."""
    return el.tag not in _HEADINGS and el.tag not in _NEVER_CHROME \
        and bool(_words(el) & _NOTICE_WORDS)


def _is_link_list(el: lxml.html.HtmlElement) -> bool:
    """Three links or more to places in the page, short, with hardly any other text."""
    if el.tag not in ("ul", "ol", "menu", "div", "p"):
        return False
    children = [child for child in el if isinstance(child.tag, str)]
    if el.tag in ("div", "p") and (len(children) < _LINK_LIST_MIN
                                   or any(child.tag != "a" for child in children)):
        return False
    links = list(el.iter("a"))
    if len(links) < _LINK_LIST_MIN:
        return False
    for link in links:
        href = (link.get("href") or "").strip()
        if not href.startswith("#"):
            return False
        if len(link.text_content().split()) > _LINK_WORDS_MAX:
            return False
    linked = sum(len(link.text_content()) for link in links)
    return linked * 10 >= len(el.text_content().strip()) * 9


def eyebrow_level(el: lxml.html.HtmlElement) -> int | None:
    """For a short label just above an <h2>..<h6> ("The Problem" over "A gap in
    accountability"), the level of the part it names: one above the heading's. None for
    anything else. Only a label that names a part, or is classed as one, counts."""
    if el.tag not in ("p", "div", "span", "small", "strong", "b", "em"):
        return None
    following = el.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is None or _HEADINGS.get(str(following.tag), 1) < 2:
        return None
    if any(isinstance(child.tag, str) and child.tag not in ("span", "b", "strong", "em", "i")
           for child in el):
        return None
    text = " ".join(el.text_content().split())
    if not text or len(text) > _EYEBROW_CHARS_MAX or len(text.split()) > _EYEBROW_WORDS_MAX \
            or text.endswith(".") or is_caption(text):
        return None
    named = classify_section(text) != SectionKind.OTHER
    if not named and not _words(el) & _EYEBROW_WORDS:
        return None
    return _HEADINGS[str(following.tag)] - 1


def is_notes_container(el: lxml.html.HtmlElement) -> bool:
    """A list or block of notes by its class or id ("footnotes", "endnotes", "references")
    or because its items link back to where they are cited."""
    if el.tag not in _NOTES_TAGS:
        return False
    if _words(el) & _NOTES_WORDS:
        return True
    if el.tag != "ol" and el.tag != "ul":
        return False
    items = [child for child in el if child.tag == "li"]
    return bool(items) and all(is_note_item(item) for item in items)


def is_note_item(el: lxml.html.HtmlElement) -> bool:
    """A list item that is a note: its id is a note's ("fn3") or it links back to its mark."""
    return bool(_NOTE_ID.match(el.get("id") or "")) or any(map(is_back_link, el.iter("a")))


def is_back_link(el: lxml.html.HtmlElement) -> bool:
    """The link from a note back to where it is cited ("↩", "^", href="#fnref3"), or the
    element holding such links ("^ a b c" in a span classed as back-links)."""
    if _words(el) & _BACK_WORDS:
        return True
    if el.tag != "a":
        return False
    href = el.get("href") or ""
    return bool(_BACK_LINK.match(href)) or (href.startswith("#") and
                                            el.text_content().strip() in _BACK_MARKS)
