"""Moving annotations between tools as W3C Web Annotation JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from reviewdesk.domain.anchor import (
    Anchor,
    TextPositionSelector,
    TextQuoteSelector,
    anchor_at,
    resolve,
)
from reviewdesk.domain.codebook import Codebook, Tag, path_key
from reviewdesk.domain.ids import FUTURE_SLACK, utc_now
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply
from reviewdesk.errors import InputError
from reviewdesk.export.webanno import ExportContext, reviewer_iri, to_collection
from reviewdesk.importers.webanno import ForeignAnnotation, extra_tag_id, parse_file
from reviewdesk.services.annotations import annotations_of
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.services.codebooks import ensure_default_codebook
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

IMPORTED_TAG_COLOUR = "#9e9e9e"
# The score of a place a file says needs review without saying how sure it is.
_UNSURE = 0.5


@dataclass(slots=True)
class InterchangeReport:
    added: int = 0
    replies_added: int = 0
    already_present: int = 0
    unplaced: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)
    # Placed, but not surely: the quote stands elsewhere or more than once, or the file
    # said its place needed review. Marked needs_review, as a carried annotation is.
    needs_review: list[str] = field(default_factory=list)
    times_from_the_future: int = 0  # times more than a day ahead, taken as now
    # Left out: another tool's annotations with no tag, comment or reply (highlights).
    nothing_to_import: int = 0


def export_annotations(store: Store, brief: str) -> dict[str, Any]:
    """The brief's annotations and their replies as a W3C Web Annotation collection."""
    with store.transaction() as tx:
        brief_id = resolve_brief(tx, brief)
        found = tx.briefs.title_and_text(brief_id)
        assert found is not None
        reviewers = tx.reviewers.all().values()
        codebook = ensure_default_codebook(tx)
        stored = tx.briefs.get(brief_id)
        context = ExportContext(
            initials={r.name: r.initials for r in reviewers},
            tag_paths={codebook.path(tag): _names(codebook, tag) for tag in codebook.tags},
            creator_ids={r.name: reviewer_iri(r.id) for r in reviewers},
            language=stored.language if stored is not None else "")
        return to_collection(brief_id, found[0], annotations_of(tx, brief_id), context)


def _names(codebook: Codebook, tag: Tag) -> list[str]:
    names = [tag.name]
    parent = codebook.by_id(tag.parent_id) if tag.parent_id else None
    while parent is not None and len(names) <= len(codebook.tags):
        names.append(parent.name)
        parent = codebook.by_id(parent.parent_id) if parent.parent_id else None
    return names[::-1]


def import_annotations(store: Store, brief: str, raw: str) -> InterchangeReport:
    """Add the annotations of a JSON-LD file to a brief. Items already in the store (by
    id) are left alone, so importing the same file twice adds nothing the second time.

    An annotation with several tags becomes one annotation per tag on the same place (an
    annotation here has one tag): the first tag the codebook knows (else the file's first)
    stays with the comment and replies, and each other tag makes an annotation of its own.

    A file beyond the limits of domain.limits is refused (InputError) before the store is
    opened."""
    foreign, empty = parse_file(raw)
    report = InterchangeReport(nothing_to_import=empty)
    with store.transaction() as tx:
        brief_id = resolve_brief(tx, brief)
        found = tx.briefs.title_and_text(brief_id)
        assert found is not None
        text = found[1]
        context = _Context(tx, ensure_default_codebook(tx), _initials(foreign), report)
        foreign = [one for item in foreign for one in _one_tag_each(context, item)]
        ids = [a.id for a in foreign] + [r.id for a in foreign for r in a.replies]
        present = tx.annotations.existing_ids(ids)
        homes = tx.annotations.homes(ids)
        _check_scope(tx, foreign, homes, brief_id)
        annotations: list[Annotation] = []
        replies: list[Reply] = []
        for item in foreign:
            if item.id not in present:
                annotation = _place(context, item, brief_id, text)
                if annotation is None:
                    continue
                annotations.append(annotation)
            elif item.id not in homes:
                # The id is a reply's here: the annotation cannot be added under it.
                report.unplaced.append(item.exact or item.id)
                continue
            else:
                report.already_present += 1
            replies.extend(_new_replies(context, item, present))
        tx.annotations.add_all(annotations, replies)
        report.added, report.replies_added = len(annotations), len(replies)
    return report


