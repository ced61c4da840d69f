"""The original file a brief was imported from, for panels that show it as it was."""

from __future__ import annotations

from reviewdesk.domain.brief import SourceFile
from reviewdesk.storage.store import Store


def original_file(store: Store, brief_id: str) -> SourceFile | None:
    """The stored bytes of a brief's original file, or None when none were kept."""
    with store.transaction() as tx:
        return tx.briefs.source(brief_id)
