"""The crash dialog: an unexpected error is shown and saved, never a silent exit."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from reviewdesk.crash import write_crash_report
from reviewdesk.errors import ReviewDeskError
from reviewdesk.ui.accessible import describe_buttons


def install_excepthook(log_path: Path | None) -> None:
    """Route uncaught exceptions (including those raised inside Qt slots) to a dialog."""

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        """Ctrl+C quits, a known error gets a message, anything else a crash report and the
        dialog."""
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(error, ReviewDeskError):
            # A known error (the database busy in another program, a full disk) that a
            # code path did not catch itself: a message, not a bug report.
            show_known_error(error)
            return
        report = write_crash_report(error.with_traceback(trace), context="desktop app")
        show_crash(error, report, log_path)

    sys.excepthook = hook


def show_known_error(error: ReviewDeskError) -> None:
    """Show a known error (a busy database, a full disk) as one sentence in a warning box."""
    text = str(error)
    text = text[:1].upper() + text[1:]
    QMessageBox.warning(QApplication.activeWindow(), "ReviewDesk",
                        text if text.endswith(".") else text + ".")


def show_crash(error: BaseException, report: Path | None, log_path: Path | None) -> None:
    """Tell the user ReviewDesk hit a bug, naming the error, the crash report and the log when
    there are ones; their saved work is safe."""
    crash_box(error, report, log_path).exec()


def crash_box(error: BaseException, report: Path | None, log_path: Path | None) -> QMessageBox:
    """The box `show_crash` shows, not yet shown."""
    box = QMessageBox(QMessageBox.Icon.Critical, "ReviewDesk hit a bug",
                      "Something went wrong inside ReviewDesk. Your saved work is safe: "
                      "every edit is stored as it is made.")
    details = [f"{type(error).__name__}: {error}"]
    if report:
        details.append(f"A report was saved to {report}; please send it to the developers.")
    if log_path:
        details.append(f"The log is {log_path}.")
    box.setInformativeText("\n\n".join(details))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    describe_buttons(box)
    return box
