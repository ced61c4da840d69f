"""The session's annotations as a list model in document order, updated row by row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui.ordered_views import OrderedViews
from reviewdesk.ui.session import ReviewSession

AnnotationRole = Qt.ItemDataRole.UserRole + 1  # the AnnotationView of a row
IdRole = Qt.ItemDataRole.UserRole + 2  # its id

_Index = QModelIndex | QPersistentModelIndex


class AnnotationModel(QAbstractListModel):
    """One row per annotation; an added, edited or removed annotation touches its row
    only (found by bisect), so views keep their selection and scroll position."""

    def __init__(self, session: ReviewSession | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = OrderedViews()
        if session is not None:
            session.brief_opened.connect(lambda _brief: self.reset(session.annotations))
            session.annotation_added.connect(self.add)
            session.annotation_updated.connect(self.update)
            session.annotation_removed.connect(self.remove)
            self.reset(session.annotations)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        view = self._rows.at(index.row()) if index.isValid() else None
        if view is None:
            return None
        if role == AnnotationRole:
            return view
        if role == IdRole:
            return view.id
        if role == Qt.ItemDataRole.DisplayRole:
            return view.quote
        if role == Qt.ItemDataRole.ToolTipRole:
            return view.comment or view.quote
        return None

    def view_at(self, row: int) -> AnnotationView | None:
        """The annotation shown in `row`; None past the end."""
        return self._rows.at(row)

    def row_of(self, annotation_id: str) -> int | None:
        """The row of the annotation; None when the model does not hold it."""
        return self._rows.row_of(annotation_id)

    def reset(self, views: list[AnnotationView]) -> None:
        """Show a new brief's annotations (the only full reset)."""
        self.beginResetModel()
        self._rows.reset(views)
        self.endResetModel()

    def add(self, view: AnnotationView) -> None:
        """Insert the annotation's row in document order; one already held is updated instead."""
        if view.id in self._rows:
            self.update(view)
            return
        row = self._rows.insertion_row(view)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, view)
        self.endInsertRows()

    def update(self, view: AnnotationView) -> None:
        """Show the annotation's new state in its row; an annotation not held is ignored."""
        row = self._rows.row_of(view.id)
        if row is None:
            return
        self._rows.replace(view)  # an edit never moves an annotation's words
        changed = self.index(row)
        self.dataChanged.emit(changed, changed)

    def remove(self, annotation_id: str) -> None:
        """Remove the annotation's row, if the model holds it."""
        row = self._rows.row_of(annotation_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._rows.delete(row)
        self.endRemoveRows()
