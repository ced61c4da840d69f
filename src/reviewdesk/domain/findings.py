"""What the review tracks besides annotations: the reference list and the recommendations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from reviewdesk.domain.ids import new_id, utc_now


class ReferenceCheck(StrEnum):
    """What a reviewer found when checking a reference entry."""

    UNCHECKED = "unchecked"
    VERIFIED = "verified"
    PROBLEM = "problem"


@dataclass(slots=True)
class Reference:
    """One entry of the brief's reference list, as written and as parsed."""

    brief_id: str
    position: int
    raw: str
    author: str = ""
    date_text: str = ""
    title: str = ""
    container: str = ""
    url: str = ""
    flags: list[str] = field(default_factory=list)
    # 1-based position of the earlier entry this one repeats ("Same as above").
    duplicate_of: int | None = None
    check: ReferenceCheck = ReferenceCheck.UNCHECKED
    note: str = ""
    block_id: str | None = None
    id: str = field(default_factory=new_id)


class RecommendationStatus(StrEnum):
    """Where a recommendation stands in the decision on it, as the reviewer tracks it."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DEFERRED = "deferred"


@dataclass(slots=True)
class Recommendation:
    """One recommendation of the brief and its follow-up: who it is for, its priority, the
    decision, the owner and when it is due."""

    brief_id: str
    position: int
    text: str
    addressee: str = ""
    priority: str = ""
    status: RecommendationStatus = RecommendationStatus.PROPOSED
    owner: str = ""
    due: date | None = None
    note: str = ""
    block_id: str | None = None
    modified: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class RecommendationEvent:
    """One change to a recommendation, for its history."""

    recommendation_id: str
    changed: str  # the field that changed: status, owner, due...
    old: str
    new: str
    reviewer_id: str
    at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)
