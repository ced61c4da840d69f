"""Where each character of a brief read from a .docx lives in that document's XML.

The export reads the document again with the importer, which reports each block with the
raw text it cleaned and the element each piece of raw text came from (a w:t, a w:tab, a
note reference...). A brief offset then maps to (element, index in its text)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from reviewdesk.domain.brief import Block, Brief
from reviewdesk.importers.docx import OnChange, read_text
from reviewdesk.importers.docx_text import RawText
from reviewdesk.ooxml.namespaces import W as _W
from reviewdesk.ooxml.package import Package

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Point:
    """A place between two characters: before `index` of the element's text. For an element
    that is not text (a tab, a note reference), index 0 is before it and 1 after it."""

    element: etree._Element
    index: int


@dataclass(slots=True)
class _BlockText:
    start: int  # the block's offset in the brief
    end: int
    length: int  # of the raw text
    # True when the raw text is its cleaned text already (single spaces between words, none
    # around them): a cleaned offset is then its raw offset, and the word lists stay empty.
    same: bool
    word_starts: list[int]  # in the raw text
    word_ends: list[int]
    clean_starts: list[int]  # the same words' offsets in the cleaned block text
    source_starts: Sequence[int]
    source_ends: Sequence[int]
    sources: Sequence[etree._Element]

    def raw(self, clean: int) -> int:
        """The raw offset of a cleaned offset (a folded space maps to the first white space
        character after its word)."""
        if self.same:
            return min(max(clean, 0), self.length)
        index = bisect_right(self.clean_starts, clean) - 1
        if index < 0:
            return self.word_starts[0] if self.word_starts else 0
        inside = clean - self.clean_starts[index]
        length = self.word_ends[index] - self.word_starts[index]
        return self.word_starts[index] + inside if inside < length else self.word_ends[index]

    def start_point(self, raw: int) -> Point | None:
        """The place before raw character `raw`, or before the next character that has a
        source (labels and separators the importer made up have none)."""
        index = bisect_right(self.source_starts, raw) - 1
        if index >= 0 and raw < self.source_ends[index]:
            return _point(self.sources[index], raw - self.source_starts[index], before=True)
        if index + 1 < len(self.sources):
            return _point(self.sources[index + 1], 0, before=True)
        return None

    def end_point(self, raw: int) -> Point | None:
        """The place after raw character `raw`, or after the last sourced character before
        it."""
        index = bisect_right(self.source_starts, raw) - 1
        if index < 0:
            return None
        if raw < self.source_ends[index]:
            return _point(self.sources[index], raw - self.source_starts[index], before=False)
        length = self.source_ends[index] - self.source_starts[index]
        return _point(self.sources[index], length - 1, before=False)


def _point(element: etree._Element, offset: int, before: bool) -> Point:
    """Before or after character `offset` of a source element."""
    if _is_text(element):
        return Point(element, offset if before else offset + 1)
    return Point(element, 0 if before else 1)


_T_TAGS = frozenset({f"{_W}t", f"{_W}delText"})  # a Word file's own deleted text is read


def _is_text(element: etree._Element) -> bool:
    return element.tag in _T_TAGS


_NOTE_REFS = {f"{_W}footnoteReference": "footnote", f"{_W}endnoteReference": "endnote"}
_NOTE_LOCATOR = re.compile(r"^(footnote|endnote)s/(?:footnote|endnote)\[(-?\d+)\]$")


class TextMap:
    """Brief offsets to places in the document's XML."""

    def __init__(self, blocks: list[_BlockText],
                 note_labels: dict[tuple[str, str], tuple[int, int]],
                 note_blocks: dict[int, tuple[str, str]]) -> None:
        self._blocks = blocks
        self._starts = [block.start for block in blocks]
        self._labels = note_labels  # (kind, id) -> the "[1]" label's range in the brief
        self._notes = note_blocks  # a note block's start -> (kind, id)

    def note_label(self, offset: int) -> tuple[int, int] | None:
        """For an offset in a footnote or endnote, the range of the note's "[1]" mark in the
        text that refers to it (comments go there: not every reader takes them in notes)."""
        block = self._block(offset, forward=False)
        if block is None or block.start not in self._notes:
            return None
        return self._labels.get(self._notes[block.start])

    def _block(self, offset: int, forward: bool) -> _BlockText | None:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._blocks[index].end:
            return self._blocks[index]
        if forward:  # in the separator before the next block
            return self._blocks[index + 1] if index + 1 < len(self._blocks) else None
        return self._blocks[index] if index >= 0 else None

    def start(self, offset: int) -> Point | None:
        """The place before brief character `offset`."""
        block = self._block(offset, forward=True)
        if block is None:
            return None
        clean = max(0, offset - block.start)
        return block.start_point(block.raw(clean))

    def end(self, offset: int) -> Point | None:
        """The place after brief character `offset - 1`."""
        block = self._block(offset - 1, forward=False)
        if block is None:
            return None
        clean = min(block.end, offset) - block.start - 1
        return block.end_point(block.raw(max(0, clean)))

    def block_end(self, offset: int) -> int:
        """The end offset of the block holding `offset` (or the nearest before it)."""
        block = self._block(offset, forward=False)
        return block.end if block is not None else offset


def map_package(package: Package, filename: str,
                on_change: OnChange | None = None) -> tuple[Brief, TextMap]:
    """Read the package's text as the importer does (read_text), keeping where each
    character came from; `on_change` sees the document's own tracked changes with their
    elements."""
    blocks: list[_BlockText] = []
    labels: dict[tuple[str, str], tuple[int, int]] = {}
    notes: dict[int, tuple[str, str]] = {}

    def seen(block: Block, raw: RawText) -> None:
        text = "".join(raw.parts)
        same = " ".join(text.split()) == text  # str.split and \S+ agree on white space
        word_starts: list[int] = []
        word_ends: list[int] = []
        clean_starts: list[int] = []
        if not same:
            position = 0
            for match in _WORD.finditer(text):
                start, end = match.span()
                word_starts.append(start)
                word_ends.append(end)
                clean_starts.append(position)
                position += end - start + 1
        note = _NOTE_LOCATOR.match(block.locator)
        if note:
            notes[block.start] = (note[1], note[2])
        for raw_start, raw_end, element in raw.sources:
            kind = _NOTE_REFS.get(element.tag)
            if kind is None:
                continue
            if same:
                clean = raw_start
            else:
                index = bisect_right(word_starts, raw_start) - 1
                if index < 0:
                    continue
                clean = clean_starts[index] + raw_start - word_starts[index]
            key = (kind, element.get(f"{_W}id", ""))
            labels.setdefault(key, (block.start + clean, block.start + clean + raw_end - raw_start))
        starts, ends, elements = zip(*raw.sources, strict=True) if raw.sources else ((), (), ())
        blocks.append(_BlockText(block.start, block.end, len(text), same, word_starts,
                                 word_ends, clean_starts, starts, ends, elements))

    brief = read_text(package, filename, seen, on_change)
    ordered = sorted(blocks, key=lambda block: block.start)
    # The importer's reader keeps `seen`, and so `blocks`, until the cycle collector frees
    # it; the blocks (and through their elements the whole parsed document) must not wait.
    blocks.clear()
    return brief, TextMap(ordered, labels, notes)

