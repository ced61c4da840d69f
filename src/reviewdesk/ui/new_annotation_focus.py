"""A new annotation is ready to type into: the reviewer tags words in the document, and
its card is selected with the keys in its comment field; Escape goes back to the words."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget, QWidget

from reviewdesk.ui.annotation_cards import AnnotationCards
from reviewdesk.ui.document_view import DocumentView


class NewAnnotationFocus(QObject):
    """Follows session.annotation_created, which only the reviewer's own new annotation
    raises (an undo, a redo or a merge brings annotations back without it). Only a tag
    given in the document moves the keys: one accepted from the Suggestions list leaves them
    there, so the reviewer can accept the next; and a comment already written in the
    comment dialog is only selected, with the keys back in the document."""

    def __init__(self, document: DocumentView, cards: AnnotationCards,
                 review: QTabWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent or cards)
        self.document = document
        self.cards = cards
        self.review = review
        cards.session.annotation_created.connect(self._created)
        cards.comment.installEventFilter(self)

    def _created(self, annotation_id: str) -> None:
        view = self.cards.session.annotation(annotation_id)
        if view is None or not self._tagging_in_document():
            return
        if view.comment:  # written already (Ctrl+Alt+M asked for it): back to reading
            self.cards.session.annotation_selected.emit(annotation_id)
            self.document.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.edit(annotation_id)

    def _tagging_in_document(self) -> bool:
        focused = QApplication.focusWidget()
        if focused is self.document or focused is self.document.viewport():
            return True
        # The document's own menu of tags, still closing as its action runs.
        return isinstance(focused, QMenu) and _opened_from(focused, self.document)

    def edit(self, annotation_id: str) -> None:
        """Select the annotation everywhere and put the keys at the end of its comment."""
        session = self.cards.session
        if session.annotation(annotation_id) is None:
            return
        if self.cards.current_id() != annotation_id:
            session.annotation_selected.emit(annotation_id)
        if self.review is not None:
            self.review.setCurrentWidget(self.cards)
        comment = self.cards.comment
        comment.setFocus(Qt.FocusReason.OtherFocusReason)
        comment.moveCursor(QTextCursor.MoveOperation.End)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in the comment field: back to the document (leaving the field saves it)."""
        if (watched is self.cards.comment and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.document.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().eventFilter(watched, event)


def _opened_from(menu: QMenu, widget: QWidget) -> bool:
    parent = menu.parentWidget()
    while parent is not None:
        if parent is widget:
            return True
        parent = parent.parentWidget()
    return False
