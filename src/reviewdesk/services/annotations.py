"""Annotating a brief: anchor a tag and comment on a quote, list a brief's annotations,
find an annotation by its id or the start of it, reply to it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reviewdesk.domain.anchor import anchor_at, count_quote, find_quote
from reviewdesk.domain.codebook import Codebook
from reviewdesk.domain.date_input import readable_date
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply, Reviewer
from reviewdesk.domain.views import AnnotationView, ReplyView, make_annotation_view
from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.services.codebooks import ensure_default_codebook, find_tag
from reviewdesk.services.reviewers import ensure_reviewer, reviewer_name
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store


def annotate(store: Store, brief: str, quote: str, *, tag: str, occurrence: int = 1,
             comment: str = "", reviewer: str | None = None) -> AnnotationView:
    """Tag the Nth occurrence of `quote` in the brief's canonical text."""
    if occurrence < 1:
        raise InputError("--occurrence counts from 1")
    with store.transaction() as tx:
        brief_id = resolve_brief(tx, brief)
        found = tx.briefs.title_and_text(brief_id)
        assert found is not None
        title, text = found
        span = locate_quote(text, quote, occurrence, title)
        codebook = ensure_default_codebook(tx)
        tag_row = find_tag(codebook, tag)
        author = ensure_reviewer(tx, reviewer_name(tx, reviewer))
        annotation = Annotation(brief_id=brief_id, anchor=anchor_at(text, *span),
                                reviewer_id=author.id, tag_id=tag_row.id,
                                comment=comment.strip())
        tx.annotations.add(annotation)
        return _view(annotation, codebook, {author.id: author}, [])


def locate_quote(text: str, quote: str, occurrence: int, title: str, *,
                 purpose: str = "annotate") -> tuple[int, int]:
    """Offsets of the Nth occurrence of `quote` in a brief's text, matched as `find_quote`
    does (forgiving straight for curly quotes, hyphens for dashes, runs of white space).

    Raises InputError, one sentence naming the brief's `title`, when the quote is empty, is
    not there or occurs fewer than `occurrence` times; `purpose` is what the words are for
    ("annotate", "reword"), for the message about an empty quote."""
    if occurrence < 1:
        raise InputError("--occurrence counts from 1")
    span = find_quote(text, quote, occurrence)
    if span is None:
        raise InputError(_quote_missing(text, quote, occurrence, title, purpose))
    return span


def _quote_missing(text: str, quote: str, occurrence: int, title: str, purpose: str) -> str:
    if not quote.strip():
        return f"the quote is empty; give the words to {purpose} with --quote"
    count = count_quote(text, quote)
    if count == 0:
        return f"the quote {short_quote(quote)!r} is not in the brief {title!r}"
    times = "once" if count == 1 else f"{count} times"
    return f"the quote {short_quote(quote)!r} occurs only {times} in {title!r}, not {occurrence}"


