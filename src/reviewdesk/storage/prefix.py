"""Finding rows by the start of their id, as a user types it."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select


def ids_starting_with(session: Session, id_column: Any, prefix: str, limit: int) -> list[str]:
    """Up to `limit` values of `id_column` that start with `prefix` (taken literally: "%"
    and "_" are not wildcards)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    statement = select(id_column).where(col(id_column).like(f"{escaped}%", escape="\\"))
    return list(session.exec(statement.limit(limit)))
