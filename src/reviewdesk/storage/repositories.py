"""Repositories: the only code that reads and writes tables, translating rows to domain objects."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from reviewdesk.domain.brief import (
    Block,
    BlockKind,
    Brief,
    Link,
    Section,
    SourceFile,
    SourceFormat,
)
from reviewdesk.domain.ids import as_utc, new_id
from reviewdesk.domain.sections import SectionKind
from reviewdesk.storage.annotations import AnnotationRepository
from reviewdesk.storage.catalog import BriefSummary
from reviewdesk.storage.codebooks import CodebookRepository
from reviewdesk.storage.findings import FindingRepository
from reviewdesk.storage.keys import KeyRepository
from reviewdesk.storage.prefix import ids_starting_with
from reviewdesk.storage.reviewers import ReviewerRepository, SettingRepository
from reviewdesk.storage.search import SearchRepository
from reviewdesk.storage.tables import (
    AnnotationRow,
    BlockRow,
    BriefRow,
    SectionRow,
    SourceFileRow,
)
from reviewdesk.storage.tracking import TrackingRepository

if TYPE_CHECKING:
    from reviewdesk.storage.bundle_rows import BundleRows
    from reviewdesk.storage.summary import SummaryRepository


class Transaction:
    """One unit of work: the repositories below share its session, committed together.
    The session itself stays here: storage/ is the only package that touches one."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.briefs = BriefRepository(session)
        self.annotations = AnnotationRepository(session)
        self.codebooks = CodebookRepository(session)
        self.reviewers = ReviewerRepository(session)
        self.settings = SettingRepository(session)
        self.findings = FindingRepository(session)
        self.tracking = TrackingRepository(session)
        self.keys = KeyRepository(session)
        self.search = SearchRepository(session)

    # Loaded when first used: the summary's types and the bundles' rows are read by few
    # commands, and every other one would pay for importing them.
    @cached_property
    def summary(self) -> SummaryRepository:
        from reviewdesk.storage.summary import SummaryRepository

        return SummaryRepository(self._session)

    @cached_property
    def bundle_rows(self) -> BundleRows:
        from reviewdesk.storage.bundle_rows import BundleRows

        return BundleRows(self._session)


