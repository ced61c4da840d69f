"""A reference list cut into its entries, whatever its form: one entry a paragraph or list
item, several packed in one paragraph, or one entry wrapped over several lines or pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from reviewdesk.domain.brief import Block, BlockKind
from reviewdesk.domain.reference_packed import entry_spans
from reviewdesk.domain.reference_shapes import entry_mark, mark_number, starts_like_entry
from reviewdesk.domain.reference_text import ends_entry, find_links, hangs
from reviewdesk.domain.sections import names_outside_part


@dataclass(frozen=True, slots=True)
class EntryText:
    """One entry's text and where it stands (from its first to its last character in the
    canonical text); several can share a block, and one can run over several blocks.
    `number` is the entry's own number when the list numbers its entries."""

    text: str
    start: int
    end: int
    block_id: str | None = None
    number: int | None = None


class _Next(Enum):
    NEW = "new"
    CONTINUES = "continues"
    STOP = "stop"


@dataclass(slots=True)
class _Draft:
    block: Block
    pieces: list[tuple[Block, int, int]] = field(default_factory=list)
    number: int | None = None

    @property
    def text(self) -> str:
        parts: list[str] = []
        for block, start, end in self.pieces:
            piece = block.text[start:end]
            glued = parts and parts[-1].endswith("-") and piece[:1].islower()
            parts.append(piece if glued or not parts else " " + piece)
        return "".join(parts)

    def entry(self) -> EntryText:
        first, start, _ = self.pieces[0]
        last, _, end = self.pieces[-1]
        return EntryText(self.text, first.start + start, last.start + end, first.id,
                         self.number)


def split_references(blocks: Sequence[Block]) -> list[EntryText]:
    """The entries of one reference list: its blocks after the heading, each list item,
    footnote or numbered paragraph an entry, a paragraph that packs several cut at its
    numbering or at each "Name. (Year", and a line that goes on with the entry above (a
    URL, a wrapped line) joined to it. Unnumbered text after a numbered list ends it."""
    content = [b for b in blocks if b.kind != BlockKind.HEADING]
    numbered = bool(content) and (content[0].kind in (BlockKind.LIST_ITEM, BlockKind.FOOTNOTE)
                                  or bool(entry_mark(content[0].text)))
    drafts: list[_Draft] = []
    current: _Draft | None = None
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            current = None
            continue
        for index, (start, end) in enumerate(entry_spans(block.text)):
            if index == 0 and current is not None and block.kind != BlockKind.FOOTNOTE:
                verdict = _follows(current, block, block.text[start:end], numbered)
                if verdict == _Next.STOP:
                    return [d.entry() for d in drafts]
                if verdict == _Next.CONTINUES:
                    current.pieces.append((block, start, end))
                    continue
            current = _Draft(block, [(block, start, end)], mark_number(block.text[start:end]))
            drafts.append(current)
        if block.kind == BlockKind.FOOTNOTE:
            current = None
    return [d.entry() for d in _numbered(drafts, content)]


def _numbered(drafts: list[_Draft], content: Sequence[Block]) -> list[_Draft]:
    """Entries numbered by the list itself (Word numbering, not in the text) take their
    position as their number."""
    if all(d.number is None for d in drafts) and content and all(
            d.block.kind == BlockKind.LIST_ITEM for d in drafts):
        for position, draft in enumerate(drafts, start=1):
            draft.number = position
    return drafts


_ACCESS = re.compile(
    r"^\s*(?:\[?online\]?\.?\s*)?(?:available|retrieved|accessed|consulted|viewed|url|doi|"
    r"disponible|consultado|recuperado|consulté|en ligne|режим доступа|дата обращения|url|"
    r"متاح|تاريخ الاطلاع|قابل دسترسی|بازیابی|دسترسی)\b", re.IGNORECASE)
_CAPS_HEADING = re.compile(r"^[^\da-zа-я\u0600-\u06ff]{3,80}:?$")


def _follows(current: _Draft, block: Block, piece: str, numbered: bool) -> _Next:
    """Whether `piece`, the first of its block, starts a new entry, goes on with the one
    above, or ends the list."""
    before = current.text
    if entry_mark(piece):
        return _Next.NEW
    if goes_on(piece):
        return _Next.CONTINUES
    if (names_outside_part(piece) and len(piece.split()) <= 8) or _CAPS_HEADING.match(piece):
        return _Next.STOP
    if block.kind == BlockKind.LIST_ITEM:
        return _Next.NEW
    if hangs(before):
        return _Next.CONTINUES
    if block.page is not None:  # a PDF line: a wrapped entry goes on until the next starts
        wrapped = numbered or not (ends_entry(before) or starts_like_entry(piece))
        return _Next.CONTINUES if wrapped else _Next.NEW
    return _Next.STOP if numbered else _Next.NEW


def goes_on(piece: str) -> bool:
    """A link, an access note, a lower-case start or a scrap ("2022.") goes with the entry
    above it."""
    links = find_links(piece)
    if (links and links[0].start <= 1) or _ACCESS.match(piece):
        return True
    if piece[:1].islower() and not starts_like_entry(piece, loose=False):
        return True
    words = piece.split()
    return len(words) <= 2 and not any(sum(c.isalpha() for c in w) >= 4 for w in words)
