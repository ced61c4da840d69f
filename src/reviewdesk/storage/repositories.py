"""Repositories: the only code that reads and writes tables, translating rows to domain objects."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from reviewdesk.domain.anchor import Anchor, TextPositionSelector, TextQuoteSelector
from reviewdesk.domain.brief import (
    Block,
    BlockKind,
    Brief,
    Link,
    Section,
    SourceFile,
    SourceFormat,
)
from reviewdesk.domain.codebook import Codebook, Tag
from reviewdesk.domain.findings import (
    Recommendation,
    RecommendationStatus,
    Reference,
    ReferenceCheck,
)
from reviewdesk.domain.ids import as_utc, new_id
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply, Reviewer, Suggestion
from reviewdesk.domain.sections import SectionKind
from reviewdesk.storage.bundle_rows import BundleRows
from reviewdesk.storage.keys import KeyRepository
from reviewdesk.storage.tables import (
    AnnotationRow,
    BlockRow,
    BriefRow,
    CodebookRow,
    RecommendationRow,
    ReferenceRow,
    ReplyRow,
    ReviewerRow,
    SectionRow,
    SettingRow,
    SourceFileRow,
    SuggestionRow,
    TagRow,
)
from reviewdesk.storage.tracking import TrackingRepository


@dataclass(frozen=True, slots=True)
class BriefSummary:
    id: str
    title: str
    source_format: SourceFormat
    imported_at: datetime
    annotation_count: int
    version: int = 1


class Transaction:
    """One unit of work: the repositories below share its session, committed together."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.briefs = BriefRepository(session)
        self.annotations = AnnotationRepository(session)
        self.codebooks = CodebookRepository(session)
        self.reviewers = ReviewerRepository(session)
        self.settings = SettingRepository(session)
        self.findings = FindingRepository(session)
        self.tracking = TrackingRepository(session)
        self.keys = KeyRepository(session)
        self.bundle_rows = BundleRows(session)


class BriefRepository:
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
        # Sections and blocks as plain rows in two executemany inserts: building 8,000 ORM
        # objects cost three times the reading of the file itself.
        sections = [{"id": section.id, "brief_id": brief.id, "position": position,
                     "title": section.title, "kind": section.kind.value, "level": section.level}
                    for position, section in enumerate(brief.sections)]
        if sections:
            self._session.execute(insert(SectionRow.__table__), sections)  # type: ignore[attr-defined]
        blocks = [(section.id, block) for section in brief.sections for block in section.blocks]
        rows = [_block_values(block, brief.id, section_id, position)
                for position, (section_id, block) in enumerate(blocks)]
        if rows:
            self._session.execute(insert(BlockRow.__table__), rows)  # type: ignore[attr-defined]

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
        counts = (select(AnnotationRow.brief_id, func.count().label("n"))
                  .group_by(col(AnnotationRow.brief_id)).subquery())
        # Five columns is past sqlmodel's typed select(); SQLAlchemy's serves.
        statement = (sa_select(col(BriefRow.id), col(BriefRow.title),
                               col(BriefRow.source_format), col(BriefRow.imported_at),
                               func.coalesce(counts.c.n, 0), col(BriefRow.version))
                     .outerjoin(counts, counts.c.brief_id == BriefRow.id)
                     .order_by(col(BriefRow.imported_at), col(BriefRow.title)))
        return [BriefSummary(id=id_, title=title, source_format=SourceFormat(fmt),
                             imported_at=as_utc(at), annotation_count=n, version=version)
                for id_, title, fmt, at, n, version in self._session.execute(statement)]

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
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = (select(BriefRow.id).where(col(BriefRow.id).like(f"{escaped}%", escape="\\"))
                     .limit(limit))
        return list(self._session.exec(statement))

    def get(self, brief_id: str) -> Brief | None:
        row = self._session.get(BriefRow, brief_id)
        if row is None:
            return None
        sections = self._sections(brief_id)
        return Brief(id=row.id, title=row.title, source_format=SourceFormat(row.source_format),
                     text=row.text, sections=sections, imported_at=as_utc(row.imported_at),
                     version_of=row.version_of, version=row.version, language=row.language)

    def title_and_text(self, brief_id: str) -> tuple[str, str] | None:
        row = self._session.exec(select(BriefRow.title, BriefRow.text)
                                 .where(BriefRow.id == brief_id)).first()
        return (row[0], row[1]) if row else None

    def _sections(self, brief_id: str) -> list[Section]:
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
        statement = (select(SourceFileRow).join(BriefRow).where(BriefRow.id == brief_id))
        row = self._session.exec(statement).first()
        if row is None:
            return None
        return SourceFile(filename=row.filename, data=row.data, sha256=row.sha256)


