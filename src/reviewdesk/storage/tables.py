"""SQLModel tables: one SQLite file holds every brief, review and reviewer.

Primary keys are UUID strings so that reviewers' databases can be merged by id.
Times are stored in UTC. Enumerations are stored as their text values.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class SourceFileRow(SQLModel, table=True):
    __tablename__ = "source_file"
    id: str = Field(primary_key=True)
    sha256: str = Field(index=True, unique=True)
    filename: str
    size: int
    data: bytes


class BriefRow(SQLModel, table=True):
    __tablename__ = "brief"
    id: str = Field(primary_key=True)
    title: str
    source_format: str
    text: str
    source_file_id: str | None = Field(default=None, foreign_key="source_file.id",
                                       index=True, ondelete="RESTRICT")
    imported_at: datetime
    # A later version names the first version of its brief; the first names none.
    # (No ON DELETE clause: SQLite's reflection cannot read one back from an added column;
    # the default, NO ACTION, refuses the delete all the same.)
    version_of: str | None = Field(default=None, foreign_key="brief.id", index=True)
    version: int = 1
    # ISO 639-1 code of the language the brief is written in ("" when not known).
    language: str = Field(default="", sa_column_kwargs={"server_default": ""})


class SectionRow(SQLModel, table=True):
    __tablename__ = "section"
    id: str = Field(primary_key=True)
    brief_id: str = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    position: int
    title: str
    kind: str
    level: int


class BlockRow(SQLModel, table=True):
    __tablename__ = "block"
    id: str = Field(primary_key=True)
    brief_id: str = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    section_id: str = Field(foreign_key="section.id", index=True, ondelete="CASCADE")
    position: int
    kind: str
    level: int
    text: str
    start: int
    end: int
    locator: str
    page: int | None = None
    tracked_changes: bool = False
    rtl: bool = False
    # [[start, end, url], ...] as JSON; empty for the many blocks without links.
    links: str = ""


class ReviewerRow(SQLModel, table=True):
    __tablename__ = "reviewer"
    id: str = Field(primary_key=True)
    name: str = Field(unique=True)
    initials: str
    # The Ed25519 public key (hex) of the database this reviewer works in: only bundles
    # signed with it may change their work. None: met before keys existed.
    public_key: str | None = None


class CodebookRow(SQLModel, table=True):
    __tablename__ = "codebook"
    id: str = Field(primary_key=True)
    name: str
    is_default: bool = False


class TagRow(SQLModel, table=True):
    __tablename__ = "tag"
    id: str = Field(primary_key=True)
    codebook_id: str = Field(foreign_key="codebook.id", index=True, ondelete="CASCADE")
    parent_id: str | None = Field(default=None, foreign_key="tag.id", index=True,
                                  ondelete="RESTRICT")
    name: str
    colour: str
    shortcut: str | None = None
    description: str = ""
    position: int = 0


class AnnotationRow(SQLModel, table=True):
    __tablename__ = "annotation"
    # Cards and highlights are read in document order, brief by brief.
    __table_args__ = (Index("ix_annotation_brief_start", "brief_id", "start"),)
    id: str = Field(primary_key=True)
    brief_id: str = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    tag_id: str | None = Field(default=None, foreign_key="tag.id", index=True,
                               ondelete="RESTRICT")
    reviewer_id: str = Field(foreign_key="reviewer.id", index=True, ondelete="RESTRICT")
    comment: str = ""
    status: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    created: datetime
    modified: datetime
    # How it was placed when carried to this version (anchored when made here).
    anchor_state: str = "anchored"
    anchor_score: float | None = None
    carried_from: str | None = Field(default=None, index=True)
    # Raised by every edit here; a merge keeps the higher, so a wrong clock cannot win.
    revision: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # The date a reviewer set for the annotated event, as written; None: not set (the
    # brief's own date, or one inferred, stands).
    date: str | None = None


class ReplyRow(SQLModel, table=True):
    __tablename__ = "reply"
    id: str = Field(primary_key=True)
    annotation_id: str = Field(foreign_key="annotation.id", index=True, ondelete="CASCADE")
    reviewer_id: str = Field(foreign_key="reviewer.id", index=True, ondelete="RESTRICT")
    text: str
    created: datetime


class ReferenceRow(SQLModel, table=True):
    __tablename__ = "reference"
    id: str = Field(primary_key=True)
    brief_id: str = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    block_id: str | None = Field(default=None, foreign_key="block.id", ondelete="SET NULL")
    position: int
    raw: str
    author: str = ""
    date_text: str = ""
    title: str = ""
    container: str = ""
    url: str = ""
    flags: str = ""
    duplicate_of: int | None = None
    check_status: str = "unchecked"
    note: str = ""
    # When check_status or note last changed (set by a trigger); None: never.
    modified: datetime | None = None
    revision: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class RecommendationRow(SQLModel, table=True):
    __tablename__ = "recommendation"
    id: str = Field(primary_key=True)
    brief_id: str = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    block_id: str | None = Field(default=None, foreign_key="block.id", ondelete="SET NULL")
    position: int
    text: str
    addressee: str = ""
    priority: str = ""
    status: str = "proposed"
    owner: str = ""
    due: date | None = None
    note: str = ""
    modified: datetime
    revision: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class SuggestionRow(SQLModel, table=True):
    __tablename__ = "suggestion"
    id: str = Field(primary_key=True)
    brief_id: str = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    block_id: str = Field(foreign_key="block.id", index=True, ondelete="CASCADE")
    reviewer_id: str = Field(foreign_key="reviewer.id", index=True, ondelete="RESTRICT")
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    replacement: str
    created: datetime
    status: str = "pending"  # domain.review.SuggestionStatus


class SettingRow(SQLModel, table=True):
    """Per-database preferences, such as the reviewer this copy works as."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str


