"""The brief-reading cards: accepted with one key (undoably), dismissed, shown as done."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.suggestion_cards import HTML_ROLE, CardKind, SuggestionCards

BRIEF = """\
# Border Trade Outlook

## Background

Trade across the northern border has grown slowly for a decade.

## Indicators of a new approach

- On 12 April 2023 the two governments signed a transit agreement at Panj.
- The new bridge opened on 21 March 2023 (1 Hamal 1402) with both ministers present.
- The customs post reopened on 21 March 2023 (1 Qaws 1402) after repairs.

## References

- World Bank. (2022, May 4). Regional trade review. https://example.org/trade
- World Bank. (2022, May 4). Regional trade review. https://example.org/trade
"""


@pytest.fixture
def session(qtbot: QtBot, store: Store, tmp_path: Path) -> ReviewSession:
    path = tmp_path / "border.md"
    path.write_text(BRIEF, encoding="utf-8")
    opened = ReviewSession(store)
    opened.open_brief(import_files(store, [path])[0].id)
    return opened


@pytest.fixture
def cards(qtbot: QtBot, session: ReviewSession) -> SuggestionCards:
    widget = SuggestionCards(session)
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    widget.list.setFocus()
    return widget


def _select(cards: SuggestionCards, kind: CardKind, words: str) -> None:
    for row, card in enumerate(cards.cards()):
        if card.kind == kind and words in card.text:
            cards.list.setCurrentRow(row)
            return
    raise AssertionError(f"no {kind} card for {words!r}")


def test_every_kind_of_finding_has_a_card(cards: SuggestionCards) -> None:
    titles = [card.title for card in cards.cards()]
    assert "Indicator? · 12 April 2023 · Indicators of a …" in titles
    assert "No source found" in titles
    assert "Dates disagree: 21 March 2023 vs 1 Qaws 1402" in titles
    assert "Reference 2 duplicates 1" in titles
    # The Hamal date matches its Gregorian twin, so it is not a finding.
    assert not any("Hamal" in title for title in titles)


def test_selecting_a_card_requests_its_range(qtbot: QtBot, cards: SuggestionCards,
                                             session: ReviewSession) -> None:
    assert session.brief is not None
    with qtbot.waitSignal(cards.range_requested) as blocker:
        _select(cards, CardKind.DATE, "Qaws")
    start, end = blocker.args
    assert session.brief.text[start:end] == "21 March 2023 (1 Qaws 1402)"


def test_accept_with_a_tags_the_sentence_and_undoes(qtbot: QtBot, cards: SuggestionCards,
                                                    session: ReviewSession) -> None:
    assert session.brief is not None
    _select(cards, CardKind.INDICATOR, "transit agreement")
    accepted = cards.current_card()
    qtbot.keyClick(cards.list, Qt.Key.Key_A)
    [note] = list_annotations(session.store, session.brief.id)
    assert note.tag == "Indicator" and note.quote.startswith("On 12 April 2023")
    assert "✓ done" in cards.list.item(cards.cards().index(accepted)).data(HTML_ROLE)
    session.undo_stack.undo()
    assert list_annotations(session.store, session.brief.id) == []
    assert "✓ done" not in cards.list.item(cards.cards().index(accepted)).data(HTML_ROLE)


def test_accept_claim_and_date_cards_comment_them(qtbot: QtBot, cards: SuggestionCards,
                                                  session: ReviewSession) -> None:
    assert session.brief is not None
    _select(cards, CardKind.CLAIM, "transit agreement")
    qtbot.keyClick(cards.list, Qt.Key.Key_Return)
    _select(cards, CardKind.DATE, "Qaws")
    qtbot.keyClick(cards.list, Qt.Key.Key_A)
    notes = {note.tag: note for note in list_annotations(session.store, session.brief.id)}
    assert notes["Claim"].comment == "No source in the reference list"
    assert notes["Question"].quote == "21 March 2023 (1 Qaws 1402)"
    assert "21 March 2023" in notes["Question"].comment
    assert "1 Qaws 1402" in notes["Question"].comment


def test_accepting_a_done_card_adds_nothing(qtbot: QtBot, cards: SuggestionCards,
                                            session: ReviewSession) -> None:
    assert session.brief is not None
    _select(cards, CardKind.INDICATOR, "transit agreement")
    cards.accept_current()
    _select(cards, CardKind.INDICATOR, "transit agreement")
    row = cards.list.currentRow()
    cards.accept_current()
    assert len(list_annotations(session.store, session.brief.id)) == 1
    assert cards.list.currentRow() > row  # it moves on to the next open card


def test_dismiss_hides_the_card_for_this_brief(qtbot: QtBot, cards: SuggestionCards,
                                               session: ReviewSession) -> None:
    assert session.brief is not None
    before = len(cards.cards())
    _select(cards, CardKind.REFERENCE, "World Bank")
    qtbot.keyClick(cards.list, Qt.Key.Key_D)
    assert len(cards.cards()) == before - 1
    assert not any(card.kind == CardKind.REFERENCE for card in cards.cards())
    session.open_brief(session.brief.id)  # reopening keeps the dismissal
    assert len(cards.cards()) == before - 1
    cards.restore_dismissed()
    assert len(cards.cards()) == before


@pytest.mark.parametrize("width", [260, 420, 700])
def test_cards_never_overlap_and_hold_their_whole_text(qtbot: QtBot, cards: SuggestionCards,
                                                       width: int) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from reviewdesk.ui.suggestion_cards import HtmlDelegate

    cards.resize(width, 180)  # short, so that the list scrolls
    qtbot.wait(50)
    view = cards.list
    delegate = view.itemDelegate()
    assert isinstance(delegate, HtmlDelegate)
    rects = [view.visualRect(view.model().index(row, 0)) for row in range(view.count())]
    assert len(rects) >= 3
    for upper, lower in itertools.pairwise(rects):
        assert upper.bottom() < lower.top()
    for row, rect in enumerate(rects):
        option = QStyleOptionViewItem()
        option.font = view.font()
        needed = delegate.sizeHint(option, view.model().index(row, 0)).height()
        assert rect.height() >= needed and rect.right() <= view.viewport().width()
