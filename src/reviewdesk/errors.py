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
