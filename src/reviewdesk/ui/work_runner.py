"""Long work off the GUI thread: one call in its own thread behind a window-modal busy
dialog, for the Word export, review bundles and summary reports. The work cannot stop
half-way (a file is being written, a merge is running), so the dialog has no Cancel button;
quitting the app waits for it rather than abort it."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewdesk.errors import ReviewDeskError
from reviewdesk.ui.main_thread_gc import collect_on_gui_thread

Progress = Callable[[int, int], None]  # (done, total); a total of 0 means "not known"


class WorkJob(QObject):
    """The call run in the worker thread; its signals carry the outcome back to the GUI thread."""

    progressed = Signal(int, int)  # done, total
    finished = Signal(object)      # what the call returned
    failed = Signal(str)           # a known error, one sentence
    crashed = Signal(object)       # a bug: the exception, raised again on the GUI thread

    def __init__(self, work: Callable[[Progress], object]) -> None:
        super().__init__()
        self._work = work

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    @Slot()
    def run(self) -> None:
        """Run the work once: `finished` with its result, `failed` for a known error, `crashed`
        for a bug."""
        # The store's connections may be used from any thread (check_same_thread=False),
        # so the job shares the window's store.
        try:
            result = self._work(self._report)
        except ReviewDeskError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: report it where the crash dialog can show it
            self.crashed.emit(error)
        else:
            self.finished.emit(result)


class WorkRunner(QObject):
    """Runs `work(progress)` in its own thread behind a busy dialog (shown after 400 ms;
    a bar once `progress` reports a total), then says `done` with its result or `failed`
    with one sentence; `ended` follows either, and a crash, once the thread has stopped."""

    done = Signal(object)
    failed = Signal(str)
    ended = Signal()

    def __init__(self, work: Callable[[Progress], object], label: str, title: str,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._job = WorkJob(work)
        self._job.moveToThread(self._thread)
        self._dialog = QProgressDialog(label, "", 0, 0, parent)
        self._dialog.setCancelButton(None)
        self._dialog.setWindowTitle(title)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(400)
        self._dialog.setAutoReset(False)
        self._thread.started.connect(self._job.run)
        self._job.progressed.connect(self._progressed)
        self._job.finished.connect(self._finished)
        self._job.failed.connect(self._failed)
        self._job.crashed.connect(self._crashed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._wait)

    def start(self) -> None:
        """Start the work; collection moves to the GUI thread until the thread has stopped."""
        collect_on_gui_thread(self._thread)
        self._thread.start()

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(max(done, 0), total))

    def _finished(self, result: object) -> None:
        self._close()
        self.done.emit(result)
        self.ended.emit()

    def _failed(self, message: str) -> None:
        self._close()
        self.failed.emit(message)
        self.ended.emit()

    def _crashed(self, error: BaseException) -> None:
        self._close()
        self.ended.emit()
        sys.excepthook(type(error), error, error.__traceback__)

    def _wait(self) -> None:
        self._thread.quit()
        self._thread.wait()

    def _close(self) -> None:
        self._dialog.reset()
        self._dialog.deleteLater()
        self._wait()
        self.deleteLater()
