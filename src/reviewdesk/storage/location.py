"""Where the store is: --db, else $REVIEWDESK_DB, else the per-user data folder (no database
code here, so a command can find its file before deciding how to read it). A value that
starts with `postgresql` is a team server's URL, not a file."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DB_ENV = "REVIEWDESK_DB"
DB_FILENAME = "reviewdesk.sqlite3"
SERVER_SCHEME = "postgresql"


def is_server_url(value: str | os.PathLike[str]) -> bool:
    """Whether --db or $REVIEWDESK_DB names a PostgreSQL server (postgresql://...,
    postgresql+psycopg://...) rather than an SQLite file."""
    return isinstance(value, str) and value.startswith(SERVER_SCHEME)


def default_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then $REVIEWDESK_DB, then the per-user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return user_data_path("ReviewDesk", appauthor=False) / DB_FILENAME


def store_location(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """What the store opens: a server's URL when --db (else $REVIEWDESK_DB) is one, else
    the file default_db_path names."""
    given = explicit or os.environ.get(DB_ENV)
    if given and is_server_url(given):
        return str(given)
    return default_db_path(explicit)


__all__ = ["DB_ENV", "DB_FILENAME", "default_db_path", "is_server_url", "store_location"]