class BriefRepository:
    """Briefs with their sections, blocks and original files."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, brief: Brief) -> None:
        assert brief.imported_at is not None, "a stored brief has an import time"
        source_id = self._add_source(brief.source) if brief.source else None
        self._session.add(BriefRow(id=brief.id, title=brief.title,
                                   source_format=brief.source_format.value, text=brief.text,
                                   source_file_id=source_id, imported_at=brief.imported_at,
                                   version_of=brief.version_of, version=brief.version,
                                   language=brief.language))
        self._session.flush()
        # Sections and blocks as tuples in two executemany inserts straight to the driver:
        # building 8,000 ORM objects cost three times the reading of the file itself, and
        # SQLAlchemy's processing of 8,000 parameter sets (all plain text, numbers and
        # booleans, which sqlite3 stores alike) half of SQLite's own insert.
        connection = self._session.connection()
        marker = _MARKERS[connection.dialect.paramstyle]
        sections = [(section.id, brief.id, position, section.title, section.kind.value,
                     section.level) for position, section in enumerate(brief.sections)]
        if sections:
            connection.exec_driver_sql(_SECTION_INSERT.format(marker=marker), sections)
        blocks = [(section.id, block) for section in brief.sections for block in section.blocks]
        rows = [_block_values(block, brief.id, section_id, position)
                for position, (section_id, block) in enumerate(blocks)]
        if rows:
            connection.exec_driver_sql(_BLOCK_INSERT.format(marker=marker), rows)

    def _add_source(self, source: SourceFile) -> str:
        existing = self._session.exec(
            select(SourceFileRow.id).where(SourceFileRow.sha256 == source.sha256)).first()
        if existing:
            return existing
        row = SourceFileRow(id=new_id(), sha256=source.sha256, filename=source.filename,
                            size=len(source.data), data=source.data)
        self._session.add(row)
        self._session.flush()
        return row.id

    def by_sha256(self, sha256: str) -> str | None:
        """The first-imported brief made from the file with this SHA-256, if any."""
        statement = (select(BriefRow.id).join(SourceFileRow)
                     .where(SourceFileRow.sha256 == sha256)
                     .order_by(col(BriefRow.imported_at)))
        return self._session.exec(statement).first()

    def by_text(self, text: str) -> str | None:
        """The first-imported brief whose canonical text is exactly `text`, if any."""
        statement = (select(BriefRow.id).where(BriefRow.text == text)
                     .order_by(col(BriefRow.imported_at)))
        return self._session.exec(statement).first()

    def summaries(self) -> list[BriefSummary]:
        """Every brief, in the order they were imported."""
        counts = (select(AnnotationRow.brief_id, func.count().label("n"))
                  .group_by(col(AnnotationRow.brief_id)).subquery())
        # Five columns is past sqlmodel's typed select(); SQLAlchemy's serves.
        statement = (sa_select(col(BriefRow.id), col(BriefRow.title),
                               col(BriefRow.source_format), col(BriefRow.imported_at),
                               func.coalesce(counts.c.n, 0), col(BriefRow.version),
                               col(BriefRow.version_of))
                     .outerjoin(counts, counts.c.brief_id == BriefRow.id)
                     .order_by(col(BriefRow.imported_at), col(BriefRow.title)))
        return [BriefSummary(id=id_, title=title, source_format=SourceFormat(fmt),
                             imported_at=as_utc(at), annotation_count=n, version=version,
                             version_of=root)
                for id_, title, fmt, at, n, version, root in self._session.execute(statement)]

    def family(self, brief_id: str) -> list[tuple[str, int, str, datetime]]:
        """(id, version, title, imported_at) of every version of the brief `brief_id` is a
        version of, oldest first."""
        row = self._session.get(BriefRow, brief_id)
        if row is None:
            return []
        root = row.version_of or row.id
        statement = (sa_select(col(BriefRow.id), col(BriefRow.version), col(BriefRow.title),
                               col(BriefRow.imported_at))
                     .where((col(BriefRow.id) == root) | (col(BriefRow.version_of) == root))
                     .order_by(col(BriefRow.version)))
        return [(id_, version, title, as_utc(at))
                for id_, version, title, at in self._session.execute(statement)]

    def ids_starting_with(self, prefix: str, limit: int = 2) -> list[str]:
        """Up to `limit` brief ids that start with `prefix`."""
        return ids_starting_with(self._session, BriefRow.id, prefix, limit)

    def get(self, brief_id: str, blocks: bool = True) -> Brief | None:
        """The brief; without `blocks`, its text alone, with no sections (see sections()):
        a long brief's thousands of blocks cost more than the rest of it."""
        row = self._session.get(BriefRow, brief_id)
        if row is None:
            return None
        sections = self.sections(brief_id) if blocks else []
        return Brief(id=row.id, title=row.title, source_format=SourceFormat(row.source_format),
                     text=row.text, sections=sections, imported_at=as_utc(row.imported_at),
                     version_of=row.version_of, version=row.version, language=row.language)

    def title_and_text(self, brief_id: str) -> tuple[str, str] | None:
        row = self._session.exec(select(BriefRow.title, BriefRow.text)
                                 .where(BriefRow.id == brief_id)).first()
        return (row[0], row[1]) if row else None

    def sections(self, brief_id: str) -> list[Section]:
        """The brief's sections with their blocks, in order."""
        section_rows = self._session.exec(select(SectionRow).where(SectionRow.brief_id == brief_id)
                                          .order_by(col(SectionRow.position))).all()
        sections = {row.id: Section(id=row.id, title=row.title, kind=SectionKind(row.kind),
                                    level=row.level) for row in section_rows}
        # Plain rows, not ORM objects: a long brief has thousands of blocks, and building
        # an ORM object per row costs more than everything else in opening it.
        table = BlockRow.__table__  # type: ignore[attr-defined]
        block_rows = self._session.execute(
            sa_select(table).where(table.c.brief_id == brief_id).order_by(table.c.position))
        for row in block_rows:
            sections[row.section_id].blocks.append(
                Block(id=row.id, kind=BlockKind(row.kind), text=row.text, start=row.start,
                      end=row.end, locator=row.locator, level=row.level, page=row.page,
                      tracked_changes=row.tracked_changes, rtl=row.rtl,
                      links=_links(row.links)))
        return list(sections.values())

    def source(self, brief_id: str) -> SourceFile | None:
        """The file the brief was imported from, when it was kept."""
        statement = (select(SourceFileRow).join(BriefRow).where(BriefRow.id == brief_id))
        row = self._session.exec(statement).first()
        if row is None:
            return None
        return SourceFile(filename=row.filename, data=row.data, sha256=row.sha256)


# Each driver's positional parameter: sqlite3's `?`, psycopg's `%s`.
_MARKERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """The insert, with `{marker}` where each driver's parameter goes."""
    names = ", ".join(f'"{column}"' for column in columns)
    return (f'INSERT INTO "{table}" ({names}) '
            f'VALUES ({", ".join(["{marker}"] * len(columns))})')


_SECTION_INSERT = _insert_sql("section", ("id", "brief_id", "position", "title", "kind",
                                          "level"))
_BLOCK_INSERT = _insert_sql("block", (
    "id", "brief_id", "section_id", "position", "kind", "level", "text", "start", "end",
    "locator", "page", "tracked_changes", "rtl", "links"))


def _block_values(block: Block, brief_id: str, section_id: str,
                  position: int) -> tuple[object, ...]:
    """A block's row, in _BLOCK_INSERT's order."""
    return (block.id, brief_id, section_id, position, block.kind.value, block.level,
            block.text, block.start, block.end, block.locator, block.page,
            block.tracked_changes, block.rtl, _links_json(block.links))


def _links_json(links: tuple[Link, ...]) -> str:
    return json.dumps([[link.start, link.end, link.url] for link in links]) if links else ""


def _links(stored: str) -> tuple[Link, ...]:
    return tuple(Link(start, end, url) for start, end, url in json.loads(stored)) if stored else ()
