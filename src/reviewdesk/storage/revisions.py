"""The schema revisions this ReviewDesk knows, fixed when the code is written: opening a
current file compares its `alembic_version` with `HEAD` in plain SQL, so Alembic (with its
dialects, templates and script loading) is imported only when a file needs migrating.

A test keeps these equal to the migrations' own chain (`storage/migrations/versions`): a new
migration fails it until its revision is added here."""

from __future__ import annotations

# Oldest first; each revision's migration revises the one before it.
KNOWN: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008",
                          "0009")
HEAD = KNOWN[-1]
