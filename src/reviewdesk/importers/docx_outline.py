"""The title and headings of a Word document whose paragraph styles do not give them: short
paragraphs that stand out from the body (bold, larger, capitals, centred, numbered), a memo's
subject line, the first prominent line. One pass over the body's paragraphs before it is read."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from reviewdesk.domain.front_matter import is_caption, is_document_label, memo_field
from reviewdesk.domain.sections import SectionKind, classify_section
from reviewdesk.importers.docx_format import Formats, Look, paragraph_text, runs
from reviewdesk.importers.docx_numbering import Numbering
from reviewdesk.importers.docx_styles import Role, Styles, paragraph_role
from reviewdesk.importers.docx_textbox import BOX_HOLDERS, text_boxes
from reviewdesk.ooxml.namespaces import W

_P, _PPR, _SDT, _SDT_CONTENT, _CUSTOM = (f"{W}{name}" for name in (
    "p", "pPr", "sdt", "sdtContent", "customXml"))
_FRONT = 25  # a memo header or a title line stands among the first paragraphs
_TITLE_LOOKAHEAD = 8
_TITLE_WORDS = 30
_HEADING_WORDS = 12
_HEADING_CHARS = 150
_FULL_STOP_WORDS = 4  # "Municipal finances." may end with a full stop; a sentence may not
_CAPS_STYLED_SHARE = 0.6
_MAX_LEVEL = 6
# A paragraph longer than any heading, past the front where the title is, can only be body
# text: only every so many of them are measured, for what the body looks like, which keeps a
# long brief fast.
_BODY_SAMPLE = 8
# "1.", "2.3", "IV.", "B)", "(c)": a number typed in front of the heading.
_TYPED_NUMBER = re.compile(
    r"^\(?(?:(?P<digits>\d{1,3}(?:\.\d{1,3})*)[.)]?|(?P<roman>[IVXLC]{1,6})[.)]"
    r"|(?P<letter>[A-Za-zА-Яа-я])[.)])\s+(?=\S)")
_TOC_LINE = re.compile(r"(?:\t|\.{3,}|…)\s*\d+\s*$")
_OPENING_MARKS = tuple("\"'“”‘’«»„(")
_SENTENCE_END = (".", "!", "?", "؟", "。", "．")
# Scripts written without spaces (Chinese, Japanese) count characters instead of words.
_UNSPACED_CHARS = 40
_DATE_LINE = re.compile(r"^[\W\d_]*(?:[^\W\d_]+[\W\d_]+){0,2}\d{4}[\W\d_]*$")


@dataclass(slots=True)
class Paragraph:
    """A body paragraph as the outline sees it."""

    element: etree._Element
    text: str  # on one line, single spaces
    look: Look
    role: Role  # what its style says it is
    shows_number: bool = False  # an automatic list number (no bullet) stands before it
    measured: bool = True  # its look was read (a long paragraph's only now and then)
    words: int = 0  # counted once: the outline asks often


@dataclass(slots=True)
class Outline:
    """Paragraphs to read otherwise than their style says, and titles: the title line found
    (with its continuation lines), a memo's subject, the first short line as a last resort."""

    roles: dict[etree._Element, Role] = field(default_factory=dict)
    # What the styles say of each paragraph read for the outline, so that the reader does
    # not work it out a second time.
    styled: dict[etree._Element, Role] = field(default_factory=dict)
    title: str = ""
    subject: str = ""
    first_line: str = ""


@dataclass(frozen=True, slots=True)
class _Body:
    """What the body text looks like, so that a heading can stand out from it."""

    size: float
    bold: bool
    centered: bool
    largest: float = 0.0  # the size of the one paragraph larger than all others, if one is
    color: str = ""  # the ink of most body text
    underline: bool = False

    @classmethod
    def of(cls, paragraphs: list[Paragraph]) -> _Body:
        measured = [p for p in paragraphs if p.measured]
        long = [p for p in measured if p.words >= 8] or measured
        sizes: Counter[float] = Counter()
        for paragraph in long:
            sizes[paragraph.look.size] += len(paragraph.text)
        size = sizes.most_common(1)[0][0] if sizes else 10.0
        bold = sum(p.look.bold for p in long) * 2 > len(long)
        centered = sum(p.look.centered for p in long) * 3 > len(long)
        top = sorted((p.look.size for p in paragraphs), reverse=True)[:2]
        largest = top[0] if len(top) == 1 or top[0] > top[1] else 0.0
        inks = Counter(p.look.color for p in long)
        underline = sum(p.look.underline for p in long) * 2 > len(long)
        return cls(size, bold, centered, largest, inks.most_common(1)[0][0] if inks else "",
                   underline)


