"""Opening the store: an SQLite file (pragmas for durability, known-error translation) or a
PostgreSQL server (storage/server.py), and migrating either."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool
from sqlmodel import create_engine

from reviewdesk.errors import StoreBusyError, StoreCorruptError, StoreError
from reviewdesk.storage.location import is_server_url, shown_server
from reviewdesk.storage.revisions import HEAD, KNOWN
from reviewdesk.storage.sqlite_files import BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)



def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # First: every statement after it waits up to the timeout for another program's write
    # instead of failing with "database is locked".
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # WAL lets the app read while a write is in progress; synchronous=FULL makes each
    # commit durable before it returns, so an acknowledged edit survives a crash.
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL (a no-op once it is). Two programs opening a new file at once
    both try to switch it, and SQLite fails the loser at once, without the busy timeout;
    so wait here as the timeout would."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() >= deadline:
                raise
        time.sleep(0.01)


def _begin_immediately(dbapi_connection: sqlite3.Connection) -> None:
    # Take the write lock at the start of a transaction rather than at its first
    # write, so two writers wait on the busy timeout instead of failing mid-way.
    dbapi_connection.execute("BEGIN IMMEDIATE")


def make_engine(location: Path | str) -> Engine:
    """The engine of an SQLite file, or of a PostgreSQL server when `location` is its URL."""
    if isinstance(location, str) and is_server_url(location):
        from reviewdesk.storage.server import make_server_engine

        return make_server_engine(location)
    path = Path(location)
    # Connections are kept open and reused (the pool): opening one per transaction cost a
    # connect, four pragmas and, on closing the last one, a WAL checkpoint, several
    # milliseconds on every edit. Store.close() closes them.
    engine = create_engine(f"sqlite:///{path}", poolclass=QueuePool, pool_size=2,
                           max_overflow=6,
                           connect_args={"check_same_thread": False, "isolation_level": None})
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", lambda conn: _begin_immediately(conn.connection.dbapi_connection))
    return engine


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "reviewdesk.storage:migrations")
    return config


# SQLite's result codes for "another connection holds the lock" (SQLITE_BUSY, SQLITE_LOCKED),
# and for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB).
_BUSY_CODES = (5, 6)
_CORRUPT_CODES = (11, 26)


def is_busy(error: BaseException) -> bool:
    """Whether an SQLite failure (raw or wrapped by SQLAlchemy) means another connection
    held the database for longer than the busy timeout."""
    cause = getattr(error, "orig", error)
    code = getattr(cause, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _BUSY_CODES:
        return True
    message = str(cause).lower()
    return "locked" in message or "busy" in message


def is_corruption(error: BaseException) -> bool:
    """Whether an SQLite failure (raw or wrapped) means the file is damaged or not a database."""
    cause = getattr(error, "orig", error)
    code = getattr(cause, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _CORRUPT_CODES
    message = str(cause).lower()
    return "malformed" in message or "not a database" in message


def describe_error(error: BaseException, path: Path) -> str | None:
    """The user-facing sentence for a known SQLite failure, or None if it is a bug."""
    message = str(getattr(error, "orig", error)).lower()
    if is_busy(error):
        return (f"the database {path} is busy: another ReviewDesk window or command is "
                "saving to it; nothing was changed, try again in a moment")
    if "disk is full" in message or "database or disk is full" in message:
        return f"the disk holding {path} is full; free some space and try again"
    if is_corruption(error) or "encrypted" in message:
        return f"{path} is not a ReviewDesk database, or it is damaged"
    if "unable to open" in message or "readonly" in message or "read-only" in message:
        return f"cannot write to the database {path}: {unwritable_reason(path)}"
    if "disk i/o error" in message:
        return f"the disk holding {path} reported an I/O error"
    return None


def unwritable_reason(path: Path) -> str:
    """Why SQLite could not write the database or the files it keeps beside it, as far as
    the files say (opening a file for writing changes nothing in it)."""
    folder = path.parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    for candidate in (path, path.with_name(path.name + "-wal"),
                      path.with_name(path.name + "-shm")):
        if not candidate.exists():
            continue
        try:
            with candidate.open("r+b"):
                pass
        except OSError as error:
            if error.errno == errno.EPERM:
                return f"{candidate.name} is locked against changes (operation not permitted)"
            if error.errno == errno.EROFS:
                return f"the disk holding {folder} is read-only"
            if error.errno == errno.EACCES:
                return f"{candidate.name} is read-only for you"
            return f"{candidate.name} cannot be opened for writing ({error.strerror})"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only for you"
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        if error.errno == errno.EPERM:
            return f"the folder {folder} is locked against changes (operation not permitted)"
        if error.errno == errno.EROFS:
            return f"the disk holding {folder} is read-only"
        return f"nothing can be written in the folder {folder} ({error.strerror})"
    return "check that the file and its folder can be written"


@contextmanager
def known_errors(path: Path) -> Iterator[None]:
    """Turn SQLite failures the user can act on into StoreError (StoreBusyError when another
    program held the database too long, StoreCorruptError when the file is damaged); let bugs
    through."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as error:
        sentence = describe_error(error, path)
        if sentence is None:
            raise
        kind = (StoreBusyError if is_busy(error) else
                StoreCorruptError if is_corruption(error) else StoreError)
        raise kind(sentence) from error


