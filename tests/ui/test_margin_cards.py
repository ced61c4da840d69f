"""The comment margin: cards level with their words, stacked when crowded, the selected one
beside its words, following the document's scroll; only the cards in view are painted."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.review import Annotation
from reviewdesk.services.annotations import create_annotation
from reviewdesk.services.briefs import import_files
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.store import Store
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.margin_card_painter import comment_lines
from reviewdesk.ui.margin_cards import MarginCards
from reviewdesk.ui.session import ReviewSession

PARAGRAPHS = 60
SENTENCE = ("Harbour {n} keeps a ledger of eel traps, and the ferry crew counts the herons "
            "that nest on the breakwater each spring.")


@dataclass
class Margin:
    session: ReviewSession
    document: DocumentView
    margin: MarginCards
    brief_id: str
    window: QWidget  # held here: the panes live as long as their window


@pytest.fixture
def harbour_brief(tmp_path: Path) -> Path:
    lines = ["# The harbour ledgers", ""]
    for number in range(PARAGRAPHS):
        lines += [SENTENCE.format(n=number), ""]
    path = tmp_path / "harbours.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _text(store: Store, brief_id: str) -> str:
    with store.transaction() as tx:
        found = tx.briefs.title_and_text(brief_id)
    assert found is not None
    return found[1]


def _open(qtbot: QtBot, store: Store, brief_id: str) -> Margin:
    session = ReviewSession(store)
    session.open_brief(brief_id)
    window = QWidget()
    row = QHBoxLayout(window)
    document = DocumentView(session)
    margin = MarginCards(session, document)
    row.addWidget(document, 1)
    row.addWidget(margin)
    qtbot.addWidget(window)
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    return Margin(session, document, margin, brief_id, window)


@pytest.fixture
def margin(qtbot: QtBot, store: Store, harbour_brief: Path) -> Margin:
    """Far apart: "ledger" in every fifth paragraph. Crowded: "ferry", "herons" and
    "breakwater" in paragraph 57, all on its first lines, below the last "ledger"."""
    brief_id = import_files(store, [harbour_brief])[0].id
    text = _text(store, brief_id)
    for number in range(0, PARAGRAPHS, 5):
        start = text.index("ledger", text.index(f"Harbour {number} "))
        create_annotation(store, brief_id, start, start + len("ledger"),
                          comment=f"Which ledger, harbour {number}?")
    paragraph = text.index("Harbour 57 ")
    for word in ("ferry", "herons", "breakwater"):
        start = text.index(word, paragraph)
        create_annotation(store, brief_id, start, start + len(word), comment=f"About {word}.")
    return _open(qtbot, store, brief_id)


def _words_y(panes: Margin, annotation_id: str) -> int:
    """The top of the annotation's first line, from the document's own cursorRect, in the
    margin's coordinates."""
    view = panes.session.annotation(annotation_id)
    assert view is not None
    cursor = QTextCursor(panes.document.document())
    cursor.setPosition(view.start)
    top = panes.document.cursorRect(cursor).top()
    viewport = panes.document.viewport()
    return panes.margin.mapFromGlobal(viewport.mapToGlobal(QPoint(0, top))).y()


def _ids_with(panes: Margin, word: str) -> list[str]:
    return [view.id for view in panes.session.annotations if word in view.comment]


def _rects(panes: Margin) -> list[QRect]:
    cards = panes.margin.cards()
    assert len(cards) == panes.session.annotation_count
    return sorted((QRect(0, round(card.top), 10, card.height) for card in cards),
                  key=lambda rect: rect.top())


def _apart(rects: list[QRect]) -> bool:
    return all(upper.bottom() < lower.top() for upper, lower in itertools.pairwise(rects))


def test_each_card_is_level_with_its_words_when_not_crowded(margin: Margin) -> None:
    far = _ids_with(margin, "Which ledger")
    assert len(far) == PARAGRAPHS // 5
    for key in far:
        rect = margin.margin.card_rect(key)
        assert rect is not None and rect.top() == _words_y(margin, key)


def test_crowded_cards_stack_downward_without_overlapping(margin: Margin) -> None:
    crowded = [_ids_with(margin, f"About {word}")[0] for word in ("ferry", "herons",
                                                                  "breakwater")]
    rects = [margin.margin.card_rect(key) for key in crowded]
    assert all(rect is not None for rect in rects)
    placed = [rect for rect in rects if rect is not None]
    assert placed[0].top() == _words_y(margin, crowded[0])
    assert [rect.top() for rect in placed] == sorted(rect.top() for rect in placed)
    for key, rect in zip(crowded, placed, strict=True):
        assert rect.top() >= _words_y(margin, key)
    assert placed[1].top() > _words_y(margin, crowded[1])  # pushed down by the first
    assert _apart(_rects(margin))


def test_the_selected_card_moves_level_with_its_words(margin: Margin) -> None:
    third = _ids_with(margin, "About breakwater")[0]
    margin.session.annotation_selected.emit(third)
    rect = margin.margin.card_rect(third)
    assert rect is not None and rect.top() == _words_y(margin, third)
    assert margin.margin.selected_id() == third
    assert _apart(_rects(margin))  # the two above it were pushed up


