"""The review pane: cards follow the session row by row, and the editor edits through undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui import undo
from reviewdesk.ui.annotation_cards import AnnotationCards
from reviewdesk.ui.annotation_model import AnnotationModel, AnnotationRole
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.session import ReviewSession


@pytest.fixture
def session(qtbot: QtBot, store: Store, brief_file: Path) -> ReviewSession:
    brief = import_files(store, [brief_file])[0]
    annotate(store, brief.id, "quotas", tag="Claim", comment="Which quotas?")
    annotate(store, brief.id, "first joint patrol", tag="Indicator › security")
    annotate(store, brief.id, "second patrol boat", tag="Recommendation")
    opened = ReviewSession(store)
    opened.open_brief(brief.id)
    return opened


@pytest.fixture
def cards(qtbot: QtBot, session: ReviewSession) -> AnnotationCards:
    pane = AnnotationCards(session)
    qtbot.addWidget(pane)
    pane.resize(380, 700)
    pane.show()
    pane.activateWindow()
    qtbot.waitExposed(pane)
    return pane


def _ids(cards: AnnotationCards) -> list[str]:
    return [cards.model.data(cards.model.index(row), AnnotationRole).id
            for row in range(cards.model.rowCount())]


def _choose(cards: AnnotationCards, row: int) -> None:
    cards.list.selectionModel().setCurrentIndex(
        cards.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_model_passes_the_item_model_tester(qtbot: QtBot, session: ReviewSession) -> None:
    assert session.brief is not None
    model = AnnotationModel(session)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))
    start = session.brief.text.index("perch")
    session.push(undo.CreateAnnotation(session, session.brief.id, start, start + 5, None))
    assert inserted and model.view_at(inserted[0]) == session.annotation(
        model.data(model.index(inserted[0]), AnnotationRole).id)
    assert [model.view_at(r) for r in range(model.rowCount())] == session.annotations
    session.undo_stack.undo()
    assert model.rowCount() == 3
    session.open_brief(session.brief.id)
    assert model.rowCount() == 3 and model.index(0).parent() == QModelIndex()


def test_cards_are_in_document_order_and_follow_selection(
        qtbot: QtBot, cards: AnnotationCards, session: ReviewSession) -> None:
    assert _ids(cards) == [note.id for note in session.annotations]
    third = session.annotations[2]
    session.annotation_selected.emit(third.id)
    assert cards.current_id() == third.id and cards.list.currentIndex().row() == 2
    with qtbot.waitSignal(session.annotation_selected) as chosen:
        _choose(cards, 0)
    assert chosen.args == [session.annotations[0].id]
    assert cards.comment.toPlainText() == "Which quotas?"


def test_edit_comment_resolve_reply_and_delete(qtbot: QtBot, cards: AnnotationCards,
                                               session: ReviewSession) -> None:
    assert session.brief is not None
    first = session.annotations[0]
    _choose(cards, 0)
    cards.comment.setFocus()
    cards.comment.setPlainText("Which quotas, exactly?")
    qtbot.keyClick(cards.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    stored = {note.id: note for note in list_annotations(session.store, session.brief.id)}
    assert stored[first.id].comment == "Which quotas, exactly?"

    cards.toggle_resolved()  # Ctrl+Shift+R is the window's (tests/ui/test_window_keys.py)
    assert cards.resolved.isChecked()
    assert session.annotations[0].status == AnnotationStatus.RESOLVED
    cards.resolved.click()
    assert session.annotations[0].status == AnnotationStatus.OPEN

    cards.reply.setText("The perch quota.")
    qtbot.keyClick(cards.reply, Qt.Key.Key_Return)
    [reply] = list_annotations(session.store, session.brief.id)[0].replies
    assert reply.text == "The perch quota." and "The perch quota." in cards.replies.text()

    cards.list.setFocus()
    qtbot.keyClick(cards.list, Qt.Key.Key_Delete)
    assert first.id not in [note.id for note in list_annotations(session.store,
                                                                 session.brief.id)]
    assert first.id not in _ids(cards)
    session.undo_stack.undo()
    assert _ids(cards)[0] == first.id


def test_comment_saves_when_focus_leaves(qtbot: QtBot, cards: AnnotationCards,
                                         session: ReviewSession) -> None:
    _choose(cards, 1)
    cards.comment.setFocus()
    cards.comment.setPlainText("Date?")
    cards.reply.setFocus()
    assert session.annotations[1].comment == "Date?"


def test_tagging_in_the_document_adds_a_card_and_clicks_choose_it(
        qtbot: QtBot, session: ReviewSession) -> None:
    assert session.brief is not None
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    view, pane = DocumentView(session), AnnotationCards(session)
    row.addWidget(view)
    row.addWidget(pane)
    window.resize(1100, 700)
    window.show()
    start = session.brief.text.index("closed season")
    view.select_range(start, start + len("closed season"))
    qtbot.keyClick(view, Qt.Key.Key_7)
    assert pane.model.rowCount() == 4
    view.select_range(start + 3, start + 3)
    view.click_at(view.cursorRect().center())
    chosen = pane.model.view_at(pane.list.currentIndex().row())
    assert chosen is not None and chosen.quote == "closed season"
    session.undo_stack.undo()
    assert pane.model.rowCount() == 3


def test_cards_say_when_a_carried_annotation_is_not_sure() -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    from reviewdesk.domain.review import AnnotationStatus
    from reviewdesk.domain.views import AnnotationView
    from reviewdesk.ui.annotation_cards import placement_label

    when = datetime(2026, 1, 1, tzinfo=UTC)
    view = AnnotationView(id="a", brief_id="b", tag=None, colour=None, comment="", reviewer="R",
                          initials="R", status=AnnotationStatus.OPEN, quote="q", prefix="",
                          suffix="", start=0, end=1, created=when, modified=when)
    assert placement_label(view) == ""
    assert placement_label(replace(view, anchor_state="needs_review",
                                   anchor_score=0.62)) == "⚠ Check placement (62%)"
    assert placement_label(replace(view, anchor_state="orphaned")).startswith("⚠ Orphaned")
