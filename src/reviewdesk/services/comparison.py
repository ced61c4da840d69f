"""Comparing a version of a brief with the one before it: both texts with their
annotations, which annotation each carried one came from, and what changed in the
paragraphs, the reference list and the recommendations."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.compare import (
    BlockChange,
    BlockKindName,
    ListChange,
    Span,
    changed_words,
    compare_blocks,
    compare_lists,
)
from reviewdesk.domain.views import AnnotationView
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import annotations_of
from reviewdesk.services.briefs import load_brief
from reviewdesk.services.library import previous_version
from reviewdesk.services.tracking import recommendations_of, references_of
from reviewdesk.storage.store import Store

FIRST_VERSION = ("this is the first version of the brief; there is no earlier version to "
                 "compare it with")


@dataclass(frozen=True, slots=True)
class Marks:
    """What is marked on one version: the kind of each block that is not the same (by its
    index), and the words changed inside each changed block (spans in the block's text)."""

    kinds: dict[int, BlockKindName] = field(default_factory=dict)
    words: dict[int, list[Span]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A version and the one before it, with what the compare view shows of them."""

    old: Brief
    new: Brief
    old_annotations: list[AnnotationView]
    new_annotations: list[AnnotationView]
    carried_from: dict[str, str]  # new annotation id -> the old annotation it was carried from
    blocks: list[BlockChange]
    references: list[ListChange]
    recommendations: list[ListChange]

    def marks(self) -> tuple[Marks, Marks]:
        """The marks on the old version and on the new one."""
        old, new = Marks(), Marks()
        for change in self.blocks:
            if change.kind == "same":
                continue
            if change.old_index is not None:
                old.kinds[change.old_index] = change.kind
            if change.new_index is not None:
                new.kinds[change.new_index] = change.kind
            if (change.kind == "changed" and change.old_index is not None
                    and change.new_index is not None):
                gone, came = changed_words(self.old.blocks[change.old_index].text,
                                           self.new.blocks[change.new_index].text)
                old.words[change.old_index], new.words[change.new_index] = gone, came
        return old, new


def load_comparison(store: Store, brief_id: str) -> Comparison:
    """The version `brief_id` and the one before it; InputError for a first version."""
    previous = previous_version(store, brief_id)
    if previous is None:
        raise InputError(FIRST_VERSION)
    old, new = load_brief(store, previous), load_brief(store, brief_id)
    with store.transaction() as tx:
        old_views, new_views = annotations_of(tx, old.id), annotations_of(tx, new.id)
        carried = {a.id: a.carried_from for a in tx.annotations.for_brief(new.id)
                   if a.carried_from}
    references = compare_lists([t.reference.raw for t in references_of(store, old.id)],
                               [t.reference.raw for t in references_of(store, new.id)])
    recommendations = compare_lists(
        [t.recommendation.text for t in recommendations_of(store, old.id)],
        [t.recommendation.text for t in recommendations_of(store, new.id)])
    return Comparison(old, new, old_views, new_views, carried, compare_blocks(old, new),
                      references, recommendations)
