"""Tracked changes of a Word paragraph as suggested edits: the paragraph is read as it was
before the changes (deleted text kept, inserted text left out), and each stretch of
adjacent w:del and w:ins by one author becomes a range of that text and its new wording.

A suggestion needs words to replace, so an insertion takes the word it touches (or, between
spaces, the word before it, else the one after) into its range and its replacement."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from reviewdesk.domain.brief import SourceChange

_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class RawChange:
    """One change while a paragraph is read: raw[start:end] was deleted and `inserted`
    put in its place, by `author` at `date`."""

    start: int
    end: int
    author: str
    date: datetime | None
    inserted: list[str] = field(default_factory=list)
    # The w:ins, w:del, w:moveTo and w:moveFrom elements of the change.
    elements: list[etree._Element] = field(default_factory=list)

    @property
    def inserted_text(self) -> str:
        return "".join(self.inserted)


@dataclass(frozen=True, slots=True)
class Region:
    """Where a change lies in the raw text once widened to whole words, and what that
    stretch would read (white space folded)."""

    start: int
    end: int
    replacement: str


def region(text: str, group: list[RawChange]) -> Region | None:
    """The stretch of the raw paragraph text `text` that a change (or a group of changes
    by one author whose words overlap, in text order) rewords; None when it changes nothing
    a reader would see (white space alone, or no words at all)."""
    first, last = group[0], group[-1]
    start, end = first.start, last.end
    deleted = text[start:end]
    # A change inside a word (or glued to one) takes the whole word.
    if start > 0 and not text[start - 1].isspace() \
            and _glued(text[start:first.end][:1], first.inserted_text[:1]):
        start = _word_start(text, start)
    if end < len(text) and not text[end].isspace() \
            and _glued(text[last.start:end][-1:], last.inserted_text[-1:]):
        end = _word_end(text, end)
    if not text[start:end].strip():
        before = _previous_word(text, start)
        after = _next_word(text, end)
        if before is not None:
            start = before
            if deleted and after is not None:  # white space deleted between two words
                end = after
        elif after is not None:
            end = after
        else:
            return None
    pieces = [text[start:first.start]]
    for change, following in zip(group, [*group[1:], None], strict=True):
        pieces += [change.inserted_text, text[change.end:following.start if following else end]]
    new = " ".join("".join(pieces).split())
    if new == " ".join(text[start:end].split()):
        return None
    return Region(start, end, new)


def _glued(*edges: str) -> bool:
    """Whether a change's deleted or inserted text has a letter (not a space) at this edge."""
    return any(edge and not edge.isspace() for edge in edges)


def _word_start(text: str, position: int) -> int:
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    while position < len(text) and not text[position].isspace():
        position += 1
    return position


def _previous_word(text: str, position: int) -> int | None:
    """The start of the last word ending at or before `position`."""
    found = None
    for match in _WORD.finditer(text, 0, position):
        found = match.start()
    return found


def _next_word(text: str, position: int) -> int | None:
    """The end of the first word starting at or after `position`."""
    match = _WORD.search(text, position)
    return match.end() if match else None


Mark = tuple[int, str, str]  # as docx_text's: (raw or clean position, what, id)


@dataclass(slots=True)
class Placed:
    """The changes of a paragraph placed: marks ("change", "change_end") around each
    region in the raw text, the first change of each (its author and date), each one's
    replacement, and whether a change was left out."""

    marks: list[Mark] = field(default_factory=list)
    changes: list[RawChange] = field(default_factory=list)
    replacements: list[str] = field(default_factory=list)
    elements: list[list[etree._Element]] = field(default_factory=list)
    left_out: bool = False


def change_marks(text: str, changes: list[RawChange]) -> Placed:
    """The changes placed in the raw paragraph text. Changes whose regions overlap (widened
    to the same word) are one when one author made them; else the later is left out (the
    text still reads as before it)."""
    placed = Placed()
    groups: list[tuple[list[RawChange], Region]] = []
    for change in changes:
        found = region(text, [change])
        if found is None:
            continue
        if groups and found.start < groups[-1][1].end:
            group = groups[-1][0]
            if group[0].author != change.author:
                placed.left_out = True
                continue
            merged = region(text, [*group, change])
            if merged is None:
                groups.pop()
            else:
                groups[-1] = ([*group, change], merged)
            continue
        groups.append(([change], found))
    for index, (group, found) in enumerate(groups):
        placed.marks += [(found.start, "change", str(index)),
                         (found.end, "change_end", str(index))]
        placed.changes.append(group[0])
        placed.replacements.append(found.replacement)
        placed.elements.append([element for change in group for element in change.elements])
    return placed


def source_changes(marks: list[Mark], placed: Placed,
                   offset: int) -> tuple[list[Mark], list[tuple[int, SourceChange]]]:
    """Split cleaned marks into the others and the changes' ranges, moved by `offset` (the
    block's start in the brief), each with its index in `placed`; a change whose range
    folded away is left out."""
    others: list[Mark] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for position, what, ident in marks:
        if what == "change":
            starts[int(ident)] = position
        elif what == "change_end":
            ends[int(ident)] = position
        else:
            others.append((position, what, ident))
    found = [(index, SourceChange(author=change.author, start=offset + starts[index],
                                  end=offset + ends[index],
                                  replacement=placed.replacements[index], date=change.date))
             for index, change in enumerate(placed.changes) if ends[index] > starts[index]]
    return others, found
