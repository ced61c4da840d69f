"""Where the store is: --db, else $REVIEWDESK_DB, else the per-user data folder (no database
code here, so a command can find its file before deciding how to read it)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

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


__all__ = ["DB_ENV", "DB_FILENAME", "default_db_path"]
