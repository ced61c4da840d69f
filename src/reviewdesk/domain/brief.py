"""A brief as the reviewer sees it: canonical text cut into sections and blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from reviewdesk.domain.ids import new_id
from reviewdesk.domain.script import block_rtl
from reviewdesk.domain.sections import SectionKind, classify_section, names_outside_part


class SourceFormat(StrEnum):
    """The kind of file a brief was imported from; the value is its usual file extension."""

    TEXT = "txt"
    MARKDOWN = "md"
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"


class BlockKind(StrEnum):
    """What a block of the canonical text was in its source."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    FOOTNOTE = "footnote"


# Blocks are joined with this separator in the canonical text, so every block
# starts on its own line and offsets stay simple to compute.
BLOCK_SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink: text[start:end] of its block points to `url` (a reference list's
    "Link" is only a placeholder when no such link stands behind it)."""

    start: int
    end: int
    url: str


@dataclass(slots=True)
class Block:
    """One paragraph-like unit of the brief, located both in the canonical text and its source."""

    kind: BlockKind
    text: str
    start: int
    end: int
    locator: str
    level: int = 0
    # Where the block stands in a paged source (PDF), 1-based.
    page: int | None = None
    # The source had tracked changes here that no suggested edit can hold (a paragraph
    # mark inserted or deleted, a paragraph that was all inserted): the text shows them
    # accepted. Changes inside the paragraph's text are SourceChanges instead.
    tracked_changes: bool = False
    # Written right to left (Arabic, Hebrew, Persian...), to be shown that way.
    rtl: bool = False
    # Hyperlinks in the block: where their text stands in `text`, and their target.
    links: tuple[Link, ...] = ()
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class SourceComment:
    """A comment already in the source file (a Word comment), with its replies. Offsets
    are in the canonical text; it becomes an annotation by its original author."""

    author: str
    text: str
    start: int
    end: int
    initials: str = ""
    date: datetime | None = None
    resolved: bool = False
    replies: list[SourceComment] = field(default_factory=list)
    source_id: str = ""  # the comment's own id in the file (a Word comment's w:id)


@dataclass(slots=True)
class SourceChange:
    """A tracked change still pending in the source file (Word's w:del and w:ins by one
    author): text[start:end] of the canonical text, which is the text before the change,
    would read `replacement`. It becomes a suggested edit by its original author."""

    author: str
    start: int
    end: int
    replacement: str
    date: datetime | None = None


@dataclass(slots=True)
class Section:
    """A run of blocks under one heading (the heading block itself is the first block)."""

    title: str
    kind: SectionKind
    level: int
    blocks: list[Block] = field(default_factory=list)
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class SourceFile:
    """The original bytes of an imported file, kept so an export can start from them."""

    filename: str
    data: bytes
    sha256: str


@dataclass(slots=True)
class Brief:
    """One version of a brief: its canonical text cut into sections, the original file when kept,
    and the comments found in it. A later version keeps the first version's id in `version_of`."""

    title: str
    source_format: SourceFormat
    text: str
    sections: list[Section]
    source: SourceFile | None = None
    imported_at: datetime | None = None
    source_comments: list[SourceComment] = field(default_factory=list)
    # Tracked changes pending in the source file, kept as suggestions (not in the text).
    source_changes: list[SourceChange] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    version_of: str | None = None  # the first version's id, for a later version
    version: int = 1
    language: str = ""  # ISO 639-1 code, as domain.language detects it; "" unknown

    @property
    def blocks(self) -> list[Block]:
        return [block for section in self.sections for block in section.blocks]

    @property
    def tracked_changes(self) -> int:
        """How many blocks hold tracked changes still pending in the source (a Word file)
        that the text shows as if accepted (the others are `source_changes`)."""
        return sum(1 for section in self.sections for block in section.blocks
                   if block.tracked_changes)


