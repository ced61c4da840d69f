"""SQLite files opened with sqlite3 alone: how long a connection waits for another
program's write, and a connection that cannot write."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 5000


@contextmanager
def read_only(path: Path, *, immutable: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write to the file. Closing it never copies the WAL into the
    file, as closing the last read-write connection does. `immutable` is for copies no one
    writes: no locks, and no -wal or -shm file made beside them."""
    uri = f"{path.absolute().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                 isolation_level=None, check_same_thread=False)
    try:
        yield connection
    finally:
        connection.close()


__all__ = ["BUSY_TIMEOUT_MS", "read_only"]