def _check_scope(tx: Transaction, foreign: list[ForeignAnnotation], homes: dict[str, str],
                 brief_id: str) -> None:
    """The file may add to this brief only: an id that is an annotation of another brief
    here (or a reply with an annotation's id) refuses the whole file, before any write."""
    for item in foreign:
        where = homes.get(item.id)
        if where is not None and where != brief_id:
            found = tx.briefs.title_and_text(where)
            title = found[0] if found is not None else where
            raise InputError(f"the file's annotation {_short(item.id)} has the id of an "
                             f"annotation of another brief here ({title!r}); nothing was "
                             "imported")
        for reply in item.replies:
            if reply.id in homes:
                raise InputError(f"the file's reply {_short(reply.id)} has the id of an "
                                 "annotation here; nothing was imported")


def _not_ahead(moment: datetime | None, report: InterchangeReport) -> datetime | None:
    """A time more than a day ahead of this computer's clock (a wrong clock where the file
    was written) is taken as now, and counted."""
    if moment is None:
        return None
    now = utc_now()
    if moment > now + FUTURE_SLACK:
        report.times_from_the_future += 1
        return now
    return moment


def _short(item_id: str) -> str:
    return item_id.removeprefix("urn:uuid:")[:8]


class _Context:
    """What one import looks up again and again, each found once: the reviewers by name
    and the tags by the path or name a file gives (a file may name the same few for
    100,000 annotations)."""

    def __init__(self, tx: Transaction, codebook: Codebook, initials: dict[str, str],
                 report: InterchangeReport) -> None:
        self.tx, self.codebook, self.initials, self.report = tx, codebook, initials, report
        self._authors: dict[str, str] = {}
        self._tags: dict[tuple[str, ...], Tag] = {}
        self._named: dict[str, Tag] = {}  # by path_key, as Codebook.find compares
        self._children: dict[tuple[str | None, str], list[Tag]] = {}
        for tag in codebook.tags:
            self._children.setdefault((tag.parent_id, tag.name.casefold()), []).append(tag)

    def author(self, name: str, reviewer_id: str = "") -> str:
        """The reviewer of that name, made (with the file's id for them, if free) if new."""
        key = " ".join(name.split())
        found = self._authors.get(key)
        if found is None:
            found = self._authors[key] = ensure_reviewer(self.tx, name,
                                                         self.initials.get(key, ""),
                                                         acting=False,
                                                         reviewer_id=reviewer_id or None).id
        return found

    def known(self, tag: str) -> bool:
        """Whether the codebook has a tag of that name or path (no tag is made)."""
        return path_key(tag) in self._named or self.codebook.find(tag) is not None

    def tag(self, item: ForeignAnnotation) -> Tag:
        """The codebook's tag for the annotation, or a new one, so no imported tag is lost.

        A file ReviewDesk wrote names the tag's ancestors too: that tag is found, or made,
        under the same parents. Another tool's tag is looked up by name or path as a
        reviewer would type it."""
        assert item.tag is not None
        if item.tag_path:
            found = self._tags.get(item.tag_path)
            if found is None:
                found = self._tags[item.tag_path] = self._tag_at(item.tag_path)
            return found
        key = path_key(item.tag)
        named = self._named.get(key)
        if named is None:
            named = self.codebook.find(item.tag)
            if named is None:
                named = self._new_tag(" ".join(item.tag.split()), None)
            self._named[key] = named
        return named

    def _tag_at(self, names: tuple[str, ...]) -> Tag:
        parent: Tag | None = None
        for name in names:
            same = self._children.get((parent.id if parent else None, name.casefold()), [])
            exact = [t for t in same if t.name == name]
            parent = (exact or same)[0] if same else self._new_tag(name, parent)
        assert parent is not None
        return parent

    def _new_tag(self, name: str, parent: Tag | None) -> Tag:
        codebook = self.codebook
        tag = Tag(name=name, colour=IMPORTED_TAG_COLOUR, codebook_id=codebook.id,
                  parent_id=parent.id if parent else None, position=len(codebook.tags))
        self.tx.codebooks.add_tag(tag)
        codebook.tags.append(tag)
        self._children.setdefault((tag.parent_id, tag.name.casefold()), []).append(tag)
        path = codebook.path(tag)
        self.report.new_tags.append(path if parent else tag.name)
        # A name looked up before may now find this tag, or no longer a single one.
        self._named.pop(path_key(path), None)
        self._named.pop(tag.name.casefold(), None)
        return tag


