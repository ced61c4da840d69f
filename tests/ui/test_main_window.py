"""The desktop window, offscreen: the library, the sample brief, highlights and the cards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.main_window import MainWindow


def test_sample_brief_opens_with_its_text(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.open_sample()
    assert window.library.count() == 1
    assert window.library.currentItem() is not None
    text = window.document.toPlainText().replace("\u2029", "\n")
    assert text.startswith("Veloria")
    assert "References" in text
    assert "ReviewDesk" in window.windowTitle()
    window.open_sample()  # the same file again opens the same brief
    assert window.library.count() == 1


def test_annotations_are_listed_and_select_their_words(qtbot: QtBot, store: Store,
                                                       brief_file: Path) -> None:
    brief = import_files(store, [brief_file])[0]
    note = annotate(store, brief.id, "first joint patrol", tag="Indicator › security",
                    comment="Which date?", reviewer="Ines Duarte")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show_brief(brief.id)
    assert window.annotations.count() == 1
    card = window.annotations.item(0)
    assert "Indicator › security" in card.text() and "Which date?" in card.text()
    window._annotation_activated(card)
    assert window.document.textCursor().selectedText() == "first joint patrol"
    assert (window.document.textCursor().selectionStart(), window.document.textCursor()
            .selectionEnd()) == (note.start, note.end)


def test_library_search_hides_other_briefs(qtbot: QtBot, store: Store, brief_file: Path) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.open_sample()
    window.import_paths([brief_file])
    window._filter.setText("corrin")
    visible = [window.library.item(i).text() for i in range(window.library.count())
               if not window.library.item(i).isHidden()]
    assert len(visible) == 1 and "Lake Corrin" in visible[0]


def test_app_command_opens_the_sample_and_saves_a_screenshot(tmp_path: Path) -> None:
    picture = tmp_path / "window.png"
    result = subprocess.run(
        [sys.executable, "-m", "reviewdesk", "--db", str(tmp_path / "app.sqlite3"), "--sample",
         "--screenshot", str(picture)],
        capture_output=True, text=True, timeout=120, env={**os.environ})
    assert result.returncode == 0, result.stderr
    assert picture.stat().st_size > 10_000
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_real_window_under_xvfb(tmp_path: Path) -> None:
    """The X11 platform plugin, as on a desktop: every library it loads is present."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed")
    picture = tmp_path / "x11.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m", "reviewdesk",
         "--db", str(tmp_path / "app.sqlite3"), "--sample", "--screenshot", str(picture)],
        capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert picture.stat().st_size > 10_000
