"""Raw paragraph text with anchored marks, cleaned the way clean_text does while keeping offsets."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from lxml import etree

from reviewdesk.domain.brief import Link
from reviewdesk.importers.docx_changes import RawChange

# A mark: (position in the raw text, what: "start" / "end" / "ref" / "link" /
# "link_end" / "change" / "change_end", its id; a link's id is its target).
Mark = tuple[int, str, str]
# A text box anchored in a paragraph: its locator and its w:txbxContent.
Box = tuple[str, etree._Element]
Source = tuple[int, int, etree._Element]  # raw start, raw end, element

_WORD = re.compile(r"\S+")
# Marks that open a range: they move forward onto the next word, the others back.
_OPENING = frozenset({"start", "link", "change"})
# A field instruction's words: quoted arguments or bare tokens ("HYPERLINK", "\\l").
_FIELD_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
# Switches of HYPERLINK that take an argument; \l's is the anchor.
_ARGUMENT_SWITCHES = frozenset({"\\l", "\\o", "\\t"})


@dataclass(slots=True)
class RawText:
    """Text as the runs give it, before white space is folded, with marks and the text boxes
    anchored in it (read after it, as blocks of their own)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    marks: list[Mark] = field(default_factory=list)
    # Tracked changes the text shows accepted (see Block.tracked_changes).
    tracked: bool = False
    boxes: list[Box] = field(default_factory=list)
    # Tracked changes within the text, which holds the words before them.
    changes: list[RawChange] = field(default_factory=list)
    # Where each piece of text came from: (raw start and end, the w:t, w:tab... element), for the
    # export, which writes comments back onto those elements. Labels and separators the
    # reader makes up have no source.
    sources: list[Source] = field(default_factory=list)

    def add(self, text: str, source: etree._Element | None = None) -> None:
        if text:
            if source is not None:
                self.sources.append((self.length, self.length + len(text), source))
            self.parts.append(text)
            self.length += len(text)

    def mark(self, what: str, ident: str) -> None:
        self.marks.append((self.length, what, ident))

    def extend(self, other: RawText, separator: str = "") -> None:
        """Append `other` (a following paragraph), shifting its marks."""
        if self.length and other.length:
            self.add(separator)
        offset = self.length
        self.parts.extend(other.parts)
        self.length += other.length
        self.marks.extend((position + offset, what, ident)
                          for position, what, ident in other.marks)
        self.sources.extend((start + offset, end + offset, element)
                            for start, end, element in other.sources)
        self.tracked = self.tracked or other.tracked
        self.boxes.extend(other.boxes)
        for change in other.changes:
            change.start += offset
            change.end += offset
        self.changes.extend(other.changes)


def clean(raw: RawText) -> tuple[str, list[Mark]]:
    """The text as clean_text() makes it, and the marks moved to their clean positions.

    A range start in white space moves to the next word, an end to the previous one, so a
    comment never starts or ends on the space the cleaning drops."""
    text = "".join(raw.parts)
    if not raw.marks:
        return " ".join(text.split()), []
    words = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    layout = _Layout([start for start, _ in words], [end for _, end in words], [])
    position = 0
    for start, end in words:
        layout.clean_starts.append(position)
        position += end - start + 1
    marks = [(layout.move(offset, what), what, ident) for offset, what, ident in raw.marks]
    return " ".join(text[start:end] for start, end in words), marks


@dataclass(slots=True)
class _Layout:
    """Where each word starts and ends in the raw text, and where it starts once cleaned."""

    starts: list[int]
    ends: list[int]
    clean_starts: list[int]

    def move(self, offset: int, what: str) -> int:
        if what in _OPENING:
            index = bisect_right(self.ends, offset)  # first word ending after offset
            if index == len(self.ends):
                return self._clean_end(index - 1)
            return self.clean_starts[index] + max(0, offset - self.starts[index])
        index = bisect_left(self.starts, offset) - 1  # last word starting before offset
        if index < 0:
            return 0
        return self.clean_starts[index] + min(offset, self.ends[index]) - self.starts[index]

    def _clean_end(self, index: int) -> int:
        if index < 0:
            return 0
        return self.clean_starts[index] + self.ends[index] - self.starts[index]


def link_spans(marks: list[Mark], end: int) -> tuple[Link, ...]:
    """The links of cleaned marks; one left open (a field running past its paragraph)
    closes at `end`, where the text ends."""
    links: list[Link] = []
    opened: list[tuple[int, str]] = []
    for position, what, ident in marks:
        if what == "link":
            opened.append((position, ident))
        elif what == "link_end" and opened:
            start, url = opened.pop()
            links.append(Link(start, position, url))
    links.extend(Link(start, end, url) for start, url in opened)
    # A hyperlink element around a HYPERLINK field gives the same link twice.
    return tuple(dict.fromkeys(link for link in links if link.end > link.start))


def field_link(instruction: str) -> str:
    """The target of a HYPERLINK field instruction ('HYPERLINK "url" \\l "anchor"'), or ""."""
    tokens: list[tuple[str, str]] = _FIELD_TOKEN.findall(instruction)
    if not tokens or tokens[0][1].upper() != "HYPERLINK":
        return ""
    url = anchor = ""
    index = 1
    while index < len(tokens):
        quoted, bare = tokens[index]
        if bare.lower() in _ARGUMENT_SWITCHES and index + 1 < len(tokens):
            argument = "".join(tokens[index + 1])
            anchor = argument if bare.lower() == "\\l" else anchor
            index += 1
        elif not bare.startswith("\\") and not url:
            # Word doubles the backslashes of a path inside a field.
            url = (quoted or bare).replace("\\\\", "\\")
        index += 1
    return f"{url}#{anchor}" if anchor else url