def read_paragraphs(body: etree._Element, styles: Styles, formats: Formats,
                    numbering: Numbering) -> list[Paragraph]:
    """The body's paragraphs with text, in order (through content controls; not in tables)."""
    found: list[Paragraph] = []
    long = 0
    for element in _body_paragraphs(body):
        raw = paragraph_text(element)
        words = raw.split()
        if not words:
            continue
        text = " ".join(words)
        short = len(found) < _FRONT or len(words) <= _HEADING_WORDS
        measured = short or long % _BODY_SAMPLE == 0
        long += not short
        look = formats.look(element) if measured else Look(raw, False, 0.0, False, False)
        role = paragraph_role(element.find(_PPR), styles)
        shows = role.kind == "list" and numbering.shows_number(role.num_id, role.ilvl)
        found.append(Paragraph(element, text, look, role, shows, measured, len(words)))
    return found


def _body_paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs in reading order, each followed by those of its text boxes (a cover
    page's title often stands in one), as the reader meets them."""
    for child in container:
        if child.tag == _P:
            yield child
            for run in runs(child):
                for holder in run:
                    if holder.tag in BOX_HOLDERS:
                        for box in text_boxes(holder):
                            yield from _body_paragraphs(box)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _body_paragraphs(content)
        elif child.tag == _CUSTOM:
            yield from _body_paragraphs(child)


def plan_outline(paragraphs: list[Paragraph]) -> Outline:
    """What the styles leave unsaid: the title line or memo subject, and the headings."""
    outline = Outline(styled={p.element: p.role for p in paragraphs})
    if not paragraphs:
        return outline
    body = _Body.of(paragraphs)
    start = _front(paragraphs, body, outline)
    rest = paragraphs[start:]
    styled = [p for p in rest if p.role.kind == "heading" and p.role.level >= 1]
    if len(styled) >= 2:
        _like_styled_headings(rest, styled, body, outline)
    else:
        _plain_headings(rest, body, outline)
    return outline


# --- The front: memo header, title line --------------------------------------------------------


def _front(paragraphs: list[Paragraph], body: _Body, outline: Outline) -> int:
    """Where the front matter ends: after a memo's header fields, or after the title line
    (given the title role). Sets the memo's subject and the first short line."""
    if _title_like(paragraphs[0]):
        outline.first_line = paragraphs[0].text
    fields = [(index, memo_field(p.text)) for index, p in enumerate(paragraphs[:_FRONT])]
    found = [(index, value) for index, value in fields if value is not None]
    if len({name for _, (name, _) in found}) >= 2:
        outline.subject = next((value for _, (name, value) in found if name == "subject"), "")
        before = paragraphs[:found[0][0]]
        if not outline.subject and not _title_line(before, body, outline) and before \
                and before[0].role.kind == "paragraph" and before[0].words <= _TITLE_WORDS:
            outline.roles[before[0].element] = Role("heading", 0, before[0].role.bidi)
            outline.title = before[0].text
        return found[-1][0] + 1
    return _title_line(paragraphs[:_TITLE_LOOKAHEAD], body, outline)


def _title_line(paragraphs: list[Paragraph], body: _Body, outline: Outline) -> int:
    """The first prominent short line before the body, heading or table begins, made the
    title; skipping a document type label, a date line or caption. The index after it."""
    for index, paragraph in enumerate(paragraphs):
        if paragraph.role.kind == "heading":
            return index + 1 if paragraph.role.level == 0 else 0
        text = paragraph.text
        if is_document_label(text) or is_caption(text) or _DATE_LINE.match(text) \
                or memo_field(text) is not None or sum(map(str.isalpha, text)) < 3:
            continue
        # A line that names a part ("Executive Summary") opens it, unless it is the one
        # largest line of the document ("Fisheries Outlook" set large over the body).
        named = classify_section(text) != SectionKind.OTHER
        if _is_body(paragraph) or (named and not (paragraph.look.size == body.largest
                                                   and body.largest >= body.size + 1)):
            return 0
        if _stands_out(paragraph, body) and paragraph.words <= _TITLE_WORDS:
            outline.roles[paragraph.element] = Role("heading", 0, paragraph.role.bidi)
            outline.title = paragraph.text
            return index + 1
    return 0


def _plain_line(text: str) -> bool:
    return not (is_document_label(text) or is_caption(text) or memo_field(text) is not None)


def _title_like(paragraph: Paragraph) -> bool:
    """A plain first line that may name the document: short, not a sentence or a label, and
    in title case (most of its longer words capitalised) unless its script has no case."""
    text = paragraph.text
    if paragraph.role.kind != "paragraph" or not 2 <= paragraph.words <= 20 \
            or text.endswith((".", ":", ",", ";")) or not _plain_line(text):
        return False
    long_words = [word for word in text.split() if len(word) >= 4 and word[0].isalpha()]
    cased = [word for word in long_words if word[0].lower() != word[0].upper()]
    if not cased:
        return len(long_words) >= 2
    return len(cased) >= 2 and sum(word[0].isupper() for word in cased) * 2 > len(cased)


def _is_body(paragraph: Paragraph) -> bool:
    words, text = paragraph.words, paragraph.text
    unspaced = len(text) > _UNSPACED_CHARS and len(text) > 15 * words
    return words >= 20 or unspaced or (words >= 8 and text.endswith(_SENTENCE_END))


def _stands_out(paragraph: Paragraph, body: _Body) -> bool:
    look = paragraph.look
    if look.size < body.size - 0.5:
        return False  # small print: a running line, a form field, a credit
    return ((look.bold and not body.bold) or look.size >= body.size + 1 or look.caps
            or (look.centered and not body.centered) or _coloured(look, body)
            or (look.underline and not body.underline))


def _coloured(look: Look, body: _Body) -> bool:
    return bool(look.color) and look.color != body.color


# --- Headings ----------------------------------------------------------------------------------


def _heading_text(paragraph: Paragraph) -> bool:
    """Short, starting as a heading starts, not a sentence, caption, field or contents line."""
    text = paragraph.text
    unspaced = len(text) > _UNSPACED_CHARS and len(text) > 15 * paragraph.words
    if paragraph.words > _HEADING_WORDS or len(text) > _HEADING_CHARS or unspaced:
        return False
    bare = _TYPED_NUMBER.sub("", text, count=1)
    letters = [char for char in bare if char.isalpha()]
    if len(letters) < 2 or letters[0].islower() or bare.startswith(_OPENING_MARKS):
        return False
    if text.endswith((",", ";", "、", "。")) or (text.endswith(".")
                                                and paragraph.words > _FULL_STOP_WORDS):
        return False
    return not (is_caption(text) or memo_field(text) is not None or _DATE_LINE.match(text)
                or _TOC_LINE.search(paragraph.look.text))


@dataclass(frozen=True, slots=True)
class _Signature:
    """How a heading looks; headings that look alike are at one level."""

    size: float
    listed: bool  # Word's automatic numbering shows its number
    caps: bool
    color: str
    bold: bool
    centered: bool
    colon: bool  # a label ending with ":"
    depth: int  # 2 for a typed "2.1"
    letter: bool  # a typed "B." below numbered parts

    def rank(self) -> tuple[float | bool | int, ...]:
        return (-self.size, not self.listed, not self.caps, not self.color, not self.bold,
                not self.centered, self.colon, self.depth, self.letter)


def _signature(paragraph: Paragraph) -> _Signature:
    look, text = paragraph.look, paragraph.text
    typed = _TYPED_NUMBER.match(text)
    depth = typed["digits"].count(".") + 1 if typed and typed["digits"] else 1
    letter = bool(typed and typed["letter"])
    return _Signature(look.size, paragraph.shows_number, look.caps, look.color, look.bold,
                      look.centered, text.endswith(":"), depth, letter)


def _plain_headings(paragraphs: list[Paragraph], body: _Body, outline: Outline) -> None:
    """Headings of a document without heading styles, at levels by how prominent they look."""
    found = [index for index, paragraph in enumerate(paragraphs)
             if _is_plain_heading(paragraphs, index, body)]
    found = _drop_lone_list_numbers(paragraphs, _past_bylines(paragraphs, found))
    signatures = {index: _signature(paragraphs[index]) for index in found}
    # Two alike in a row, with nothing between, are a block of labels (an address), not
    # headings; nor is a last line with nothing under it.
    alike = {index for index in found if signatures.get(index + 1) == signatures[index]}
    alike |= {index + 1 for index in alike}
    kept = [index for index in found if index not in alike and index + 1 < len(paragraphs)]
    ranked = sorted({signatures[index] for index in kept}, key=_Signature.rank)
    levels = {signature: min(rank + 1, _MAX_LEVEL) for rank, signature in enumerate(ranked)}
    for index in kept:
        paragraph = paragraphs[index]
        outline.roles[paragraph.element] = Role("heading", levels[signatures[index]],
                                                paragraph.role.bidi)


def _past_bylines(paragraphs: list[Paragraph], found: list[int]) -> list[int]:
    """Before the body text begins, a line that stands out is a byline, an affiliation or a
    subtitle unless it names a part ("Executive Summary") or body text follows it."""
    first_body = next((index for index, p in enumerate(paragraphs) if _is_body(p)),
                      len(paragraphs))
    return [index for index in found if index >= first_body
            or classify_section(paragraphs[index].text) != SectionKind.OTHER
            or (index + 1 < len(paragraphs) and _is_body(paragraphs[index + 1]))]


def _is_plain_heading(paragraphs: list[Paragraph], index: int, body: _Body) -> bool:
    paragraph = paragraphs[index]
    role = paragraph.role
    if role.kind == "heading" or not _heading_text(paragraph):
        return False
    if role.kind == "list":
        return paragraph.shows_number and role.ilvl == 0 and _apart(paragraphs, index)
    if _stands_out(paragraph, body) and not (paragraph.look.centered and
                                             paragraph.text.endswith(".")):
        return True
    return _typed_number_heading(paragraphs, index)


def _apart(paragraphs: list[Paragraph], index: int) -> bool:
    """Not next to another item of its own list: a numbered part, not a list item."""
    num_id = paragraphs[index].role.num_id
    return all(paragraphs[near].role.num_id != num_id for near in (index - 1, index + 1)
               if 0 <= near < len(paragraphs))


def _drop_lone_list_numbers(paragraphs: list[Paragraph], found: list[int]) -> list[int]:
    """A list numbering makes headings only when two of its items or more are apart."""
    counts = Counter(paragraphs[index].role.num_id for index in found
                     if paragraphs[index].role.kind == "list")
    return [index for index in found if paragraphs[index].role.kind != "list"
            or counts[paragraphs[index].role.num_id] >= 2]


def _typed_number_heading(paragraphs: list[Paragraph], index: int) -> bool:
    """"2. Background" in plain type: a typed number, a title-like line, and body text under
    it rather than the next item of a list (nor is it the last item of one: "3." after "2.")."""
    paragraph = paragraphs[index]
    typed = _TYPED_NUMBER.match(paragraph.text)
    if typed is None or paragraph.text.endswith((".", ":")):
        return False
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    if following is None or following.role.kind == "list" \
            or _TYPED_NUMBER.match(following.text) or following.words <= paragraph.words:
        return False
    if index == 0:
        return True
    before = paragraphs[index - 1]
    return before.role.kind != "list" and not _continues(_TYPED_NUMBER.match(before.text), typed)


def _continues(before: re.Match[str] | None, typed: re.Match[str]) -> bool:
    """Whether `typed` ("3.") goes on from `before` ("2."): same style, the next number."""
    if before is None or _delimiter(before) != _delimiter(typed):
        return False
    if before["digits"] and typed["digits"]:
        last, this = (match["digits"].rsplit(".", 1)[-1] for match in (before, typed))
        return int(this) == int(last) + 1
    return True


def _delimiter(typed: re.Match[str]) -> str:
    mark = typed.group(0).rstrip()[-1:]
    return mark if mark in ".)" else ""


def _like_styled_headings(paragraphs: list[Paragraph], styled: list[Paragraph], body: _Body,
                          outline: Outline) -> None:
    """In a document with heading styles: a plain paragraph in capitals where the styled
    headings are in capitals ("KEY POINTS:" typed in Normal) is a heading at their level; a
    short bold line under a styled heading ("For ministries") is a sub-heading below it."""
    caps = sum(p.look.caps for p in styled) >= _CAPS_STYLED_SHARE * len(styled)
    level = Counter(p.role.level for p in styled).most_common(1)[0][0]
    under: int | None = None  # the level of the styled heading above
    for index, paragraph in enumerate(paragraphs):
        role = paragraph.role
        if role.kind == "heading":
            under = role.level
            continue
        if role.kind != "paragraph" or index + 1 >= len(paragraphs) \
                or not _heading_text(paragraph):
            continue
        following = paragraphs[index + 1]
        if caps and paragraph.look.caps and paragraph.words <= 8 and not following.look.caps:
            outline.roles[paragraph.element] = Role("heading", level, role.bidi)
        elif under is not None and paragraph.look.bold and not body.bold \
                and not following.look.bold and following.role.kind != "heading":
            outline.roles[paragraph.element] = Role("heading", min(under + 1, _MAX_LEVEL),
                                                    role.bidi)
