"""Searching every brief: titles, text, comments and replies, found through the store's
full-text index and grouped by brief, best brief first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from reviewdesk.errors import InputError
from reviewdesk.storage.search import MATCH_END, MATCH_START, SearchRow, match_expression
from reviewdesk.storage.store import Store

DEFAULT_LIMIT = 200
EMPTY_QUERY = "give at least one word to search for"

_SPACE = re.compile(r"\s+")


class HitKind(Enum):
    """What a hit was found in."""

    TITLE = "title"
    TEXT = "text"
    COMMENT = "comment"
    REPLY = "reply"


@dataclass(frozen=True, slots=True)
class Snippet:
    """A few words around the matches, on one line; `marks` are the (start, end) of each
    matched word in `text`."""

    text: str
    marks: tuple[tuple[int, int], ...]

    def marked(self, open_mark: str, close_mark: str) -> str:
        """The text with each match between `open_mark` and `close_mark`."""
        parts: list[str] = []
        at = 0
        for start, end in self.marks:
            parts += [self.text[at:start], open_mark, self.text[start:end], close_mark]
            at = end
        parts.append(self.text[at:])
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place a query matched: its kind, its snippet, and the character offset in the
    brief's text to open it at (the match itself in the text; the annotation's start for a
    comment or reply; 0 for the title). `item_id` is the block, annotation or reply."""

    kind: HitKind
    snippet: Snippet
    offset: int
    item_id: str


@dataclass(frozen=True, slots=True)
class BriefMatches:
    """A brief with its hits, best first. `version` is its version number when the brief
    has more than one version, else None."""

    brief_id: str
    title: str
    version: int | None
    hits: tuple[SearchHit, ...]


def is_searchable(query: str) -> bool:
    """Whether `query` has a word to search for."""
    return match_expression(query) is not None


def search(store: Store, query: str, limit: int = DEFAULT_LIMIT) -> list[BriefMatches]:
    """The briefs whose title, text, comments or replies hold every word of `query` (the
    last word may be the start of one), with at most `limit` hits in all; the brief with the
    best hit first. InputError when the query has no word."""
    if not is_searchable(query):
        raise InputError(EMPTY_QUERY)
    with store.transaction() as tx:
        rows = tx.search.query(query, limit)
        versioned = tx.search.with_versions({row.brief_id for row in rows})
    grouped: dict[str, list[SearchRow]] = {}
    for row in rows:
        grouped.setdefault(row.brief_id, []).append(row)
    return [BriefMatches(brief_id=brief_id, title=found[0].title,
                         version=found[0].version if brief_id in versioned else None,
                         hits=tuple(_hit(row) for row in found))
            for brief_id, found in grouped.items()]


def hit_count(results: list[BriefMatches]) -> int:
    """How many hits the results hold, over every brief."""
    return sum(len(result.hits) for result in results)


def _hit(row: SearchRow) -> SearchHit:
    kind = HitKind(row.kind)
    offset = row.start + (row.match_at or 0) if kind is HitKind.TEXT else row.start
    return SearchHit(kind=kind, snippet=snippet_of(row.snippet), offset=offset,
                     item_id=row.item_id)


def snippet_of(raw: str) -> Snippet:
    """A snippet from the index's marked text: white space made single spaces, the marks
    taken out and remembered."""
    text = _SPACE.sub(" ", raw).strip()
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    opened: int | None = None
    for part in re.split(f"([{MATCH_START}{MATCH_END}])", text):
        if part == MATCH_START:
            opened = length
        elif part == MATCH_END:
            if opened is not None and length > opened:
                marks.append((opened, length))
            opened = None
        else:
            plain.append(part)
            length += len(part)
    return Snippet("".join(plain), tuple(marks))