class ClaimLinkRow(SQLModel, table=True):
    """A claim (an annotation) the reviewer traced to an entry of the reference list."""

    __tablename__ = "claim_link"
    __table_args__ = (UniqueConstraint("annotation_id", "reference_id"),)
    id: str = Field(primary_key=True)
    annotation_id: str = Field(foreign_key="annotation.id", index=True, ondelete="CASCADE")
    reference_id: str = Field(foreign_key="reference.id", index=True, ondelete="CASCADE")
    created: datetime


class EvidenceLinkRow(SQLModel, table=True):
    """An annotation the reviewer cites as evidence for a recommendation."""

    __tablename__ = "evidence_link"
    __table_args__ = (UniqueConstraint("annotation_id", "recommendation_id"),)
    id: str = Field(primary_key=True)
    annotation_id: str = Field(foreign_key="annotation.id", index=True, ondelete="CASCADE")
    recommendation_id: str = Field(foreign_key="recommendation.id", index=True,
                                   ondelete="CASCADE")
    created: datetime


class RecommendationEventRow(SQLModel, table=True):
    """One change to a tracked recommendation: which field, from what, to what, by whom."""

    __tablename__ = "recommendation_event"
    id: str = Field(primary_key=True)
    recommendation_id: str = Field(foreign_key="recommendation.id", index=True,
                                   ondelete="CASCADE")
    reviewer_id: str = Field(foreign_key="reviewer.id", index=True, ondelete="RESTRICT")
    field: str
    old: str
    new: str
    at: datetime


class TombstoneRow(SQLModel, table=True):
    """An annotation, reply or suggestion deleted here or in a merged bundle: the record
    travels in bundles so the deletion reaches every copy, and beats any edit of the item."""

    __tablename__ = "tombstone"
    id: str = Field(primary_key=True)  # the deleted item's id
    kind: str  # annotation, reply or suggestion
    brief_id: str = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    deleted_at: datetime
    # The deleted item's author: the tombstone deletes only that reviewer's item of this
    # id on this brief. None: recorded before authors were.
    reviewer_id: str | None = None


class AnnotationEventRow(SQLModel, table=True):
    """A value of an annotation's field that a merge did not keep (the same annotation was
    edited in two copies): the value kept, the other, and when the other was written."""

    __tablename__ = "annotation_event"
    id: str = Field(primary_key=True)
    annotation_id: str = Field(foreign_key="annotation.id", index=True, ondelete="CASCADE")
    field: str
    value_kept: str
    value_other: str
    at: datetime
    source: str


class AnnotationSupersededRow(SQLModel, table=True):
    """A version of an annotation (named by its modified time) that its current version
    replaced, here or in a copy merged with this one (a trigger records local edits)."""

    __tablename__ = "annotation_superseded"
    annotation_id: str = Field(foreign_key="annotation.id", primary_key=True,
                               ondelete="CASCADE")
    modified: datetime = Field(primary_key=True)


class ReviewerKeyRow(SQLModel, table=True):
    """A public key this database trusts, and the role it trusts it with ("reviewer" or
    "lead"); `trust` says how: "self" (this database's own), "first-use" or "explicit"."""

    __tablename__ = "reviewer_key"
    public_key: str = Field(primary_key=True)
    name: str  # who signed with it when it was trusted
    role: str
    trust: str
    trusted_at: datetime


class HeldReplyRow(SQLModel, table=True):
    """A reply from a bundle whose annotation this database does not have yet: it joins
    the annotation when that arrives, so merging in any order gives the same replies."""

    __tablename__ = "held_reply"
    id: str = Field(primary_key=True)
    annotation_id: str = Field(index=True)
    brief_id: str = Field(foreign_key="brief.id", index=True, ondelete="CASCADE")
    reviewer_id: str = Field(foreign_key="reviewer.id", ondelete="RESTRICT")
    text: str
    created: datetime


class SearchQueueRow(SQLModel, table=True):
    """A title, block, comment or reply added or changed since the search index last took
    in the queue (triggers fill it; storage/search.py empties it before each search)."""

    __tablename__ = "search_queue"
    # The row's rowid in the index: its source row's rowid times four plus its kind (0 a
    # brief's title, 1 a block, 2 an annotation's comment, 3 a reply).
    entry: int = Field(primary_key=True)