def _one_tag_each(context: _Context, item: ForeignAnnotation) -> list[ForeignAnnotation]:
    """The annotation with its first known tag (the file's order), and one more annotation,
    with no comment or reply, for each of its other tags."""
    if not item.extra_tags or item.tag is None:
        return [item]
    tags = [item.tag, *item.extra_tags]
    if not item.tag_path and not context.known(item.tag):
        first = next((tag for tag in item.extra_tags if context.known(tag)), item.tag)
        tags.remove(first)
        tags.insert(0, first)
        item = replace(item, tag=first)
    item = replace(item, extra_tags=())
    extra = [replace(item, id=extra_tag_id(item.id, tag), tag=tag, tag_path=(), comment="",
                     replies=[]) for tag in tags[1:]]
    return [item, *extra]


def _initials(foreign: list[ForeignAnnotation]) -> dict[str, str]:
    """Each creator's initials (nickname) as the file gives them, wherever it gives them:
    a reviewer met first in a reply keeps the initials given with their annotations."""
    initials: dict[str, str] = {}
    for item in foreign:
        given = [(item.creator, item.initials)] + [(r.creator, r.initials) for r in item.replies]
        for name, nickname in given:
            if nickname:
                initials.setdefault(" ".join(name.split()), nickname)
    return initials


def _place(context: _Context, item: ForeignAnnotation, brief_id: str,
           text: str) -> Annotation | None:
    report = context.report
    placed = _anchor(item, text)
    if placed is None:
        report.unplaced.append(item.exact or item.id)
        return None
    anchor, score = placed
    reviewer_id = context.author(item.creator, item.creator_id)
    tag = context.tag(item) if item.tag else None
    created = _not_ahead(item.created, report) or utc_now()
    # Sure only when the place found here is sure and the file did not say otherwise;
    # else needs_review with the lower of the two scores (the file's kept as it was).
    state, kept = "anchored", None
    if item.anchor_state != "anchored":
        state = "needs_review"
        given = item.anchor_score
        kept = given if given is not None and given < 1.0 else _UNSURE
        if score < kept:
            kept = round(score, 3)
    elif score < 1.0:
        state, kept = "needs_review", round(score, 3)
    if state != "anchored":
        report.needs_review.append(anchor.quote.exact)
    return Annotation(id=item.id, brief_id=brief_id, anchor=anchor, reviewer_id=reviewer_id,
                      tag_id=tag.id if tag else None, comment=item.comment,
                      status=AnnotationStatus(item.status), created=created,
                      modified=_not_ahead(item.modified, report) or created,
                      anchor_state=state, anchor_score=kept)


def _anchor(item: ForeignAnnotation, text: str) -> tuple[Anchor, float] | None:
    """The anchor on this brief's text, and how sure its place is (1.0: sure)."""
    if item.exact:
        start = item.start if item.start is not None else 0
        end = item.end if item.end is not None else start + len(item.exact)
        wanted = Anchor(TextQuoteSelector(item.exact, item.prefix, item.suffix),
                        TextPositionSelector(start, end))
        found = resolve(text, wanted)
        if found is None:
            return None
        return anchor_at(text, found.start, found.end), found.score
    if item.start is not None and item.end is not None and 0 <= item.start < item.end <= len(text):
        return anchor_at(text, item.start, item.end), 1.0
    return None


def _new_replies(context: _Context, item: ForeignAnnotation,
                 present: set[str]) -> list[Reply]:
    replies = []
    for reply in item.replies:
        if reply.id in present or not reply.text:
            continue
        present.add(reply.id)  # a file may list the same reply twice
        replies.append(Reply(id=reply.id, annotation_id=item.id,
                             reviewer_id=context.author(reply.creator, reply.creator_id),
                             text=reply.text,
                             created=_not_ahead(reply.created, context.report) or utc_now()))
    return replies
