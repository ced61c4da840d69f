"""Repository for what reviewers track: reference checks, recommendation states and history,
claim and evidence links, and edits to annotations and suggestions."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, column, delete, insert, table, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, col, select

from reviewdesk.domain.findings import RecommendationEvent
from reviewdesk.domain.ids import as_utc, new_id, utc_now
from reviewdesk.storage.tables import (
    AnnotationRow,
    ClaimLinkRow,
    EvidenceLinkRow,
    RecommendationEventRow,
    RecommendationRow,
    ReferenceRow,
    ReplyRow,
    SuggestionRow,
    TombstoneRow,
)


class TrackingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # Every edit made here raises the item's revision by one: a merge keeps the version
    # with the higher revision (then the later time), so an edit made after seeing
    # another copy's version beats it whatever either clock says.

    def update_annotation(self, annotation_id: str, **values: object) -> bool:
        """Set columns of one annotation (comment, status, tag_id) and its modified time."""
        return self._update(AnnotationRow, annotation_id,
                            {**values, "modified": utc_now(),
                             "revision": col(AnnotationRow.revision) + 1})

    def update_reference(self, reference_id: str, **values: object) -> bool:
        return self._update(ReferenceRow, reference_id,
                            {**values, "revision": col(ReferenceRow.revision) + 1})

    def update_recommendation(self, recommendation_id: str, **values: object) -> bool:
        return self._update(RecommendationRow, recommendation_id,
                            {**values, "modified": utc_now(),
                             "revision": col(RecommendationRow.revision) + 1})

    def _update(self, table: type, row_id: str, values: dict[str, object]) -> bool:
        result = self._session.execute(
            update(table).where(table.id == row_id).values(**values))  # type: ignore[attr-defined]
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def add_event(self, event: RecommendationEvent) -> None:
        self._session.add(RecommendationEventRow(
            id=event.id, recommendation_id=event.recommendation_id,
            reviewer_id=event.reviewer_id, field=event.changed, old=event.old, new=event.new,
            at=event.at))
        self._session.flush()

    def events(self, recommendation_id: str) -> list[RecommendationEvent]:
        statement = (select(RecommendationEventRow)
                     .where(RecommendationEventRow.recommendation_id == recommendation_id)
                     .order_by(col(RecommendationEventRow.at)))
        return [RecommendationEvent(id=r.id, recommendation_id=r.recommendation_id,
                                    changed=r.field, old=r.old, new=r.new,
                                    reviewer_id=r.reviewer_id, at=as_utc(r.at))
                for r in self._session.exec(statement)]

    def link_claim(self, annotation_id: str, reference_id: str) -> None:
        if reference_id not in self.claim_references(annotation_id):
            self._session.add(ClaimLinkRow(id=new_id(), annotation_id=annotation_id,
                                           reference_id=reference_id, created=utc_now()))
            self._session.flush()

    def unlink_claim(self, annotation_id: str, reference_id: str) -> None:
        self._session.execute(delete(ClaimLinkRow).where(
            col(ClaimLinkRow.annotation_id) == annotation_id,
            col(ClaimLinkRow.reference_id) == reference_id))

    def claim_references(self, annotation_id: str) -> list[str]:
        return list(self._session.exec(select(ClaimLinkRow.reference_id)
                                       .where(ClaimLinkRow.annotation_id == annotation_id)))

    def claims_of_references(self, reference_ids: Sequence[str]) -> dict[str, list[str]]:
        """Reference id -> the annotation ids linked to it, in one query."""
        found: dict[str, list[str]] = {rid: [] for rid in reference_ids}
        statement = select(ClaimLinkRow.reference_id, ClaimLinkRow.annotation_id).where(
            col(ClaimLinkRow.reference_id).in_(reference_ids))
        for reference_id, annotation_id in self._session.exec(statement):
            found[reference_id].append(annotation_id)
        return found

    def add_links(self, claims: Sequence[tuple[str, str]],
                  evidence: Sequence[tuple[str, str]]) -> None:
        """Many new (annotation, reference) and (annotation, recommendation) links at once,
        for annotations just made (so none of them can exist yet)."""
        now = utc_now()
        self._session.add_all([ClaimLinkRow(id=new_id(), annotation_id=a, reference_id=r,
                                            created=now) for a, r in claims])
        self._session.add_all([EvidenceLinkRow(id=new_id(), annotation_id=a,
                                               recommendation_id=r, created=now)
                               for a, r in evidence])
        self._session.flush()

    def link_evidence(self, annotation_id: str, recommendation_id: str) -> None:
        if recommendation_id not in self.evidence_of_annotation(annotation_id):
            self._session.add(EvidenceLinkRow(id=new_id(), annotation_id=annotation_id,
                                              recommendation_id=recommendation_id,
                                              created=utc_now()))
            self._session.flush()

    def unlink_evidence(self, annotation_id: str, recommendation_id: str) -> None:
        self._session.execute(delete(EvidenceLinkRow).where(
            col(EvidenceLinkRow.annotation_id) == annotation_id,
            col(EvidenceLinkRow.recommendation_id) == recommendation_id))

    def evidence_of_annotation(self, annotation_id: str) -> list[str]:
        return list(self._session.exec(select(EvidenceLinkRow.recommendation_id)
                                       .where(EvidenceLinkRow.annotation_id == annotation_id)))

    def evidence_of_recommendations(self, ids: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {rid: [] for rid in ids}
        statement = select(EvidenceLinkRow.recommendation_id,
                           EvidenceLinkRow.annotation_id).where(
            col(EvidenceLinkRow.recommendation_id).in_(ids))
        for recommendation_id, annotation_id in self._session.exec(statement):
            found[recommendation_id].append(annotation_id)
        return found

    def delete_suggestion(self, suggestion_id: str) -> bool:
        result = self._session.execute(
            delete(SuggestionRow).where(col(SuggestionRow.id) == suggestion_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # Tombstones: a deletion that travels in review bundles (see services.bundles).

    def add_tombstone(self, item_id: str, kind: str, brief_id: str, reviewer_id: str,
                      deleted_at: datetime | None = None) -> None:
        """Record that the annotation, reply or suggestion `item_id`, by `reviewer_id`,
        was deleted."""
        self._session.merge(TombstoneRow(id=item_id, kind=kind, brief_id=brief_id,
                                         reviewer_id=reviewer_id,
                                         deleted_at=deleted_at or utc_now()))
        self._session.flush()

    def remove_tombstone(self, item_id: str) -> None:
        """Forget a deletion that was undone."""
        self._session.execute(delete(TombstoneRow).where(col(TombstoneRow.id) == item_id))

    def is_tombstoned(self, item_id: str) -> bool:
        return self._session.get(TombstoneRow, item_id) is not None

    def reply_place(self, reply_id: str) -> tuple[str, str] | None:
        """(the brief its annotation is on, its author) of a reply, if it exists."""
        statement = (select(AnnotationRow.brief_id, ReplyRow.reviewer_id).join(ReplyRow)
                     .where(ReplyRow.id == reply_id))
        found = self._session.exec(statement).first()
        return (found[0], found[1]) if found else None

    def suggestion_place(self, suggestion_id: str) -> tuple[str, str] | None:
        """(its brief, its author) of a suggested edit, if it exists."""
        found = self._session.exec(select(SuggestionRow.brief_id, SuggestionRow.reviewer_id)
                                   .where(SuggestionRow.id == suggestion_id)).first()
        return (found[0], found[1]) if found else None


# Ids asked for in the query itself; more go through a temporary table. Each parameter of
# an IN list costs SQLAlchemy a compile step: 100,000 ids in chunks of 500 took 6 s of a
# bundle merge's 13, in one temporary table a few hundred milliseconds.
SMALL_IN = 500
_WANTED = table("wanted", column("value"), schema="temp")


class BundleRows:
    """Rows of the review tables as plain dicts of their columns, read and written by id:
    what a review bundle carries and merges (services.bundles), nothing translated."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._filled: tuple[int, list[str]] | None = None

    @staticmethod
    def _table(name: str) -> Table:
        return SQLModel.metadata.tables[name]

    def all(self, table: str) -> list[dict[str, Any]]:
        return [dict(row) for row in
                self._session.execute(sa_select(self._table(table))).mappings()]

    def where_in(self, table: str, column: str,
                 values: Collection[str]) -> list[dict[str, Any]]:
        """Rows whose `column` is one of `values`: a few values in the query itself, many
        through a temporary table of them (one query, however many)."""
        wanted = sorted(set(values))
        target = self._table(table)
        if len(wanted) <= SMALL_IN:
            statement = sa_select(target).where(target.c[column].in_(wanted))
        else:
            self._fill_wanted(wanted)
            statement = sa_select(target).where(
                target.c[column].in_(sa_select(_WANTED.c.value)))
        return [dict(row) for row in self._session.execute(statement).mappings()]

    def pairs_where_in(self, table: str, key: str, value: str, column: str,
                       values: Collection[str]) -> dict[str, Any]:
        """{row[key]: row[value]} of the rows whose `column` is one of `values`: two
        columns of many rows, without reading the rest of them."""
        wanted = sorted(set(values))
        target = self._table(table)
        statement = sa_select(target.c[key], target.c[value])
        if len(wanted) <= SMALL_IN:
            statement = statement.where(target.c[column].in_(wanted))
        else:
            self._fill_wanted(wanted)
            statement = statement.where(target.c[column].in_(sa_select(_WANTED.c.value)))
        return {row[0]: row[1] for row in self._session.execute(statement)}

    def _fill_wanted(self, values: Sequence[str]) -> None:
        """The connection's temporary table of wanted values, holding exactly `values`
        (left as it is when it already does: a merge asks several tables for one set)."""
        connection = self._session.connection()
        if self._filled == (id(connection), values):
            return
        self._filled = (id(connection), list(values))
        connection.exec_driver_sql(
            "CREATE TEMP TABLE IF NOT EXISTS wanted (value TEXT PRIMARY KEY) WITHOUT ROWID")
        connection.exec_driver_sql("DELETE FROM temp.wanted")
        connection.exec_driver_sql("INSERT INTO temp.wanted (value) VALUES (?)",
                                   [(value,) for value in values])

    def insert(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self._session.execute(insert(self._table(table)), [dict(row) for row in rows])

    def insert_new(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert, leaving alone any row whose key is already there."""
        if rows:
            statement = sqlite_insert(self._table(table)).on_conflict_do_nothing()
            self._session.execute(statement, [dict(row) for row in rows])

    def update(self, table: str, row_id: str, values: Mapping[str, Any]) -> None:
        target = self._table(table)
        self._session.execute(update(target).where(target.c.id == row_id).values(**values))

    def delete(self, table: str, ids: Collection[str]) -> int:
        """Delete rows by id (their dependants go by ON DELETE CASCADE); how many went."""
        target = self._table(table)
        count = 0
        for chunk in _chunks(sorted(set(ids)), SMALL_IN):
            result = self._session.execute(delete(target).where(target.c.id.in_(chunk)))
            count += int(result.rowcount)  # type: ignore[attr-defined]
        return count

    def changes(self) -> int:
        """How many rows this connection has inserted, updated or deleted so far (triggers
        included): a merge that leaves it unchanged changed nothing."""
        raw = self._session.connection().connection.dbapi_connection
        assert raw is not None
        return int(raw.total_changes)


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