def _block_values(block: Block, brief_id: str, section_id: str,
                  position: int) -> dict[str, object]:
    return {"id": block.id, "brief_id": brief_id, "section_id": section_id,
            "position": position, "kind": block.kind.value, "level": block.level,
            "text": block.text, "start": block.start, "end": block.end,
            "locator": block.locator, "page": block.page,
            "tracked_changes": block.tracked_changes, "rtl": block.rtl,
            "links": _links_json(block.links)}


def _links_json(links: tuple[Link, ...]) -> str:
    return json.dumps([[link.start, link.end, link.url] for link in links]) if links else ""


def _links(stored: str) -> tuple[Link, ...]:
    return tuple(Link(start, end, url) for start, end, url in json.loads(stored)) if stored else ()


class AnnotationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, annotation: Annotation) -> None:
        self._session.add(_annotation_row(annotation))
        self._session.flush()

    def add_all(self, annotations: Iterable[Annotation], replies: Iterable[Reply] = ()) -> None:
        """The annotations, then the replies, each as plain rows in one executemany INSERT:
        an ORM object per row took two thirds of the time and memory of importing a file of
        100,000 annotations."""
        self._session.flush()
        rows = [_annotation_values(a) for a in annotations]
        if rows:
            self._session.execute(insert(AnnotationRow.__table__), rows)  # type: ignore[attr-defined]
        reply_rows = [_reply_values(r) for r in replies]
        if reply_rows:
            self._session.execute(insert(ReplyRow.__table__), reply_rows)  # type: ignore[attr-defined]

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

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
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


class CodebookRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def default(self) -> Codebook | None:
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


class ReviewerRepository:
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
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> str | None:
        row = self._session.get(SettingRow, key)
        return row.value if row else None

    def set(self, key: str, value: str) -> None:
        self._session.merge(SettingRow(key=key, value=value))
        self._session.flush()


class FindingRepository:
    """References, recommendations and suggested edits of a brief."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add_references(self, references: Iterable[Reference]) -> None:
        self._session.add_all([ReferenceRow(
            id=r.id, brief_id=r.brief_id, block_id=r.block_id, position=r.position, raw=r.raw,
            author=r.author, date_text=r.date_text, title=r.title, container=r.container,
            url=r.url, flags=" ".join(r.flags), duplicate_of=r.duplicate_of,
            check_status=r.check.value, note=r.note)
            for r in references])
        self._session.flush()

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
        self._session.add_all([RecommendationRow(
            id=r.id, brief_id=r.brief_id, block_id=r.block_id, position=r.position, text=r.text,
            addressee=r.addressee, priority=r.priority, status=r.status.value, owner=r.owner,
            due=r.due, note=r.note, modified=r.modified) for r in recommendations])
        self._session.flush()

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
            replacement=suggestion.replacement, created=suggestion.created))
        self._session.flush()

    def suggestions(self, brief_id: str) -> list[Suggestion]:
        statement = (select(SuggestionRow).where(SuggestionRow.brief_id == brief_id)
                     .order_by(col(SuggestionRow.start)))
        return [Suggestion(id=r.id, brief_id=r.brief_id, block_id=r.block_id,
                           anchor=Anchor(TextQuoteSelector(r.exact, r.prefix, r.suffix),
                                         TextPositionSelector(r.start, r.end)),
                           replacement=r.replacement, reviewer_id=r.reviewer_id,
                           created=as_utc(r.created))
                for r in self._session.exec(statement)]
