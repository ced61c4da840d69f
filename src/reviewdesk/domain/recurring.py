"""Recommendations of different briefs that are the same one in other words.

Two recommendations of different briefs are the same one in other words when they share at
least two content words (words of three letters or more that are not function words,
plurals and -ing/-ed/-ly endings folded) and either they share more than half the content
words of the shorter, or rapidfuzz's `token_set_ratio` of their content words is at least
75 (of the content words, not the whole texts: "The X should fund the Y of the Z" shares
enough little words with any recommendation built alike to pass on those alone). Pairs
join into groups transitively; a group is reported when it spans at least two briefs.
Recommendations with the same content words are one from the start (a text repeated in
many briefs is compared once). To stay fast with thousands of recommendations, only pairs
sharing two words that are each in at most 40 distinct recommendations (or 1 in 20 of them,
if more) are compared: words as common as "support" or "government" find no pairs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence

from rapidfuzz import fuzz

from reviewdesk.domain.summary import RecurringItem

RECURRING_RATIO = 75.0
_MIN_SHARED_WORDS = 2
# A word in more than this many distinct recommendations (and more than 1 in
# _COMMON_WORD_SHARE of them) is not counted when finding the pairs to compare.
_COMMON_WORD_FLOOR = 40
_COMMON_WORD_SHARE = 20

_FUNCTION_WORD_TEXT = """
a about above across after again against all along also although am among an and any are
around as at be because been before behind being below beside between beyond both but by can
could did do does doing down during each either few for from further had has have having he
her here hers him his how however if in inside into is it its itself just may might more
most must near need needs no nor not now of off on once only onto or other ought our ours
out outside over own per same shall she should since so some such than that the their
theirs them then there these they this those though through thus to too toward towards
under until up upon very via was we were what when where which while who whom whose why
will with within without would yet you your
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")


def content_words(text: str) -> frozenset[str]:
    """The words of `text` that carry its meaning, folded: "Donors should fund the patrols"
    -> {"donor", "fund", "patrol"}."""
    words = set()
    for word in _WORD.findall(text.casefold()):
        if len(word) < 3 or word in _FUNCTION_WORDS:
            continue
        words.add(_stem(word))
    return frozenset(words)


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for ending in ("ing", "ed", "ly"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[:-len(ending)]
    return word


def same_recommendation(a: str, b: str) -> bool:
    """True when `a` and `b` read as one recommendation in different words (see the
    module docstring)."""
    return _same(content_words(a), content_words(b))


def _same(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    shared = len(words_a & words_b)
    if shared < _MIN_SHARED_WORDS:
        return False
    if 2 * shared > min(len(words_a), len(words_b)):
        return True
    # On the content words: "the", "should" and "of the" shared by two recommendations
    # built alike would lift the ratio of their whole texts.
    return fuzz.token_set_ratio(" ".join(sorted(words_a)), " ".join(sorted(words_b)),
                                processor=None) >= RECURRING_RATIO


def recurring_recommendations(
        items: Sequence[tuple[str, str, str]]) -> tuple[tuple[RecurringItem, ...], ...]:
    """Groups of the same recommendation made by different briefs. `items` are (brief id,
    brief title, text) in summary order; each group keeps that order, and the groups are
    in the order of their first item."""
    # Recommendations with the same content words are one from the start: a text repeated
    # in 200 briefs is compared once.
    kinds: dict[frozenset[str], int] = {}
    kind_of = [kinds.setdefault(content_words(text), len(kinds)) for _, _, text in items]
    words = list(kinds)
    briefs_of: list[set[str]] = [set() for _ in words]
    for (brief, _, _), kind in zip(items, kind_of, strict=True):
        briefs_of[kind].add(brief)
    groups = _Groups(len(words))
    for i, j in _candidates(words):
        if len(briefs_of[i] | briefs_of[j]) < 2 or groups.root(i) == groups.root(j):
            continue
        if _same(words[i], words[j]):
            groups.join(i, j)
    members: dict[int, list[int]] = defaultdict(list)
    for index, kind in enumerate(kind_of):
        if len(words[kind]) >= _MIN_SHARED_WORDS:
            members[groups.root(kind)].append(index)
    return tuple(tuple(RecurringItem(*items[i]) for i in indexes)
                 for _, indexes in sorted(members.items())
                 if len({items[i][0] for i in indexes}) >= 2)


def _candidates(words: Sequence[frozenset[str]]) -> Iterator[tuple[int, int]]:
    """The pairs (i, j), i < j, worth comparing: those sharing two words, counted over the
    words that are not in a great many recommendations ("fund", "government"), which
    would make every pair a candidate (and sharing only those makes no recurrence)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for kind, found in enumerate(words):
        for word in found:
            postings[word].append(kind)
    common = max(_COMMON_WORD_FLOOR, len(words) // _COMMON_WORD_SHARE)
    for i, found in enumerate(words):
        # The later kinds sharing words with this one, counted in a dict of numbers: pairs
        # as tuples would be tens of thousands of objects for the garbage collector.
        shared: dict[int, int] = {}
        for word in found:
            later = postings[word]
            if len(later) <= common:
                for j in later[bisect_right(later, i):]:
                    shared[j] = shared.get(j, 0) + 1
        for j in sorted(shared):
            if shared[j] >= _MIN_SHARED_WORDS:
                yield i, j


class _Groups:
    """Union-find over 0..size-1; a group's root is its smallest member."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def root(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        self._parent[max(a, b)] = min(a, b)
