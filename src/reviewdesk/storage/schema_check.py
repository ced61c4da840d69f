"""Whether a database's tables are those of the schema revision it records, read without
writing: a file whose `alembic_version` is behind (or ahead of) its tables would fail half-way
through a migration, or later on a missing column.

What a revision should have is derived, never listed by hand: the head's tables, columns and
indexes come from the model (`storage/tables.py`, which a test keeps equal to the migrations),
and an earlier revision's from running the migrations up to it in an in-memory database, which
is only needed when a file is about to be migrated anyway. A new migration is covered as soon
as it and the model are in place."""

from __future__ import annotations

import sqlite3
from functools import cache

from sqlalchemy import create_engine
from sqlmodel import SQLModel

import reviewdesk.storage.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from reviewdesk.storage.engine import alembic_config
from reviewdesk.storage.revisions import HEAD, KNOWN
from reviewdesk.storage.schema_shape import (
    Shape,
    shape_of,
)
from reviewdesk.storage.search import SEARCH_COLUMNS, SEARCH_TABLE


def head_revision() -> str:
    return HEAD


def known_revisions() -> frozenset[str]:
    return frozenset(KNOWN)


def expected_shape(revision: str) -> Shape:
    """The schema a database at `revision` has when the migrations made it."""
    if revision == head_revision():
        return model_shape()
    return migrated_shape(revision)


@cache
def model_shape() -> Shape:
    tables = {table.name: frozenset(column.name for column in table.columns)
              for table in SQLModel.metadata.sorted_tables}
    # The full-text index is a virtual table, which the model cannot declare.
    tables[SEARCH_TABLE] = frozenset(SEARCH_COLUMNS)
    indexes = frozenset(str(index.name) for table in SQLModel.metadata.sorted_tables
                        for index in table.indexes)
    return Shape(tables, indexes, None)


@cache
def migrated_shape(revision: str) -> Shape:
    from alembic import command  # only to migrate: a file at the head never needs it

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            raw = connection.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            return shape_of(raw)
    finally:
        engine.dispose()


def differences(expected: Shape, actual: Shape) -> list[str]:
    """What the actual schema has that the expected lacks and the other way round, as short
    phrases ("the table tombstone", "the column brief.version"), extra ones first."""
    extra: list[str] = []
    missing: list[str] = []
    for table in sorted(actual.tables.keys() - expected.tables.keys()):
        extra.append(f"the table {table}")
    for table in sorted(expected.tables.keys() - actual.tables.keys()):
        missing.append(f"the table {table}")
    for table in sorted(expected.tables.keys() & actual.tables.keys()):
        extra += [f"the column {table}.{c}"
                  for c in sorted(actual.tables[table] - expected.tables[table])]
        missing += [f"the column {table}.{c}"
                    for c in sorted(expected.tables[table] - actual.tables[table])]
    extra += [f"the index {name}" for name in sorted(actual.indexes - expected.indexes)]
    missing += [f"the index {name}" for name in sorted(expected.indexes - actual.indexes)]
    if expected.triggers is not None and actual.triggers is not None:
        extra += [f"the trigger {name}" for name in sorted(actual.triggers - expected.triggers)]
        missing += [f"the trigger {name}"
                    for name in sorted(expected.triggers - actual.triggers)]
    return [f"has {item}" for item in extra] + [f"lacks {item}" for item in missing]


def schema_mismatch(connection: sqlite3.Connection, revision: str) -> list[str]:
    """How the tables of a database that records `revision` differ from that revision's
    (empty when they match); `revision` must be one of known_revisions()."""
    return differences(expected_shape(revision), shape_of(connection))
