"""Where the store is: --db, else $REVIEWDESK_DB, else the per-user data folder (no database
code here, so a command can find its file before deciding how to read it). A value that
starts with `postgresql` is a team server's URL, not a file."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from platformdirs import user_data_path

DB_ENV = "REVIEWDESK_DB"
DB_FILENAME = "reviewdesk.sqlite3"
SERVER_SCHEME = "postgresql"


def is_server_url(value: str | os.PathLike[str]) -> bool:
    """Whether --db or $REVIEWDESK_DB names a PostgreSQL server (postgresql://...,
    postgresql+psycopg://...) rather than an SQLite file."""
    return isinstance(value, str) and value.startswith(SERVER_SCHEME)


def shown_server(url: str) -> str:
    """A server's URL as a user may see it: host, port and database, never the user's
    password."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "localhost", parts.port
    except ValueError:
        return "(a URL that cannot be read)"
    return f"{host}{f':{port}' if port else ''}{parts.path or '/'}"


def shown_location(location: Path | str) -> str:
    """What the store opens, as a user may see it: a file's path, or the team server."""
    if isinstance(location, str) and is_server_url(location):
        return f"the team server {shown_server(location)}"
    return str(location)


def default_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then $REVIEWDESK_DB, then the per-user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return data_folder() / DB_FILENAME


def data_folder() -> Path:
    """The per-user data folder, where the database file is unless told otherwise."""
    return user_data_path("ReviewDesk", appauthor=False)


def store_location(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """What the store opens: a server's URL when --db (else $REVIEWDESK_DB) is one, else
    the file default_db_path names."""
    given = explicit or os.environ.get(DB_ENV)
    if given and is_server_url(given):
        return str(given)
    return default_db_path(explicit)


__all__ = ["DB_ENV", "DB_FILENAME", "data_folder", "default_db_path", "is_server_url",
           "shown_location", "shown_server", "store_location"]
