"""Database files for tests: one at an exact schema revision, and consistent copies."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from reviewdesk.storage.engine import alembic_config, make_engine


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
