"""The two kinds of failure: known errors become one clear sentence, anything else is a bug."""

from __future__ import annotations


class ReviewDeskError(Exception):
    """A known error: something the user can understand and act on (bad input, locked file...).

    The message is one sentence meant for the user, never a traceback.
    """


class InputError(ReviewDeskError):
    """A file or argument that cannot be used as given."""


class NotFoundError(ReviewDeskError):
    """A brief, annotation, tag or reviewer named by the user does not exist."""


class StoreError(ReviewDeskError):
    """The database cannot be used: locked, full disk, unreadable, or not a ReviewDesk store."""


class StoreBusyError(StoreError):
    """Another ReviewDesk window or command kept the database locked for longer than the
    store waits (engine.BUSY_TIMEOUT_MS): nothing was changed, and trying again works."""


class WriteError(InputError):
    """A file the user asked for cannot be written where they asked: a missing or read-only
    folder, a full disk, a locked file. Nothing was left behind (see reviewdesk.files)."""


class StoreCorruptError(StoreError):
    """SQLite found the database file damaged (its pages fail `PRAGMA quick_check`, or it
    says the file is malformed): nothing was written to it, and the message names the copy
    to restore it from (`reviewdesk doctor --restore`)."""


class StoreSchemaError(StoreError):
    """The schema revision a database records does not match the tables it has (an
    `alembic_version` behind the schema, say): it is refused before any migration, and the
    message says how to recover."""


class ConstraintError(Exception):
    """A write broke a rule of the store's tables (a unique id, a foreign key): raised by
    storage in place of the database library's error, its message the database's own first
    line. Not a ReviewDeskError: where no service expects it, it is a bug."""
