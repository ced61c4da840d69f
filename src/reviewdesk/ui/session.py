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
from reviewdesk.services.library import VersionStanding, version_standing
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
    notice = Signal(str)                   # a slip or a hint: one line in the status bar

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.brief: Brief | None = None
        self.codebook: Codebook = default_codebook(store)
        self._annotations: dict[str, AnnotationView] = {}
        self._order: list[tuple[int, int, str]] = []  # (start, end, id), document order
        self._selected: str | None = None
        self._caret: tuple[int, int] | None = None  # the document's selection, if shown
        self.annotation_selected.connect(self._remember_selection)
        # Where the open brief stands among its versions, and whether the reviewer agreed
        # to annotate it though it is not the newest (asked once per opened brief).
        self.standing: VersionStanding | None = None
        self._older_agreed = False
        # Asks whether to annotate an older version (the window sets it, ui/older_version.py);
        # without it, as in the command line's screenshots, the edit goes ahead.
        self.confirm_older: Callable[[VersionStanding], bool] | None = None

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
        self.standing = version_standing(self.store, brief.id)
        self._older_agreed = False
        self.undo_stack.clear()
        self._selected = None
        self._caret = None
        self.brief_opened.emit(brief)

    def may_annotate(self) -> bool:
        """Whether a new annotation may go on the open brief: yes on its newest version;
        on an older one, only once the reviewer has agreed (asked once per opened brief)."""
        standing = self.standing
        if standing is None or standing.is_newest or self._older_agreed:
            return True
        if self.confirm_older is not None and not self.confirm_older(standing):
            return False
        self._older_agreed = True
        return True

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

    def set_caret(self, start: int, end: int) -> None:
        """Where the document's caret (or selection) is: what `current_annotation` reads."""
        self._caret = (start, end)

    def current_annotation(self) -> AnnotationView | None:
        """The annotation a command acts on: the one on exactly the selected words (the one
        last selected if two reviewers tagged the same words), else the one last selected
        if it covers the caret, else the innermost one under the caret, else the one last
        selected anywhere."""
        if self._caret is None:
            return self.selected_annotation()
        start, end = self._caret
        if start < end:
            exact = [view for view in self._covering(start)
                     if view.start == start and view.end == end]
            chosen = self.selected_annotation()
            if exact:
                return chosen if chosen in exact else exact[-1]
        return self.selected_or_under(start) or self.selected_annotation()

    def selected_or_under(self, position: int) -> AnnotationView | None:
        """The annotation last selected if it covers `position`, else the innermost one
        there (two reviewers' annotations on the same words: the one last selected wins)."""
        chosen = self.selected_annotation()
        if chosen is not None and chosen.start <= position <= chosen.end:
            return chosen
        covering = self._covering(position)
        if not covering:
            return None
        return min(covering, key=lambda view: (view.end - view.start, view.id))

    def _covering(self, position: int) -> list[AnnotationView]:
        """The annotations over `position`: one pass over those starting before it (a key
        press, not a loop, asks this)."""
        index = bisect.bisect_right(self._order, (position, 1 << 62, ""))
        return [self._annotations[key] for start, end, key in self._order[:index]
                if start <= position < end]

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
        """Run an edit through the undo stack (see ui/undo.py for how errors are reported).
        A command that adds an annotation or a suggested edit (`annotates`) to an older
        version runs only if `may_annotate` says so."""
        if getattr(command, "annotates", False) and not self.may_annotate():
            return
        self.undo_stack.push(command)

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run a read or an edit outside the undo stack, turning known errors into messages."""
        try:
            return action()
        except ReviewDeskError as error:
            self.error.emit(str(error))
            return None
