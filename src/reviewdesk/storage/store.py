"""The store: one SQLite file, or a database on a PostgreSQL server (a team's shared store),
opened and migrated once, used through short transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from reviewdesk.errors import ConstraintError, StoreCorruptError, StoreError
from reviewdesk.storage.engine import (
    backup_copy,
    describe_error,
    known_errors,
    make_engine,
    migrate,
    prepare_folder,
)
from reviewdesk.storage.location import (
    DB_ENV,
    DB_FILENAME,
    default_db_path,
    is_server_url,
    shown_location,
    store_location,
)
from reviewdesk.storage.recovery import check_before_opening, damaged_sentence
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.sqlite_files import read_only


class Store:
    """Every read and write goes through `transaction()`, which commits when the block
    ends: an edit is on disk before the caller is told it succeeded.

    `location` is an SQLite file's path, or a PostgreSQL server's URL (a string starting
    with `postgresql`). A damaged file is never written to: it is checked (PRAGMA
    quick_check, and its schema against its revision) before anything writes to it, and
    once SQLite reports damage during the session, no further transaction starts. A server
    keeps its own data sound; its failures the user can act on (it cannot be reached, the
    login is refused, the database does not exist) become one sentence each."""

    def __init__(self, location: Path | str) -> None:
        self.url: str | None = None
        self.path: Path | None = None
        self._damaged: str | None = None
        self.location = shown_location(location)
        if isinstance(location, str) and is_server_url(location):
            self.url = location
        else:
            self.path = Path(location)
            prepare_folder(self.path)
            check_before_opening(self.path)
        self._engine = make_engine(location)
        try:
            with self._known_errors():
                migrate(self._engine, location)
        except BaseException:
            self.close()
            raise

    def copy_beside(self, label: str, before: str) -> Path | None:
        """A consistent copy of an SQLite file beside it, named by `label` and the time,
        made `before` a change the user may want to take back whole; None on a server,
        whose backups are made there (pg_dump). A copy that cannot be made is a StoreError
        and leaves no partial file."""
        if self.path is None:
            return None
        try:
            return backup_copy(self.path, label)
        except (OSError, sqlite3.Error) as error:
            for partial in self.path.parent.glob(f"{self.path.name}.{label}-*.bak"):
                partial.unlink(missing_ok=True)
            reason = describe_error(error, self.path) or str(error)
            raise StoreError(f"cannot copy the database beside itself before {before} "
                             f"({reason}); nothing was changed") from error

    @property
    def on_server(self) -> bool:
        """Whether the store is on a PostgreSQL server rather than in an SQLite file."""
        return self.url is not None

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        if self._damaged is not None:
            raise StoreCorruptError(self._damaged)
        with self._known_errors(), _constraints(), \
                Session(self._engine, expire_on_commit=False) as session:
            yield Transaction(session)
            session.commit()

    @contextmanager
    def _known_errors(self) -> Iterator[None]:
        if self.url is not None:
            from reviewdesk.storage.server import server_known_errors

            with server_known_errors(self.url):
                yield
            return
        assert self.path is not None
        try:
            with known_errors(self.path):
                yield
        except StoreCorruptError as error:
            self._damaged = damaged_sentence(self.path)
            raise StoreCorruptError(self._damaged) from error.__cause__

    def close(self) -> None:
        if self._damaged is None or self.path is None:
            self._engine.dispose()
            return
        with _no_checkpoint(self.path):
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@contextmanager
def _constraints() -> Iterator[None]:
    """A broken table rule as the store's own error, not the database library's."""
    try:
        yield
    except IntegrityError as error:
        raise ConstraintError(str(getattr(error, "orig", error)).split("\n")[0]) from error


@contextmanager
def _no_checkpoint(path: Path) -> Iterator[None]:
    """Closing the last read-write connection copies the WAL into the file (a checkpoint).
    While another connection holds the file, that cannot happen; a read-only one holds it
    here, and does not checkpoint when it closes: a damaged file stays as it was, its WAL
    beside it."""
    with ExitStack() as holding:
        try:
            reader = holding.enter_context(read_only(path))
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            holding.close()  # it cannot even be read: there is nothing to hold
        yield


__all__ = ["DB_ENV", "DB_FILENAME", "Store", "default_db_path", "store_location"]
