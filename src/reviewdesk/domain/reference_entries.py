"""A reference list cut into its entries, whatever its form: one entry a paragraph or list
item, several packed in one paragraph, or one entry wrapped over several lines or pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from reviewdesk.domain.brief import Block, BlockKind
from reviewdesk.domain.reference_packed import BRACKETED_YEAR, entry_spans
from reviewdesk.domain.reference_shapes import entry_mark, mark_number, starts_like_entry
from reviewdesk.domain.reference_text import (
    ends_entry,
    find_links,
    find_years,
    hangs,
    says_no_date,
)
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
    def tail(self) -> str:
        """The end of the entry so far, enough to tell how it ends (the whole text of a
        long run of lines would be joined again at every line)."""
        return self.text if len(self.pieces) <= 3 else " ".join(
            block.text[start:end] for block, start, end in self.pieces[-2:])

    @property
    def text(self) -> str:
        """The entry's text so far: its pieces joined by a space, or glued where a line ends with
        a hyphen before a lower-case letter."""
        parts: list[str] = []
        for block, start, end in self.pieces:
            piece = block.text[start:end]
            glued = parts and parts[-1].endswith("-") and piece[:1].islower()
            parts.append(piece if glued or not parts else " " + piece)
        return "".join(parts)

    def entry(self) -> EntryText:
        """The finished entry, with its offsets in the canonical text."""
        first, start, _ = self.pieces[0]
        last, _, end = self.pieces[-1]
        return EntryText(self.text, first.start + start, last.start + end, first.id,
                         self.number)


@dataclass(frozen=True, slots=True)
class _Style:
    """What the list as a whole says about where its entries start."""

    numbered: bool
    # Most entries (PDF lines) open with an author: a line that does not goes on.
    authors_first: bool = False


def split_references(blocks: Sequence[Block]) -> list[EntryText]:
    """The entries of one reference list: its blocks after the heading, each list item,
    footnote or numbered paragraph an entry, a paragraph that packs several cut where each
    starts, and a line that goes on with the entry above (a URL, a wrapped line) joined to
    it. Unnumbered text after a numbered list ends it."""
    content = [b for b in blocks if b.kind != BlockKind.HEADING]
    numbered = bool(content) and (content[0].kind in (BlockKind.LIST_ITEM, BlockKind.FOOTNOTE)
                                  or bool(entry_mark(content[0].text)))
    style = _Style(numbered)
    drafts = _drafts(blocks, style)
    if not numbered and _authors_first(drafts):
        drafts = _drafts(blocks, replace(style, authors_first=True))
    return [d.entry() for d in _numbered(_without_trailer(drafts), content)]


def _without_trailer(drafts: list[_Draft]) -> list[_Draft]:
    """Lines after the last entry of a Word or text list that are no entry (a byline, a
    page footer): no author or title opening, no date, no link, no full stop at the end."""
    while len(drafts) > 1 and drafts[-1].block.page is None and _trailer(drafts[-1].text):
        drafts = drafts[:-1]
    return drafts


def _trailer(text: str) -> bool:
    return not (text.rstrip().endswith(".") or starts_like_entry(text) or find_years(text)
                or says_no_date(text) or find_links(text))


def _drafts(blocks: Sequence[Block], style: _Style) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            current = None
            continue
        for index, (start, end) in enumerate(entry_spans(block.text)):
            if index == 0 and current is not None and block.kind != BlockKind.FOOTNOTE:
                verdict = _follows(current, block, block.text[start:end], style)
                if verdict == _Next.STOP:
                    return drafts
                if verdict == _Next.CONTINUES:
                    current.pieces.append((block, start, end))
                    continue
            current = _Draft(block, [(block, start, end)], mark_number(block.text[start:end]))
            drafts.append(current)
        if block.kind == BlockKind.FOOTNOTE:
            current = None
    return drafts


# Of a PDF list's entries, this share opening with an author's name as lists write it
# (three at least) shows that its entries open so, and that other lines go on.
_AUTHORS_FIRST = 0.6


def _authors_first(drafts: Sequence[_Draft]) -> bool:
    paged = [d for d in drafts if d.block.page is not None]
    if len(paged) < 3:
        return False
    opening = sum(starts_like_entry(d.block.text[d.pieces[0][1]:d.pieces[0][2]], loose=False)
                  for d in paged)
    return opening >= _AUTHORS_FIRST * len(paged)


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
# "In: Lee, K. (Ed.)", "In Proceedings of ...": the book or proceedings an entry is part of.
_CONTAINER = re.compile(r"^(?:in|en|dans|в)\s?:|^in\s+(?:proc\b|proceedings\b)",
                        re.IGNORECASE)
_CAPS_HEADING = re.compile(r"^[^\da-zа-я\u0600-\u06ff]{3,80}:?$")


def _follows(current: _Draft, block: Block, piece: str, style: _Style) -> _Next:
    """Whether `piece`, the first of its block, starts a new entry, goes on with the one
    above, or ends the list."""
    before = current.tail
    if entry_mark(piece):
        return _Next.NEW
    if goes_on(piece):
        return _Next.CONTINUES
    if (names_outside_part(piece) and len(piece.split()) <= 8) or _CAPS_HEADING.match(piece):
        return _Next.STOP
    if block.kind == BlockKind.LIST_ITEM:
        return _Next.CONTINUES if block.page is not None and _word_or_two(piece) else _Next.NEW
    if hangs(before):
        return _Next.CONTINUES
    if block.page is not None:  # a PDF line: a wrapped entry goes on until the next starts
        return _next_line(before, piece, style)
    return _Next.STOP if style.numbered else _Next.NEW


def _next_line(before: str, piece: str, style: _Style) -> _Next:
    """A PDF line after an entry's line: it goes on unless the entry is done and the line
    opens a new one (in a list whose entries open with authors, unless it opens so; where
    the entry is not done, only an author with a bracketed year opens one)."""
    if style.authors_first:
        return _Next.NEW if starts_like_entry(piece) else _Next.CONTINUES
    if style.numbered or names_only(before) or _word_or_two(piece):
        return _Next.CONTINUES
    if ends_entry(before):
        return _Next.NEW
    opens = starts_like_entry(piece, loose=False) and BRACKETED_YEAR.match(piece) is not None
    return _Next.NEW if opens else _Next.CONTINUES


def goes_on(piece: str) -> bool:
    """A link, an access note, the book it is part of ("In: ..."), its year ("2019. Title"),
    a lower-case start, a stray mark or a scrap ("2022.") goes with the entry above it."""
    links = find_links(piece)
    if (links and links[0].start <= 1) or _ACCESS.match(piece) or _CONTAINER.match(piece):
        return True
    if _YEAR_FIRST.match(piece) or not (piece[:1].isalnum() or piece[:1] in _OPENERS):
        return True
    if piece[:1].islower() and not starts_like_entry(piece, loose=False):
        return True
    words = piece.split()
    return len(words) <= 2 and not any(sum(c.isalpha() for c in w) >= 4 for w in words)


_YEAR_FIRST = re.compile(r"^\(?\d{4}[a-z]?\)?[.,:]")
_OPENERS = "[(“\"«„‘'¹²³⁴⁵⁶⁷⁸⁹"
# "Lee, K., and Ng, J. 2019." or "Kim Lee and Jo Ng. 2019.": names and a year, no title yet.
_ENDS_WITH_YEAR = re.compile(r"^(?P<names>.+?)\.\s+\d{4}[a-z]?\.?$")
_SAME_AS_ABOVE = re.compile(r"^(?:ibid|idem|ibídem|там же|همان|op\.\s?cit)", re.IGNORECASE)
_JOINING = frozenset(("and", "&", "et", "y", "и", "al.", "al"))


def _word_or_two(piece: str) -> bool:
    """A line of a word or two ("Springer.") ends the entry above; "Ibid." is one itself."""
    return len(piece.split()) <= 2 and _SAME_AS_ABOVE.match(piece) is None


def names_only(text: str) -> bool:
    """The entry so far gives only its authors and year: its title is on the next line."""
    match = _ENDS_WITH_YEAR.match(text)
    if match is None or ("," not in match["names"] and " and " not in match["names"]):
        return False
    words = [w.strip(",") for w in match["names"].split()]
    return all(w in _JOINING or w[:1].isupper() for w in words if w)
