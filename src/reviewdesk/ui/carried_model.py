"""The annotations carried to a new version of a brief, as a table: how each was placed
(its state and score), its tag, its words and its comment; filterable by state."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPixmap

from reviewdesk.domain.carry import AnchorState
from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui.ordered_views import OrderedViews

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the annotation id of a row
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # its anchor state ("needs_review"...)

QUOTE_LENGTH = 70  # characters of the quote shown in the cell; the tooltip has it all

STATE_WORDS = {AnchorState.ANCHORED: "anchored", AnchorState.SHIFTED: "shifted",
               AnchorState.NEEDS_REVIEW: "needs review", AnchorState.ORPHANED: "orphaned"}
STATE_COLOURS = {AnchorState.ANCHORED: "#2e7d32", AnchorState.SHIFTED: "#1565c0",
                 AnchorState.NEEDS_REVIEW: "#e69500", AnchorState.ORPHANED: "#c62828"}
STATE_HELP = {
    AnchorState.ANCHORED: "On the same words, in the same place",
    AnchorState.SHIFTED: "On the same words, which moved",
    AnchorState.NEEDS_REVIEW: "Placed on words that changed or stand more than once: "
                              "confirm (C) or place it (P)",
    AnchorState.ORPHANED: "Its words are gone: select where it belongs and place it (P)",
}


class Column(IntEnum):
    STATE = 0
    SCORE = 1
    TAG = 2
    QUOTE = 3
    COMMENT = 4


HEADERS = {Column.STATE: "State", Column.SCORE: "Score", Column.TAG: "Tag",
           Column.QUOTE: "Quote", Column.COMMENT: "Comment"}


def state_of(view: AnnotationView) -> AnchorState:
    """How the annotation was placed (a value the table does not know counts as anchored)."""
    try:
        return AnchorState(view.anchor_state)
    except ValueError:
        return AnchorState.ANCHORED


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class CarriedModel(QAbstractTableModel):
    """One row per annotation of the new version, in document order (an orphan where its
    words were expected). Changing a row updates it in place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = OrderedViews()
        self._icons = {state: _swatch(colour) for state, colour in STATE_COLOURS.items()}

    # Contents ------------------------------------------------------------------------

    def reset(self, views: Iterable[AnnotationView]) -> None:
        self.beginResetModel()
        self._rows.reset(views)
        self.endResetModel()

    def upsert(self, view: AnnotationView) -> None:
        """A changed row is refreshed where it is (no jump); a new one is put in order."""
        row = self._rows.row_of(view.id)
        if row is not None:
            self._rows.replace(view)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
            return
        row = self._rows.insertion_row(view)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, view)
        self.endInsertRows()

    def remove(self, annotation_id: str) -> None:
        row = self._rows.row_of(annotation_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._rows.delete(row)
        self.endRemoveRows()

    def row_of(self, annotation_id: str) -> int | None:
        return self._rows.row_of(annotation_id)

    def view_at(self, row: int) -> AnnotationView | None:
        return self._rows.at(row)

    def view(self, annotation_id: str) -> AnnotationView | None:
        return self._rows.get(annotation_id)

    def state_counts(self) -> dict[AnchorState, int]:
        counts = dict.fromkeys(AnchorState, 0)
        for view in self._rows.values():
            counts[state_of(view)] += 1
        return counts

    # The model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(Column)):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        view = self.view_at(index.row()) if index.isValid() else None
        if view is None:
            return None
        state = state_of(view)
        if role == ID_ROLE:
            return view.id
        if role == STATE_ROLE:
            return state.value
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(view, state, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.STATE:
                return STATE_HELP[state]
            if column == Column.COMMENT:
                return view.comment or None
            return view.quote or None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.STATE:
            return self._icons[state]
        if role == Qt.ItemDataRole.DecorationRole and column == Column.TAG and view.colour:
            return _swatch(view.colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(view: AnnotationView, state: AnchorState, column: Column) -> str:
        if column == Column.STATE:
            return STATE_WORDS[state]
        if column == Column.SCORE:
            return "—" if view.anchor_score is None else f"{view.anchor_score:.2f}"
        if column == Column.TAG:
            return view.tag or "Comment"
        if column == Column.QUOTE:
            return _short(view.quote, QUOTE_LENGTH)
        return _short(view.comment, QUOTE_LENGTH)


class StateFilter(QSortFilterProxyModel):
    """Only the rows in the chosen states (all of them when none is chosen)."""

    def __init__(self, model: CarriedModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self._states: frozenset[str] = frozenset()

    def set_states(self, states: Iterable[str]) -> None:
        self.beginFilterChange()
        self._states = frozenset(states)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._states:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return str(index.data(STATE_ROLE)) in self._states
