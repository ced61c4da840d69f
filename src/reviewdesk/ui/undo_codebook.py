"""Undoable edits of the codebook: add, rename, recolour, re-key, move and delete a tag
(see ui/undo.py for how a ServiceCommand reports errors).

Each step is saved at once through services.codebooks (or services.tag_removal), then the
session reloads the codebook and says so, so the editor and every panel follow an undo made
anywhere: in the codebook editor or in the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reviewdesk.domain.codebook import Tag
from reviewdesk.errors import NotFoundError, ReviewDeskError
from reviewdesk.services import annotations as notes
from reviewdesk.services import codebooks
from reviewdesk.services.tag_removal import RemovedTag, remove_tag, restore_tag
from reviewdesk.ui.session import ReviewSession
from reviewdesk.ui.undo import ServiceCommand

Refusal = Callable[[str], None]


class CodebookCommand(ServiceCommand):
    """A codebook edit. A refusal on its first run goes to `refused` when one is given (the
    editor shows it under its tree, with no message box); later ones go to session.error.
    `tag_id` is the tag the edit is about, for the editor to select."""

    def __init__(self, session: ReviewSession, text: str, refused: Refusal | None) -> None:
        super().__init__(session, text)
        self._refused = refused
        self.tag_id: str | None = None

    def redo(self) -> None:
        """Apply the edit; a refusal on the first run is handed to `refused`, if given."""
        if self._refused is None or self._done_once:
            super().redo()
            return
        try:
            self.apply()
            self._done_once = True
        except ReviewDeskError as error:
            self.setObsolete(True)  # drops it from the stack: nothing was changed
            self._refused(str(error))

    def _stored_tag(self, tag_id: str) -> Tag:
        tag = codebooks.default_codebook(self.session.store).by_id(tag_id)
        if tag is None:
            raise NotFoundError("that tag is no longer in the codebook")
        return tag


class AddTag(CodebookCommand):
    """Add a tag under `parent_id` at sibling `index`; redo after an undo brings back the
    same tag, id included."""

    def __init__(self, session: ReviewSession, name: str, colour: str, *,
                 parent_id: str | None = None, index: int | None = None,
                 refused: Refusal | None = None) -> None:
        super().__init__(session, f"Add tag {' '.join(name.split())}", refused)
        self._args = (name, colour, parent_id, index)
        self._removed: RemovedTag | None = None

    def apply(self) -> None:
        if self._removed is None:
            name, colour, parent_id, index = self._args
            self.tag_id = codebooks.add_tag(self.session.store, name, colour,
                                            parent_id=parent_id, index=index).id
        else:
            restore_tag(self.session.store, self._removed)
        self.session.reload_codebook()

    def revert(self) -> None:
        assert self.tag_id is not None
        self._removed = remove_tag(self.session.store, self.tag_id)
        self.session.reload_codebook()


class EditTag(CodebookCommand):
    """Change a tag's name, colour or key (shortcut=None clears it); undo puts back what
    it had."""

    def __init__(self, session: ReviewSession, tag_id: str, text: str, *,
                 refused: Refusal | None = None, **changes: Any) -> None:
        super().__init__(session, text, refused)
        self.tag_id = tag_id
        self._new = changes
        self._old: dict[str, Any] | None = None

    def apply(self) -> None:
        assert self.tag_id is not None
        if self._old is None:
            tag = self._stored_tag(self.tag_id)
            self._old = {name: getattr(tag, name) for name in self._new}
        codebooks.update_tag(self.session.store, self.tag_id, **self._new)
        self.session.reload_codebook()

    def revert(self) -> None:
        assert self.tag_id is not None and self._old is not None
        codebooks.update_tag(self.session.store, self.tag_id, **self._old)
        self.session.reload_codebook()


class SwapKeys(CodebookCommand):
    """Give a tag the key another tag has, and that tag its key (or none); undo swaps back."""

    def __init__(self, session: ReviewSession, tag_id: str, other_id: str, text: str, *,
                 refused: Refusal | None = None) -> None:
        super().__init__(session, text, refused)
        self.tag_id, self._other_id = tag_id, other_id

    def apply(self) -> None:
        self._swap()

    def revert(self) -> None:
        self._swap()

    def _swap(self) -> None:
        assert self.tag_id is not None
        codebooks.swap_shortcuts(self.session.store, self.tag_id, self._other_id)
        self.session.reload_codebook()


class MoveTag(CodebookCommand):
    """Move a tag (with its sub-tags) under `parent_id` at sibling `index` (None: last);
    undo puts it back under its old parent, where it stood."""

    def __init__(self, session: ReviewSession, tag_id: str, parent_id: str | None,
                 index: int | None, text: str, *, refused: Refusal | None = None) -> None:
        super().__init__(session, text, refused)
        self.tag_id = tag_id
        self._to = (parent_id, index)
        self._from: tuple[str | None, int] | None = None

    def apply(self) -> None:
        assert self.tag_id is not None
        if self._from is None:
            codebook = codebooks.default_codebook(self.session.store)
            tag = self._stored_tag(self.tag_id)
            self._from = (tag.parent_id, codebooks.sibling_index(codebook, tag))
        codebooks.move_tag(self.session.store, self.tag_id, *self._to)
        self.session.reload_codebook()

    def revert(self) -> None:
        assert self.tag_id is not None and self._from is not None
        codebooks.move_tag(self.session.store, self.tag_id, *self._from)
        self.session.reload_codebook()


class DeleteTag(CodebookCommand):
    """Delete a tag and the annotations that use it, on any brief; undo brings back the tag
    (same id, colour, key and place) and its annotations with their replies and links."""

    def __init__(self, session: ReviewSession, tag_id: str, *,
                 refused: Refusal | None = None) -> None:
        tag = session.codebook.by_id(tag_id)
        self._path = session.codebook.path(tag) if tag else "tag"
        super().__init__(session, f"Delete tag {self._path}", refused)
        self.tag_id = tag_id
        self._removed: RemovedTag | None = None

    def apply(self) -> None:
        assert self.tag_id is not None
        self._removed = remove_tag(self.session.store, self.tag_id)
        count = len(self._removed.annotations)
        if count:
            self.setText(f"Delete tag {self._path} and {count} "
                         f"annotation{'s' if count != 1 else ''}")
        for removed in self._removed.annotations:
            self.session.removed(removed.annotation.id)  # only the open brief's are shown
        self.session.reload_codebook()
        self._recount_others()

    def revert(self) -> None:
        assert self._removed is not None
        restore_tag(self.session.store, self._removed)
        self.session.reload_codebook()
        brief_id = self.session.brief.id if self.session.brief else None
        for removed in self._removed.annotations:
            if removed.annotation.brief_id == brief_id:
                self.session.added(notes.annotation_view(self.session.store,
                                                         removed.annotation.id))
        self._recount_others()

    def _recount_others(self) -> None:
        """Tell the library when briefs that are not open lost or regained annotations."""
        assert self._removed is not None
        open_id = self.session.brief.id if self.session.brief else None
        if any(removed.annotation.brief_id != open_id for removed in self._removed.annotations):
            self.session.library_changed.emit()
