"""The full-text index over briefs, comments and replies: the query, ranked by bm25, with
each hit's snippet and where in the brief it is. Triggers of migration 0008 take changed and
deleted rows out of the index and queue new and changed ones (search_queue); the index takes
in the queue here, in one statement, before it is read.

On PostgreSQL the index is a table with a tsvector column and a GIN index, kept current by
triggers at once (its queue stays empty); the query asks it with a tsquery of the same
words, ranked by ts_rank, with the snippet and the first match from ts_headline: the same
rows, in the same shape."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, text
from sqlmodel import Session

# The index as the migration made it: the schema check expects it at the head.
SEARCH_TABLE = "search_index"
SEARCH_COLUMNS = ("body", "kind", "brief_id", "item_id")

# Marks snippet() and highlight() put around each matched word; control characters, which
# no stored text holds, so the service can find them again and mark them its own way.
MATCH_START = "\x02"
MATCH_END = "\x03"
ELLIPSIS = "…"
SNIPPET_WORDS = 12

_WORD = re.compile(r"\w", re.UNICODE)
# The parts of a word the server's index holds apart (0008 reads '/.@:-_+' as spaces).
_SERVER_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchRow:
    """One indexed row the query matched: which brief, what kind of row (title, text,
    comment, reply), its snippet with the matches between MATCH_START and MATCH_END, the
    offset in the brief's text where the row starts (0 for a title; an annotation's start for
    its comment and replies), where in the row the first match is (None when it cannot be
    told), and its bm25 rank (lower is better)."""

    brief_id: str
    title: str
    version: int
    kind: str
    item_id: str
    snippet: str
    start: int
    match_at: int | None
    rank: float


def match_expression(query: str) -> str | None:
    """The FTS5 expression for what a user typed: each word a quoted string (so no
    character can be read as FTS5 syntax), all required, the last one a prefix; None when
    the query has no word at all."""
    words = [word for word in query.split() if _WORD.search(word)]
    if not words:
        return None
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def server_expression(query: str) -> str | None:
    """The tsquery for what a user typed, as match_expression reads it: each word required
    (a word of several parts, such as a URL, as a phrase of them), the last one a prefix;
    every part quoted, so nothing is read as tsquery syntax. None when there is no word."""
    words = [_SERVER_TOKEN.findall(word) for word in query.split() if _WORD.search(word)]
    words = [parts for parts in words if parts]
    if not words:
        return None
    phrases = [[f"'{part}'" for part in parts] for parts in words]
    phrases[-1][-1] += ":*"
    return " & ".join("(" + " <-> ".join(parts) + ")" for parts in phrases)


# What both engines' queries read for their best rows alone: the brief's title and version
# and where in the text the hit starts, by correlated lookups (see _QUERY).
_BRIEF_AND_START = """(SELECT title FROM brief WHERE id = top.brief_id) AS title,
           (SELECT version FROM brief WHERE id = top.brief_id) AS version,
           CASE top.kind
               WHEN 'text' THEN (SELECT start FROM block WHERE id = top.item_id)
               WHEN 'comment' THEN (SELECT start FROM annotation WHERE id = top.item_id)
               WHEN 'reply' THEN (SELECT annotation.start FROM reply
                                  JOIN annotation ON annotation.id = reply.annotation_id
                                  WHERE reply.id = top.item_id)
               ELSE 0 END AS start"""

# The query on PostgreSQL: the best rows by ts_rank (negated: lower is better, as bm25),
# then, for those alone, the snippet and where the first match is.
_SERVER_QUERY = f"""
    SELECT top.brief_id, top.kind, top.item_id, top.score,
           ts_headline('simple', top.body, top.q, :snippet_options) AS snippet,
           CASE top.kind WHEN 'text' THEN
               strpos(ts_headline('simple', top.body, top.q, :all_options), :open) - 1
           END AS match_at,
           {_BRIEF_AND_START}
    FROM (SELECT i.brief_id, i.kind, i.item_id, i.body, q.q,
                 -ts_rank(i.words, q.q) AS score
          FROM {SEARCH_TABLE} AS i, (SELECT to_tsquery('simple', :match) AS q) AS q
          WHERE i.words @@ q.q
          ORDER BY score, i.kind, i.item_id LIMIT :limit) AS top
    ORDER BY top.score, top.kind, top.item_id
