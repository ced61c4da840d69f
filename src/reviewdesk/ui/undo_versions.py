"""Undoable edits of where a carried annotation sits on a new version (see ui/undo.py for
how a ServiceCommand reports errors)."""

from __future__ import annotations

from reviewdesk.domain.review import Annotation
from reviewdesk.domain.views import AnnotationView
from reviewdesk.services import annotations as notes
from reviewdesk.services import versions
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.undo import ServiceCommand


class ConfirmPlacement(ServiceCommand):
    """Confirm a needs_review annotation where it was put (start and end None), or place
    one (an orphan too) on text[start:end] of its version. Undo puts it back as it was."""

    def __init__(self, session: ReviewSession, annotation_id: str, start: int | None = None,
                 end: int | None = None) -> None:
        super().__init__(session, _label(session, annotation_id, start, end))
        self.annotation_id = annotation_id
        self._range = (start, end)
        self._before: Annotation | None = None

    def apply(self) -> None:
        store = self.session.store
        if self._before is None:
            self._before = notes.stored_annotation(store, self.annotation_id)
        start, end = self._range
        report(self.session, versions.confirm_placement(store, self.annotation_id, start, end))

    def revert(self) -> None:
        assert self._before is not None
        versions.restore_placement(self.session.store, self._before)
        report(self.session, notes.annotation_view(self.session.store, self.annotation_id))


def report(session: ReviewSession, view: AnnotationView) -> None:
    """Tell every panel: an annotation that moved is taken out and put in again, so the
    session's document order and the document's highlights follow it."""
    shown = session.annotation(view.id)
    if shown is not None and (shown.start, shown.end) != (view.start, view.end):
        session.removed(view.id)
        session.added(view)
    else:
        session.updated(view)


def _label(session: ReviewSession, annotation_id: str, start: int | None,
           end: int | None) -> str:
    view = session.annotation(annotation_id)
    quote = _short(view.quote if view else "")
    if start is None or end is None:
        return f"Confirm the place of “{quote}”"
    words = session.brief.text[start:end] if session.brief else ""
    return f"Place “{quote}” on “{_short(words)}”"


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
