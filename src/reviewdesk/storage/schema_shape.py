"""A database's schema as plain SQL reads it (sqlite3 alone): its tables with their columns,
its named indexes and triggers, and the revision it records. `storage.schema_check` compares
these with what a revision should have; a command that only reads compares them with the
head's digest (`revisions.HEAD_SHAPE`) without loading the model."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

VERSION_TABLE = "alembic_version"


@dataclass(frozen=True)
class Shape:
    """The parts of a schema a migration depends on: tables with their columns, and the
    named indexes and triggers (None where the source cannot say, as the model for triggers)."""

    tables: dict[str, frozenset[str]]
    indexes: frozenset[str]
    triggers: frozenset[str] | None


@dataclass(frozen=True)
class Revision:
    """What a file says about its schema: `recorded` the revision in alembic_version (None if
    it has none), and whether it has any table at all."""

    recorded: str | None
    has_tables: bool
    has_version_table: bool


def shape_of(connection: sqlite3.Connection) -> Shape:
    """The schema of an open database (SQLite's own tables, alembic_version and the tables
    a full-text index keeps its data in left out: the index itself stands for them)."""
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    # A virtual table's shadow tables are named after it (FTS5: _data, _idx, _content,
    # _docsize, _config); PRAGMA table_list would say so too, but only from SQLite 3.37.
    virtual = [name for kind, name, sql in rows
               if kind == "table" and str(sql or "").upper().startswith("CREATE VIRTUAL")]
    shadows = {name for _, name, _ in rows
               if any(name.startswith(f"{table}_") for table in virtual)}
    tables = {name: _columns(connection, name) for kind, name, _ in rows
              if kind == "table" and name != VERSION_TABLE and name not in shadows}
    indexes = frozenset(name for kind, name, sql in rows if kind == "index" and sql)
    triggers = frozenset(name for kind, name, _ in rows if kind == "trigger")
    return Shape(tables, indexes, triggers)


def _columns(connection: sqlite3.Connection, table: str) -> frozenset[str]:
    quoted = table.replace('"', '""')
    return frozenset(row[1] for row in connection.execute(f'PRAGMA table_info("{quoted}")'))


def recorded_revision(connection: sqlite3.Connection) -> Revision:
    names = {name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\'")}
    if VERSION_TABLE not in names:
        return Revision(None, bool(names), False)
    rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    recorded = rows[0][0] if len(rows) == 1 else None
    return Revision(recorded, len(names) > 1, True)


def digest(shape: Shape) -> str:
    """A short fingerprint of a shape's tables, columns and indexes (not its triggers,
    which the model cannot declare), the same whatever the order SQLite lists them in."""
    lines = [f"table {name}: {', '.join(sorted(columns))}"
             for name, columns in sorted(shape.tables.items())]
    lines += [f"index {name}" for name in sorted(shape.indexes)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
