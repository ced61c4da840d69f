"""Moving annotations between tools as W3C Web Annotation JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewdesk.domain.anchor import (
    Anchor,
    TextPositionSelector,
    TextQuoteSelector,
    anchor_at,
    locate,
)
from reviewdesk.domain.codebook import Codebook, Tag
from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply
from reviewdesk.export.webanno import to_collection
from reviewdesk.importers.webanno import ForeignAnnotation, parse_collection
from reviewdesk.services.annotations import annotations_of
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.services.codebooks import ensure_default_codebook
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

IMPORTED_TAG_COLOUR = "#9e9e9e"


@dataclass(slots=True)
class InterchangeReport:
    added: int = 0
    replies_added: int = 0
    already_present: int = 0
    unplaced: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)


def export_annotations(store: Store, brief: str) -> dict[str, Any]:
    with store.transaction() as tx:
        brief_id = resolve_brief(tx, brief)
        found = tx.briefs.title_and_text(brief_id)
        assert found is not None
        return to_collection(brief_id, found[0], annotations_of(tx, brief_id))


def import_annotations(store: Store, brief: str, raw: str) -> InterchangeReport:
    """Add the annotations of a JSON-LD file to a brief. Items already in the store (by
    id) are left alone, so importing the same file twice adds nothing the second time."""
    foreign = parse_collection(raw)
    report = InterchangeReport()
    with store.transaction() as tx:
        brief_id = resolve_brief(tx, brief)
        found = tx.briefs.title_and_text(brief_id)
        assert found is not None
        text = found[1]
        codebook = ensure_default_codebook(tx)
        ids = [a.id for a in foreign] + [r.id for a in foreign for r in a.replies]
        present = tx.annotations.existing_ids(ids)
        annotations: list[Annotation] = []
        replies: list[Reply] = []
        for item in foreign:
            if item.id not in present:
                annotation = _place(tx, item, brief_id, text, codebook, report)
                if annotation is None:
                    continue
                annotations.append(annotation)
            else:
                report.already_present += 1
            replies.extend(_new_replies(tx, item, present))
        tx.annotations.add_all(annotations, replies)
        report.added, report.replies_added = len(annotations), len(replies)
    return report


def _place(tx: Transaction, item: ForeignAnnotation, brief_id: str, text: str,
           codebook: Codebook, report: InterchangeReport) -> Annotation | None:
    anchor = _anchor(item, text)
    if anchor is None:
        report.unplaced.append(item.exact or item.id)
        return None
    reviewer = ensure_reviewer(tx, item.creator)
    tag = _tag(tx, codebook, item.tag, report) if item.tag else None
    created = item.created or utc_now()
    return Annotation(id=item.id, brief_id=brief_id, anchor=anchor, reviewer_id=reviewer.id,
                      tag_id=tag.id if tag else None, comment=item.comment,
                      status=AnnotationStatus(item.status), created=created,
                      modified=item.modified or created)


def _anchor(item: ForeignAnnotation, text: str) -> Anchor | None:
    if item.exact:
        start = item.start if item.start is not None else 0
        end = item.end if item.end is not None else start + len(item.exact)
        wanted = Anchor(TextQuoteSelector(item.exact, item.prefix, item.suffix),
                        TextPositionSelector(start, end))
        span = locate(text, wanted)
        return anchor_at(text, *span) if span else None
    if item.start is not None and item.end is not None and 0 <= item.start < item.end <= len(text):
        return anchor_at(text, item.start, item.end)
    return None


def _tag(tx: Transaction, codebook: Codebook, name: str, report: InterchangeReport) -> Tag:
    """The codebook's tag of that name, or a new one, so no imported tag is lost."""
    existing = codebook.find(name)
    if existing is not None:
        return existing
    tag = Tag(name=name.strip(), colour=IMPORTED_TAG_COLOUR, codebook_id=codebook.id,
              position=len(codebook.tags))
    tx.codebooks.add_tag(tag)
    codebook.tags.append(tag)
    report.new_tags.append(tag.name)
    return tag


def _new_replies(tx: Transaction, item: ForeignAnnotation, present: set[str]) -> list[Reply]:
    replies = []
    for reply in item.replies:
        if reply.id in present or not reply.text:
            continue
        author = ensure_reviewer(tx, reply.creator)
        replies.append(Reply(id=reply.id, annotation_id=item.id, reviewer_id=author.id,
                             text=reply.text, created=reply.created or utc_now()))
    return replies