class BriefBuilder:
    """Collects blocks in reading order and lays out the canonical text as it goes.

    Importers call `heading()` and `block()`; sections open at each heading. Text
    before the first heading goes into an untitled front-matter section.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._sections: list[Section] = []

    def heading(self, text: str, level: int, locator: str, **extra: Any) -> Block | None:
        """Open a new section at this heading and add it as a block; None, adding nothing, when
        the text is blank."""
        text = _clean(text)
        if not text:
            return None
        self._sections.append(Section(title=text, kind=self._kind(text, level), level=level))
        return self._append(BlockKind.HEADING, text, locator, level, **extra)

    def _kind(self, heading: str, level: int) -> SectionKind:
        """A sub-heading that names no part of a brief belongs to its parent's part:
        "Russian pressure" under "Reasons" is one of the reasons."""
        kind = classify_section(heading)
        if kind != SectionKind.OTHER or names_outside_part(heading):
            return kind
        for section in reversed(self._sections):
            if section.level < level and section.title:
                return section.kind
        return kind

    def block(self, kind: BlockKind, text: str, locator: str, level: int = 0,
              **extra: Any) -> Block | None:
        """Add a block; `extra` sets the optional Block fields (page, tracked_changes, rtl).
        Returns None, adding nothing, when the text is blank."""
        text = _clean(text)
        if not text:
            return None
        if not self._sections:
            self._sections.append(Section(title="", kind=SectionKind.OTHER, level=0))
        return self._append(kind, text, locator, level, **extra)

    def open_part(self, kind: SectionKind) -> None:
        """Go on in an untitled section of this kind, as notes gathered at the end of a
        document are a reference list that no heading names; a heading of that kind with
        nothing under it yet ("Notes") takes them instead."""
        last = self._sections[-1] if self._sections else None
        if last is not None and last.kind == kind and len(last.blocks) <= 1 and last.title:
            return
        self._sections.append(Section(title="", kind=kind, level=1))

    def name_part(self, kind: SectionKind) -> None:
        """The section just opened is this part, whatever its heading says: a label over
        the heading ("The Problem" above an <h2>) named it."""
        if self._sections:
            self._sections[-1].kind = kind

    @property
    def current_kind(self) -> SectionKind | None:
        """The kind of the section the next block goes into; None before any."""
        return self._sections[-1].kind if self._sections else None

    @property
    def length(self) -> int:
        """The canonical text's length so far; the next block starts one separator later."""
        return self._length

    def _append(self, kind: BlockKind, text: str, locator: str, level: int,
                **extra: Any) -> Block:
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        # The block's own letters decide its direction; the source's mark only where it
        # has none (a row of figures in a right-to-left table).
        extra["rtl"] = block_rtl(text, bool(extra.get("rtl", False)))
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        block = Block(kind=kind, text=text, start=start, end=self._length,
                      locator=locator, level=level, **extra)
        self._sections[-1].blocks.append(block)
        return block

    @property
    def is_empty(self) -> bool:
        return not self._parts

    def build(self, title: str, source_format: SourceFormat,
              source: SourceFile | None = None,
              comments: list[SourceComment] | None = None) -> Brief:
        """The brief made of the blocks added so far. A heading among the first two that is the
        title (or its first line) is not taken for one of the brief's parts."""
        # The title heading opens the document, not one of its parts: "Fisheries
        # Outlook" as a title is no prospects section (nor its first line, when the title
        # runs over several; nor a title line after a "Policy Brief" label).
        title = _clean(title)
        for index, section in enumerate(self._sections[:2]):
            if section.title and (index == 0 or section.level == 0) and (
                    title == section.title or title.startswith(section.title + " ")):
                section.kind = SectionKind.OTHER
        return Brief(title=title, source_format=source_format, text="".join(self._parts),
                     sections=self._sections, source=source,
                     source_comments=list(comments or []))


class TextLayout:
    """The canonical text laid out exactly as BriefBuilder lays it, and nothing else: no
    sections, no section kinds, blocks without ids. For a reader that only needs to know
    where each block's text stands (the export's map of a Word file it reads again)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def heading(self, text: str, level: int, locator: str, **_extra: Any) -> Block | None:
        return self.block(BlockKind.HEADING, text, locator, level)

    def block(self, kind: BlockKind, text: str, locator: str, level: int = 0,
              **_extra: Any) -> Block | None:
        text = _clean(text)
        if not text:
            return None
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return Block(kind=kind, text=text, start=start, end=self._length, locator=locator,
                     level=level, id="")

    def open_part(self, kind: SectionKind) -> None:
        """Sections are not kept."""

    @property
    def length(self) -> int:
        return self._length

    def build(self, title: str, source_format: SourceFormat,
              comments: list[SourceComment] | None = None) -> Brief:
        """A brief of the text alone (no sections)."""
        return Brief(title=title, source_format=source_format, text="".join(self._parts),
                     sections=[], source_comments=list(comments or []))


def clean_text(text: str) -> str:
    """Block text is one line: inner newlines and runs of white space fold to one space.
    An importer that needs offsets inside a block (a comment's range) cleans the text
    itself first; the builder then keeps it exactly."""
    return " ".join(text.split())


_clean = clean_text
