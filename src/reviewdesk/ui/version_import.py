"""Opening files that may be revisions of stored briefs, off the GUI thread.

The files are read and planned in a worker thread (services/version_plan.py: a file whose
title matches a stored brief with other text may be its next version). The reviewer is
asked on the GUI thread (Yes: the next version, No: a separate brief, Cancel: nothing),
and then everything is stored in one transaction, in the worker again, from the briefs
already read. Like import_files, a cancelled open or a file that cannot be read leaves
the store as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from reviewdesk.domain.words import count
from reviewdesk.errors import ReviewDeskError
from reviewdesk.services.briefs import (
    ImportCancelled,
    ImportResult,
    suggestions_note,
    tracked_changes_note,
)
from reviewdesk.services.version_plan import (
    Choice,
    OpenResult,
    ReadFile,
    read_files,
    store_files,
)
from reviewdesk.services.versions import VersionResult
from reviewdesk.storage.store import Store
from reviewdesk.ui.main_thread_gc import collect_on_gui_thread


def _change_notes(suggestions: int, tracked: int) -> list[str]:
    """What the reviewer is told of a Word file's pending tracked changes."""
    notes = [suggestions_note(suggestions)] if suggestions else []
    return notes + ([tracked_changes_note(tracked)] if tracked else [])


def opened_message(last: OpenResult) -> tuple[str, int]:
    """What the status bar says of the last file opened, and for how many milliseconds."""
    if isinstance(last, VersionResult) and not last.already_imported:
        counts = last.counts
        message = (f"Stored as version {last.version} of {last.title}: "
                   f"{count(counts.anchored + counts.shifted, 'annotation')} carried in place, "
                   f"{counts.needs_review} to review, {counts.orphaned} orphaned")
        if counts.needs_review or counts.orphaned:
            message += " — Ctrl+Alt+V compares the versions"
        for note in _change_notes(last.suggestions, last.tracked_changes):
            message += f"; {note}"
        return message, 30000
    if isinstance(last, ImportResult) and (last.tracked_changes or last.suggestions):
        # Not silently accepted: the reviewer may be reading changes nobody agreed to.
        notes = "; ".join(_change_notes(last.suggestions, last.tracked_changes))
        return f"Opened {last.title}: {notes}", 30000
    if isinstance(last, ImportResult) and last.encoding not in (None, "utf-8"):
        # A detected encoding is worth a look: the message stays longer.
        return f"Opened {last.title}, read as {last.encoding}", 15000
    return f"Opened {last.title}", 5000


def ask_version(parent: QWidget | None, read: ReadFile) -> Choice:
    """Store this as version N of 'TITLE'? Yes, No (a separate brief) or Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, "Open a revised brief",
                      f"Store this as version {read.next_version} of "
                      f"'{read.candidate_title}'?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(
        f"{read.path.name} has the title of a brief in the library, with other text. "
        "Yes stores it as the next version and carries every annotation, reply, reference "
        "check and recommendation decision to it; No imports it as a separate brief; "
        "Cancel opens nothing.")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    try:
        answer = box.exec()
    finally:
        box.deleteLater()
    if answer == QMessageBox.StandardButton.Yes:
        return Choice.VERSION
    if answer == QMessageBox.StandardButton.No:
        return Choice.SEPARATE
    return Choice.CANCEL


class OpenJob(QObject):
    """Lives in the worker thread: reads the files, then stores them when told."""

    progressed = Signal(int, int, str)
    read_done = Signal(list)     # list[ReadFile]
    stored = Signal(list)        # list[ImportResult | VersionResult]
    failed = Signal(str)         # a known error, one sentence
    cancelled = Signal()

    def __init__(self, store: Store, paths: list[Path]) -> None:
        super().__init__()
        self._store, self._paths = store, paths
        self._stop = False
        self._files: list[ReadFile] = []

    def stop(self) -> None:
        self._stop = True

    def _report(self, done: int, total: int, path: Path) -> bool:
        self.progressed.emit(done, total, path.name)
        return not self._stop

    @Slot()
    def read(self) -> None:
        """Read and plan the files; emits read_done, or cancelled or failed."""
        try:
            self._files = read_files(self._store, self._paths, progress=self._report)
        except ImportCancelled:
            self.cancelled.emit()
        except ReviewDeskError as error:
            self.failed.emit(str(error))
        else:
            self.read_done.emit(self._files)

    @Slot()
    def store(self) -> None:
        """Store the files read, as chosen; emits stored or failed."""
        try:
            results = store_files(self._store, self._files)
        except ReviewDeskError as error:
            self.failed.emit(str(error))
        else:
            self.stored.emit(results)


class OpenRunner(QObject):
    """Runs one OpenJob in its own thread, shows its progress, and asks about versions
    with `ask` (by default ask_version, looked up when asking so tests can replace it)."""

    done = Signal(list)   # list[ImportResult | VersionResult]
    failed = Signal(str)
    store_requested = Signal()  # queued to the job's thread

    def __init__(self, store: Store, paths: list[Path], parent: QWidget,
                 ask: Callable[[QWidget | None, ReadFile], Choice] | None = None) -> None:
        super().__init__(parent)
        self._parent, self._ask = parent, ask
        self._thread = QThread(self)
        self._job = OpenJob(store, paths)
        self._job.moveToThread(self._thread)
        self._dialog = QProgressDialog("Reading…", "Cancel", 0, len(paths), parent)
        self._dialog.setWindowTitle("Importing")
        self._dialog.setMinimumDuration(400)
        self._dialog.canceled.connect(self._job.stop)
        self._thread.started.connect(self._job.read)
        self.store_requested.connect(self._job.store)
        self._job.progressed.connect(self._progressed)
        self._job.read_done.connect(self._read)
        self._job.stored.connect(self._finished)
        self._job.failed.connect(self._failed)
        self._job.cancelled.connect(self._close)

    def start(self) -> None:
        collect_on_gui_thread(self._thread)
        self._thread.start()

    def _progressed(self, done: int, total: int, name: str) -> None:
        self._dialog.setMaximum(total)
        self._dialog.setValue(done)
        self._dialog.setLabelText(f"Reading {name} ({done + 1} of {total})…")

    def _read(self, files: list[ReadFile]) -> None:
        self._dialog.reset()  # no progress bar behind the question
        for read in files:
            if read.candidate_id is None:
                continue
            read.choice = (self._ask or ask_version)(self._parent, read)
            if read.choice == Choice.CANCEL:
                self._close()
                return
        self.store_requested.emit()

    def _finished(self, results: list[OpenResult]) -> None:
        self._close()
        self.done.emit(results)

    def _failed(self, message: str) -> None:
        self._close()
        self.failed.emit(message)

    def _close(self) -> None:
        self._dialog.reset()
        self._thread.quit()
        self._thread.wait()
        self.deleteLater()
