"""The session's annotations as a list model in document order, updated row by row."""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reviewdesk.domain.views import AnnotationView
from reviewdesk.ui.session import ReviewSession

AnnotationRole = Qt.ItemDataRole.UserRole + 1  # the AnnotationView of a row
IdRole = Qt.ItemDataRole.UserRole + 2  # its id

Key = tuple[int, int, str]  # (start, end, id): the document order the session keeps
_Index = QModelIndex | QPersistentModelIndex


class AnnotationModel(QAbstractListModel):
    """One row per annotation; an added, edited or removed annotation touches its row
    only (found by bisect), so views keep their selection and scroll position."""

    def __init__(self, session: ReviewSession | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys: list[Key] = []
        self._views: dict[str, AnnotationView] = {}
        if session is not None:
            session.brief_opened.connect(lambda _brief: self.reset(session.annotations))
            session.annotation_added.connect(self.add)
            session.annotation_updated.connect(self.update)
            session.annotation_removed.connect(self.remove)
            self.reset(session.annotations)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        view = self._views[self._keys[index.row()][2]]
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
        if 0 <= row < len(self._keys):
            return self._views[self._keys[row][2]]
        return None

    def row_of(self, annotation_id: str) -> int | None:
        """The row of an annotation: a binary search on (start, end, id)."""
        view = self._views.get(annotation_id)
        if view is None:
            return None
        row = bisect.bisect_left(self._keys, _key(view))
        return row if row < len(self._keys) and self._keys[row][2] == annotation_id else None

    def reset(self, views: list[AnnotationView]) -> None:
        """Show a new brief's annotations (the only full reset)."""
        self.beginResetModel()
        self._views = {view.id: view for view in views}
        self._keys = sorted(_key(view) for view in views)
        self.endResetModel()

    def add(self, view: AnnotationView) -> None:
        if view.id in self._views:
            self.update(view)
            return
        row = bisect.bisect_left(self._keys, _key(view))
        self.beginInsertRows(QModelIndex(), row, row)
        self._keys.insert(row, _key(view))
        self._views[view.id] = view
        self.endInsertRows()

    def update(self, view: AnnotationView) -> None:
        row = self.row_of(view.id)
        if row is None:
            return
        self._views[view.id] = view  # an edit never moves an annotation's words
        changed = self.index(row)
        self.dataChanged.emit(changed, changed)

    def remove(self, annotation_id: str) -> None:
        row = self.row_of(annotation_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._keys[row]
        del self._views[annotation_id]
        self.endRemoveRows()


def _key(view: AnnotationView) -> Key:
    return (view.start, view.end, view.id)