def test_scrolling_the_document_moves_the_cards_with_it(qtbot: QtBot, margin: Margin) -> None:
    last = _ids_with(margin, f"harbour {PARAGRAPHS - 5}?")[0]
    before = margin.margin.card_rect(last)
    bar = margin.document.verticalScrollBar()
    assert before is not None and bar.maximum() > 300
    bar.setValue(300)
    after = margin.margin.card_rect(last)
    assert after is not None and after.top() == before.top() - 300
    assert after.top() == _words_y(margin, last)
    shown = {card.annotation_id for card in margin.margin.visible_cards()}
    first = _ids_with(margin, "harbour 0?")[0]
    assert first not in shown  # scrolled out of sight


def test_the_wheel_over_the_margin_scrolls_the_document(margin: Margin) -> None:
    bar = margin.document.verticalScrollBar()
    assert bar.value() == 0
    place = QPointF(50, 50)
    wheel = QWheelEvent(place, QPointF(margin.margin.mapToGlobal(place.toPoint())),
                        QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(margin.margin, wheel)
    assert bar.value() > 0


def test_clicking_a_card_selects_its_annotation_in_the_document(qtbot: QtBot,
                                                                margin: Margin) -> None:
    key = _ids_with(margin, "About herons")[0]
    rect = margin.margin.card_rect(key)
    assert rect is not None
    with qtbot.waitSignal(margin.session.annotation_selected) as chosen:
        qtbot.mouseClick(margin.margin, Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [key]
    view = margin.session.annotation(key)
    cursor = margin.document.textCursor()
    assert view is not None
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (view.start, view.end)
    assert margin.margin.card_at(QPoint(rect.center().x(), rect.bottom() + 2)) != key


def test_the_keys_move_between_cards_and_delete_one(qtbot: QtBot, margin: Margin) -> None:
    order = [view.id for view in margin.session.annotations]
    margin.margin.setFocus()
    qtbot.keyClick(margin.margin, Qt.Key.Key_Down)  # nothing selected: the first card
    assert margin.session.selected_annotation() == margin.session.annotation(order[0])
    qtbot.keyClick(margin.margin, Qt.Key.Key_Down)
    qtbot.keyClick(margin.margin, Qt.Key.Key_Down)
    qtbot.keyClick(margin.margin, Qt.Key.Key_Up)
    assert margin.margin.selected_id() == order[1]
    qtbot.keyClick(margin.margin, Qt.Key.Key_Delete)
    assert margin.session.annotation(order[1]) is None
    assert margin.margin.card_rect(order[1]) is None and margin.margin.selected_id() is None
    margin.session.undo_stack.undo()
    assert margin.margin.card_rect(order[1]) is not None
    with qtbot.waitSignal(margin.margin.activated) as activated:
        margin.session.annotation_selected.emit(order[2])
        qtbot.keyClick(margin.margin, Qt.Key.Key_Return)
    assert activated.args == [order[2]]


def test_cards_follow_added_edited_and_removed_annotations(margin: Margin) -> None:
    view = margin.session.annotations[0]
    count = len(margin.margin.cards())
    margin.session.removed(view.id)
    assert len(margin.margin.cards()) == count - 1
    assert margin.margin.card_rect(view.id) is None
    margin.session.added(view)
    rect = margin.margin.card_rect(view.id)
    assert rect is not None and rect.top() == _words_y(margin, view.id)


def test_a_long_comment_is_cut_to_three_lines() -> None:
    from PySide6.QtGui import QFont

    words = " ".join(["otters"] * 200)
    lines = comment_lines(words, QFont(), 150)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert comment_lines("Short.", QFont(), 150) == ("Short.",)
    assert comment_lines("  \n ", QFont(), 150) == ()


def test_ten_thousand_annotations_paint_only_the_cards_in_view(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    long_brief = tmp_path / "ledgers.md"
    long_brief.write_text("# Ledgers of every harbour\n\n" + "\n\n".join(
        SENTENCE.format(n=number) for number in range(2_500)), encoding="utf-8")
    brief_id = import_files(store, [long_brief])[0].id
    text = _text(store, brief_id)
    starts = [index for index in range(len(text)) if text.startswith(("eel", "ferry",
                                                                      "herons", "spring"),
                                                                     index)]
    assert len(starts) == 10_000
    with store.transaction() as tx:
        reviewer = ensure_reviewer(tx, "Noor Haddad").id
        tx.annotations.add_all(
            Annotation(brief_id=brief_id, reviewer_id=reviewer, comment=f"note {number}",
                       anchor=anchor_at(text, start, start + 3))
            for number, start in enumerate(starts))
    panes = _open(qtbot, store, brief_id)
    assert panes.session.annotation_count == 10_000
    panes.margin.grab()  # paints it
    assert 0 < panes.margin.painted < 20
    assert _apart(_rects(panes))
    last = panes.session.annotations[-1].id
    panes.session.annotation_selected.emit(last)  # the document scrolls to its words
    panes.margin.grab()  # paints it
    assert 0 < panes.margin.painted < 20
    rect = panes.margin.card_rect(last)
    assert rect is not None and rect.top() == _words_y(panes, last)


def test_zooming_the_text_keeps_each_card_level_with_its_words(margin: Margin) -> None:
    margin.document.zoom_in()
    margin.document.zoom_in()
    for key in _ids_with(margin, "Which ledger")[:3]:
        rect = margin.margin.card_rect(key)
        assert rect is not None and rect.top() == _words_y(margin, key)
