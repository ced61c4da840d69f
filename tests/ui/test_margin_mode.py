"""In the window: the margin beside the words or the list in the review pane (View → Cards
in the margin, remembered), and a new annotation ready to type into."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot
from qt_helpers import select_words, show_active

from reviewdesk.services.annotations import list_annotations
from reviewdesk.storage.store import Store
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings

LAGOON = """\
# The lagoon survey

The survey boats counted flamingos on the salt flats every morning in May.

The wardens closed the northern channel to motor boats after the first storm.

A second count in June found the colony had moved towards the old pumping station.
"""



@pytest.fixture
def window(qtbot: QtBot, store: Store, settings: Settings, tmp_path: Path) -> MainWindow:
    path = tmp_path / "lagoon.md"
    path.write_text(LAGOON, encoding="utf-8")
    opened = MainWindow(store, settings)
    show_active(qtbot, opened, 1280, 800)
    opened.open_paths_now([path])
    assert opened.session.brief is not None
    return opened



def _words_y(window: MainWindow, position: int) -> int:
    cursor = QTextCursor(window.document.document())
    cursor.setPosition(position)
    top = window.document.cursorRect(cursor).top()
    global_top = window.document.viewport().mapToGlobal(QPoint(0, top))
    return window.margin.mapFromGlobal(global_top).y()


def test_the_cards_are_in_the_margin_by_default_with_the_editor_in_the_pane(
        window: MainWindow) -> None:
    assert window.margin.isVisible()
    assert not window.cards.list.isVisible()
    assert window.cards.editor.isVisible()
    assert window.margin.geometry().left() > window.document.geometry().left()


def test_a_new_annotation_made_with_the_tag_key_is_selected_and_ready_to_type_into(
        qtbot: QtBot, window: MainWindow, store: Store) -> None:
    start, end = select_words(window, "salt flats")
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_1)
    [made] = window.session.annotations
    assert (made.start, made.end) == (start, end)
    assert window.session.selected_annotation() == made
    assert window.cards.current_id() == made.id and window.margin.selected_id() == made.id
    assert window.cards.comment.hasFocus()
    rect = window.margin.card_rect(made.id)
    assert rect is not None and rect.top() == _words_y(window, start)
    qtbot.keyClicks(window.cards.comment, "Which flats?")
    qtbot.keyClick(window.cards.comment, Qt.Key.Key_Escape)
    assert window.document.hasFocus()
    assert window.session.brief is not None
    [stored] = list_annotations(store, window.session.brief.id)
    assert stored.comment == "Which flats?"


def test_undo_and_redo_bring_an_annotation_back_without_taking_the_keys(
        qtbot: QtBot, window: MainWindow) -> None:
    select_words(window, "northern channel")
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_2)
    qtbot.keyClick(window.cards.comment, Qt.Key.Key_Escape)
    assert window.document.hasFocus()
    window.session.undo_stack.undo()
    assert window.session.annotation_count == 0
    window.session.undo_stack.redo()
    assert window.session.annotation_count == 1
    assert window.document.hasFocus() and not window.cards.comment.hasFocus()


def test_a_comment_written_in_the_dialog_is_selected_and_the_keys_go_back_to_the_words(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window.document, "ask_comment", lambda _title, _text: "Since when?")
    select_words(window, "first storm")
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    [made] = window.session.annotations
    assert made.comment == "Since when?" and window.margin.selected_id() == made.id
    assert window.document.hasFocus()


def test_a_card_double_clicked_in_the_margin_opens_its_comment(
        qtbot: QtBot, window: MainWindow) -> None:
    select_words(window, "pumping station")
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_1)
    qtbot.keyClick(window.cards.comment, Qt.Key.Key_Escape)
    [made] = window.session.annotations
    rect = window.margin.card_rect(made.id)
    assert rect is not None
    qtbot.mouseDClick(window.margin, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.cards.comment.hasFocus() and window.cards.current_id() == made.id


def test_view_menu_switches_to_the_list_and_remembers_it(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    [view] = [entry.menu() for entry in window.menuBar().actions() if entry.text() == "&View"]
    [action] = [action for action in view.actions() if action.text() == "Cards in the &margin"]
    assert action.isCheckable() and action.isChecked()
    action.trigger()
    assert not window.margin.isVisible()
    assert window.cards.list.isVisible() and window.cards.editor.isVisible()
    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.cards_in_margin is False
    # The list mode works as before: tagging still selects the new card, in the list.
    select_words(window, "flamingos")
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_1)
    [made] = window.session.annotations
    assert window.cards.list.currentIndex().row() == 0
    assert window.cards.current_id() == made.id and window.cards.comment.hasFocus()
    action.trigger()
    assert window.margin.isVisible() and not window.cards.list.isVisible()
    assert again.cards_in_margin is True


def test_accepting_suggestions_leaves_the_keys_in_their_list(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    window.open_sample()
    suggestions = window.suggestion_cards
    window.review.setCurrentWidget(suggestions)
    assert suggestions.cards()
    suggestions.list.setFocus()
    suggestions.accept_current()
    assert window.session.annotation_count == 1
    assert suggestions.list.hasFocus() and not window.cards.comment.hasFocus()
    assert window.review.currentWidget() is suggestions
