"""Deleting a tag with the annotations that use it, and putting both back exactly (undo)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reviewdesk.domain.codebook import Tag
from reviewdesk.errors import NotFoundError
from reviewdesk.services.annotations import (
    RemovedAnnotation,
    put_back_annotations,
    take_out_annotation,
)
from reviewdesk.services.codebooks import (
    ensure_default_codebook,
    put_back_tag,
    sibling_index,
    take_out_tag,
)
from reviewdesk.storage.store import Store


@dataclass(frozen=True, slots=True)
class TagUse:
    """How many annotations use a tag, and on how many briefs."""

    annotations: int
    briefs: int

    def describe(self) -> str:
        """'3 annotations on 2 briefs', with the plurals right."""
        notes = f"{self.annotations} annotation{'s' if self.annotations != 1 else ''}"
        return f"{notes} on {self.briefs} brief{'s' if self.briefs != 1 else ''}"


@dataclass(frozen=True, slots=True)
class RemovedTag:
    """A deleted tag as it was (id, colour, key, parent), where it stood among its
    siblings, and the annotations deleted with it (with their replies and links)."""

    tag: Tag
    index: int
    annotations: tuple[RemovedAnnotation, ...]


def tag_use(store: Store, tag_id: str) -> TagUse:
    """How many annotations, on how many briefs, deleting this tag would delete."""
    with store.transaction() as tx:
        used = tx.annotations.with_tag(tag_id)
        return TagUse(len(used), len({annotation.brief_id for annotation in used}))


def remove_tag(store: Store, tag_id: str) -> RemovedTag:
    """Delete a tag without sub-tags and every annotation tagged with it, on any brief;
    returns all that went, so restore_tag can put it back."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        tag = codebook.by_id(tag_id)
        if tag is None:
            raise NotFoundError("that tag is no longer in the codebook")
        kept = replace(tag)
        index = sibling_index(codebook, tag)
        if any(other.parent_id == tag.id for other in codebook.tags):
            take_out_tag(tx, codebook, tag)  # refuses, naming the sub-tags' parent
        notes = tuple(take_out_annotation(tx, annotation)
                      for annotation in tx.annotations.with_tag(tag.id))
        take_out_tag(tx, codebook, tag)
        return RemovedTag(kept, index, notes)


def restore_tag(store: Store, removed: RemovedTag) -> Tag:
    """Put a deleted tag back as it was, where it was, with its annotations."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        tag = replace(removed.tag)
        put_back_tag(tx, codebook, tag, removed.index)
        put_back_annotations(tx, removed.annotations)
        return tag
