"""Finding rows by the start of their id, as a user types it."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select


def ids_starting_with(session: Session, id_column: Any, prefix: str, limit: int) -> list[str]:
    """Up to `limit` values of `id_column` that start with `prefix` (taken literally: "%"
    and "_" are not wildcards; ASCII letters in either case, as SQLite's LIKE matches them,
    so an id typed in capitals is found on a server too)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    column = col(id_column)
    matches = column.ilike if session.get_bind().dialect.name == "postgresql" else column.like
    statement = select(id_column).where(matches(f"{escaped}%", escape="\\"))
    return list(session.exec(statement.limit(limit)))
