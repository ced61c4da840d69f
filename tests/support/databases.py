"""Database files for tests: one at an exact schema revision, and consistent copies."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlmodel import SQLModel

from reviewdesk.storage.engine import alembic_config, make_engine
from reviewdesk.storage.search import SEARCH_TABLE


def database_at(path: Path, revision: str) -> None:
    """An empty database at exactly `revision`, made as the store makes one."""
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of a database file (WAL included), replacing any file at target."""
    target.unlink(missing_ok=True)
    origin, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        copy.close()
        origin.close()
    return target


def model_differences(connection: Connection) -> list[Any]:
    """Alembic's comparison of a live database with the model, the full-text index left out
    (a virtual table with the tables it keeps its data in, which the model cannot declare;
    the schema check covers it)."""

    def include(name: str | None, kind: str, _parents: Mapping[str, str | None]) -> bool:
        return not (kind == "table" and name is not None and name.startswith(SEARCH_TABLE))

    context = MigrationContext.configure(connection, opts={"include_name": include})
    return list(compare_metadata(context, SQLModel.metadata))
