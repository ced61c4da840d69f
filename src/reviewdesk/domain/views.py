"""Read models: annotations with names resolved, as the CLI prints them and the UI shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reviewdesk.domain.review import AnnotationStatus


@dataclass(frozen=True, slots=True)
class ReplyView:
    """A reply with its reviewer's name resolved."""

    id: str
    reviewer: str
    text: str
    created: datetime


@dataclass(frozen=True, slots=True)
class AnnotationView:
    """An annotation with names resolved, as the CLI prints it and the UI shows it."""

    id: str
    brief_id: str
    tag: str | None
    colour: str | None
    comment: str
    reviewer: str
    initials: str
    status: AnnotationStatus
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    created: datetime
    modified: datetime
    replies: tuple[ReplyView, ...] = field(default=())
    anchor_state: str = "anchored"  # anchored, shifted, needs_review or orphaned
    anchor_score: float | None = None
    date: str | None = None  # set by a reviewer (see domain.indicator_dates)
