"""The whole window, offscreen: open the sample, tag with a key, undo, check, reopen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from qt_helpers import select_words

from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.tracking import recommendations_of, references_of
from reviewdesk.storage.store import Store
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.recommendation_model import Column
from reviewdesk.ui.settings import Settings


def _window(qtbot: QtBot, store: Store, settings: Settings) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    return window



def test_review_the_sample_end_to_end(qtbot: QtBot, store: Store, settings: Settings) -> None:
    window = _window(qtbot, store, settings)
    window.open_sample()
    brief = window.session.brief
    assert brief is not None and brief.title.startswith("Veloria")
    assert window.library_model.rowCount() == 1

    # Select a phrase, press the Indicator key: card, highlight and database row.
    start, _ = select_words(window, "daily release figures")
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_1)
    [stored] = list_annotations(store, brief.id)
    assert (stored.quote, stored.tag, stored.start) == ("daily release figures", "Indicator",
                                                       start)
    assert window.cards.model.rowCount() == 1
    assert "1 annotation " in window.library_model.index(0).data()
    window.session.undo_stack.undo()
    assert "0 annotations" in window.library_model.index(0).data()
    assert list_annotations(store, brief.id) == [] and window.cards.model.rowCount() == 0
    window.session.undo_stack.redo()
    assert [a.id for a in list_annotations(store, brief.id)] == [stored.id]

    # Mark a reference verified, link the claim, decide a recommendation.
    first_reference = references_of(store, brief.id)[0].reference
    window.references.select_reference(first_reference.id)
    window.session.annotation_selected.emit(stored.id)
    window.references.verified_action.trigger()
    window.references.link_action.trigger()
    tracked = references_of(store, brief.id)[0]
    assert tracked.reference.check == ReferenceCheck.VERIFIED and tracked.claims == (stored.id,)
    recommendation = recommendations_of(store, brief.id)[0].recommendation
    model = window.recommendations.model
    status_column = Column.STATUS
    assert model.setData(model.index(0, status_column), "accepted", Qt.ItemDataRole.EditRole)
    assert recommendations_of(store, brief.id)[0].recommendation.status == \
        RecommendationStatus.ACCEPTED
    assert recommendation.id == recommendations_of(store, brief.id)[0].recommendation.id

    # Close and reopen: the same brief, with everything as it was.
    window.close()
    again = _window(qtbot, store, settings)
    again.restore_last_brief()
    assert again.session.brief is not None and again.session.brief.id == brief.id
    assert [a.id for a in again.session.annotations] == [stored.id]
    assert references_of(store, brief.id)[0].reference.check == ReferenceCheck.VERIFIED


def test_accepting_a_suggestion_card_tags_its_sentence(qtbot: QtBot, store: Store,
                                                       settings: Settings) -> None:
    window = _window(qtbot, store, settings)
    window.open_sample()
    assert window.session.brief is not None
    cards = window.suggestion_cards
    assert cards.cards()
    first = cards.cards()[0]
    cards.accept_current()
    tags = {a.tag for a in list_annotations(store, window.session.brief.id)}
    assert tags & {"Indicator", "Claim", "Question"}
    assert first is not None


def test_the_review_tabs_by_keyboard_alone(qtbot: QtBot, store: Store,
                                          settings: Settings) -> None:
    """Ctrl+2 puts the keys in the open tab's table, on its first row; switching tabs
    with the keyboard keeps them there; the tab's own keys then act on that row."""
    from tests.ui.qt_helpers import show_active

    window = MainWindow(store, settings)
    show_active(qtbot, window, 1280, 800)
    window.open_sample()
    assert window.session.brief is not None
    window.review.setCurrentWidget(window.references)
    qtbot.keyClick(window.document, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    table = window.references.table
    assert table.hasFocus() and table.selectionModel().isRowSelected(0)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(table, Qt.Key.Key_V, shift_ctrl)
    checked = {tracked.reference.check for tracked in references_of(store, window.session.brief.id)}
    assert ReferenceCheck.VERIFIED in checked
    window.review.setCurrentWidget(window.recommendations)  # as Alt+N does
    assert window.recommendations.table.hasFocus()
    assert window.recommendations.table.selectionModel().isRowSelected(0)
    window.review.setCurrentWidget(window.edits)
    assert window.edits.editor.hasFocus()


def test_library_search_and_bad_files(qtbot: QtBot, store: Store, settings: Settings,
                                      brief_file: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, store, settings)
    window.open_sample()
    messages: list[str] = []
    monkeypatch.setattr(window, "show_error", messages.append)
    window.session.error.disconnect()
    window.session.error.connect(window.show_error)
    with qtbot.waitSignal(window.library_model.modelReset, timeout=20_000):
        window.import_paths([brief_file])
    window.search.setText("corrin")
    assert window.library.model().rowCount() == 1
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    window.import_paths([broken])
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert "damaged" in messages[0] or "not a Word document" in messages[0]


def test_opening_a_legacy_text_file_says_which_encoding_it_was_read_in(
        qtbot: QtBot, store: Store, settings: Settings, tmp_path: Path) -> None:
    window = _window(qtbot, store, settings)
    notes = tmp_path / "notes.txt"
    notes.write_bytes("Заметки об озере\n\nКафе у причала снова открылось, и сезон окуня "
                      "прошёл лучше, чем ожидали.\n".encode("cp1251"))
    window.import_paths([notes])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Opened"),
                    timeout=20_000)
    assert window.statusBar().currentMessage() == (
        "Opened Заметки об озере, read as windows-1251")
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("Lake notes\n\nThe café reopened.\n", encoding="utf-8")
    window.import_paths([utf8])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Opened Lake notes",
                    timeout=20_000)


def test_opening_a_word_file_with_pending_tracked_changes_says_so(
        qtbot: QtBot, store: Store, settings: Settings, tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("The council ")
    paragraph._p.append(parse_xml(
        '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:id="1" w:author="Editor" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>rarely '
        "</w:delText></w:r></w:del>"))
    paragraph.add_run("checked the permits.")
    path = tmp_path / "Permits.docx"
    document.save(path)
    window = _window(qtbot, store, settings)
    window.open_paths_now([path])
    assert window.statusBar().currentMessage() == (
        "Opened Permits: 1 tracked change from the file shown as suggested edits")


def test_gui_command_opens_a_brief_and_saves_a_screenshot(tmp_path: Path,
                                                          brief_file: Path) -> None:
    db = tmp_path / "app.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), "import",
                    str(brief_file)], check=True, capture_output=True, env=env, timeout=120)
    picture = tmp_path / "window.png"
    result = subprocess.run(
        [sys.executable, "-m", "reviewdesk", "--db", str(db), "gui", "--open", "lake corrin "
         "fisheries outlook", "--screenshot", str(picture)],
        capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert picture.stat().st_size > 10_000
    missing = subprocess.run(
        [sys.executable, "-m", "reviewdesk", "--db", str(db), "gui", "--open", "nope",
         "--screenshot", str(picture)], capture_output=True, text=True, timeout=120, env=env)
    assert missing.returncode == 1
    assert missing.stderr.startswith("reviewdesk: error: no brief 'nope'")


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
