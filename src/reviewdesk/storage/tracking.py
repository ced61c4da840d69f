"""Repository for what reviewers track: reference checks, recommendation states and history,
claim and evidence links, and edits to annotations and suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

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

    def set_suggestion_status(self, suggestion_id: str, status: str) -> bool:
        """Mark a suggested edit pending, accepted or rejected."""
        return self._update(SuggestionRow, suggestion_id, {"status": status})

    def suggestion_status(self, suggestion_id: str) -> str | None:
        return self._session.exec(select(SuggestionRow.status)
                                  .where(SuggestionRow.id == suggestion_id)).first()

    def delete_suggestion(self, suggestion_id: str) -> bool:
        result = self._session.execute(
            delete(SuggestionRow).where(col(SuggestionRow.id) == suggestion_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # Tombstones: a deletion that travels in review bundles (see services.bundle).

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
