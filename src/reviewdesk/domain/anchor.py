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
    """The annotated words as written, with up to CONTEXT_CHARS characters before and after them,
    so they can be found again when the offsets no longer fit."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPositionSelector:
    """Offsets into the brief's canonical text: `start` inclusive, `end` exclusive."""

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
    """The text with curly quotes, dashes and odd spaces made plain; one character for one, so
    offsets in the folded text are offsets in the original."""
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


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where an anchor was found in a text, and how sure that is.

    `score` is 1.0 when the quote stands there with all of its recorded context and no
    other place is as good (or it is the recorded place); below 1.0 the place is the best
    guess: the share of the context that agrees, or 1/n when n places agree equally."""

    start: int
    end: int
    score: float


def resolve(text: str, anchor: Anchor) -> Resolution | None:
    """Find an anchor in a text, which may have changed since the anchor was made.

    Every occurrence of the quote is a candidate; the one whose context (prefix and
    suffix, counted outwards from the quote) agrees best wins, and of equally good ones
    the one nearest the recorded position. The recorded position alone is never trusted:
    after an edit before the quote, other words may have moved onto it. None when the
    quote is nowhere in the text."""
    start, end = anchor.position.start, anchor.position.end
    quote = anchor.quote
    exact = quote.exact
    if not exact:
        return None
    total = len(quote.prefix) + len(quote.suffix)
    recorded = 0 <= start < end <= len(text) and text[start:end] == exact
    if recorded and _context_score(text, start, end, quote) == total:
        return Resolution(start, end, 1.0)  # nothing can agree better, nor be nearer
    best: tuple[int, int] | None = None
    best_key = (-1, 0)
    full: list[int] = []
    position = text.find(exact)
    while position >= 0:
        score = _context_score(text, position, position + len(exact), quote)
        if score == total:
            full.append(position)
        key = (score, -abs(position - start))
        if key > best_key:
            best, best_key = (position, position + len(exact)), key
        position = text.find(exact, position + 1)
    if best is None:
        return None
    if best_key[0] < total:
        return Resolution(*best, best_key[0] / total)
    return Resolution(*best, 1.0 if len(full) == 1 else 1 / len(full))


def locate(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """The offsets `resolve` finds for an anchor, without the score."""
    found = resolve(text, anchor)
    return (found.start, found.end) if found else None


def _context_score(text: str, start: int, end: int, quote: TextQuoteSelector) -> int:
    return context_agreement(text, start, end, quote.prefix, quote.suffix)


def context_agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of a recorded prefix and suffix stand next to text[start:end],
    counted outwards from it until the first that differs."""
    before = text[max(0, start - len(prefix)):start]
    after = text[end:end + len(suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score
