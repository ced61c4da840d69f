"""The tracking tables show their state: the state columns stay in sight in a narrow pane,
rows are tinted by their state and say it in words, on the light and the dark palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from reviewdesk.bundled import sample_brief_path
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.recommendation_model import Column as Rec
from reviewdesk.ui.recommendation_model import RecommendationTableModel
from reviewdesk.ui.recommendations_tab import RecommendationsTab
from reviewdesk.ui.reference_model import Column as Ref
from reviewdesk.ui.reference_model import ReferenceTableModel
from reviewdesk.ui.references_tab import ReferencesTab
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.state_tones import Tone, is_dark, late_text, row_tint
from reviewdesk.ui.tracked_tab import TrackedTab
from reviewdesk.ui.tracked_table_model import MARKER_ROLE

PANE = 430  # the review pane's width in a 1280 × 800 window


@pytest.fixture
def sample(qtbot: QtBot, store: Store) -> Iterator[ReviewSession]:
    """The bundled sample brief, open."""
    with sample_brief_path() as path:
        brief_id = import_files(store, [path])[0].id
    opened = ReviewSession(store)
    opened.open_brief(brief_id)
    yield opened


def _shown(qtbot: QtBot, tab: TrackedTab[object], width: int) -> None:
    qtbot.addWidget(tab)
    tab.resize(width, 600)
    tab.show()
    qtbot.waitExposed(tab)


def _in_sight(tab: TrackedTab[object], column: int) -> bool:
    table = tab.table
    left = table.horizontalHeader().sectionViewportPosition(column)
    right = left + table.columnWidth(column)
    rect = table.visualRect(tab.proxy.index(0, column))
    return (not table.isColumnHidden(column) and left >= 0 and right <= table.viewport().width()
            and table.viewport().rect().contains(rect.center()))


@pytest.mark.parametrize(("tab_class", "state", "text"), [
    (ReferencesTab, (Ref.CHECK,), Ref.ENTRY),
    (RecommendationsTab, (Rec.STATUS, Rec.OWNER, Rec.DUE), Rec.TEXT)])
def test_the_state_columns_are_in_sight_in_a_narrow_pane(
        qtbot: QtBot, sample: ReviewSession, tab_class: type[TrackedTab[object]],
        state: tuple[int, ...], text: int) -> None:
    tab = tab_class(sample)
    _shown(qtbot, tab, PANE)
    assert tab.width() == PANE  # nothing above the table makes the pane wider
    assert tab.proxy.rowCount() > 1
    for column in state:
        assert _in_sight(tab, column), column
    assert _in_sight(tab, text) and tab.table.columnWidth(text) >= 100
    assert tab.table.horizontalScrollBar().maximum() == 0  # no sideways scrolling
    assert tab.table.textElideMode() == Qt.TextElideMode.ElideRight
    assert not tab.table.wordWrap()

    tab.resize(1600, 600)  # a wide window brings the other columns back
    qtbot.waitUntil(lambda: tab.table.hidden_columns() == [])
    for column in state:
        assert _in_sight(tab, column)


def test_the_reviewer_chooses_the_columns_that_step_aside(qtbot: QtBot,
                                                          sample: ReviewSession) -> None:
    tab = RecommendationsTab(sample)
    _shown(qtbot, tab, PANE)
    assert tab.table.isColumnHidden(Rec.NOTE)
    tab.table.choose_column(Rec.NOTE, True)  # from the header's menu
    assert not tab.table.isColumnHidden(Rec.NOTE)
    tab.resize(1600, 600)
    tab.table.choose_column(Rec.PRIORITY, False)
    qtbot.waitUntil(lambda: tab.table.hidden_columns() == [Rec.PRIORITY])
    assert _in_sight(tab, Rec.STATUS) and _in_sight(tab, Rec.DUE)


def test_the_text_tooltip_carries_the_note(sample: ReviewSession) -> None:
    model = RecommendationTableModel(sample)
    assert model.setData(model.index(0, Rec.NOTE), "Ask the ministry for dates")
    tip = str(model.data(model.index(0, Rec.TEXT), Qt.ItemDataRole.ToolTipRole))
    assert tip.endswith("\n\nNote: Ask the ministry for dates")


def test_marking_a_reference_shows_in_its_row(qtbot: QtBot, sample: ReviewSession) -> None:
    model = ReferenceTableModel(sample)

    def cell(row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    assert cell(0, Ref.CHECK) == "Unchecked"
    assert cell(0, Ref.ENTRY, Qt.ItemDataRole.BackgroundRole) is None
    assert cell(0, Ref.NUMBER, MARKER_ROLE) is None
    assert model.setData(model.index(0, Ref.CHECK), "verified")
    assert model.setData(model.index(1, Ref.CHECK), "problem")
    assert (cell(0, Ref.CHECK), cell(1, Ref.CHECK)) == ("✓ Verified", "✗ Problem")
    assert str(cell(0, Ref.CHECK, Qt.ItemDataRole.ToolTipRole)).startswith("Verified")
    assert str(cell(1, Ref.CHECK, Qt.ItemDataRole.ToolTipRole)).startswith("A problem")
    green = cell(0, Ref.ENTRY, Qt.ItemDataRole.BackgroundRole)
    red = cell(1, Ref.NOTE, Qt.ItemDataRole.BackgroundRole)  # the whole row is tinted
    assert isinstance(green, QColor) and isinstance(red, QColor)
    assert green.green() > green.red() and red.red() > red.green()
    assert cell(0, Ref.NUMBER, MARKER_ROLE) == QColor(Tone.GOOD.value)


def test_recommendation_rows_show_their_decision_and_lateness(sample: ReviewSession) -> None:
    model = RecommendationTableModel(sample)

    def cell(row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    assert cell(0, Rec.TEXT, Qt.ItemDataRole.BackgroundRole) is None  # proposed: no tint
    for status, label, tone in (("accepted", "✓ Accepted", Tone.GOOD),
                                ("done", "✓ Done", Tone.GOOD),
                                ("rejected", "✗ Rejected", Tone.BAD),
                                ("in progress", "◐ In progress", Tone.PENDING)):
        assert model.setData(model.index(0, Rec.STATUS), status)
        assert cell(0, Rec.STATUS) == label
        assert cell(0, Rec.NUMBER, MARKER_ROLE) == QColor(tone.value)
        assert isinstance(cell(0, Rec.TEXT, Qt.ItemDataRole.BackgroundRole), QColor)

    assert model.setData(model.index(0, Rec.DUE), "2020-03-01")  # long past, in progress
    assert cell(0, Rec.DUE) == "⚠ 2020-03-01"
    assert str(cell(0, Rec.DUE, Qt.ItemDataRole.ToolTipRole)).startswith(
        "Overdue: it was due on 2020-03-01")
    assert isinstance(cell(0, Rec.DUE, Qt.ItemDataRole.ForegroundRole), QColor)
    assert model.setData(model.index(0, Rec.STATUS), "done")  # done is never late
    assert cell(0, Rec.DUE) == "2020-03-01"
    assert cell(0, Rec.DUE, Qt.ItemDataRole.ForegroundRole) is None


def test_the_tints_suit_a_dark_palette_too() -> None:
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
    assert not is_dark(light) and is_dark(dark)
    for tone in Tone:
        assert row_tint(tone, light).lightnessF() > 0.75  # pale: dark text stays readable
        assert row_tint(tone, dark).lightnessF() < 0.3    # dim: light text stays readable
    assert row_tint(Tone.GOOD, dark).green() > row_tint(Tone.GOOD, dark).red()
    assert late_text(dark).lightnessF() > 0.6 and late_text(light).lightnessF() < 0.5
