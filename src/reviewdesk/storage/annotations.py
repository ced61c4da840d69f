"""Repository for annotations and their replies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Row, delete, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from reviewdesk.domain.anchor import Anchor, TextPositionSelector, TextQuoteSelector
from reviewdesk.domain.ids import as_utc
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply
from reviewdesk.storage.annotation_views import annotation_rows, reply_rows
from reviewdesk.storage.prefix import ids_starting_with
from reviewdesk.storage.tables import AnnotationRow, ReplyRow


class AnnotationRepository:
    """Annotations and their replies."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, annotation: Annotation) -> None:
        self._session.add(_annotation_row(annotation))
        self._session.flush()

    def add_all(self, annotations: Iterable[Annotation], replies: Iterable[Reply] = ()) -> None:
        """The annotations, then the replies, each as plain rows in one executemany INSERT:
        an ORM object per row took two thirds of the time and memory of importing a file of
        100,000 annotations."""
        self.insert_rows([_annotation_values(a) for a in annotations],
                         [_reply_values(r) for r in replies])

    def insert_rows(self, annotations: Sequence[dict[str, Any]],
                    replies: Sequence[dict[str, Any]] = ()) -> None:
        """Rows already shaped as the annotation and reply tables' columns, each kind in one
        executemany INSERT (add_all's last step; the benchmarks fill large stores with it)."""
        self._session.flush()
        if annotations:
            self._session.execute(insert(AnnotationRow.__table__), annotations)  # type: ignore[attr-defined]
        if replies:
            self._session.execute(insert(ReplyRow.__table__), replies)  # type: ignore[attr-defined]

    def get(self, annotation_id: str) -> Annotation | None:
        row = self._session.get(AnnotationRow, annotation_id)
        return _annotation(row) if row else None

    def for_brief(self, brief_id: str) -> list[Annotation]:
        return list(self.iter_for_brief(brief_id))

    def iter_for_brief(self, brief_id: str) -> Iterator[Annotation]:
        """for_brief() one at a time as the rows come, for a caller that keeps something
        smaller of each."""
        table = AnnotationRow.__table__  # type: ignore[attr-defined]
        statement = (sa_select(table).where(table.c.brief_id == brief_id)
                     .order_by(table.c.start, table.c.end, table.c.created))
        for row in self._session.execute(statement):
            yield _annotation(row)

    def view_rows(self, *, brief_id: str | None = None, annotation_id: str | None = None,
                  ) -> tuple[Iterable[Row[Any]], Iterable[Row[Any]]]:
        """The plain rows the views of a brief's annotations (or of one annotation) are
        made of: the annotations', then their replies' (see `storage.annotation_views`
        for their columns)."""
        return (annotation_rows(self._session, brief_id=brief_id, annotation_id=annotation_id),
                reply_rows(self._session, brief_id=brief_id, annotation_id=annotation_id))

    def with_tag(self, tag_id: str) -> list[Annotation]:
        """Every annotation tagged `tag_id`, on any brief, in the order they were made."""
        table = AnnotationRow.__table__  # type: ignore[attr-defined]
        statement = (sa_select(table).where(table.c.tag_id == tag_id)
                     .order_by(table.c.created, table.c.id))
        return [_annotation(row) for row in self._session.execute(statement)]

    def ids_starting_with(self, prefix: str, limit: int = 2) -> list[str]:
        """Up to `limit` annotation ids that start with `prefix`."""
        return ids_starting_with(self._session, AnnotationRow.id, prefix, limit)

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of `ids` that are annotations or replies in the store."""
        found: set[str] = set()
        for chunk in _chunks(ids, 500):
            found.update(self._session.exec(
                select(AnnotationRow.id).where(col(AnnotationRow.id).in_(chunk))))
            found.update(self._session.exec(
                select(ReplyRow.id).where(col(ReplyRow.id).in_(chunk))))
        return found

    def homes(self, ids: Sequence[str]) -> dict[str, str]:
        """Annotation id -> the brief it is on, for those of `ids` that are annotations."""
        found: dict[str, str] = {}
        for chunk in _chunks(ids, 500):
            found.update((row[0], row[1]) for row in self._session.exec(
                select(AnnotationRow.id, AnnotationRow.brief_id)
                .where(col(AnnotationRow.id).in_(chunk))))
        return found

    def replies_for_brief(self, brief_id: str) -> dict[str, list[Reply]]:
        """Annotation id -> its replies, oldest first, for every annotation of the brief."""
        statement = (select(ReplyRow).join(AnnotationRow)
                     .where(AnnotationRow.brief_id == brief_id)
                     .order_by(col(ReplyRow.created)))
        replies: dict[str, list[Reply]] = defaultdict(list)
        for row in self._session.exec(statement):
            replies[row.annotation_id].append(
                Reply(id=row.id, annotation_id=row.annotation_id, reviewer_id=row.reviewer_id,
                      text=row.text, created=as_utc(row.created)))
        return replies

    def replies_of(self, annotation_id: str) -> list[Reply]:
        """One annotation's replies, oldest first."""
        statement = (select(ReplyRow).where(ReplyRow.annotation_id == annotation_id)
                     .order_by(col(ReplyRow.created)))
        return [Reply(id=row.id, annotation_id=row.annotation_id, reviewer_id=row.reviewer_id,
                      text=row.text, created=as_utc(row.created))
                for row in self._session.exec(statement)]

    def add_reply(self, reply: Reply) -> None:
        self._session.add(_reply_row(reply))
        self._session.flush()

    def delete_reply(self, reply_id: str) -> bool:
        result = self._session.execute(delete(ReplyRow).where(col(ReplyRow.id) == reply_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def delete(self, annotation_id: str) -> bool:
        result = self._session.execute(
            delete(AnnotationRow).where(col(AnnotationRow.id) == annotation_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _annotation_row(annotation: Annotation) -> AnnotationRow:
    return AnnotationRow(**_annotation_values(annotation))


def _annotation_values(annotation: Annotation) -> dict[str, Any]:
    quote, position = annotation.anchor.quote, annotation.anchor.position
    return {"id": annotation.id, "brief_id": annotation.brief_id,
            "tag_id": annotation.tag_id, "reviewer_id": annotation.reviewer_id,
            "comment": annotation.comment, "status": annotation.status.value,
            "exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix,
            "start": position.start, "end": position.end,
            "created": annotation.created, "modified": annotation.modified,
            "anchor_state": annotation.anchor_state, "anchor_score": annotation.anchor_score,
            "carried_from": annotation.carried_from, "date": annotation.date}


def _annotation(row: Any) -> Annotation:
    """From an AnnotationRow or a plain result row of the annotation table."""
    anchor = Anchor(TextQuoteSelector(row.exact, row.prefix, row.suffix),
                    TextPositionSelector(row.start, row.end))
    return Annotation(id=row.id, brief_id=row.brief_id, anchor=anchor,
                      reviewer_id=row.reviewer_id, tag_id=row.tag_id, comment=row.comment,
                      status=AnnotationStatus(row.status), created=as_utc(row.created),
                      modified=as_utc(row.modified), anchor_state=row.anchor_state,
                      anchor_score=row.anchor_score, carried_from=row.carried_from,
                      date=row.date)


def _reply_row(reply: Reply) -> ReplyRow:
    return ReplyRow(**_reply_values(reply))


def _reply_values(reply: Reply) -> dict[str, Any]:
    return {"id": reply.id, "annotation_id": reply.annotation_id,
            "reviewer_id": reply.reviewer_id, "text": reply.text, "created": reply.created}

