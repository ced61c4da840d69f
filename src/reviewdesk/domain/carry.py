"""Carrying annotations from one version of a brief's text to the next.

Each annotation keeps W3C selectors: its exact quote with a little text before and after
it, and its position. On the new text it is placed, in order of trust:

1. where the paragraph alignment puts it, when the quote and its context are all there
   (anchored), or the same quote and context found elsewhere (shifted: a moved paragraph);
2. the occurrence of the quote whose context agrees best; without full agreement, or with
   two places equally good, it is placed but marked needs_review, with its score;
3. a fuzzy match near where it was expected (rapidfuzz), marked needs_review;
4. else orphaned: kept, listed, never deleted.

Nothing is ever placed on other words without being marked needs_review."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from reviewdesk.domain.anchor import Anchor, context_agreement

_SEPARATOR = "\n"
_WORD = re.compile(r"\S+")
_MAX_OCCURRENCES = 64
_FUZZY_MIN = 72.0  # rapidfuzz score (0-100) below which a fuzzy place is no place
_CONTEXT_SHIFTED = 0.75  # context agreement that lets a moved quote count as shifted


class AnchorState(StrEnum):
    ANCHORED = "anchored"
    SHIFTED = "shifted"
    NEEDS_REVIEW = "needs_review"
    ORPHANED = "orphaned"


@dataclass(frozen=True, slots=True)
class Placement:
    start: int
    end: int
    state: AnchorState
    score: float  # 1.0 for a sure place; lower for needs_review; 0.0 for an orphan


class _Lines:
    def __init__(self, text: str) -> None:
        self.lines = text.split(_SEPARATOR)
        self.starts: list[int] = []
        position = 0
        for line in self.lines:
            self.starts.append(position)
            position += len(line) + len(_SEPARATOR)

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)


class Carrier:
    """Old text -> new text, prepared once for many annotations."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self._old, self._new = _Lines(old), _Lines(new)
        self._in_order: dict[int, int] = {}  # old line -> new line, by the sequence alignment
        matcher = difflib.SequenceMatcher(None, self._old.lines, self._new.lines,
                                          autojunk=False)
        self._changed: dict[int, int] = {}  # old line -> the new line it was rewritten as
        self._word_maps: dict[tuple[int, int], dict[int, tuple[int, int]]] = {}
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    self._in_order[i1 + k] = j1 + k
            elif tag == "replace":
                for k in range(i2 - i1):  # pairs in order, the last ones sharing
                    self._changed[i1 + k] = min(j2 - 1, j1 + k)
        # Moved paragraphs: a line that stands once in each text.
        counts: dict[str, list[int]] = {}
        for number, line in enumerate(self._new.lines):
            counts.setdefault(line, []).append(number)
        old_counts: dict[str, int] = {}
        for line in self._old.lines:
            old_counts[line] = old_counts.get(line, 0) + 1
        self._moved: dict[int, int] = {}
        for number, line in enumerate(self._old.lines):
            if number in self._in_order or not line.strip():
                continue
            places = counts.get(line, [])
            if len(places) == 1 and old_counts[line] == 1:
                self._moved[number] = places[0]
        self._anchors = sorted(self._in_order.items())
        self._anchor_keys = [old for old, _ in self._anchors]

    def expected(self, offset: int) -> tuple[int, bool]:
        """Where an old offset should be in the new text, and whether its line stays in its
        place (the same line in the same order, or a line changed where it stood) rather
        than moved."""
        line = self._old.index(offset)
        inside = offset - self._old.starts[line]
        if line in self._in_order:
            return self._new.starts[self._in_order[line]] + inside, True
        if line in self._moved:
            return self._new.starts[self._moved[line]] + inside, False
        if line in self._changed:
            new_line = self._changed[line]
            old_length = max(1, len(self._old.lines[line]))
            scaled = round(inside * len(self._new.lines[new_line]) / old_length)
            return self._new.starts[new_line] + scaled, True
        # A changed line: from the nearest aligned line before it.
        index = bisect_right(self._anchor_keys, line) - 1
        if index < 0:
            return min(offset, len(self.new)), True
        old_line, new_line = self._anchors[index]
        shift = self._new.starts[new_line] - self._old.starts[old_line]
        return max(0, min(len(self.new), offset + shift)), True

    def place(self, anchor: Anchor) -> Placement:
        """Where the annotation's words stand in the new text, and how sure that is."""
        quote = anchor.quote.exact
        prefix, suffix = anchor.quote.prefix, anchor.quote.suffix
        start = anchor.position.start
        if not quote:
            return Placement(0, 0, AnchorState.ORPHANED, 0.0)
        expected, in_place = self.expected(start)
        found = (self._where_expected(quote, prefix, suffix, expected, in_place)
                 or (self._near_in_line(quote, prefix, suffix, expected) if in_place else None)
                 or self._through_words(start, start + len(quote), quote)
                 or self._best_occurrence(quote, prefix, suffix, expected))
        return found or self._fuzzy(quote, prefix, suffix, expected)

    def _where_expected(self, quote: str, prefix: str, suffix: str, expected: int,
                        in_place: bool) -> Placement | None:
        """The same words where they were expected, with the text on at least one side
        intact (an edit in the rest of the paragraph does not move them); an empty side
        (a quote at the start or end of the text) is no evidence."""
        new = self.new
        if not new.startswith(quote, expected):
            return None
        end = expected + len(quote)
        agreement = self._agreement(expected, end, prefix, suffix)
        one_side = ((bool(prefix) and new.endswith(prefix, 0, expected))
                    or (bool(suffix) and new.startswith(suffix, end)))
        if agreement >= 1.0 or (one_side and in_place):
            state = AnchorState.ANCHORED if in_place else AnchorState.SHIFTED
            return Placement(expected, end, state, 1.0)
        return None

    def _near_in_line(self, quote: str, prefix: str, suffix: str,
                      expected: int) -> Placement | None:
        """The words moved a little within their rewritten paragraph: found once in it,
        with some recorded context agreeing (an empty prefix or suffix is no evidence for
        this copy of the words)."""
        new = self.new
        line = self._new.index(expected)
        low = self._new.starts[line]
        high = low + len(self._new.lines[line])
        near = new.find(quote, low, high)
        if near < 0 or new.find(quote, near + 1, high) >= 0:
            return None
        end = near + len(quote)
        if ((prefix and new.endswith(prefix[-8:], 0, near))
                or (suffix and new.startswith(suffix[:8], end))
                or not (prefix or suffix)):
            return Placement(near, end, AnchorState.ANCHORED, 1.0)
        return None

    def _through_words(self, start: int, end: int, quote: str) -> Placement | None:
        """In a paragraph rewritten where it stood, follow the quote's first and last words
        through a word-by-word alignment of the old and new paragraph (a word replaced by
        another stays at its place). Placed on changed words: needs_review."""
        line = self._old.index(start)
        if self._old.index(max(start, end - 1)) != line:
            return None
        new_line = self._changed.get(line)
        if new_line is None:
            return None
        mapping = self._word_map(line, new_line)
        old_base, new_base = self._old.starts[line], self._new.starts[new_line]
        first = mapping.get(start - old_base)
        last_word = _last_word_start(quote)
        last = mapping.get(start + last_word - old_base) if last_word is not None else None
        if first is None or last is None or last[0] < first[0]:
            return None
        new_start, new_end = new_base + first[0], new_base + last[1]
        words = self.new[new_start:new_end]
        if not words.strip():
            return None
        similarity = fuzz.ratio(quote, words) / 100
        return Placement(new_start, new_end, AnchorState.NEEDS_REVIEW,
                         round(0.5 + similarity * 0.45, 3))

    def _word_map(self, line: int, new_line: int) -> dict[int, tuple[int, int]]:
        """Old word start -> (new word start, new word end), within one paragraph pair."""
        key = (line, new_line)
        cached = self._word_maps.get(key)
        if cached is not None:
            return cached
        old_words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(
            self._old.lines[line])]
        new_words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(
            self._new.lines[new_line])]
        matcher = difflib.SequenceMatcher(None, [w[2] for w in old_words],
                                          [w[2] for w in new_words], autojunk=False)
        mapping: dict[int, tuple[int, int]] = {}
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                for k in range(i2 - i1):
                    mapping[old_words[i1 + k][0]] = (new_words[j1 + k][0], new_words[j1 + k][1])
        self._word_maps[key] = mapping
        return mapping

    def _agreement(self, start: int, end: int, prefix: str, suffix: str) -> float:
        """How much of the context agrees, counted outwards from the quote (0 to 1)."""
        if not prefix and not suffix:
            return 1.0
        agreeing = context_agreement(self.new, start, end, prefix, suffix)
        return agreeing / (len(prefix) + len(suffix))

    def _best_occurrence(self, quote: str, prefix: str, suffix: str,
                         expected: int) -> Placement | None:
        new = self.new
        places: list[int] = []
        position = new.find(quote)
        while position >= 0 and len(places) < _MAX_OCCURRENCES:
            places.append(position)
            position = new.find(quote, position + 1)
        if not places:
            return None
        scored = sorted(((self._agreement(p, p + len(quote), prefix, suffix),
                          -abs(p - expected), p) for p in places), reverse=True)
        best_score, _, best = scored[0]
        tied = len(scored) > 1 and scored[1][0] >= best_score - 0.05
        if best_score >= 1.0 and not tied:
            return Placement(best, best + len(quote), AnchorState.SHIFTED, 1.0)
        if best_score >= _CONTEXT_SHIFTED and not tied:
            return Placement(best, best + len(quote), AnchorState.SHIFTED, best_score)
        return Placement(best, best + len(quote), AnchorState.NEEDS_REVIEW,
                         round(0.5 + best_score / 2, 3) if not tied else 0.5)

    def _fuzzy(self, quote: str, prefix: str, suffix: str, expected: int) -> Placement:
        new = self.new
        between = _between(new, prefix, suffix, len(quote), expected)
        if between is not None:  # the words between the unchanged context were reworded
            words = new[between[0]:between[1]]
            similarity = fuzz.ratio(quote, words) / 100
            return Placement(between[0], between[1], AnchorState.NEEDS_REVIEW,
                             round(0.5 + similarity * 0.4, 3))
        reach = max(300, 2 * len(quote))
        low = max(0, expected - reach)
        window = new[low:expected + len(quote) + reach]
        if window.strip():
            found = fuzz.partial_ratio_alignment(quote, window, score_cutoff=_FUZZY_MIN)
            if found is not None and found.dest_end > found.dest_start:
                start, end = _whole_words(new, low + found.dest_start, low + found.dest_end)
                return Placement(start, end, AnchorState.NEEDS_REVIEW,
                                 round(found.score / 100 * 0.8, 3))
        spot = min(expected, len(new))
        return Placement(spot, spot, AnchorState.ORPHANED, 0.0)


def _last_word_start(quote: str) -> int | None:
    """Where the quote's last word starts, when the quote starts and ends on whole words."""
    words = list(_WORD.finditer(quote))
    if not words or words[0].start() != 0:
        return None
    return words[-1].start()


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to the words it touches."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _between(text: str, prefix: str, suffix: str, length: int,
             expected: int) -> tuple[int, int] | None:
    """The words between the annotation's unchanged context, nearest where they were
    expected: the whole context first, then the part of it closest to the words."""
    for size in (max(len(prefix), len(suffix)), 16):
        before, after = prefix[-size:], suffix[:size]
        if len(before.strip()) < 12 or len(after.strip()) < 12:
            continue  # too little context to be telling
        low = max(0, expected - 2000 - len(before))
        position = text.find(before, low, expected + 2000 + len(before))
        while position >= 0:
            start = position + len(before)
            end = text.find(after, start, start + 3 * length + 40)
            if end > start and text[start:end].strip():
                return _whole_words(text, start, end)
            position = text.find(before, position + 1, expected + 2000 + len(before))
    return None


def carry(old: str, new: str, anchors: Sequence[Anchor]) -> list[Placement]:
    carrier = Carrier(old, new)
    return [carrier.place(anchor) for anchor in anchors]
