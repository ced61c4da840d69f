"""Entries that repeat an earlier one: the same text (give or take punctuation, case, a
number mark or a few words), or "Same as above" / "Ibid." standing in for it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reviewdesk.domain.citations import significant_words
from reviewdesk.domain.dates import fold
from reviewdesk.domain.reference_parse import ParsedReference, take_url
from reviewdesk.domain.reference_shapes import LEADING_MARK

_SAME = re.compile(r"^\s*(?:same as above|ibid|idem|ibídem|там же|همان|نفس المرجع|"
                   r"المرجع نفسه|op\.\s?cit)\b\.?", re.IGNORECASE)
# Two entries by the same first word and year are one when they share this much of their
# words (Jaccard); a few earlier entries with that key are compared, not all of them.
_NEAR = 0.8
_COMPARED = 20


def find_duplicates(parsed: Sequence[ParsedReference]) -> dict[int, int]:
    """Entry index -> the earlier entry it repeats (both 1-based)."""
    found: dict[int, int] = {}
    exact: dict[str, int] = {}
    near: dict[tuple[str, str], list[tuple[int, frozenset[str]]]] = {}
    by_author: dict[str, int] = {}
    last_original = 0
    for index, reference in enumerate(parsed, start=1):
        author = " ".join(significant_words(reference.author))
        if _SAME.match(reference.title or "") or _SAME.match(_body(reference.raw)):
            if last_original:
                found[index] = by_author.get(author, last_original)
            continue
        words = _words(reference)
        text = " ".join(words)
        earlier = exact.get(text) if text else None
        key = (words[0] if words else "", str(reference.date))
        if earlier is None and len(words) >= 3:
            earlier = _near(frozenset(words), near.get(key, []))
        if earlier is not None:
            found[index] = earlier
            continue
        last_original = index
        by_author[author] = index
        exact.setdefault(text, index)
        near.setdefault(key, []).append((index, frozenset(words)))
    return found


def _body(raw: str) -> str:
    return fold(LEADING_MARK.sub("", raw, count=1))


def _words(reference: ParsedReference) -> list[str]:
    """The entry's words without its links, and the link as one word: the same entry with
    and without its URL is still the same entry."""
    body = reference.body or take_url(LEADING_MARK.sub("", reference.raw, count=1))[0]
    url = reference.url
    return [*significant_words(body), *([url.lower()] if url else [])]


def _near(words: frozenset[str], candidates: list[tuple[int, frozenset[str]]]) -> int | None:
    for index, other in candidates[-_COMPARED:]:
        if len(words & other) >= _NEAR * len(words | other):
            return index
    return None
