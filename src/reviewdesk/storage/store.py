"""The store: one SQLite file, opened and migrated once, used through short transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_path
from sqlmodel import Session

from reviewdesk.storage.engine import known_errors, make_engine, migrate, prepare_folder
from reviewdesk.storage.repositories import Transaction

DB_ENV = "REVIEWDESK_DB"
DB_FILENAME = "reviewdesk.sqlite3"


def default_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then $REVIEWDESK_DB, then the per-user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return user_data_path("ReviewDesk", appauthor=False) / DB_FILENAME


class Store:
    """Every read and write goes through `transaction()`, which commits when the block
    ends: an edit is on disk before the caller is told it succeeded."""

    def __init__(self, path: Path) -> None:
        self.path = path
        prepare_folder(path)
        self._engine = make_engine(path)
        with known_errors(path):
            migrate(self._engine, path)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with known_errors(self.path), Session(self._engine, expire_on_commit=False) as session:
            yield Transaction(session)
            session.commit()

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
