"""A paragraph that packs several reference entries (a PDF line joined to the next, a list
typed as one paragraph) cut where each entry starts: at its number when the numbers run in
order, else where an author opens an entry after the end of the one before."""

from __future__ import annotations

import re

from reviewdesk.domain.reference_shapes import starts_like_entry
from reviewdesk.domain.reference_text import find_links, find_years, says_no_date

_NUMBER_MARK = re.compile(
    r"(?:^|(?<=\s))(?:\[(?P<bracket>\d{1,3})\]|\((?P<paren>\d{1,3})\)|"
    r"(?P<dot>\d{1,3})(?:[.)]|\s?[-–](?=\s)))\s+(?=\S)")
# "Name. (2020" after a placeholder link ("... Link Beta Office. (2021). Two.").
_AFTER_PLACEHOLDER = re.compile(
    r"(?<=\b(?:Link|here))\s+(?=[A-Z][\w'’-]+[^.()]{0,80}\.\s*\((?:\d{4}|n\.\s?d\.))")
# Where an entry may end: a full stop (not an initial's: "J. Lee") or a closing quote or
# bracket before a space.
_ENTRY_END = re.compile(r"(?:(?<=[^\W\d_]{2}[.?!])|(?<=[)\d”\"»][.?!,])|(?<=[)”\"»]))\s+(?=\S)")
_LONGEST_ENTRY = 1500  # characters looked back for the date of the entry before a cut
_AFTER_LINK = re.compile(r"[.,;]?\s+(?=\S)")
BRACKETED_YEAR = re.compile(r"^[^()]{0,150}\(\s*(?:\d{4}|n\.\s?d\.|s\.\s?f\.)")
# A book chapter names its editors after "In": "In Lee, K. (Ed.), ..." starts no entry.
_IN = re.compile(r"^(?:in|en|dans|в|из)\b:?", re.IGNORECASE)


def entry_spans(text: str) -> list[tuple[int, int]]:
    """The entries of one block's text, as (start, end) without surrounding space."""
    cuts = _numbered_cuts(text)
    if len(cuts) < 2:
        cuts = sorted({0, *_author_cuts(text),
                       *(m.end() for m in _AFTER_PLACEHOLDER.finditer(text))})
    if not cuts or cuts[0] != 0:
        cuts.insert(0, 0)
    spans: list[tuple[int, int]] = []
    for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True):
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
    return spans


def _numbered_cuts(text: str) -> list[int]:
    """Where "1." "2." ... or "[1]" "[2]" ... begin, if the numbers run in order from 1 or
    from the block's own first number: a stray "3." inside a title is then left alone."""
    cuts: list[int] = []
    first = _NUMBER_MARK.match(text)
    # A list that runs on from the page before goes on from the number it starts with.
    expected = int(first["bracket"] or first["paren"] or first["dot"]) if first else 1
    for match in _NUMBER_MARK.finditer(text):
        number = int(match["bracket"] or match["paren"] or match["dot"])
        if number == expected:
            cuts.append(match.start())
            expected += 1
    return cuts if len(cuts) >= 2 else []


def _author_cuts(text: str) -> list[int]:
    """Where an author opens a new entry after the end of one (a full stop or a link): its
    bracketed year follows (APA), or both the entry before and this one give a date or a
    link (MLA, Chicago: the date comes last)."""
    ends = [m.end() for m in _ENTRY_END.finditer(text)]
    ends += [link.end + gap.end() for link in find_links(text)
             if (gap := _AFTER_LINK.match(text[link.end:link.end + 6])) is not None]
    cuts: list[int] = []
    last = 0
    for position in sorted(set(ends)):
        head = text[position:position + 300]
        if _IN.match(head) or not starts_like_entry(head, loose=False):
            continue
        if not any(char.isalpha() for char in text[last:position]):
            continue  # only the entry's number ("1.", "١.") stands before
        before = text[max(last, position - _LONGEST_ENTRY):position]
        if BRACKETED_YEAR.match(head) or (_complete(before) and _complete(head)):
            cuts.append(position)
            last = position
    return cuts


def _complete(piece: str) -> bool:
    return bool(find_years(piece)) or says_no_date(piece) or bool(find_links(piece))
