"""Anchors in the style of the W3C Web Annotation model: a quote with context, and offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT_CHARS = 32

# Characters a reviewer is likely to type differently from the brief (curly quotes,
# dashes, non-breaking spaces). Each maps to exactly one character, so offsets in
# the folded text are offsets in the original.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
})


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPositionSelector:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation sits: both selectors, so it can be found again after edits."""

    quote: TextQuoteSelector
    position: TextPositionSelector

    @property
    def start(self) -> int:
        return self.position.start

    @property
    def end(self) -> int:
        return self.position.end


def anchor_at(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """The anchor for text[start:end], with up to `context` characters either side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"range {start}..{end} is not inside a text of {len(text)} characters")
    quote = TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - context):start],
        suffix=text[end:end + context],
    )
    return Anchor(quote=quote, position=TextPositionSelector(start, end))


def fold(text: str) -> str:
    return text.translate(_FOLD)


def _quote_pattern(quote: str) -> re.Pattern[str]:
    words = fold(quote).split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the Nth occurrence of `quote` in `text`, or None.

    An exact match is tried first. Failing that, the match forgives what a person
    typing a quote gets wrong: straight for curly quotes, hyphens for dashes, and
    any run of white space for another.
    """
    if occurrence < 1 or not quote.strip():
        return None
    found = _nth_exact(text, quote, occurrence)
    if found is not None:
        return found
    matches = _quote_pattern(quote).finditer(fold(text))
    for index, match in enumerate(matches, start=1):
        if index == occurrence:
            return match.start(), match.end()
    return None


def count_quote(text: str, quote: str) -> int:
    """How many times `quote` occurs, counted the way `find_quote` matches."""
    exact = text.count(quote) if quote else 0
    if exact:
        return exact
    if not quote.strip():
        return 0
    return sum(1 for _ in _quote_pattern(quote).finditer(fold(text)))


def _nth_exact(text: str, quote: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            return None
    return start, start + len(quote)


def locate(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """Find an anchor in a text: at its recorded position if the quote is still there,
    otherwise the occurrence of the quote whose context matches best."""
    start, end = anchor.position.start, anchor.position.end
    exact = anchor.quote.exact
    if text[start:end] == exact:
        return start, end
    best: tuple[int, int] | None = None
    best_score = -1
    position = text.find(exact)
    while position >= 0:
        score = _context_score(text, position, position + len(exact), anchor.quote)
        if score > best_score:
            best, best_score = (position, position + len(exact)), score
        position = text.find(exact, position + 1)
    return best


def _context_score(text: str, start: int, end: int, quote: TextQuoteSelector) -> int:
    before = text[max(0, start - len(quote.prefix)):start]
    after = text[end:end + len(quote.suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(quote.prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, quote.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score
