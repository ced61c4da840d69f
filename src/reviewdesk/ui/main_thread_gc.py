"""Python's cycle collector kept on the GUI thread while worker threads run.

Left to itself the collector runs in whichever thread happens to allocate when a threshold
is crossed. When that is a worker thread (an export, a bundle merge) and the garbage holds
a cycle with a Qt widget in it (a closed dialog and the slot that refers back to it), the
widget is destroyed off the GUI thread and Qt aborts the whole app. So while any worker
runs, automatic collection is off and a timer on the GUI thread does the same work: each
second it collects the generations whose counts passed their thresholds, as Python would
have. When the last worker has stopped, automatic collection is on again.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

_INTERVAL_MS = 1000
_NAME = "reviewdesk-main-thread-gc"


class MainThreadCollector(QObject):
    """Turns automatic collection off while worker threads run and collects on a timer on the GUI
    thread instead; one per application, found by its object name."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_NAME)
        self._workers = 0
        self._timer = QTimer(self)
        self._timer.setInterval(_INTERVAL_MS)
        self._timer.timeout.connect(self.collect)

    def watch(self, thread: QThread) -> None:
        """Keep collection on this (the GUI) thread until `thread` has finished; call it
        before starting the thread."""
        if self._workers == 0:
            gc.disable()
            self._timer.start()
        self._workers += 1
        thread.finished.connect(self._worker_ended)

    def collect(self) -> None:
        """Collect the oldest generation whose count passed its threshold, if any."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [generation for generation in range(3)
               if counts[generation] > thresholds[generation]]
        if due:
            gc.collect(due[-1])

    def _worker_ended(self) -> None:
        self._workers -= 1
        if self._workers == 0:
            self._timer.stop()
            gc.enable()


def collect_on_gui_thread(thread: QThread) -> None:
    """Until `thread` finishes, Python's garbage is collected on the GUI thread only. Call
    it on the GUI thread, just before starting `thread`."""
    app = QCoreApplication.instance()
    if app is None:
        return
    collector = app.findChild(MainThreadCollector, _NAME)
    if collector is None:
        collector = MainThreadCollector(app)
    collector.watch(thread)