"""
_SNIPPET_OPTIONS = (f'StartSel="{MATCH_START}", StopSel="{MATCH_END}", '
                    f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, ShortWord=0, "
                    f'MaxFragments=1, FragmentDelimiter="{ELLIPSIS}"')
_ALL_OPTIONS = f'HighlightAll=true, StartSel="{MATCH_START}", StopSel="{MATCH_END}"'


# The queued rows as they are now (a row deleted since it was queued is gone from its table);
# a comment made empty is not indexed.
_CATCH_UP = f"""
    INSERT INTO {SEARCH_TABLE} (rowid, body, kind, brief_id, item_id)
    SELECT q.entry, b.title, 'title', b.id, b.id
    FROM search_queue AS q JOIN brief AS b ON b.rowid = q.entry >> 2 WHERE q.entry & 3 = 0
    UNION ALL
    SELECT q.entry, k.text, 'text', k.brief_id, k.id
    FROM search_queue AS q JOIN block AS k ON k.rowid = q.entry >> 2 WHERE q.entry & 3 = 1
    UNION ALL
    SELECT q.entry, a.comment, 'comment', a.brief_id, a.id
    FROM search_queue AS q JOIN annotation AS a ON a.rowid = q.entry >> 2
    WHERE q.entry & 3 = 2 AND a.comment <> ''
    UNION ALL
    SELECT q.entry, r.text, 'reply', a.brief_id, r.id
    FROM search_queue AS q JOIN reply AS r ON r.rowid = q.entry >> 2
    JOIN annotation AS a ON a.id = r.annotation_id WHERE q.entry & 3 = 3
"""

# The ranking is a subquery of the index alone: SQLite sorts every match before the LIMIT,
# so what is read for the best rows only (where each starts, the brief's title) is read
# outside it, by correlated lookups; a join with `brief` there let the planner run the
# full-text query once per brief, ten times slower.
_QUERY = f"""
    SELECT top.*,
           {_BRIEF_AND_START}
    FROM (SELECT brief_id, kind, item_id, bm25({SEARCH_TABLE}) AS score,
                 snippet({SEARCH_TABLE}, 0, :open, :close, :ellipsis, :words) AS snippet,
                 CASE kind WHEN 'text' THEN
                     instr(highlight({SEARCH_TABLE}, 0, :open, ''), :open) - 1 END AS match_at
          FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :match
          ORDER BY score LIMIT :limit) AS top
    ORDER BY top.score
"""


class SearchRepository:
    """Queries of the full-text index (see the module docstring)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def query(self, query: str, limit: int) -> list[SearchRow]:
        """The best `limit` rows matching the words of `query`, best first; none when it
        has no word."""
        if self._session.get_bind().dialect.name == "postgresql":
            return self._server_query(query, limit)
        expression = match_expression(query)
        if expression is None:
            return []
        self.catch_up()
        rows = self._session.execute(text(_QUERY), {
            "open": MATCH_START, "close": MATCH_END, "ellipsis": ELLIPSIS,
            "words": SNIPPET_WORDS, "match": expression, "limit": limit})
        return _search_rows(rows)

    def _server_query(self, query: str, limit: int) -> list[SearchRow]:
        expression = server_expression(query)
        if expression is None:
            return []
        rows = self._session.execute(text(_SERVER_QUERY), {
            "snippet_options": _SNIPPET_OPTIONS, "all_options": _ALL_OPTIONS,
            "open": MATCH_START, "match": expression, "limit": limit})
        return _search_rows(rows)

    def with_versions(self, brief_ids: set[str]) -> set[str]:
        """Those of `brief_ids` that are a version of a brief, or have a later version."""
        if not brief_ids:
            return set()
        pairs = self._session.execute(
            text("SELECT id, version_of FROM brief WHERE version_of IS NOT NULL"))
        return {brief_id for pair in pairs for brief_id in pair} & brief_ids

    def catch_up(self) -> None:
        """Index the rows queued since the last search, and empty the queue."""
        if self._session.execute(text("SELECT 1 FROM search_queue LIMIT 1")).first() is None:
            return
        self._session.execute(text(_CATCH_UP))
        self._session.execute(text("DELETE FROM search_queue"))

    def count(self) -> int:
        """How many rows the index holds, once it has taken in the queue."""
        self.catch_up()
        return int(self._session.execute(
            text(f"SELECT count(*) FROM {SEARCH_TABLE}")).scalar_one())


def _search_rows(rows: Iterable[Row[Any]]) -> list[SearchRow]:
    return [SearchRow(brief_id=r.brief_id, title=r.title, version=r.version,
                      kind=r.kind, item_id=r.item_id, snippet=r.snippet,
                      start=int(r.start or 0),
                      match_at=None if r.match_at is None or r.match_at < 0
                      else int(r.match_at), rank=float(r.score))
            for r in rows]
