"""The list of briefs, read with sqlite3 alone from a file that is current and sound.

Listing is what scripts, completions and a glance at the store ask for most, and loading
SQLAlchemy and the model costs fifteen times the interpreter's own start-up. A file at the
newest revision, whose pages pass SQLite's quick check and whose tables are the head's
(checked by digest), is read here with one query; any other file (new, older, newer, another
program's, damaged, busy) is left to the full store, which migrates it or refuses it in one
sentence. `BriefRepository.summaries` lists the same rows through the model; a test keeps the
two equal."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reviewdesk.domain.brief import SourceFormat
from reviewdesk.domain.ids import as_utc
from reviewdesk.storage.revisions import HEAD, HEAD_SHAPE
from reviewdesk.storage.schema_shape import digest, recorded_revision, shape_of
from reviewdesk.storage.sqlite_files import read_only


@dataclass(frozen=True, slots=True)
class BriefSummary:
    """A brief as the library lists it: no text, its annotation count."""

    id: str
    title: str
    source_format: SourceFormat
    imported_at: datetime
    annotation_count: int
    version: int = 1
    version_of: str | None = None  # the first version's id, for a later version


_SUMMARIES = """
SELECT brief.id, brief.title, brief.source_format, brief.imported_at,
       coalesce(counts.n, 0), brief.version, brief.version_of
FROM brief LEFT OUTER JOIN (SELECT brief_id, count(*) AS n FROM annotation GROUP BY brief_id)
     AS counts ON counts.brief_id = brief.id
ORDER BY brief.imported_at, brief.title
"""


def quick_summaries(path: Path) -> list[BriefSummary] | None:
    """Every brief of the store at `path`, oldest import first, when the file can be read
    without the full store; None when it cannot (the caller opens the store then)."""
    if not path.is_file():
        return None
    try:
        with read_only(path) as connection:
            if not _current_and_sound(connection):
                return None
            rows = connection.execute(_SUMMARIES).fetchall()
            return [BriefSummary(id=id_, title=title, source_format=SourceFormat(fmt),
                                 imported_at=as_utc(datetime.fromisoformat(at)),
                                 annotation_count=n, version=version, version_of=root)
                    for id_, title, fmt, at, n, version, root in rows]
    except (sqlite3.Error, ValueError):
        return None  # the full store says what is wrong in one sentence


def _current_and_sound(connection: sqlite3.Connection) -> bool:
    """The checks the store makes before opening a file, for a file at the head."""
    if connection.execute("PRAGMA quick_check(1)").fetchall() != [("ok",)]:
        return False
    if recorded_revision(connection).recorded != HEAD:
        return False
    return digest(shape_of(connection)) == HEAD_SHAPE


__all__ = ["BriefSummary", "quick_summaries"]
