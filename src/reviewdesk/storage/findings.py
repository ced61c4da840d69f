"""Repository for a brief's findings: references, recommendations and suggested edits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from reviewdesk.domain.anchor import Anchor, TextPositionSelector, TextQuoteSelector
from reviewdesk.domain.findings import (
    Recommendation,
    RecommendationStatus,
    Reference,
    ReferenceCheck,
)
from reviewdesk.domain.ids import as_utc
from reviewdesk.domain.review import Suggestion, SuggestionStatus
from reviewdesk.storage.tables import (
    RecommendationRow,
    ReferenceRow,
    SuggestionRow,
)


class FindingRepository:
    """References, recommendations and suggested edits of a brief."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add_references(self, references: Iterable[Reference]) -> None:
        # Plain rows in one executemany insert, not ORM objects: a long reference list
        # cost ten times as much as objects. Every column is given, as the objects did.
        rows = [{"id": r.id, "brief_id": r.brief_id, "block_id": r.block_id,
                 "position": r.position, "raw": r.raw, "author": r.author,
                 "date_text": r.date_text, "title": r.title, "container": r.container,
                 "url": r.url, "flags": " ".join(r.flags), "duplicate_of": r.duplicate_of,
                 "check_status": r.check.value, "note": r.note, "modified": None,
                 "revision": 0}
                for r in references]
        if rows:
            self._session.execute(insert(ReferenceRow.__table__), rows)  # type: ignore[attr-defined]

    def references(self, brief_id: str) -> list[Reference]:
        return self._references(select(ReferenceRow).where(ReferenceRow.brief_id == brief_id)
                                 .order_by(col(ReferenceRow.position)))

    def references_by_ids(self, ids: Sequence[str]) -> list[Reference]:
        return self._references(select(ReferenceRow).where(col(ReferenceRow.id).in_(ids)))

    def _references(self, statement: Any) -> list[Reference]:
        return [Reference(id=r.id, brief_id=r.brief_id, block_id=r.block_id,
                          position=r.position, raw=r.raw, author=r.author,
                          date_text=r.date_text, title=r.title, container=r.container,
                          url=r.url, flags=r.flags.split(), duplicate_of=r.duplicate_of,
                          check=ReferenceCheck(r.check_status),
                          note=r.note)
                for r in self._session.exec(statement)]

    def add_recommendations(self, recommendations: Iterable[Recommendation]) -> None:
        # As references: plain rows, every column given.
        rows = [{"id": r.id, "brief_id": r.brief_id, "block_id": r.block_id,
                 "position": r.position, "text": r.text, "addressee": r.addressee,
                 "priority": r.priority, "status": r.status.value, "owner": r.owner,
                 "due": r.due, "note": r.note, "modified": r.modified, "revision": 0}
                for r in recommendations]
        if rows:
            self._session.execute(insert(RecommendationRow.__table__), rows)  # type: ignore[attr-defined]

    def recommendations(self, brief_id: str) -> list[Recommendation]:
        return self._recommendations(
            select(RecommendationRow).where(RecommendationRow.brief_id == brief_id)
            .order_by(col(RecommendationRow.position)))

    def recommendations_by_ids(self, ids: Sequence[str]) -> list[Recommendation]:
        return self._recommendations(
            select(RecommendationRow).where(col(RecommendationRow.id).in_(ids)))

    def _recommendations(self, statement: Any) -> list[Recommendation]:
        return [Recommendation(id=r.id, brief_id=r.brief_id, block_id=r.block_id,
                               position=r.position, text=r.text, addressee=r.addressee,
                               priority=r.priority, status=RecommendationStatus(r.status),
                               owner=r.owner, due=r.due, note=r.note,
                               modified=as_utc(r.modified))
                for r in self._session.exec(statement)]

    def add_suggestion(self, suggestion: Suggestion) -> None:
        quote, position = suggestion.anchor.quote, suggestion.anchor.position
        self._session.add(SuggestionRow(
            id=suggestion.id, brief_id=suggestion.brief_id, block_id=suggestion.block_id,
            reviewer_id=suggestion.reviewer_id, exact=quote.exact, prefix=quote.prefix,
            suffix=quote.suffix, start=position.start, end=position.end,
            replacement=suggestion.replacement, created=suggestion.created,
            status=suggestion.status.value))
        self._session.flush()

    def suggestions(self, brief_id: str) -> list[Suggestion]:
        statement = (select(SuggestionRow).where(SuggestionRow.brief_id == brief_id)
                     .order_by(col(SuggestionRow.start)))
        return [Suggestion(id=r.id, brief_id=r.brief_id, block_id=r.block_id,
                           anchor=Anchor(TextQuoteSelector(r.exact, r.prefix, r.suffix),
                                         TextPositionSelector(r.start, r.end)),
                           replacement=r.replacement, reviewer_id=r.reviewer_id,
                           created=as_utc(r.created), status=SuggestionStatus(r.status))
                for r in self._session.exec(statement)]
