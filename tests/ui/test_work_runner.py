"""Long work in a worker thread: Python's garbage is collected on the GUI thread meanwhile."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.work_runner import Progress, WorkRunner


def _run(qtbot: QtBot, parent: QWidget, work: Callable[[Progress], object]) -> list[object]:
    results: list[object] = []
    runner = WorkRunner(work, "Working…", "Work", parent)
    runner.done.connect(results.append)
    with qtbot.waitSignal(runner.ended, timeout=10_000):
        runner.start()
    return results


def test_no_collection_runs_in_the_worker_and_it_is_back_after(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert gc.isenabled()

    def work(progress: Progress) -> bool:
        return gc.isenabled()

    assert _run(qtbot, parent, work) == [False]
    qtbot.waitUntil(gc.isenabled, timeout=5_000)


def test_garbage_made_meanwhile_is_collected_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    collected_in: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected_in.append(threading.get_ident())

    class Node:
        def __init__(self) -> None:
            self.me = self

    def work(progress: Progress) -> None:
        for _ in range(20):
            for _ in range(2000):
                Node()  # cycles: each batch passes the young generation's threshold
            time.sleep(0.1)

    gc.callbacks.append(record)
    try:
        _run(qtbot, parent, work)
    finally:
        gc.callbacks.remove(record)
    assert collected_in and set(collected_in) == {threading.get_ident()}
