"""A file the app cannot write (a real read-only folder, a real full disk) is one sentence in
a message, never the crash dialog, for the Word export, the summary report and a review
bundle; the export dialog says it before it closes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from tests.support.disks import full_disk, leftovers, read_only_folder

from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.export_dialog import ExportDialog
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.summary_window import SummaryWindow

OLD = b"an older file, kept as it was"



@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    brief = import_files(store, [brief_file])[0].id
    annotate(store, brief, "closed season", tag="Indicator", comment="Since when?",
             reviewer="Amina Rahimi")
    return brief


@pytest.fixture
def window(qtbot: QtBot, store: Store, settings: Settings, brief_id: str) -> MainWindow:
    opened = MainWindow(store, settings)
    qtbot.addWidget(opened)
    opened.show()
    opened.open_reference(brief_id)
    return opened


def _errors(monkeypatch: pytest.MonkeyPatch, widget: MainWindow | SummaryWindow) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(widget, "show_error", messages.append)
    return messages


def _one_sentence(messages: list[str], target: Path, reason: str) -> None:
    [message] = messages
    assert message.startswith(f"cannot write {target}: ") and reason in message, message
    assert "\n" not in message and "Traceback" not in message


def test_the_export_dialog_says_the_folder_cannot_be_written(
        qtbot: QtBot, store: Store, brief_id: str, settings: Settings, tmp_path: Path) -> None:
    session = ReviewSession(store)
    session.open_brief(brief_id)
    with read_only_folder(tmp_path / "read-only") as disk:
        dialog = ExportDialog(session, settings)
        qtbot.addWidget(dialog)
        dialog.path.setText(str(disk.folder / "review.docx"))
        dialog.accept()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.hint.text().startswith(f"Cannot write {disk.folder / 'review.docx'}: ")
        assert disk.reason in dialog.hint.text() and dialog.hint.text().endswith(".")


def test_an_export_onto_a_full_disk_is_a_message(qtbot: QtBot, window: MainWindow,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    messages = _errors(monkeypatch, window)
    with full_disk(tmp_path / "full", {"review.docx": OLD}) as disk:
        target = disk.folder / "review.docx"
        monkeypatch.setattr(ExportDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
        monkeypatch.setattr(ExportDialog, "target", lambda _self: target)
        with qtbot.captureExceptions() as crashes:
            window.export_action.trigger()
            qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
        assert crashes == []
        _one_sentence(messages, target, disk.reason)
        assert target.read_bytes() == OLD and leftovers(disk.folder) == ["review.docx"]


@pytest.mark.parametrize("suffix", [".docx", ".csv", ".xlsx"])
def test_a_report_that_cannot_be_written_is_a_message(
        qtbot: QtBot, store: Store, brief_id: str, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    summary = SummaryWindow(store, settings=settings)
    qtbot.addWidget(summary)
    messages = _errors(monkeypatch, summary)
    name = f"summary{suffix}"
    for make in (full_disk, read_only_folder):
        messages.clear()
        with make(tmp_path / make.__name__, {name: OLD}) as disk:
            target = disk.folder / name
            with qtbot.captureExceptions() as crashes:
                summary.export_report(target)
                qtbot.waitUntil(lambda: bool(messages), timeout=60_000)
            assert crashes == []
            _one_sentence(messages, target, disk.reason)
            assert target.read_bytes() == OLD and leftovers(disk.folder) == [name]
            qtbot.waitUntil(summary.export_button.isEnabled)


def test_a_bundle_into_a_read_only_folder_is_a_message(qtbot: QtBot, window: MainWindow,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    messages = _errors(monkeypatch, window)
    with read_only_folder(tmp_path / "read-only", {"review.rdbundle": OLD}) as disk:
        target = disk.folder / "review.rdbundle"
        with qtbot.captureExceptions() as crashes:
            window.bundles.export_to(target)
            qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
        assert crashes == []
        _one_sentence(messages, target, disk.reason)
        assert target.read_bytes() == OLD
        assert sorted(os.listdir(disk.folder)) == ["review.rdbundle"]
