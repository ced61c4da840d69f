"""A list of the annotations linked to a reference or a recommendation; activating one
shows it in the document."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from reviewdesk.ui.session import ReviewSession

_ANNOTATION_ID = Qt.ItemDataRole.UserRole


class LinkedAnnotations(QListWidget):
    """The annotations a row links to, each as its quote and tag."""

    def __init__(self, session: ReviewSession, what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWordWrap(True)
        self.setToolTip(f"Double-click or press Enter to show the {what} in the document")
        self.itemActivated.connect(self._activated)

    def show_annotations(self, annotation_ids: Iterable[str]) -> None:
        self.clear()
        for annotation_id in annotation_ids:
            view = self._session.annotation(annotation_id)
            if view is None:
                continue
            text = f"“{view.quote}”" + (f"  · {view.tag}" if view.tag else "")
            item = QListWidgetItem(text)
            item.setData(_ANNOTATION_ID, view.id)
            item.setToolTip(view.comment or view.quote)
            self.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self._session.annotation_selected.emit(item.data(_ANNOTATION_ID))
