"""Every control of the main window, its dialogs and its secondary windows has a name and a
description a screen reader can say, and every interactive one can be reached with Tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.services.library import VersionStanding
from reviewdesk.services.versions import import_version
from reviewdesk.storage.store import Store
from reviewdesk.ui.about_dialog import AboutDialog
from reviewdesk.ui.accessible import describe, describe_buttons, spoken, unnamed, unreachable
from reviewdesk.ui.bundle_export_dialog import BundleExportDialog
from reviewdesk.ui.codebook_editor import CodebookEditor
from reviewdesk.ui.comment_dialog import CommentDialog
from reviewdesk.ui.compare_view import open_compare
from reviewdesk.ui.crash_dialog import crash_box
from reviewdesk.ui.due_date_editor import DueDateField
from reviewdesk.ui.export_dialog import ExportDialog
from reviewdesk.ui.first_run import ReviewerDialog
from reviewdesk.ui.indicator_date_editor import IndicatorDateEditor
from reviewdesk.ui.key_picker import KeyPicker
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.older_version import older_version_box
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.shortcuts_dialog import ShortcutsDialog
from reviewdesk.ui.summary_window import SummaryWindow
from reviewdesk.ui.trusted_keys_dialog import TrustedKeysDialog


def test_the_main_window_names_every_control(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, Settings(QSettings(str(tmp_path / "s.ini"),
                                                  QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    assert unnamed(window) == []  # before a brief is open
    assert unreachable(window) == []
    window.open_sample()
    for index in range(window.review.count()):
        window.review.setCurrentIndex(index)
        assert unnamed(window) == []
        assert unreachable(window) == []


def test_a_control_without_a_name_is_found(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    field = QLineEdit(root)
    assert unnamed(root) == ["QLineEdit '' in QWidget: no name or description"]
    describe(field, "Title", "The brief's title")
    assert unnamed(root) == []


# --- Dialogs and secondary windows, each built as the app builds it -------------------------

HARBOUR = """\
# Harbour Lamps

## Summary

The port swapped its sodium lamps for white LED fittings in the spring.

Boat crews report fewer slips on the wet steps after dark.

## Recommendations

1. The port should log every lamp outage.
"""



@pytest.fixture
def compared(store: Store, tmp_path: Path) -> ReviewSession:
    """A brief in two versions, an annotation carried to the second, the second open."""
    first, second = tmp_path / "harbour.md", tmp_path / "harbour-v2.md"
    first.write_text(HARBOUR, encoding="utf-8")
    second.write_text(HARBOUR.replace("in the spring", "in the late spring")
                      + "2. The port should paint the steps.\n", encoding="utf-8")
    first_id = import_files(store, [first])[0].id
    annotate(store, first_id, "fewer slips on the wet steps", tag="Indicator",
             comment="Which steps?")
    newer = import_version(store, second, of=first_id)
    opened = ReviewSession(store)
    opened.open_brief(newer.id)
    return opened


def _shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _pages(window: QWidget) -> list[str]:
    """What is missing on every page of every tab widget in `window`, each page shown."""
    missing = unnamed(window) + unreachable(window)
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            missing += unnamed(window) + unreachable(window)
    return sorted(set(missing))


def test_the_export_dialog(qtbot: QtBot, session: ReviewSession, settings: Settings) -> None:
    assert _pages(_shown(qtbot, ExportDialog(session, settings))) == []


def test_the_trusted_keys_dialog(qtbot: QtBot, store: Store) -> None:
    assert _pages(_shown(qtbot, TrustedKeysDialog(store))) == []


def test_the_about_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    assert _pages(_shown(qtbot, AboutDialog(tmp_path / "review.sqlite3"))) == []


def test_the_shortcuts_dialog(qtbot: QtBot, store: Store, settings: Settings) -> None:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    assert _pages(_shown(qtbot, ShortcutsDialog(window.shortcut_rows(), window))) == []


def test_the_summary_window(qtbot: QtBot, session: ReviewSession, settings: Settings) -> None:
    assert session.brief is not None
    annotate(session.store, session.brief.id, "signed a shared quota for perch", tag="Indicator",
             reviewer="Ines Duarte", comment="Since when?")
    window = SummaryWindow(session.store, settings=settings)
    assert _pages(_shown(qtbot, window)) == []


def test_the_bundle_export_dialog(qtbot: QtBot, session: ReviewSession) -> None:
    assert session.brief is not None
    dialog = BundleExportDialog(session.store, session.brief.id)
    assert _pages(_shown(qtbot, dialog)) == []


def test_the_codebook_editor_and_key_picker(qtbot: QtBot, session: ReviewSession) -> None:
    assert _pages(_shown(qtbot, CodebookEditor(session))) == []
    picker = KeyPicker(session.codebook, session.codebook.tags[0])
    assert _pages(_shown(qtbot, picker)) == []


def test_the_compare_view(qtbot: QtBot, compared: ReviewSession) -> None:
    view = open_compare(compared)
    assert view is not None
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    assert _pages(_shown(qtbot, view)) == []


def test_the_crash_box(qtbot: QtBot, tmp_path: Path) -> None:
    box = crash_box(RuntimeError("lamp index out of range"), tmp_path / "crash.txt",
                    tmp_path / "reviewdesk.log")
    assert _pages(_shown(qtbot, box)) == []


def test_the_older_version_question(qtbot: QtBot) -> None:
    box = older_version_box(None, VersionStanding("a", 1, 2, "b"))
    assert _pages(_shown(qtbot, box)) == []


@pytest.mark.parametrize("build", [lambda: ReviewerDialog("Ines Duarte"),
                                   lambda: CommentDialog("Add a comment", "Since when?")],
                         ids=["first-run reviewer", "comment"])
def test_the_small_dialogs(qtbot: QtBot, build: Callable[[], QDialog]) -> None:
    assert _pages(_shown(qtbot, build())) == []


def test_the_date_editors(qtbot: QtBot, session: ReviewSession) -> None:
    assert _pages(_shown(qtbot, DueDateField())) == []
    assert _pages(_shown(qtbot, IndicatorDateEditor(session))) == []


def test_a_control_that_tab_skips_is_found(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    button = QPushButton("Go", root)
    button.setToolTip("Go on")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    assert unreachable(root) == ["QPushButton '' 'Go' in QWidget: Tab skips it"]
    button.setToolTip("Go on (Ctrl+G)")  # its key is said: kept off the Tab order on purpose
    assert unreachable(root) == []


def test_standard_buttons_say_what_they_do(qtbot: QtBot) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    mine = box.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
    mine.setToolTip("Put the details on the clipboard")
    describe_buttons(box)
    said = {button.text().replace("&", ""): spoken(button)[1] for button in box.buttons()}
    assert said == {"Save": "Save and close", "Cancel": "Close without changing anything",
                    "Close": "Close this window",
                    "Copy details": "Put the details on the clipboard"}  # a tooltip is kept
