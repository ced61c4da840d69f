"""Importing files off the GUI thread, with a progress dialog that can be cancelled."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewdesk.errors import ReviewDeskError
from reviewdesk.services.briefs import ImportCancelled, ImportResult, import_files
from reviewdesk.storage.store import Store


class ImportJob(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(list)      # list[ImportResult]
    failed = Signal(str)         # a known error, one sentence
    cancelled = Signal()

    def __init__(self, store: Store, paths: list[Path]) -> None:
        super().__init__()
        self._store, self._paths = store, paths
        self._stop = False

    def stop(self) -> None:
        self._stop = True

    def _report(self, done: int, total: int, path: Path) -> bool:
        self.progressed.emit(done, total, path.name)
        return not self._stop

    @Slot()
    def run(self) -> None:
        try:
            results = import_files(self._store, self._paths, progress=self._report)
        except ImportCancelled:
            self.cancelled.emit()
        except ReviewDeskError as error:
            self.failed.emit(str(error))
        else:
            self.finished.emit(results)


class ImportRunner(QObject):
    """Runs one ImportJob in its own thread and shows its progress."""

    done = Signal(list)   # list[ImportResult]
    failed = Signal(str)

    def __init__(self, store: Store, paths: list[Path], parent: QWidget) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._job = ImportJob(store, paths)
        self._job.moveToThread(self._thread)
        self._dialog = QProgressDialog("Reading…", "Cancel", 0, len(paths), parent)
        self._dialog.setWindowTitle("Importing")
        self._dialog.setMinimumDuration(400)
        self._dialog.canceled.connect(self._job.stop)
        self._thread.started.connect(self._job.run)
        self._job.progressed.connect(self._progressed)
        self._job.finished.connect(self._finished)
        self._job.failed.connect(self._failed)
        self._job.cancelled.connect(self._close)

    def start(self) -> None:
        self._thread.start()

    def _progressed(self, done: int, total: int, name: str) -> None:
        self._dialog.setMaximum(total)
        self._dialog.setValue(done)
        self._dialog.setLabelText(f"Reading {name} ({done + 1} of {total})…")

    def _finished(self, results: list[ImportResult]) -> None:
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
