"""The open review: the brief on screen, its annotations, the undo stack, and the signals
every panel listens to. Panels never query the store; they ask the session."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.codebook import Codebook
from reviewdesk.domain.views import AnnotationView
from reviewdesk.errors import ReviewDeskError
from reviewdesk.services.annotations import brief_annotations
from reviewdesk.services.briefs import load_brief
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.storage.store import Store

T = TypeVar("T")


class ReviewSession(QObject):
    """The open brief, its annotations and the undo stack; panels listen to its signals
    and ask it (or the services, through `store`) rather than the database."""

    brief_opened = Signal(object)          # Brief
    annotation_added = Signal(object)      # AnnotationView
    annotation_updated = Signal(object)    # AnnotationView
    annotation_removed = Signal(str)       # annotation id
    references_changed = Signal()
    recommendations_changed = Signal()
    suggestions_changed = Signal()
    library_changed = Signal()
    codebook_changed = Signal()            # session.codebook was reloaded after an edit
    annotation_selected = Signal(str)      # annotation id, from the document or the cards
    error = Signal(str)                    # a known error, one sentence for a message

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.brief: Brief | None = None
        self.codebook: Codebook = default_codebook(store)
        self._annotations: dict[str, AnnotationView] = {}
        self._order: list[tuple[int, int, str]] = []  # (start, end, id), document order
        self._selected: str | None = None
        self.annotation_selected.connect(self._remember_selection)

    @property
    def annotations(self) -> list[AnnotationView]:
        """The open brief's annotations in document order."""
        return [self._annotations[key] for _, _, key in self._order]

    @property
    def annotation_count(self) -> int:
        return len(self._order)

    def annotation(self, annotation_id: str) -> AnnotationView | None:
        return self._annotations.get(annotation_id)

    def selected_annotation(self) -> AnnotationView | None:
        """The annotation last selected anywhere (document, cards, linked lists): what the
        References and Recommendations tabs link."""
        return self._annotations.get(self._selected) if self._selected else None

    def _remember_selection(self, annotation_id: str) -> None:
        self._selected = annotation_id

    def open_brief(self, brief_id: str) -> None:
        """Load the brief and its annotations, clear the undo stack, tell every panel."""
        brief = load_brief(self.store, brief_id)
        views = brief_annotations(self.store, brief.id)
        self.brief = brief
        self._annotations = {view.id: view for view in views}
        self._order = [(view.start, view.end, view.id) for view in views]
        self.undo_stack.clear()
        self._selected = None
        self.brief_opened.emit(brief)

    # The undo commands report their effect through these, so every panel stays in step.
    def added(self, view: AnnotationView) -> None:
        self._annotations[view.id] = view
        bisect.insort(self._order, (view.start, view.end, view.id))
        self.annotation_added.emit(view)

    def updated(self, view: AnnotationView) -> None:
        if view.id in self._annotations:
            self._annotations[view.id] = view
            self.annotation_updated.emit(view)

    def removed(self, annotation_id: str) -> None:
        view = self._annotations.pop(annotation_id, None)
        if view is not None:
            index = bisect.bisect_left(self._order, (view.start, view.end, view.id))
            del self._order[index]
            self.annotation_removed.emit(annotation_id)

    def reload_codebook(self) -> None:
        """After an edit of the codebook: take it from the store again, refresh the open
        brief's annotations whose tag name or colour changed, and say so (the undo stack
        is kept, unlike reopening the brief)."""
        self.codebook = default_codebook(self.store)
        if self.brief is not None:
            for view in brief_annotations(self.store, self.brief.id):
                shown = self._annotations.get(view.id)
                if shown is not None and shown != view:
                    self.updated(view)
        self.codebook_changed.emit()

    def push(self, command: QUndoCommand) -> None:
        """Run an edit through the undo stack (see ui/undo.py for how errors are reported)."""
        self.undo_stack.push(command)

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run a read or an edit outside the undo stack, turning known errors into messages."""
        try:
            return action()
        except ReviewDeskError as error:
            self.error.emit(str(error))
            return None
