"""Crash reports: a bug is written to a file the user can send us, never a silent exit."""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_log_path

from reviewdesk import __version__
from reviewdesk.errors import ReviewDeskError
from reviewdesk.files import write_file

LOG_FILENAME = "reviewdesk.log"


def log_folder() -> Path:
    """The folder of the desktop app's log and crash reports, as the platform puts user logs."""
    return user_log_path("ReviewDesk", appauthor=False)


def log_file() -> Path:
    """The desktop app's log (crash reports sit beside it)."""
    return log_folder() / LOG_FILENAME


def write_crash_report(error: BaseException, context: str = "") -> Path | None:
    """Save the traceback with version information; returns the file, or None if even
    that failed (then the caller still has the error to show)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    lines = [
        f"ReviewDesk {__version__} crash report, {stamp}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
        f"Command: {' '.join(sys.argv)}",
        f"Context: {context}" if context else "",
        "",
        *traceback.format_exception(error),
    ]
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.txt"
        write_file(path, "\n".join(lines))  # whole or not at all, even on a full disk
    except (OSError, ReviewDeskError):
        return None
    return path
