"""Every edit a reviewer makes, as an undoable command that calls a service.

A command does its work in redo() and takes it back in undo(); each step is committed to
the store at once. Qt calls redo() and undo() from C++, where a Python exception cannot
reach the caller, so a known error is turned into a message here and a command that
failed on its first run is marked obsolete, which drops it from the stack.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtGui import QUndoCommand

from reviewdesk.domain.findings import Recommendation, Reference, ReferenceCheck
from reviewdesk.domain.review import AnnotationStatus, Reply, Suggestion
from reviewdesk.errors import ReviewDeskError
from reviewdesk.services import annotations as notes
from reviewdesk.services import tracking
from reviewdesk.ui.session import ReviewSession


class ServiceCommand(QUndoCommand):
    """An undoable edit that calls a service: subclasses write apply() and revert(). A known
    error becomes a message on the session; a command that fails on its first run leaves the
    stack."""

    annotates: ClassVar[bool] = False  # adds new work to the brief: asked first on an old version

    def __init__(self, session: ReviewSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._done_once = False

    def redo(self) -> None:
        """Apply the edit; Qt calls it when the command is pushed and on every redo."""
        try:
            self.apply()
            self._done_once = True
        except ReviewDeskError as error:
            if not self._done_once:
                self.setObsolete(True)
            self.session.error.emit(str(error))

    def undo(self) -> None:
        """Revert the edit; a known error is shown and the command stays where it is."""
        try:
            self.revert()
        except ReviewDeskError as error:
            self.session.error.emit(str(error))

    def apply(self) -> None:
        """Do the edit through a service and tell the session what changed."""
        raise NotImplementedError  # each command defines it

    def revert(self) -> None:
        """Take the edit back through a service and tell the session what changed."""
        raise NotImplementedError  # each command defines it


class CreateAnnotation(ServiceCommand):
    """Tag and/or comment on start..end; redo after an undo restores the same annotation, id
    included. `annotation_id` is set once it has run."""

    annotates = True

    def __init__(self, session: ReviewSession, brief_id: str, start: int, end: int,
                 tag_id: str | None, comment: str = "", label: str = "Tag") -> None:
        super().__init__(session, f"{label} “{_short(session, start, end)}”")
        self._args = (brief_id, start, end, tag_id, comment)
        self._removed: notes.RemovedAnnotation | None = None
        self.annotation_id: str | None = None

    def apply(self) -> None:
        if self._removed is None:
            brief_id, start, end, tag_id, comment = self._args
            view = notes.create_annotation(self.session.store, brief_id, start, end,
                                           tag_id=tag_id, comment=comment)
            self.annotation_id = view.id
        else:
            notes.restore_annotation(self.session.store, self._removed)
            assert self.annotation_id is not None
            view = notes.annotation_view(self.session.store, self.annotation_id)
        self.session.added(view)

    def revert(self) -> None:
        assert self.annotation_id is not None
        self._removed = notes.delete_annotation(self.session.store, self.annotation_id)
        self.session.removed(self.annotation_id)


class DeleteAnnotation(ServiceCommand):
    """Delete an annotation with its replies and links; undo restores them as they were."""

    def __init__(self, session: ReviewSession, annotation_id: str) -> None:
        super().__init__(session, "Delete annotation")
        self.annotation_id = annotation_id
        self._removed: notes.RemovedAnnotation | None = None

    def apply(self) -> None:
        self._removed = notes.delete_annotation(self.session.store, self.annotation_id)
        self.session.removed(self.annotation_id)

    def revert(self) -> None:
        assert self._removed is not None
        notes.restore_annotation(self.session.store, self._removed)
        self.session.added(notes.annotation_view(self.session.store, self.annotation_id))


_KEEP = object()


class EditAnnotation(ServiceCommand):
    """Change the comment, status, tag or date of one annotation."""

    def __init__(self, session: ReviewSession, annotation_id: str, *,
                 comment: str | None = None, status: AnnotationStatus | None = None,
                 tag_id: Any = _KEEP, date: Any = _KEEP,
                 text: str = "Edit annotation") -> None:
        super().__init__(session, text)
        self.annotation_id = annotation_id
        self._new: dict[str, Any] = {"comment": comment, "status": status}
        if tag_id is not _KEEP:
            self._new["tag_id"] = tag_id
        if date is not _KEEP:
            self._new["date"] = date
        self._old: dict[str, Any] | None = None

    def apply(self) -> None:
        before = notes.update_annotation(self.session.store, self.annotation_id, **self._new)
        if self._old is None:
            self._old = {"comment": before.comment, "status": before.status}
            if "tag_id" in self._new:
                self._old["tag_id"] = before.tag_id
            if "date" in self._new:
                self._old["date"] = before.date
        self._refresh()

    def revert(self) -> None:
        assert self._old is not None
        notes.update_annotation(self.session.store, self.annotation_id, **self._old)
        self._refresh()

    def _refresh(self) -> None:
        self.session.updated(notes.annotation_view(self.session.store, self.annotation_id))


class AddReply(ServiceCommand):
    """Reply to an annotation; redo after an undo restores the same reply."""

    def __init__(self, session: ReviewSession, annotation_id: str, text: str) -> None:
        super().__init__(session, "Reply")
        self.annotation_id, self._text = annotation_id, text
        self._reply: Reply | None = None

    def apply(self) -> None:
        if self._reply is None:
            self._reply = notes.add_reply(self.session.store, self.annotation_id, self._text)
        else:
            notes.restore_reply(self.session.store, self._reply)
        self.session.updated(notes.annotation_view(self.session.store, self.annotation_id))

    def revert(self) -> None:
        assert self._reply is not None
        notes.delete_reply(self.session.store, self._reply.id)
        self.session.updated(notes.annotation_view(self.session.store, self.annotation_id))


class CheckReference(ServiceCommand):
    """Mark a reference verified, a problem or unchecked (with a note, or keeping the one it has
    when `note` is None); undo restores the check and note it had."""

    def __init__(self, session: ReviewSession, reference_id: str, check: ReferenceCheck,
                 note: str | None = None) -> None:
        super().__init__(session, f"Mark reference {check.value}")
        self.reference_id, self._check, self._note = reference_id, check, note
        self._before: Reference | None = None

    def apply(self) -> None:
        before = tracking.set_reference_check(self.session.store, self.reference_id,
                                              self._check, self._note)
        self._before = self._before or before
        self.session.references_changed.emit()

    def revert(self) -> None:
        assert self._before is not None
        tracking.set_reference_check(self.session.store, self.reference_id,
                                     self._before.check, self._before.note)
        self.session.references_changed.emit()


class LinkClaim(ServiceCommand):
    """Link a claim annotation to the reference that backs it, or unlink it (`link` False)."""

    def __init__(self, session: ReviewSession, annotation_id: str, reference_id: str,
                 link: bool = True) -> None:
        super().__init__(session, "Link claim to reference" if link else "Unlink claim")
        self._pair, self._link = (annotation_id, reference_id), link

    def apply(self) -> None:
        self._set(self._link)

    def revert(self) -> None:
        self._set(not self._link)

    def _set(self, linked: bool) -> None:
        action = tracking.link_claim if linked else tracking.unlink_claim
        action(self.session.store, *self._pair)
        self.session.references_changed.emit()


class LinkEvidence(ServiceCommand):
    """Link an annotation to a recommendation as its evidence, or unlink it (`link` False)."""

    def __init__(self, session: ReviewSession, annotation_id: str, recommendation_id: str,
                 link: bool = True) -> None:
        super().__init__(session, "Link evidence" if link else "Unlink evidence")
        self._pair, self._link = (annotation_id, recommendation_id), link

    def apply(self) -> None:
        self._set(self._link)

    def revert(self) -> None:
        self._set(not self._link)

    def _set(self, linked: bool) -> None:
        action = tracking.link_evidence if linked else tracking.unlink_evidence
        action(self.session.store, *self._pair)
        self.session.recommendations_changed.emit()


class EditRecommendation(ServiceCommand):
    """Change fields of a recommendation: status, addressee, priority, owner, due, note."""

    def __init__(self, session: ReviewSession, recommendation_id: str,
                 **changes: Any) -> None:
        super().__init__(session, "Edit recommendation " + ", ".join(sorted(changes)))
        self.recommendation_id, self._changes = recommendation_id, changes
        self._before: Recommendation | None = None

    def apply(self) -> None:
        before = tracking.update_recommendation(self.session.store, self.recommendation_id,
                                                **self._changes)
        self._before = self._before or before
        self.session.recommendations_changed.emit()

    def revert(self) -> None:
        assert self._before is not None
        old = {name: getattr(self._before, name) for name in self._changes}
        tracking.update_recommendation(self.session.store, self.recommendation_id, **old)
        self.session.recommendations_changed.emit()


class SuggestEdit(ServiceCommand):
    """Suggest `replacement` for start..end (inside one block); undo withdraws it."""

    annotates = True

    def __init__(self, session: ReviewSession, brief_id: str, start: int, end: int,
                 replacement: str) -> None:
        super().__init__(session, f"Suggest “{replacement[:30]}”")
        self._args = (brief_id, start, end, replacement)
        self._suggestion: Suggestion | None = None

    def apply(self) -> None:
        if self._suggestion is None:
            self._suggestion = tracking.suggest_edit(self.session.store, *self._args)
        else:
            tracking.restore_suggestion(self.session.store, self._suggestion)
        self.session.suggestions_changed.emit()

    def revert(self) -> None:
        assert self._suggestion is not None
        tracking.withdraw_suggestion(self.session.store, self._suggestion.id)
        self.session.suggestions_changed.emit()


def _short(session: ReviewSession, start: int, end: int, limit: int = 30) -> str:
    text = session.brief.text[start:end] if session.brief else ""
    return text if len(text) <= limit else text[:limit - 1] + "…"
