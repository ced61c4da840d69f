"""Tracked changes pending in an imported Word file, stored as suggested edits by their
original authors (inside the import's transaction, so a failed import leaves none)."""

from __future__ import annotations

import logging
from datetime import UTC

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.brief import Brief
from reviewdesk.domain.ids import as_utc
from reviewdesk.domain.review import Suggestion
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.repositories import Transaction

log = logging.getLogger(__name__)


def store_source_changes(tx: Transaction, brief: Brief, unknown_author: str) -> int:
    """Each of the brief's source changes becomes a pending suggestion by its author (a
    reviewer made or found by name, as a Word comment's author is); how many."""
    blocks = brief.blocks
    stored = 0
    for change in brief.source_changes:
        block = next((b for b in blocks if b.start <= change.start and change.end <= b.end),
                     None)
        if block is None or change.start >= change.end:
            log.warning("a tracked change by %s has no place in one paragraph of %s; left out",
                        change.author, brief.title)
            continue
        author = ensure_reviewer(tx, change.author or unknown_author, acting=False)
        when = change.date or brief.imported_at
        suggestion = Suggestion(brief_id=brief.id, block_id=block.id,
                                anchor=anchor_at(brief.text, change.start, change.end),
                                replacement=change.replacement, reviewer_id=author.id)
        if when is not None:
            suggestion.created = as_utc(when).astimezone(UTC)
        tx.findings.add_suggestion(suggestion)
        stored += 1
    return stored
