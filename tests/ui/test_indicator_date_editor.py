"""An indicator's date on its card: shown with how it was had, set, refused, cleared and
undone through the session's undo stack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.annotation_cards import AnnotationCards
from reviewdesk.ui.annotation_model import AnnotationRole
from reviewdesk.ui.session import ReviewSession

BRIEF = """# Ferries

## Indicators

The landing closed on 4 March 2024 for repairs. The county later cancelled the night
crossings.

## Notes

Crews asked for better pay.
"""


def test_the_date_on_an_indicators_card(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ferries.md"
    path.write_text(BRIEF, encoding="utf-8")
    brief = import_files(store, [path])[0]
    annotate(store, brief.id, "cancelled the night crossings", tag="Indicator")
    annotate(store, brief.id, "better pay", tag="Claim")
    session = ReviewSession(store)
    session.open_brief(brief.id)
    cards = AnnotationCards(session)
    qtbot.addWidget(cards)
    cards.show()

    def choose(row: int) -> None:
        cards.list.selectionModel().setCurrentIndex(
            cards.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    choose(0)
    editor = cards.date
    assert editor.isVisible()
    assert "4 March 2024" in editor.shown.text() and "inferred from" in editor.shown.text()

    editor.field.setText("2024-05")
    editor.save()
    view = cards.model.data(cards.model.index(0), AnnotationRole)
    assert view.date == "May 2024"
    assert "set by a reviewer" in editor.shown.text()

    editor.field.setText("soon")
    editor.save()
    assert "not a date ReviewDesk can read" in editor.shown.text()
    assert session.annotation(view.id).date == "May 2024"

    session.undo_stack.undo()
    assert session.annotation(view.id).date is None
    session.undo_stack.redo()
    editor.clear()
    assert session.annotation(view.id).date is None

    choose(1)  # a claim has no date field
    assert not editor.isVisible()
