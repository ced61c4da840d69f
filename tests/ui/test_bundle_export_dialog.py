"""File → Export review bundle…, offscreen: the briefs to bundle ticked in a list, the
preview line following the ticks, and only the ticked briefs written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from tests.bundle_samples import build

from reviewdesk.services.bundles import plan_bundle, preview_line
from reviewdesk.storage.store import Store
from reviewdesk.ui.bundle_export_dialog import BRIEF_ROLE, BundleExportDialog
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings


@pytest.fixture
def briefs(store: Store, tmp_path: Path) -> tuple[str, str, str]:
    return build(store, tmp_path)


def _dialog(qtbot: QtBot, store: Store, current: str | None) -> BundleExportDialog:
    dialog = BundleExportDialog(store, current)
    qtbot.addWidget(dialog)
    return dialog


def test_the_open_brief_is_ticked_and_the_preview_follows(
        qtbot: QtBot, store: Store, briefs: tuple[str, str, str], tmp_path: Path) -> None:
    first, second, quarry = briefs
    dialog = _dialog(qtbot, store, first)  # an older version open: its brief is ticked
    rows = [dialog.briefs.item(row) for row in range(dialog.briefs.count())]
    assert [item.text() for item in rows] == ["Salt Marsh Grazing · 2 versions",
                                              "Quarry Reopening Plan"]
    assert [item.data(BRIEF_ROLE) for item in rows] == [second, quarry]
    assert dialog.chosen() == [second]
    assert dialog.preview.text() == ("The bundle will hold 1 brief in 2 versions, "
                                     "3 annotations, 2 replies, 1 suggested edit, "
                                     "by 2 reviewers.")
    rows[1].setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen() == [second, quarry]
    assert dialog.preview.text() == ("The bundle will hold 2 briefs in 3 versions, "
                                     "4 annotations, 2 replies, 1 suggested edit, "
                                     "by 2 reviewers.")
    assert dialog.preview.text() == (
        f"The bundle will hold {preview_line(plan_bundle(store, [second, quarry]))}.")
    dialog.show()
    assert dialog.grab().save(str(tmp_path / "bundle-dialog.png"))

    qtbot.mouseClick(dialog.select_none, Qt.MouseButton.LeftButton)
    assert dialog.chosen() == [] and not dialog.export_button.isEnabled()
    assert dialog.preview.text() == "Tick the briefs to put in the bundle."
    qtbot.mouseClick(dialog.select_all, Qt.MouseButton.LeftButton)
    assert dialog.chosen() == [second, quarry] and dialog.export_button.isEnabled()


def test_with_no_brief_open_every_brief_is_ticked(
        qtbot: QtBot, store: Store, briefs: tuple[str, str, str]) -> None:
    dialog = _dialog(qtbot, store, None)
    assert dialog.chosen() == [briefs[1], briefs[2]]


def test_an_empty_library(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store, None)
    assert dialog.chosen() == [] and not dialog.export_button.isEnabled()
    assert "no briefs yet" in dialog.preview.text()


def test_the_window_writes_only_the_ticked_briefs(
        qtbot: QtBot, store: Store, briefs: tuple[str, str, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    quarry = briefs[2]
    window = MainWindow(store, Settings(QSettings(str(tmp_path / "settings.ini"),
                                                  QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.open_brief(quarry)
    shown: list[list[str]] = []

    def exec_dialog(dialog: BundleExportDialog) -> int:
        shown.append(dialog.chosen())
        return 1  # QDialog.Accepted, as if Export… were pressed

    monkeypatch.setattr(BundleExportDialog, "exec", exec_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args: (str(tmp_path / "quarry-only"), ""))
    with qtbot.waitSignal(window.bundles.exported, timeout=30_000) as exported:
        window.export_bundle_action.trigger()
    assert shown == [[quarry]]
    report = exported.args[0]
    assert report.path == tmp_path / "quarry-only.rdbundle" and report.path.is_file()
    assert (report.briefs, report.annotations, report.reviewers) == (1, 1, 1)
    assert "Wrote 1 brief with 1 annotation" in window.statusBar().currentMessage()
