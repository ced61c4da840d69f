"""Annotating a brief: anchor a tag and comment on a quote, list a brief's annotations."""

from __future__ import annotations

from reviewdesk.domain.anchor import anchor_at, count_quote, find_quote
from reviewdesk.domain.codebook import Codebook
from reviewdesk.domain.review import Annotation, Reply, Reviewer
from reviewdesk.domain.views import AnnotationView, ReplyView
from reviewdesk.errors import InputError
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
        span = find_quote(text, quote, occurrence)
        if span is None:
            raise InputError(_quote_missing(text, quote, occurrence, title))
        codebook = ensure_default_codebook(tx)
        tag_row = find_tag(codebook, tag)
        author = ensure_reviewer(tx, reviewer_name(tx, reviewer))
        annotation = Annotation(brief_id=brief_id, anchor=anchor_at(text, *span),
                                reviewer_id=author.id, tag_id=tag_row.id,
                                comment=comment.strip())
        tx.annotations.add(annotation)
        return _view(annotation, codebook, {author.id: author}, [])


def _quote_missing(text: str, quote: str, occurrence: int, title: str) -> str:
    if not quote.strip():
        return "the quote is empty; give the words to annotate with --quote"
    count = count_quote(text, quote)
    if count == 0:
        return f"the quote {_short(quote)!r} is not in the brief {title!r}"
    times = "once" if count == 1 else f"{count} times"
    return f"the quote {_short(quote)!r} occurs only {times} in {title!r}, not {occurrence}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def annotations_of(tx: Transaction, brief_id: str) -> list[AnnotationView]:
    """All of a brief's annotations in document order, in three queries whatever their number."""
    codebook = ensure_default_codebook(tx)
    reviewers = tx.reviewers.all()
    replies = tx.annotations.replies_for_brief(brief_id)
    return [_view(a, codebook, reviewers, replies.get(a.id, []))
            for a in tx.annotations.for_brief(brief_id)]


def list_annotations(store: Store, brief: str) -> list[AnnotationView]:
    with store.transaction() as tx:
        return annotations_of(tx, resolve_brief(tx, brief))


def _view(annotation: Annotation, codebook: Codebook, reviewers: dict[str, Reviewer],
          replies: list[Reply]) -> AnnotationView:
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
                                created=r.created) for r in replies))


def _name(reviewers: dict[str, Reviewer], reviewer_id: str) -> str:
    reviewer = reviewers.get(reviewer_id)
    return reviewer.name if reviewer else "?"
