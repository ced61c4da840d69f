"""Helpers the widget tests share (imported by name: tests/ui is on the import path)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.ui.main_window import MainWindow


def show_active(qtbot: QtBot, widget: QWidget, width: int = 1100, height: int = 500) -> None:
    """Show a widget as the active window: shortcuts only reach an active window."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()


@contextmanager
def model_failures() -> Iterator[list[str]]:
    """What QAbstractItemModelTester (in Warning mode) finds wrong while the block runs."""
    failures: list[str] = []

    def keep(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if context.category == "qt.modeltest":
            failures.append(message)

    previous = qInstallMessageHandler(keep)
    try:
        yield failures
    finally:
        qInstallMessageHandler(previous)


def select_words(window: MainWindow, words: str) -> tuple[int, int]:
    """Select the first occurrence of `words` in the open brief, as a reviewer would; its
    (start, end)."""
    assert window.session.brief is not None
    start = window.session.brief.text.index(words)
    cursor = window.document.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    window.document.setTextCursor(cursor)
    return start, start + len(words)
