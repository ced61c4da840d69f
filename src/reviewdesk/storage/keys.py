"""Repository for the public keys a database trusts (table reviewer_key)."""

from __future__ import annotations

from sqlmodel import Session, select

from reviewdesk.domain.ids import as_utc
from reviewdesk.domain.trust import Role, Trust, TrustedKey
from reviewdesk.storage.tables import ReviewerKeyRow


class KeyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, public_key: str) -> TrustedKey | None:
        row = self._session.get(ReviewerKeyRow, public_key)
        return _key(row) if row else None

    def all(self) -> list[TrustedKey]:
        return [_key(row) for row in self._session.exec(select(ReviewerKeyRow))]

    def put(self, key: TrustedKey) -> None:
        self._session.merge(ReviewerKeyRow(public_key=key.public_key, name=key.name,
                                           role=key.role.value, trust=key.trust.value,
                                           trusted_at=key.trusted_at))
        self._session.flush()

    def remove(self, public_key: str) -> bool:
        row = self._session.get(ReviewerKeyRow, public_key)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        return True


def _key(row: ReviewerKeyRow) -> TrustedKey:
    return TrustedKey(public_key=row.public_key, name=row.name, role=Role(row.role),
                      trust=Trust(row.trust), trusted_at=as_utc(row.trusted_at))