def short_quote(text: str, limit: int = 60) -> str:
    """A quote cut to `limit` characters for a one-line message."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def annotations_of(tx: Transaction, brief_id: str) -> list[AnnotationView]:
    """All of a brief's annotations in document order, from two queries whatever their
    number."""
    return _views(tx, *tx.annotations.view_rows(brief_id=brief_id))


_NO_TAG = (None, None)
_STATUSES = {status.value: status for status in AnnotationStatus}


def _views(tx: Transaction, rows: Iterable[Sequence[Any]],
           reply_rows: Iterable[Sequence[Any]]) -> list[AnnotationView]:
    """The views of the rows `tx.annotations.view_rows` gives, each built straight from its
    row: making an Annotation with its anchor and selectors first cost three times the
    query."""
    codebook = ensure_default_codebook(tx)
    tags = {tag.id: (codebook.path(tag), tag.colour) for tag in codebook.tags}
    threads: dict[str, list[ReplyView]] = {}
    for annotation_id, ident, name, text, created in reply_rows:
        threads.setdefault(annotation_id, []).append(
            ReplyView(ident, "?" if name is None else name, text, created))
    replies = {annotation_id: tuple(thread) for annotation_id, thread in threads.items()}
    statuses = _STATUSES
    # Each row brings the brief's id and the reviewer's name and initials as strings of
    # its own: the views share one of each, as they did when made from objects (a fifth
    # of their memory).
    strings: dict[str, str] = {}
    shared = strings.setdefault
    views = []
    for (ident, brief_id, tag_id, comment, reviewer, initials, status, quote, prefix, suffix,
         start, end, created, modified, anchor_state, anchor_score, date) in rows:
        tag, colour = tags.get(tag_id, _NO_TAG)
        views.append(make_annotation_view(
            ident, shared(brief_id, brief_id), tag, colour, comment,
            "?" if reviewer is None else shared(reviewer, reviewer),
            "?" if initials is None else shared(initials, initials),
            statuses[status], quote, prefix, suffix, start, end, created, modified,
            replies.get(ident, ()), anchor_state, anchor_score, date))
    return views


def brief_annotations(store: Store, brief_id: str) -> list[AnnotationView]:
    """`annotations_of` the brief with the id `brief_id`, in a transaction of its own."""
    with store.transaction() as tx:
        return annotations_of(tx, brief_id)


def list_annotations(store: Store, brief: str) -> list[AnnotationView]:
    with store.transaction() as tx:
        return annotations_of(tx, resolve_brief(tx, brief))


def _view(annotation: Annotation, codebook: Codebook, reviewers: dict[str, Reviewer],
          replies: list[Reply]) -> AnnotationView:
    """The view of one annotation held as an object (just made, or just replied to)."""
    tag = codebook.by_id(annotation.tag_id) if annotation.tag_id else None
    author = reviewers.get(annotation.reviewer_id)
    quote = annotation.anchor.quote
    return AnnotationView(
        id=annotation.id, brief_id=annotation.brief_id,
        tag=codebook.path(tag) if tag else None, colour=tag.colour if tag else None,
        comment=annotation.comment, reviewer=author.name if author else "?",
        initials=author.initials if author else "?", status=annotation.status,
        quote=quote.exact, prefix=quote.prefix, suffix=quote.suffix,
        start=annotation.anchor.start, end=annotation.anchor.end,
        created=annotation.created, modified=annotation.modified,
        replies=tuple(ReplyView(id=r.id, reviewer=_name(reviewers, r.reviewer_id), text=r.text,
                                created=r.created) for r in replies),
        anchor_state=annotation.anchor_state, anchor_score=annotation.anchor_score,
        date=annotation.date)


def _name(reviewers: dict[str, Reviewer], reviewer_id: str) -> str:
    reviewer = reviewers.get(reviewer_id)
    return reviewer.name if reviewer else "?"


@dataclass(frozen=True, slots=True)
class RemovedAnnotation:
    """Everything a deletion took away, so that undo can put it back exactly."""

    annotation: Annotation
    replies: tuple[Reply, ...]
    claim_links: tuple[str, ...]
    evidence_links: tuple[str, ...]


def create_annotation(store: Store, brief_id: str, start: int, end: int, *,
                      tag_id: str | None = None, comment: str = "",
                      reviewer: str | None = None) -> AnnotationView:
    """Annotate text[start:end] of a brief: the selection a reviewer made in the editor."""
    with store.transaction() as tx:
        found = tx.briefs.title_and_text(brief_id)
        if found is None:
            raise NotFoundError("that brief is no longer in the store")
        text = found[1]
        if not 0 <= start < end <= len(text) or not text[start:end].strip():
            raise InputError("select some words of the brief first")
        codebook = ensure_default_codebook(tx)
        author = ensure_reviewer(tx, reviewer_name(tx, reviewer))
        annotation = Annotation(brief_id=brief_id, anchor=anchor_at(text, start, end),
                                reviewer_id=author.id, tag_id=tag_id, comment=comment.strip())
        tx.annotations.add(annotation)
        return _view(annotation, codebook, {author.id: author}, [])


def stored_annotation(store: Store, annotation_id: str) -> Annotation:
    """The annotation as it is stored now (to put it back as it was on undo)."""
    with store.transaction() as tx:
        return _stored(tx, annotation_id)


def _stored(tx: Transaction, annotation_id: str) -> Annotation:
    annotation = tx.annotations.get(annotation_id)
    if annotation is None:
        raise NotFoundError("that annotation is no longer in the store")
    return annotation


def delete_annotation(store: Store, annotation_id: str) -> RemovedAnnotation:
    """Delete an annotation with its replies and links; returns what went, for undo."""
    with store.transaction() as tx:
        return take_out_annotation(tx, _stored(tx, annotation_id))


def take_out_annotation(tx: Transaction, annotation: Annotation) -> RemovedAnnotation:
    """Delete a stored annotation inside `tx`, returning everything that went with it."""
    removed = RemovedAnnotation(
        annotation=annotation,
        replies=tuple(tx.annotations.replies_of(annotation.id)),
        claim_links=tuple(tx.tracking.claim_references(annotation.id)),
        evidence_links=tuple(tx.tracking.evidence_of_annotation(annotation.id)))
    tx.annotations.delete(annotation.id)
    # The deletion travels in review bundles (its replies and links go with it).
    tx.tracking.add_tombstone(annotation.id, "annotation", annotation.brief_id,
                              annotation.reviewer_id)
    return removed


def restore_annotation(store: Store, removed: RemovedAnnotation) -> None:
    """Put a deleted annotation back with the same id, replies and links."""
    with store.transaction() as tx:
        put_back_annotations(tx, [removed])


def put_back_annotations(tx: Transaction, removed: Sequence[RemovedAnnotation]) -> None:
    """Inside `tx`, put deleted annotations back with the same ids, replies and links."""
    for each in removed:
        tx.tracking.remove_tombstone(each.annotation.id)
    tx.annotations.add_all([each.annotation for each in removed],
                           [reply for each in removed for reply in each.replies])
    for each in removed:
        for reference_id in each.claim_links:
            tx.tracking.link_claim(each.annotation.id, reference_id)
        for recommendation_id in each.evidence_links:
            tx.tracking.link_evidence(each.annotation.id, recommendation_id)


_UNCHANGED = object()


def update_annotation(store: Store, annotation_id: str, *, comment: str | None = None,
                      status: AnnotationStatus | None = None,
                      tag_id: object = _UNCHANGED, date: object = _UNCHANGED) -> Annotation:
    """Change an annotation's comment, status, tag or date (a date a reviewer set: a string
    `domain.date_input` reads, or None to clear it); returns it as it was before."""
    values: dict[str, object] = {}
    if date is not _UNCHANGED:
        values["date"] = None if date is None else readable_date(str(date))
    if comment is not None:
        values["comment"] = comment.strip()
    if status is not None:
        values["status"] = AnnotationStatus(status).value
    if tag_id is not _UNCHANGED:
        values["tag_id"] = tag_id
    with store.transaction() as tx:
        before = _stored(tx, annotation_id)
        if values:
            tx.tracking.update_annotation(annotation_id, **values)
        return before


def add_reply(store: Store, annotation_id: str, text: str,
              reviewer: str | None = None) -> Reply:
    if not text.strip():
        raise InputError("a reply needs some text")
    with store.transaction() as tx:
        if tx.annotations.get(annotation_id) is None:
            raise NotFoundError(f"no annotation {annotation_id!r} in the store")
        return _add_reply(tx, annotation_id, text, reviewer)[0]


def _add_reply(tx: Transaction, annotation_id: str, text: str,
               reviewer: str | None) -> tuple[Reply, Reviewer]:
    author = ensure_reviewer(tx, reviewer_name(tx, reviewer))
    reply = Reply(annotation_id=annotation_id, reviewer_id=author.id, text=text.strip())
    tx.annotations.add_reply(reply)
    return reply, author


def resolve_annotation(tx: Transaction, reference: str) -> str:
    """An annotation's id from the id itself or a unique start of it."""
    reference = reference.strip().lower()
    if not reference:
        raise InputError("name an annotation by its id (or the start of it); "
                         "'reviewdesk show BRIEF' lists them")
    if tx.annotations.get(reference) is not None:
        return reference
    matches = tx.annotations.ids_starting_with(reference, limit=2)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(f"{reference!r} is the start of more than one annotation's id; "
                         "give more of it")
    raise NotFoundError(f"no annotation {reference!r} in the store; "
                        "'reviewdesk show BRIEF' lists a brief's annotations")


