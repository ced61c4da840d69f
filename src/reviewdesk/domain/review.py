"""The review of a brief: reviewers, annotations and their replies, suggested edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from reviewdesk.domain.anchor import Anchor
from reviewdesk.domain.ids import new_id, utc_now


class SuggestionStatus(StrEnum):
    """Where a suggested edit stands: still proposed, or decided by a reviewer. Deciding
    never rewrites the brief's text; an accepted edit is one the review stands behind."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class AnnotationStatus(StrEnum):
    """Whether an annotation still needs attention."""

    OPEN = "open"
    RESOLVED = "resolved"


@dataclass(slots=True)
class Reviewer:
    """A person who annotates; `initials` mark their comments in a Word export."""

    name: str
    initials: str
    id: str = field(default_factory=new_id)
    # The public key (hex) of the database this reviewer works in (see services.identity);
    # None for a reviewer met before databases had keys.
    public_key: str | None = None


def initials_of(name: str) -> str:
    """'Amina Rahimi' -> 'AR'; a single word gives its first two letters."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return "".join(word[0] for word in words[:3]).upper()


@dataclass(slots=True)
class Annotation:
    """A tag and/or comment on exactly one stretch of a brief's canonical text."""

    brief_id: str
    anchor: Anchor
    reviewer_id: str
    tag_id: str | None = None
    comment: str = ""
    status: AnnotationStatus = AnnotationStatus.OPEN
    created: datetime = field(default_factory=utc_now)
    modified: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)
    # How it was placed when carried from an earlier version (see domain.carry).
    anchor_state: str = "anchored"
    anchor_score: float | None = None
    carried_from: str | None = None
    # The date a reviewer set for the annotated event; None: the brief's date stands.
    date: str | None = None


@dataclass(slots=True)
class Reply:
    """A reply in an annotation's thread."""

    annotation_id: str
    reviewer_id: str
    text: str
    created: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Suggestion:
    """A reviewer's proposed rewording of part of one block."""

    brief_id: str
    block_id: str
    anchor: Anchor
    replacement: str
    reviewer_id: str
    created: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)
    status: SuggestionStatus = SuggestionStatus.PENDING
