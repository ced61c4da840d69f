"""Repository for the review summary: read-only queries that read each table once, whatever
the number of briefs, and return what `services.summary` counts.

`briefs` in the methods below is the briefs summed up (their ids, in summary order): rows
of other briefs are left out in Python, which is faster than a long IN list."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from reviewdesk.domain.brief import Block, BlockKind, Brief, Section, SourceFormat
from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.sections import SectionKind
from reviewdesk.domain.summary import SummaryNote, SummaryRecommendation
from reviewdesk.storage.tables import (
    AnnotationRow,
    BlockRow,
    BriefRow,
    RecommendationRow,
    ReferenceRow,
    ReplyRow,
    ReviewerRow,
    SectionRow,
    TagRow,
)

# Enum members by value, looked up once a row: calling the enum is slower.
_SECTION_KINDS = {kind.value: kind for kind in SectionKind}
_BLOCK_KINDS = {kind.value: kind for kind in BlockKind}


class SummaryRepository:
    """The summary's reads; see the module docstring."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def briefs(self, only: str | None) -> list[Brief]:
        """The briefs summed up (every brief at its latest version, or only the brief
        `only`), each with its sections and blocks, in the order their first versions
        were imported: three queries, whatever their number."""
        briefs = self._latest_briefs(only)
        sections: dict[str, Section] = {}
        section_rows = sa_select(col(SectionRow.id), col(SectionRow.brief_id),
                                 col(SectionRow.title), col(SectionRow.kind),
                                 col(SectionRow.level))
        if only is not None:
            section_rows = section_rows.where(col(SectionRow.brief_id) == only)
        for row in self._session.execute(section_rows.order_by(col(SectionRow.brief_id),
                                                               col(SectionRow.position))):
            if row.brief_id in briefs:
                section = Section(id=row.id, title=row.title, kind=_SECTION_KINDS[row.kind],
                                  level=row.level)
                sections[row.id] = section
                briefs[row.brief_id].sections.append(section)

        table = BlockRow.__table__  # type: ignore[attr-defined]
        block_rows = sa_select(table.c.id, table.c.brief_id, table.c.section_id, table.c.kind,
                               table.c.text, table.c.start, table.c.end, table.c.level)
        if only is not None:
            block_rows = block_rows.where(table.c.brief_id == only)
        for row in self._session.execute(block_rows.order_by(table.c.brief_id,
                                                             table.c.position)):
            if row.section_id in sections:
                sections[row.section_id].blocks.append(Block(
                    id=row.id, kind=_BLOCK_KINDS[row.kind], text=row.text, start=row.start,
                    end=row.end, locator="", level=row.level))
        return list(briefs.values())

    def _latest_briefs(self, only: str | None) -> dict[str, Brief]:
        """Brief id -> the brief without its sections: each brief at its latest version,
        where its first version stood (dicts keep the order in which their keys first
        came)."""
        statement = (sa_select(col(BriefRow.id), col(BriefRow.title),
                               col(BriefRow.source_format), col(BriefRow.text),
                               col(BriefRow.version), col(BriefRow.version_of))
                     .order_by(col(BriefRow.imported_at), col(BriefRow.title),
                               col(BriefRow.id)))
        if only is not None:
            statement = statement.where(col(BriefRow.id) == only)
        latest: dict[str, Any] = {}
        for row in self._session.execute(statement):
            root = row.version_of or row.id
            if root not in latest or row.version > latest[root].version:
                latest[root] = row
        return {row.id: Brief(id=row.id, title=row.title,
                              source_format=SourceFormat(row.source_format), text=row.text,
                              sections=[], version=row.version, version_of=row.version_of)
                for row in latest.values()}

    def notes(self, briefs: Mapping[str, int]) -> list[SummaryNote]:
        """Every annotation of the briefs, in brief order and then text order."""
        paths = self.tag_paths()
        names = self._reviewer_names()
        table = AnnotationRow.__table__  # type: ignore[attr-defined]
        statement = sa_select(table.c.id, table.c.brief_id, table.c.tag_id,
                              table.c.reviewer_id, table.c.comment, table.c.status,
                              table.c.exact, table.c.start, table.c.end, table.c.date)
        if len(briefs) == 1:
            statement = statement.where(table.c.brief_id == next(iter(briefs)))
        resolved = AnnotationStatus.RESOLVED.value
        notes = [SummaryNote(id=id_, brief_id=brief_id,
                             tag=paths.get(tag_id) if tag_id else None,
                             reviewer=names.get(reviewer_id, "?"), comment=comment,
                             resolved=status == resolved, quote=exact, start=start, end=end,
                             date=date)
                 for id_, brief_id, tag_id, reviewer_id, comment, status, exact, start, end,
                 date in self._session.execute(statement) if brief_id in briefs]
        notes.sort(key=lambda n: (briefs[n.brief_id], n.start, n.end, n.id))
        return notes

    def tag_paths(self) -> dict[str, str]:
        """Every tag's path from its root ("Indicator › economic"), whatever its
        codebook."""
        rows = {row.id: (row.name, row.parent_id) for row in self._session.execute(
            sa_select(col(TagRow.id), col(TagRow.name), col(TagRow.parent_id)))}
        paths: dict[str, str] = {}
        for tag_id in rows:
            names: list[str] = []
            current: str | None = tag_id
            while current is not None and current in rows and len(names) <= len(rows):
                name, current = rows[current]
                names.append(name)
            paths[tag_id] = PATH_SEPARATOR.join(reversed(names))
        return paths

    def _reviewer_names(self) -> dict[str, str]:
        return dict(self._session.execute(
            sa_select(col(ReviewerRow.id), col(ReviewerRow.name))).all())

    def reply_authors(self, briefs: Mapping[str, int]) -> list[str]:
        """The author's name of every reply to an annotation of the briefs."""
        names = self._reviewer_names()
        statement = (sa_select(col(ReplyRow.reviewer_id), col(AnnotationRow.brief_id))
                     .join(AnnotationRow, col(AnnotationRow.id) == col(ReplyRow.annotation_id)))
        return [names.get(reviewer_id, "?")
                for reviewer_id, brief_id in self._session.execute(statement)
                if brief_id in briefs]

    def reference_counts(self, briefs: Mapping[str, int]) -> dict[str, Counter[str]]:
        """Brief id -> check -> the brief's reference entries with that check."""
        statement = (sa_select(col(ReferenceRow.brief_id), col(ReferenceRow.check_status),
                               func.count())
                     .group_by(col(ReferenceRow.brief_id), col(ReferenceRow.check_status)))
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for brief_id, check, n in self._session.execute(statement):
            if brief_id in briefs:
                counts[brief_id][check] += n
        return counts

    def recommendations(self, briefs: Mapping[str, int]) -> list[SummaryRecommendation]:
        """Every recommendation of the briefs, in brief order and then their order."""
        statement = sa_select(col(RecommendationRow.brief_id), col(RecommendationRow.position),
                              col(RecommendationRow.text), col(RecommendationRow.addressee),
                              col(RecommendationRow.status), col(RecommendationRow.id))
        rows = sorted((row for row in self._session.execute(statement)
                       if row.brief_id in briefs),
                      key=lambda row: (briefs[row.brief_id], row.position, row.id))
        return [SummaryRecommendation(brief_id=row.brief_id, position=row.position,
                                      text=row.text, addressee=row.addressee.strip(),
                                      status=row.status)
                for row in rows]
