"""Repository for codebooks and their tags."""

from __future__ import annotations

from sqlalchemy import delete, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from reviewdesk.domain.codebook import Codebook, Tag
from reviewdesk.storage.tables import AnnotationRow, CodebookRow, TagRow


class CodebookRepository:
    """Codebooks and their tags."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def default(self) -> Codebook | None:
        """The codebook new annotations are tagged from, once there is one."""
        row = self._session.exec(select(CodebookRow).where(col(CodebookRow.is_default))).first()
        return self._load(row) if row else None

    def _load(self, row: CodebookRow) -> Codebook:
        tags = self._session.exec(select(TagRow).where(TagRow.codebook_id == row.id)
                                  .order_by(col(TagRow.position))).all()
        return Codebook(id=row.id, name=row.name, tags=[
            Tag(id=t.id, name=t.name, colour=t.colour, codebook_id=t.codebook_id,
                parent_id=t.parent_id, shortcut=t.shortcut, description=t.description,
                position=t.position) for t in tags])

    def add(self, codebook: Codebook, default: bool) -> None:
        self._session.add(CodebookRow(id=codebook.id, name=codebook.name, is_default=default))
        self._session.flush()
        for tag in codebook.tags:
            self.add_tag(tag)

    def add_tag(self, tag: Tag) -> None:
        self._session.add(TagRow(id=tag.id, codebook_id=tag.codebook_id, parent_id=tag.parent_id,
                                 name=tag.name, colour=tag.colour, shortcut=tag.shortcut,
                                 description=tag.description, position=tag.position))
        self._session.flush()

    def update_tag(self, tag_id: str, **values: object) -> bool:
        """Set columns of one tag (name, colour, parent_id, shortcut, description, position)."""
        row = self._session.get(TagRow, tag_id)
        if row is None:
            return False
        for name, value in values.items():
            setattr(row, name, value)
        self._session.add(row)
        self._session.flush()
        return True

    def delete_tag(self, tag_id: str) -> int:
        """Delete a tag that no annotation uses; returns how many annotations use it, so
        0 means it was deleted (sub-tags must be moved or deleted first)."""
        used = self._session.execute(sa_select(func.count()).select_from(AnnotationRow)
                                     .where(col(AnnotationRow.tag_id) == tag_id)).scalar_one()
        if used == 0:
            self._session.execute(delete(TagRow).where(col(TagRow.id) == tag_id))
            self._session.flush()
        return int(used)

