"""Checking a database file without writing to it: SQLite's check of its pages, and its schema
against the revision it records."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from reviewdesk.storage.engine import is_corruption, known_errors
from reviewdesk.storage.schema_check import known_revisions, schema_mismatch
from reviewdesk.storage.schema_shape import recorded_revision
from reviewdesk.storage.sqlite_files import BUSY_TIMEOUT_MS, read_only

# quick_check and integrity_check stop after this many findings.
MAX_FINDINGS = 20


class Condition(Enum):
    SOUND = "sound"
    EMPTY = "empty"  # a new file: no tables yet
    DAMAGED = "damaged"  # SQLite's check of the pages failed
    NOT_A_DATABASE = "not_a_database"  # SQLite does not recognise the file
    SCHEMA_MISMATCH = "schema_mismatch"  # the tables are not those of the recorded revision
    NEWER = "newer"  # a revision this ReviewDesk does not know
    FOREIGN = "foreign"  # an SQLite file of another program


@dataclass(frozen=True)
class Finding:
    """What a check found: the condition, SQLite's or the schema check's details (the first
    MAX_FINDINGS), and the revision the file records."""

    condition: Condition
    details: tuple[str, ...] = ()
    revision: str | None = None

    @property
    def usable(self) -> bool:
        return self.condition in (Condition.SOUND, Condition.EMPTY)


def page_problems(connection: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """SQLite's findings on the file's pages, empty when it finds none. quick_check reads
    every page and record; integrity_check (`full`) also checks each index against its
    table, and takes longer."""
    pragma = "integrity_check" if full else "quick_check"
    rows = connection.execute(f"PRAGMA {pragma}({MAX_FINDINGS})").fetchall()
    lines = [line for (text,) in rows for line in str(text).splitlines()
             if line and not line.startswith("*** in database")]
    return [] if lines == ["ok"] else lines


def examine(connection: sqlite3.Connection, *, full: bool = False) -> Finding:
    """Check an open (read-only) database: its pages first, then its schema revision."""
    try:
        damage = page_problems(connection, full=full)
        if damage:
            return Finding(Condition.DAMAGED, tuple(damage), _revision_if_readable(connection))
        revision = recorded_revision(connection)
        if not revision.has_version_table:
            return Finding(Condition.FOREIGN if revision.has_tables else Condition.EMPTY)
        if revision.recorded is None:
            return Finding(Condition.SCHEMA_MISMATCH,
                           ("records no single schema revision in alembic_version",))
        if revision.recorded not in known_revisions():
            return Finding(Condition.NEWER, revision=revision.recorded)
        mismatch = schema_mismatch(connection, revision.recorded)
        if mismatch:
            return Finding(Condition.SCHEMA_MISMATCH, tuple(mismatch), revision.recorded)
        return Finding(Condition.SOUND, revision=revision.recorded)
    except sqlite3.DatabaseError as error:
        if not is_corruption(error):
            raise
        code = getattr(error, "sqlite_errorcode", 0)
        condition = Condition.NOT_A_DATABASE if code == 26 else Condition.DAMAGED
        return Finding(condition, (str(error),))


def _revision_if_readable(connection: sqlite3.Connection) -> str | None:
    try:
        return recorded_revision(connection).recorded
    except sqlite3.DatabaseError:
        return None


def examine_file(path: Path, *, full: bool = False, immutable: bool = False) -> Finding:
    """examine() on a file, opened read-only; StoreError if it cannot be read at all."""
    with known_errors(path):
        try:
            with read_only(path, immutable=immutable) as connection:
                return examine(connection, full=full)
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", None) != _READONLY_ROLLBACK:
                raise
        interrupted = _roll_back_interrupted_write(path)
        if interrupted is not None:
            return interrupted
        with read_only(path) as connection:
            return examine(connection, full=full)


# A read-only connection cannot undo a write that was interrupted in rollback-journal mode
# (a "hot journal" beside the file): SQLITE_READONLY_ROLLBACK.
_READONLY_ROLLBACK = 776


def _roll_back_interrupted_write(path: Path) -> Finding | None:
    """Let SQLite undo the interrupted write from its journal, as any program that opens the
    file does first: the file is put back as it was at its last commit. A finding if even
    that shows the file damaged."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        if not is_corruption(error):
            raise
        return Finding(Condition.DAMAGED, (str(error),))
    finally:
        connection.close()
    return None


def orphan_rows(path: Path) -> list[str]:
    """The table of each row whose foreign key points at a row that is not there
    (PRAGMA foreign_key_check), read-only."""
    with known_errors(path), read_only(path) as connection:
        return [str(row[0]) for row in connection.execute("PRAGMA foreign_key_check")]
