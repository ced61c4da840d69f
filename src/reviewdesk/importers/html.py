"""HTML importer: one pass over lxml's tree; block elements become blocks, inline markup text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

import lxml.html
from lxml import etree

from reviewdesk.domain.brief import (
    BlockKind,
    Brief,
    BriefBuilder,
    Link,
    SourceFormat,
    clean_text,
)
from reviewdesk.domain.script import mostly_rtl
from reviewdesk.domain.sections import SectionKind, classify_section
from reviewdesk.errors import InputError
from reviewdesk.importers.guards import nested_too_deeply, paragraph_too_long
from reviewdesk.importers.html_decode import decode_html
from reviewdesk.importers.html_parts import (
    eyebrow_level,
    is_back_link,
    is_chrome,
    is_note_item,
    is_notes_container,
    is_page_notice,
)
from reviewdesk.importers.text import fold_links, title_from_filename

# Never shown to a reader, or site chrome around the document rather than part of it.
_DROPPED = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "nav", "iframe", "object",
    "embed", "canvas", "video", "audio", "map", "input", "select", "textarea", "button",
    "option", "optgroup", "datalist", "meta", "link", "base",
})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
# Class names that conventionally mark menus and print-less page furniture (MediaWiki and
# most CMS themes); the CSS that hides them is not read.
_CHROME_CLASSES = frozenset({"noprint", "catlinks", "printfooter", "mw-editsection", "navbox",
                             "mw-jump-link"})
# Inside an article or section, header and footer belong to the text; elsewhere they are
# the page's masthead and footer.
_SECTIONING = frozenset({"article", "main", "section", "aside", "blockquote"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_PARAGRAPHS = frozenset({
    "p", "div", "blockquote", "pre", "address", "figcaption", "dd", "dt", "caption",
    "legend", "summary",
})
# Elements that only arrange others: their own loose text still becomes a paragraph.
_CONTAINERS = frozenset({
    "html", "body", "main", "article", "section", "aside", "header", "footer", "figure",
    "center", "form", "fieldset", "details", "dl", "ul", "ol", "menu", "table", "thead",
    "tbody", "tfoot", "tr", "hgroup", "hr", "li", "td", "th",
})
_CELLS = frozenset({"td", "th"})
_INLINE_LABELS = frozenset({"span", "small", "strong", "b", "em"})
_LISTS = frozenset({"ul", "ol", "menu"})
_SINGLE_NOTE_ROLES = frozenset({"doc-footnote", "doc-endnote"})
_FOOTNOTE_ROLES = _SINGLE_NOTE_ROLES | {"doc-footnotes", "doc-endnotes"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_RTL_DIRS = {"rtl": True, "ltr": False}
_LETTERS = re.compile(r"[^\W\d_]")

_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|p|div|span|h[1-6]|ul|ol|li|table|tr|td|"
    r"br|a|b|i|em|strong|section|article|main|pre|blockquote|img)[\s/>]",
    re.IGNORECASE,
)
# libxml2's HTML parser does not understand an internal DTD subset and would show it as
# text; its entities are never expanded either way.
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_FILENAME_TITLE = re.compile(r"^\S+\.(?:html?|xhtml|aspx?|php|jsp)$", re.IGNORECASE)
# Hrefs that lead nowhere outside the page: scripts and inline data. Fragment-only hrefs
# (footnote markers, "back to top") are left out as well.
_NOT_TARGETS = ("javascript:", "data:", "vbscript:")
_MAX_STYLED_HEADING = 120
_RESOURCE_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT


def parse_html(data: bytes, filename: str) -> Brief:
    """Cut an HTML page into a Brief; `filename` names the file in errors and may give the title.

    Nothing is fetched: no network, no DTD, no external entity.
    """
    return parse_html_text(decode_html(data, filename).text, filename)


def parse_html_text(text: str, filename: str) -> Brief:
    """parse_html on the page's text, already decoded by decode_html."""
    root = _parse(text, filename)
    builder = BriefBuilder()
    walker = _Walker(builder, styled_headings=not _has_headings(root))
    walker.walk(_content_root(root))
    title = _title(_clean(root.findtext("head/title")), walker.first_h1, filename)
    return builder.build(title, SourceFormat.HTML)


# --- Text to a tree ------------------------------------------------------------------------


def _parse(text: str, filename: str) -> lxml.html.HtmlElement:
    if not _MARKUP.search(text):
        raise InputError(f"cannot import {filename}: it holds no HTML markup; "
                         "save it as a .txt file to import it as text")
    text = _INTERNAL_SUBSET.sub("<!DOCTYPE html>", text, count=1)
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                                  remove_pis=True, remove_blank_text=False)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        _check_limits(parser, filename)
        raise InputError(f"{filename} has no text to review") from None
    _check_limits(parser, filename)
    return root