# Any number, the same in every ReviewDesk: the key of the server-wide lock a migration holds.
_MIGRATION_LOCK = 0x52657644  # "RevD"


def migrate(engine: Engine, location: Path | str) -> None:
    """Bring the schema to the newest version, copying an SQLite file first if it holds data.

    The check and the upgrade are one write transaction (BEGIN IMMEDIATE on SQLite, an
    advisory lock on PostgreSQL, whose DDL is transactional too), so two programs opening
    a new or older database at once do not both migrate it: the second waits, then finds
    it current."""
    on_server = isinstance(location, str) and is_server_url(location)
    with engine.begin() as connection:
        if on_server:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": _MIGRATION_LOCK})
        current = _recorded_revision(connection)
        if current == HEAD:
            return
        tables = set(inspect(connection).get_table_names())
        if current is None and tables:
            raise StoreError(_not_reviewdesk(location))
        if current is not None and current not in KNOWN:
            raise StoreError(f"{_shown(location)} was written by a newer ReviewDesk; update "
                             "the app to open it")
        if current is not None and not on_server:
            path = Path(location)
            # Another connection reads the last committed state, as WAL allows during a write.
            backup = backup_copy(path, f"before-{HEAD}")
            log.info("copied %s to %s before migrating from %s to %s", path, backup, current,
                     HEAD)
        from alembic import command  # only here: a file at the head never needs Alembic

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _shown(location: Path | str) -> str:
    if isinstance(location, str) and is_server_url(location):
        return f"the database {shown_server(location)}"
    return str(location)


def _not_reviewdesk(location: Path | str) -> str:
    if isinstance(location, str) and is_server_url(location):
        return f"{_shown(location)} holds tables but is not a ReviewDesk database"
    return f"{location} is an SQLite file but not a ReviewDesk database"


# Whether alembic_version exists, in each engine's own catalogue (plain SQL: no reflection).
_VERSION_TABLE = {
    "sqlite": "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'",
    "postgresql": "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                  "AND tablename = 'alembic_version'",
}


def _recorded_revision(connection: Connection) -> str | None:
    """The revision in the database's alembic_version (None for one without it), read as
    Alembic reads it: one row, else none."""
    found = connection.exec_driver_sql(_VERSION_TABLE[connection.dialect.name]).first()
    if found is None:
        return None
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(rows) > 1:
        raise StoreError("the database records more than one schema revision")
    return str(rows[0][0]) if rows else None


def backup_copy(path: Path, label: str) -> Path:
    """A consistent copy of the database (WAL included) beside it, named by label and time."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def prepare_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the folder for the database {path}: "
                         f"{error.strerror}") from error
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")


def remove_backups(path: Path) -> None:
    """Used by tests and tools only: delete backup copies made beside `path`."""
    for backup in path.parent.glob(f"{path.name}.*.bak"):
        if backup.is_file():
            backup.unlink()
        else:
            shutil.rmtree(backup)
