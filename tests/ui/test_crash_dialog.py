"""Uncaught errors in the app: a known error is a message, a bug is a crash report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.errors import StoreBusyError
from reviewdesk.ui import crash_dialog


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    crash_dialog.install_excepthook(None)
    return sys.excepthook


def test_a_known_error_is_a_message_without_a_report(hook: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    reports: list[BaseException] = []
    monkeypatch.setattr(crash_dialog.QMessageBox, "warning",
                        lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(crash_dialog, "write_crash_report",
                        lambda error, context="": reports.append(error))
    error = StoreBusyError("the database x.sqlite3 is busy: another ReviewDesk window or "
                           "command is saving to it; nothing was changed, try again in a moment")
    hook(type(error), error, None)
    assert shown == ["The database x.sqlite3 is busy: another ReviewDesk window or command is "
                     "saving to it; nothing was changed, try again in a moment."]
    assert reports == []


def test_a_bug_is_reported(hook: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    crashes: list[tuple[BaseException, Path | None]] = []
    monkeypatch.setattr(crash_dialog, "write_crash_report",
                        lambda error, context="": tmp_path / "crash.txt")
    monkeypatch.setattr(crash_dialog, "show_crash",
                        lambda error, report, _log: crashes.append((error, report)))
    error = RuntimeError("unexpected")
    hook(RuntimeError, error, None)
    assert crashes == [(error, tmp_path / "crash.txt")]