def _check_limits(parser: etree.HTMLParser, filename: str) -> None:
    """libxml2 stops at its limits and keeps what it read so far: nesting over 256 levels,
    a text of over 10 MB. A page cut short there is refused, never imported in part."""
    for entry in parser.error_log:
        if entry.level == etree.ErrorLevels.FATAL and entry.type == _RESOURCE_LIMIT:
            if "depth" in entry.message:
                raise InputError(nested_too_deeply(filename))
            raise InputError(paragraph_too_long(filename))


def _has_headings(root: lxml.html.HtmlElement) -> bool:
    return next(root.iter(*_HEADINGS), None) is not None


def _content_root(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The page's one <main> when it has one: everything around it is site chrome."""
    mains = [el for el in root.iter("main") if not _is_hidden(el)]
    return mains[0] if len(mains) == 1 else root


def _title(head_title: str, first_h1: str, filename: str) -> str:
    # "Duck - Wikipedia": the <title> only adds the site's name to the h1.
    if first_h1 and (head_title.startswith(first_h1) or head_title.endswith(first_h1)):
        return first_h1
    if head_title and not _FILENAME_TITLE.match(head_title):
        return head_title
    return first_h1 or title_from_filename(filename)


def _clean(text: str | None) -> str:
    return clean_text(text or "")


# --- The tree to blocks --------------------------------------------------------------------


class _Context(NamedTuple):
    """What an element inherits from its ancestors."""

    rtl: bool = False
    list_depth: int = 0
    footnote: bool = False
    sectioned: bool = False
    # Inside a list item, cell, heading or footnote: paragraphs join that block's text.
    in_leaf: bool = False
    # The nearest list is a list of references: its items are footnotes.
    references: bool = False


@dataclass(slots=True)
class _Owner:
    """The block that loose text is collected into."""

    kind: BlockKind
    level: int
    element: lxml.html.HtmlElement
    path: str
    rtl: bool
    heading_candidate: bool = False
    eyebrow: int | None = None  # a label above a heading: the level of the part it names


class _Walker:
    """Walks the tree once; text flows into the nearest block, which is written out when a
    nested block starts or the element ends."""

    def __init__(self, builder: BriefBuilder, styled_headings: bool) -> None:
        self._builder = builder
        self._styled_headings = styled_headings
        self._buffer: list[str] = []
        self._length = 0  # characters in the buffer
        self._owner: _Owner | None = None
        # Links in the buffer (start, end, url) and the ones still open (start, url).
        self._links: list[tuple[int, int, str]] = []
        self._open_links: list[tuple[int, str]] = []
        self.first_h1 = ""
        self._notes_part = False  # an untitled references section was opened for notes
        self._note_numbers: dict[lxml.html.HtmlElement, int] = {}  # notes met in each <ol>
        # The heading an eyebrow label stands over, and the part the label names.
        self._labelled: tuple[lxml.html.HtmlElement | None, SectionKind] = (
            None, SectionKind.OTHER)

    def walk(self, start: lxml.html.HtmlElement) -> None:
        ancestors = list(start.iterancestors())[::-1]
        context = _Context()
        for ancestor in ancestors:
            context = _inherit(ancestor, context)
        path = "/".join(_segment(el) for el in [*ancestors, start])
        self._element(start, path, context)
        self._flush()

    def _element(self, el: lxml.html.HtmlElement, path: str, context: _Context) -> None:
        owner = self._owner_for(el, path, context)
        outer = self._owner
        if owner is not None:
            self._flush()
            self._owner = owner
        elif el.tag == "br" or (el.tag in _PARAGRAPHS and context.in_leaf):
            self._add(" ")
        url = _link_target(el)
        if url:
            self._open_links.append((self._length, url))
        self._add(el.text)
        self._children(el, path, _inherit(el, context))
        if url:
            start, _ = self._open_links.pop()
            self._links.append((start, self._length, url))
        if owner is not None:
            self._flush()
            # The text after a nested block belongs to the block around it.
            self._owner = outer
        elif el.tag in _PARAGRAPHS:
            self._add(" ")

    def _add(self, text: str | None) -> None:
        if text:
            self._buffer.append(text)
            self._length += len(text)

    def _children(self, el: lxml.html.HtmlElement, path: str, context: _Context) -> None:
        tags = Counter(child.tag for child in el if isinstance(child.tag, str))
        seen: Counter[str] = Counter()
        for child in el:
            if isinstance(child.tag, str):
                # Dropped siblings still count, so the path names the element in the file.
                seen[child.tag] += 1
                if not _is_dropped(child, context):
                    index = seen[child.tag] if tags[child.tag] > 1 else 0
                    self._element(child, f"{path}/{_step(child.tag, index)}", context)
            self._add(child.tail)

    def _owner_for(self, el: lxml.html.HtmlElement, path: str,
                   context: _Context) -> _Owner | None:
        tag = el.tag
        if tag in _PARAGRAPHS and context.in_leaf:
            return None
        if tag in _INLINE_LABELS and not context.in_leaf:
            # An inline label just above a heading ("<span class=eyebrow>") is a block.
            level = eyebrow_level(el)
            if level is not None:
                return _Owner(BlockKind.PARAGRAPH, 0, el, path, _inherit(el, context).rtl,
                              eyebrow=level)
        if tag not in _HEADINGS and tag not in _PARAGRAPHS and tag not in _CONTAINERS:
            return None
        kind, level = self._kind(el, context)
        rtl = _inherit(el, context).rtl
        candidate = (self._styled_headings and kind == BlockKind.PARAGRAPH
                     and tag in ("p", "div") and _looks_bold(el))
        eyebrow = eyebrow_level(el) if kind == BlockKind.PARAGRAPH else None
        return _Owner(kind, level, el, path, rtl, candidate, eyebrow)

    def _kind(self, el: lxml.html.HtmlElement, context: _Context) -> tuple[BlockKind, int]:
        tag = el.tag
        if tag in _HEADINGS:
            return BlockKind.HEADING, _HEADINGS[tag]
        if context.footnote or _is_footnote(el) or (tag == "li" and (
                context.references or is_note_item(el))):
            return BlockKind.FOOTNOTE, 0
        if tag == "li":
            return BlockKind.LIST_ITEM, max(context.list_depth, 1)
        if tag in _CELLS:
            return BlockKind.TABLE_CELL, 0
        return BlockKind.PARAGRAPH, 0

    def _flush(self) -> None:
        owner, parts, links = self._owner, self._buffer, self._links
        # A link around block elements (a linked card) covers each of their blocks.
        links.extend((start, self._length, url) for start, url in self._open_links)
        self._open_links = [(0, url) for _, url in self._open_links]
        self._buffer, self._length, self._links = [], 0, []
        if owner is None or not parts:
            return
        text, folded = fold_links("".join(parts), links)
        if not text:
            return
        if owner.kind == BlockKind.FOOTNOTE:
            text, folded = self._numbered_note(owner.element, text, folded)
        locator = _locator(owner)
        rtl = owner.rtl or mostly_rtl(text)
        extra: dict[str, object] = {"links": folded}
        if rtl:
            extra["rtl"] = True
        if owner.eyebrow is not None:
            self._notes_part = False
            self._builder.heading(text, owner.eyebrow, locator, **extra)
            self._labelled = (owner.element.getnext(), classify_section(text))
        elif _is_heading(owner, text):
            self._notes_part = False
            level = owner.level or (2 if text.isupper() else 3)
            block = self._builder.heading(text, level, locator, **extra)
            labelled, named = self._labelled
            if block is not None and labelled is owner.element and named != SectionKind.OTHER:
                self._builder.name_part(named)
            if block is not None and level == 1 and not self.first_h1:
                self.first_h1 = block.text
        else:
            demoted = owner.kind == BlockKind.HEADING
            kind, level = (BlockKind.PARAGRAPH, 0) if demoted else (owner.kind, owner.level)
            self._part_for(kind)
            self._builder.block(kind, text, locator, level, **extra)

    def _numbered_note(self, el: lxml.html.HtmlElement, text: str,
                       links: tuple[Link, ...]) -> tuple[str, tuple[Link, ...]]:
        """A note of a numbered list gets the number the page shows before it, "[3] ", as
        Word's notes get theirs: the marks in the text refer to it."""
        parent = el.getparent()
        if el.tag != "li" or parent is None or parent.tag != "ol":
            return text, links
        count = self._note_numbers.get(parent)
        if count is None:
            try:
                count = int(parent.get("start") or 1) - 1
            except ValueError:
                count = 0
        self._note_numbers[parent] = count + 1
        label = f"[{count + 1}] "
        return label + text, tuple(Link(link.start + len(label), link.end + len(label),
                                        link.url) for link in links)

    def _part_for(self, kind: BlockKind) -> None:
        """Notes go into a references section, an untitled one unless a heading ("Notes")
        opened one; what follows them goes on in an untitled section of its own."""
        builder = self._builder
        if kind == BlockKind.FOOTNOTE and builder.current_kind != SectionKind.REFERENCES:
            builder.open_part(SectionKind.REFERENCES)
            self._notes_part = True
        elif kind != BlockKind.FOOTNOTE and self._notes_part:
            builder.open_part(SectionKind.OTHER)
            self._notes_part = False


def _inherit(el: lxml.html.HtmlElement, context: _Context) -> _Context:
    """The context `el` hands down to its children."""
    tag = el.tag
    direction = _RTL_DIRS.get((el.get("dir") or "").strip().lower(), context.rtl)
    in_list = tag in _LISTS
    return _Context(
        rtl=direction,
        list_depth=context.list_depth + 1 if in_list else context.list_depth,
        footnote=context.footnote or _is_footnote(el),
        sectioned=context.sectioned or tag in _SECTIONING,
        # A section of notes is not one note: only a single note keeps its paragraphs together.
        in_leaf=context.in_leaf or tag in _HEADINGS or tag in _CELLS or tag == "li"
        or (el.get("role") or "") in _SINGLE_NOTE_ROLES,
        references=is_notes_container(el) if in_list else context.references,
    )


def _link_target(el: lxml.html.HtmlElement) -> str:
    """The href of an <a> that leads somewhere, as written; "" for anything else."""
    if el.tag != "a":
        return ""
    href = (el.get("href") or "").strip()
    if href.startswith("#") or href.lower().startswith(_NOT_TARGETS):
        return ""
    return href


def _is_dropped(el: lxml.html.HtmlElement, context: _Context) -> bool:
    tag = el.tag
    if tag in _DROPPED or _is_hidden(el):
        return True
    if (el.get("role") or "") in _CHROME_ROLES or _is_chrome_class(el.get("class")) \
            or is_chrome(el):
        return True
    if (context.footnote or context.references) and is_back_link(el):
        return True  # a note's "↩" is no text of the note
    return (tag in ("header", "footer") or is_page_notice(el)) and not context.sectioned


def _is_chrome_class(classes: str | None) -> bool:
    if not classes:
        return False
    return any(name in _CHROME_CLASSES or "dropdown" in name for name in classes.split())


def _is_hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def _is_footnote(el: lxml.html.HtmlElement) -> bool:
    if (el.get("role") or "") in _FOOTNOTE_ROLES:
        return True
    if el.tag not in _LISTS and is_notes_container(el):
        return True
    # Block elements only: an inline "footnote-ref" link is the marker in the text.
    if el.tag not in _PARAGRAPHS and el.tag not in _CONTAINERS:
        return False
    classes = (el.get("class") or "").lower().split()
    return any(name.startswith("footnote") and not name.startswith("footnote-ref")
               for name in classes)


def _looks_bold(el: lxml.html.HtmlElement) -> bool:
    """The whole element is bold: by its own style or one bold child holding all its text."""
    if _BOLD_STYLE.search(el.get("style") or ""):
        return True
    children = [child for child in el if isinstance(child.tag, str)]
    if len(children) != 1 or (el.text or "").strip() or (children[0].tail or "").strip():
        return False
    child = children[0]
    return child.tag in ("b", "strong") or bool(_BOLD_STYLE.search(child.get("style") or ""))


def _is_heading(owner: _Owner, text: str) -> bool:
    # Tools that lay out PDF text as HTML make a heading of each large letter.
    if owner.kind == BlockKind.HEADING:
        return len(text) > 1
    return owner.heading_candidate and _heading_text(text)


def _heading_text(text: str) -> bool:
    """Short bold text that reads as a title rather than a bold sentence."""
    if len(text) > _MAX_STYLED_HEADING or not _LETTERS.search(text):
        return False
    return not (text[-1] in ".:;," and len(text.split()) > 8)


def _locator(owner: _Owner) -> str:
    element_id = (owner.element.get("id") or "").strip()
    return f"#{element_id}" if element_id else owner.path


def _step(tag: str, index: int) -> str:
    return f"{tag}[{index}]" if index else tag


def _segment(el: lxml.html.HtmlElement) -> str:
    parent = el.getparent()
    if parent is None:
        return str(el.tag)
    same = [sibling for sibling in parent if sibling.tag == el.tag]
    return _step(el.tag, same.index(el) + 1 if len(same) > 1 else 0)


__all__ = ["parse_html", "parse_html_text"]
