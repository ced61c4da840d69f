"""The schema revisions this ReviewDesk knows, fixed when the code is written: opening a
current file compares its `alembic_version` with `HEAD` in plain SQL, so Alembic (with its
dialects, templates and script loading) is imported only when a file needs migrating.

Tests keep these equal to the migrations' own chain (`storage/migrations/versions`) and to
the model: a new migration fails them until its revision and shape are written here."""

from __future__ import annotations

# Oldest first; each revision's migration revises the one before it.
KNOWN: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008",
                          "0009")
HEAD = KNOWN[-1]
# schema_shape.digest of the head's tables, columns and indexes (the model's, which a test
# keeps equal to what the migrations make): a reader that loads no model checks a file by it.
HEAD_SHAPE = "94b3591eaa7cb075"
