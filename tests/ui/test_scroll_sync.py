"""The cards follow the document's scrolling, without changing the selection."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.services.annotations import create_annotation
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.annotation_cards import AnnotationCards
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.scroll_sync import ScrollSync
from reviewdesk.ui.session import ReviewSession

PARAGRAPHS = 200


@dataclass
class Panes:
    session: ReviewSession
    document: DocumentView
    cards: AnnotationCards
    window: QWidget  # held here: the panes live as long as their window


@pytest.fixture
def long_brief(tmp_path: Path) -> Path:
    lines = ["# A long brief", ""]
    for number in range(PARAGRAPHS):
        lines += [f"Paragraph {number} says the lake needs a quota and a patrol boat.", ""]
    path = tmp_path / "long.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def panes(qtbot: QtBot, store: Store, long_brief: Path) -> Panes:
    brief_id = import_files(store, [long_brief])[0].id
    with store.transaction() as tx:
        found = tx.briefs.title_and_text(brief_id)
    assert found is not None
    text = found[1]
    start = 0
    for _ in range(PARAGRAPHS):  # the word "quota" in every paragraph
        start = text.index("quota", start + 1)
        create_annotation(store, brief_id, start, start + len("quota"), comment="Which one?")
    session = ReviewSession(store)
    session.open_brief(brief_id)
    window = QWidget()
    row = QHBoxLayout(window)
    document, cards = DocumentView(session), AnnotationCards(session)
    row.addWidget(document)
    row.addWidget(cards)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    return Panes(session, document, cards, window)


def top_row(cards: AnnotationCards) -> int:
    return cards.list.indexAt(QPoint(20, 2)).row()


def expected_row(session: ReviewSession, document: DocumentView) -> int:
    offset = document.cursorForPosition(QPoint(0, 0)).position()
    return bisect.bisect_left([view.start for view in session.annotations], offset)


def test_cards_scroll_with_the_document(qtbot: QtBot, panes: Panes) -> None:
    session, document, cards = panes.session, panes.document, panes.cards
    sync = ScrollSync(document, cards)
    bar = document.verticalScrollBar()
    assert bar.maximum() > 0
    with qtbot.assertNotEmitted(session.annotation_selected):
        bar.setValue(bar.maximum() // 2)
        expected = expected_row(session, document)
        assert 10 < expected < PARAGRAPHS - 10
        qtbot.waitUntil(lambda: top_row(cards) == expected)
    assert cards.current_id() is None  # scrolled, not selected
    assert sync.first_visible_annotation() == session.annotations[expected].id


def test_a_disabled_sync_leaves_the_cards_alone(qtbot: QtBot, panes: Panes) -> None:
    document, cards = panes.document, panes.cards
    sync = ScrollSync(document, cards)
    sync.enabled = False
    document.verticalScrollBar().setValue(document.verticalScrollBar().maximum() // 2)
    qtbot.wait(150)
    assert top_row(cards) == 0
    sync.enabled = True
    document.verticalScrollBar().setValue(document.verticalScrollBar().maximum() // 3)
    qtbot.waitUntil(lambda: top_row(cards) > 0)


def test_choosing_a_card_is_not_undone_by_the_sync(qtbot: QtBot, panes: Panes) -> None:
    session, document, cards = panes.session, panes.document, panes.cards
    ScrollSync(document, cards)
    chosen = session.annotations[150].id
    session.annotation_selected.emit(chosen)  # the document scrolls to it, the card centres
    centred = cards.list.verticalScrollBar().value()
    qtbot.wait(150)
    assert cards.current_id() == chosen
    assert cards.list.verticalScrollBar().value() == centred
