"""The rows the annotation views are made of, read as plain tuples: the annotations with
their reviewers' names in one joined SELECT, their replies with theirs in another.

Building an Annotation (with its Anchor and selectors) for each row, and then its view,
cost three times the query itself on a brief with 10,000 annotations; these rows carry the
names already, and the services turn each into its view directly."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, bindparam, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.types import UserDefinedType
from sqlmodel import Session

from reviewdesk.storage.tables import AnnotationRow, ReplyRow, ReviewerRow

_from_iso = datetime.fromisoformat


def _utc(value: Any) -> datetime | None:
    """A stored time as an aware UTC datetime: SQLite gives back the ISO text it keeps,
    other databases a datetime. The offset is appended to the text rather than set with
    `replace(tzinfo=UTC)`, which alone took ten times as long as the parse."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return _from_iso(value + "+00:00")
        except ValueError:  # the text carries an offset of its own
            value = _from_iso(value)
    moment: datetime = value
    return moment.astimezone(UTC) if moment.utcoffset() is not None \
        else moment.replace(tzinfo=UTC)


class _UTCTime(UserDefinedType[datetime]):
    """Reads a time column through `_utc`; only ever applied with type_coerce, so never
    rendered in DDL."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "TIMESTAMP"

    def result_processor(self, dialect: Dialect,
                         coltype: object) -> Callable[[Any], datetime | None]:
        return _utc


_ANNOTATION = AnnotationRow.__table__  # type: ignore[attr-defined]
_REPLY = ReplyRow.__table__  # type: ignore[attr-defined]
_REVIEWER = ReviewerRow.__table__  # type: ignore[attr-defined]


def _annotations() -> Any:
    a, author = _ANNOTATION.c, _REVIEWER.alias("author")
    return (select(a.id, a.brief_id, a.tag_id, a.comment, author.c.name, author.c.initials,
                   a.status, a.exact, a.prefix, a.suffix, a.start, a.end,
                   type_coerce(a.created, _UTCTime()), type_coerce(a.modified, _UTCTime()),
                   a.anchor_state, a.anchor_score, a.date)
            .select_from(_ANNOTATION.outerjoin(author, author.c.id == a.reviewer_id))
            .order_by(a.start, a.end, a.created))


def _replies() -> Any:
    r, replier = _REPLY.c, _REVIEWER.alias("replier")
    return (select(r.annotation_id, r.id, replier.c.name, r.text,
                   type_coerce(r.created, _UTCTime()))
            .select_from(_REPLY.join(_ANNOTATION, _ANNOTATION.c.id == r.annotation_id)
                         .outerjoin(replier, replier.c.id == r.reviewer_id))
            .order_by(r.created))


_KEY: Any = bindparam("key")
_ANNOTATIONS_OF_BRIEF = _annotations().where(_ANNOTATION.c.brief_id == _KEY)
_ANNOTATION_BY_ID = _annotations().where(_ANNOTATION.c.id == _KEY)
_REPLIES_OF_BRIEF = _replies().where(_ANNOTATION.c.brief_id == _KEY)
_REPLIES_BY_ANNOTATION = _replies().where(_REPLY.c.annotation_id == _KEY)


def annotation_rows(session: Session, *, brief_id: str | None = None,
                    annotation_id: str | None = None) -> Iterable[Row[Any]]:
    """The annotations of a brief (or the one annotation `annotation_id`) in document
    order, each row, in this order: id, brief_id, tag_id, comment, reviewer name and
    initials (both None when the reviewer is unknown), status, exact, prefix, suffix,
    start, end, created, modified, anchor_state, anchor_score, date. Times are aware UTC
    datetimes."""
    statement = _ANNOTATIONS_OF_BRIEF if _of_brief(brief_id, annotation_id) \
        else _ANNOTATION_BY_ID
    return session.execute(statement, {"key": brief_id or annotation_id})


def reply_rows(session: Session, *, brief_id: str | None = None,
               annotation_id: str | None = None) -> Iterable[Row[Any]]:
    """The replies to a brief's annotations (or to the one annotation `annotation_id`),
    oldest first, each row: annotation id, id, reviewer name (None when unknown), text,
    created (an aware UTC datetime)."""
    statement = _REPLIES_OF_BRIEF if _of_brief(brief_id, annotation_id) \
        else _REPLIES_BY_ANNOTATION
    return session.execute(statement, {"key": brief_id or annotation_id})


def _of_brief(brief_id: str | None, annotation_id: str | None) -> bool:
    if (brief_id is None) == (annotation_id is None):
        raise ValueError("name either a brief or an annotation")
    return brief_id is not None
