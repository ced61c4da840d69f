"""Suggested edits: made from the selection, shown as word diffs, withdrawn undoably."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewdesk.services.briefs import import_files
from reviewdesk.services.tracking import suggestions_of
from reviewdesk.storage.store import Store
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.suggest_edit import SuggestEditPane, word_diff_html
from reviewdesk.ui.suggestion_cards import HTML_ROLE


@pytest.fixture
def session(qtbot: QtBot, store: Store, brief_file: Path) -> ReviewSession:
    opened = ReviewSession(store)
    opened.open_brief(import_files(store, [brief_file])[0].id)
    return opened


@pytest.fixture
def pane(qtbot: QtBot, session: ReviewSession) -> SuggestEditPane:
    widget = SuggestEditPane(session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _select(pane: SuggestEditPane, session: ReviewSession, words: str) -> None:
    assert session.brief is not None
    start = session.brief.text.index(words)
    pane.set_selection(start, start + len(words))


def test_word_diff_marks_deletions_and_insertions() -> None:
    shown = word_diff_html("the two councils signed", "both councils quickly signed")
    assert "<s style='color:#c62828'>the two</s>" in shown
    assert "<u style='color:#2e7d32'>both</u>" in shown
    assert "<u style='color:#2e7d32'>quickly </u>" in shown
    assert word_diff_html("a < b", "a > b").count("&") == 2  # text is escaped


def test_selection_fills_the_editor(pane: SuggestEditPane, session: ReviewSession) -> None:
    _select(pane, session, "signed a shared quota")
    assert pane.editor.toPlainText() == "signed a shared quota"
    assert pane.suggest_action.isEnabled()
    pane.suggest_action.trigger()  # nothing rewritten yet: the editor opens to type in
    assert session.brief is not None
    assert suggestions_of(session.store, session.brief.id) == []
    assert pane.editor.textCursor().selectedText() == "signed a shared quota"
    pane.editor.setPlainText("agreed a joint quota")
    assert pane.suggest_action.isEnabled()


def test_suggest_stores_and_lists_the_diff(qtbot: QtBot, pane: SuggestEditPane,
                                           session: ReviewSession) -> None:
    assert session.brief is not None
    _select(pane, session, "signed a shared quota")
    pane.editor.setPlainText("agreed a joint quota")
    pane.editor.setFocus()
    qtbot.keyClick(pane.editor, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    [stored] = suggestions_of(session.store, session.brief.id)
    assert stored.replacement == "agreed a joint quota"
    shown = pane.suggestions.item(0).data(HTML_ROLE)
    assert "<s style='color:#c62828'>signed</s>" in shown
    assert "<u style='color:#2e7d32'>joint</u>" in shown


def test_withdraw_and_undo(qtbot: QtBot, pane: SuggestEditPane,
                           session: ReviewSession) -> None:
    assert session.brief is not None
    _select(pane, session, "perch")
    pane.editor.setPlainText("trout")
    pane.suggest()
    pane.suggestions.setFocus()
    qtbot.keyClick(pane.suggestions, Qt.Key.Key_Delete)
    assert suggestions_of(session.store, session.brief.id) == []
    assert pane.suggestion_list() == []
    session.undo_stack.undo()
    [back] = suggestions_of(session.store, session.brief.id)
    assert back.replacement == "trout" and [s.id for s in pane.suggestion_list()] == [back.id]


def test_a_refused_suggestion_is_reported(qtbot: QtBot, pane: SuggestEditPane,
                                          session: ReviewSession) -> None:
    assert session.brief is not None
    start = session.brief.text.index("for a decade")
    pane.set_selection(start, session.brief.text.index("In March 2024"))
    pane.editor.setPlainText("for ten years.")
    with qtbot.waitSignal(session.error) as blocker:
        pane.suggest()
    assert "single paragraph" in blocker.args[0]
    assert suggestions_of(session.store, session.brief.id) == []