def reply_to_annotation(store: Store, reference: str, text: str, *,
                        reviewer: str | None = None) -> tuple[AnnotationView, ReplyView]:
    """Add a reply to the annotation named by its id or a unique start of it; returns the
    annotation (its replies now ending with this one) and the reply."""
    if not text.strip():
        raise InputError("a reply needs some text; give it with --text")
    with store.transaction() as tx:
        annotation_id = resolve_annotation(tx, reference)
        reply, author = _add_reply(tx, annotation_id, text, reviewer)
        annotation = tx.annotations.get(annotation_id)
        assert annotation is not None
        replies = tx.annotations.replies_for_brief(annotation.brief_id).get(annotation_id, [])
        replies = [r for r in replies if r.id != reply.id] + [reply]
        view = _view(annotation, ensure_default_codebook(tx),
                     tx.reviewers.all() | {author.id: author}, replies)
        return view, view.replies[-1]


def annotation_view(store: Store, annotation_id: str) -> AnnotationView:
    """One annotation as the editor shows it, after an edit."""
    with store.transaction() as tx:
        return _one_view(tx, annotation_id)


def _one_view(tx: Transaction, annotation_id: str) -> AnnotationView:
    views = _views(tx, *tx.annotations.view_rows(annotation_id=annotation_id))
    if not views:
        raise NotFoundError("that annotation is no longer in the store")
    return views[0]


def delete_reply(store: Store, reply_id: str) -> None:
    with store.transaction() as tx:
        place = tx.tracking.reply_place(reply_id)
        if tx.annotations.delete_reply(reply_id) and place is not None:
            tx.tracking.add_tombstone(reply_id, "reply", *place)


def restore_reply(store: Store, reply: Reply) -> None:
    with store.transaction() as tx:
        tx.tracking.remove_tombstone(reply.id)
        tx.annotations.add_reply(reply)


def set_annotation_date(store: Store, reference: str, written: str | None) -> AnnotationView:
    """Set the date of the event an annotation (named by its id or a unique start of it)
    marks, or with None clear it, so the brief's own date (or one inferred) stands again.
    The date must be one ReviewDesk reads (`domain.dates`); an ISO month, "2024-09", is
    kept as "September 2024"."""
    value = None if written is None else readable_date(written)
    with store.transaction() as tx:
        annotation_id = resolve_annotation(tx, reference)
        tx.tracking.update_annotation(annotation_id, date=value)
        return _one_view(tx, annotation_id)
