"""What the references and recommendations tables share: rows loaded from a service,
refreshed in place when the same rows come back, with a fixed set of columns."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    SignalInstance,
)
from PySide6.QtGui import QGuiApplication

from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.state_tones import Tone, late_text, marker, row_tint

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's id, for views and tests
MARKER_ROLE = Qt.ItemDataRole.UserRole + 2  # the colour of the bar beside a row, or None


def elided(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis (the tooltip has it all)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class TrackedTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses say how to load their rows, name a row, and show and edit a cell."""

    def __init__(self, session: ReviewSession, changed: SignalInstance, columns: type[IntEnum],
                 headers: Mapping[Any, str], editable: Sequence[int],
                 parent: QObject | None = None, *, centred: Collection[int] = ()) -> None:
        """`changed` is the session signal that says this table's rows were edited;
        `centred` are the columns of counts, shown centred."""
        super().__init__(parent)
        self.session = session
        self._columns, self._headers, self._editable = columns, headers, set(editable)
        self._centred = set(centred)
        self._rows: list[Row] = []
        # Annotations deleted while a row linked them: restoring one brings its links back.
        self._unlinked: set[str] = set()
        session.brief_opened.connect(self._brief_opened)
        changed.connect(self.reload)
        session.annotation_added.connect(self._annotation_added)
        session.annotation_removed.connect(self._annotation_removed)
        self.reload()

    def load(self, brief_id: str) -> list[Row]:
        """The rows of the brief, from a service."""
        raise NotImplementedError

    def key(self, row: Row) -> str:
        """The row's id."""
        raise NotImplementedError

    def linked(self, row: Row) -> Collection[str]:
        """The ids of the annotations the row links to."""
        raise NotImplementedError

    def display(self, row: Row, column: Any) -> Any:
        """What a cell shows."""
        raise NotImplementedError

    def edit_value(self, row: Row, column: Any) -> Any:
        """What a cell's editor starts from (None: the cell is not edited)."""
        raise NotImplementedError

    def tooltip(self, row: Row, column: Any) -> str | None:
        """A cell's tooltip, if it has one."""
        raise NotImplementedError

    def edit(self, row: Row, column: Any, value: Any) -> bool:
        """Store an edited cell by pushing an undo step; False if the value is refused."""
        raise NotImplementedError

    def tone(self, row: Row) -> Tone | None:
        """What the row's state means at a glance, for its tint (None: no tint)."""
        return None

    def late(self, row: Row, column: Any) -> bool:
        """Whether a cell shows a date that has passed (its text turns red)."""
        return False

    def _brief_opened(self) -> None:
        self._unlinked.clear()
        self.reload()

    def _annotation_removed(self, annotation_id: str) -> None:
        """Deleting an annotation drops its links: reload only if a row showed one (most
        annotations are linked to nothing, and creating and undoing must stay instant on
        a long brief)."""
        if any(annotation_id in self.linked(row) for row in self._rows):
            self._unlinked.add(annotation_id)
            self.reload()

    def _annotation_added(self, view: AnnotationView) -> None:
        """A new annotation links to nothing yet; a restored one brings its links back."""
        if view.id in self._unlinked:
            self._unlinked.discard(view.id)
            self.reload()

    def reload(self) -> None:
        """Load the open brief's rows again, in place when they are the same rows."""
        brief = self.session.brief
        rows = (self.session.attempt(lambda: self.load(brief.id))
                if brief is not None else None) or []
        if rows and [self.key(r) for r in rows] == [self.key(r) for r in self._rows]:
            # The same rows: refresh in place so the view keeps its selection and scroll.
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(rows) - 1, len(self._columns) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def tracked(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        return next((row for row, item in enumerate(self._rows) if self.key(item) == key),
                    None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._headers[self._columns(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        row = self._rows[index.row()]
        column = self._columns(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._centred:
            return Qt.AlignmentFlag.AlignCenter  # counts, not text
        if role == ID_ROLE:
            return self.key(row)
        return self._state_data(row, column, role)

    def _state_data(self, row: Row, column: Any, role: int) -> Any:
        """The colours that show the row's state: its tint, its bar, late dates in red."""
        if role == Qt.ItemDataRole.ForegroundRole:
            return late_text(QGuiApplication.palette()) if self.late(row, column) else None
        if role not in (Qt.ItemDataRole.BackgroundRole, MARKER_ROLE):
            return None
        tone = self.tone(row)
        if tone is None:
            return None
        if role == MARKER_ROLE:
            return marker(tone)
        return row_tint(tone, QGuiApplication.palette())

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.checkIndex(
                index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return False
        return self.edit(self._rows[index.row()], self._columns(index.column()), value)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self._editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base
