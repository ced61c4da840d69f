"""Repositories for reviewers and for this database's settings."""

from __future__ import annotations

from sqlmodel import Session, select

from reviewdesk.domain.review import Reviewer
from reviewdesk.storage.tables import ReviewerRow, SettingRow


class ReviewerRepository:
    """Reviewers: names, initials and the public key they sign with."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def by_name(self, name: str) -> Reviewer | None:
        row = self._session.exec(select(ReviewerRow).where(ReviewerRow.name == name)).first()
        return _reviewer(row) if row else None

    def get(self, reviewer_id: str) -> Reviewer | None:
        row = self._session.get(ReviewerRow, reviewer_id)
        return _reviewer(row) if row else None

    def add(self, reviewer: Reviewer) -> None:
        self._session.add(ReviewerRow(id=reviewer.id, name=reviewer.name,
                                      initials=reviewer.initials,
                                      public_key=reviewer.public_key))
        self._session.flush()

    def set_key(self, reviewer_id: str, public_key: str) -> None:
        """Bind a reviewer met before keys existed to the key of the database they use."""
        row = self._session.get(ReviewerRow, reviewer_id)
        if row is not None:
            row.public_key = public_key
            self._session.add(row)
            self._session.flush()

    def all(self) -> dict[str, Reviewer]:
        return {row.id: _reviewer(row) for row in self._session.exec(select(ReviewerRow))}


def _reviewer(row: ReviewerRow) -> Reviewer:
    return Reviewer(id=row.id, name=row.name, initials=row.initials, public_key=row.public_key)


class SettingRepository:
    """Settings stored in the database (key -> text), such as the reviewer's name."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> str | None:
        row = self._session.get(SettingRow, key)
        return row.value if row else None

    def set(self, key: str, value: str) -> None:
        self._session.merge(SettingRow(key=key, value=value))
        self._session.flush()

