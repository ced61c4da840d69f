"""A Word file coming back: find the stored brief it was exported from (or is a copy of)
and merge its comments into that brief instead of importing it a second time.

The brief is found by the ReviewDeskBriefId property an export writes, else by its text:
the same text exactly, or the same title and nearly the same text. Each comment is then
re-anchored on the stored brief's text by its quote and the words around it, because the
file's text may differ (accepted tracked changes, an editor's edits). A comment that came
from ReviewDesk in the first place is recognised and not added twice."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from reviewdesk.domain.anchor import CONTEXT_CHARS, anchor_at, context_agreement, fold
from reviewdesk.domain.brief import Brief, SourceComment, SourceFormat
from reviewdesk.domain.codebook import Codebook, Tag
from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply, Reviewer
from reviewdesk.export.docx_format import (
    PROPERTY_BRIEF_ID,
    PROPERTY_TEXT_SHA256,
    read_custom_properties,
    split_comment_text,
    text_sha256,
)
from reviewdesk.services.codebooks import ensure_default_codebook
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.repositories import Transaction

# Same title and at least this similar (word by word): the same brief, edited.
SIMILARITY = 0.9
# A file that names its brief by id (an export of ours) and is at least this similar to it:
# the editor may have rewritten a good deal, but not put another text in its place.
ID_SIMILARITY = 0.5
# Texts are compared on at most this many words from each end, so a long brief stays quick.
_SAMPLE_WORDS = 2000
# At most this many occurrences of a quote are weighed (a one-word quote can be everywhere).
_MAX_OCCURRENCES = 5000

Span = tuple[int, int]
# (author name, tag path or None, comment), compared without case or extra white space.
_Key = tuple[str, str | None, str]


@dataclass(frozen=True, slots=True)
class BriefMatch:
    """The stored brief an imported Word file is a copy of, and how it was recognised."""

    brief_id: str
    by: str  # "id" (its ReviewDeskBriefId property), "text" (identical) or "title"


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What merging a Word file's comments into a stored brief did."""

    comments_added: int = 0
    replies_added: int = 0
    comments_present: int = 0  # already on the brief (they came from ReviewDesk)
    unplaced: tuple[str, ...] = ()  # 'Author: "first words…"' of comments not placed


def find_stored_brief(tx: Transaction, brief: Brief) -> BriefMatch | None:
    """The stored brief an imported Word file belongs to, or None for a new brief."""
    if brief.source_format != SourceFormat.DOCX:
        return None
    properties = (read_custom_properties(brief.source.data, brief.source.filename)
                  if brief.source is not None else {})
    wanted = properties.get(PROPERTY_BRIEF_ID, "").strip()
    exported_sha = properties.get(PROPERTY_TEXT_SHA256, "").strip().lower()
    named = tx.briefs.title_and_text(wanted) if wanted else None
    # The property only says which brief the file came from: a file whose text is not
    # (nearly) that brief's is not merged into it, whatever it says.
    if named is not None and (text_sha256(named[1]) == exported_sha
                              or at_least_as_alike(named[1], brief.text, ID_SIMILARITY)):
        return BriefMatch(wanted, "id")
    same = tx.briefs.by_text(brief.text)
    if same is not None:
        return BriefMatch(same, "text")
    title = _norm(brief.title)
    best: tuple[float, str] | None = None
    for summary in tx.briefs.summaries():
        if not title or _norm(summary.title) != title:
            continue
        found = tx.briefs.title_and_text(summary.id)
        if found is None:
            continue
        if exported_sha and text_sha256(found[1]) == exported_sha:
            return BriefMatch(summary.id, "text")
        score = similarity(found[1], brief.text)
        if score >= SIMILARITY and (best is None or score > best[0]):
            best = (score, summary.id)
    return BriefMatch(best[1], "title") if best is not None else None


def similarity(first: str, second: str) -> float:
    """How alike two texts are, 0 to 1, word by word on a bounded sample of each."""
    matcher = difflib.SequenceMatcher(None, _sample(first), _sample(second))
    if matcher.real_quick_ratio() < SIMILARITY:
        return matcher.real_quick_ratio()
    quick = matcher.quick_ratio()
    return quick if quick < SIMILARITY else matcher.ratio()


def at_least_as_alike(first: str, second: str, threshold: float) -> bool:
    """Whether the texts are at least `threshold` alike, word by word (the cheap upper
    bounds first)."""
    matcher = difflib.SequenceMatcher(None, _sample(first), _sample(second))
    return (matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold
            and matcher.ratio() >= threshold)


def _sample(text: str) -> list[str]:
    words = text.split()
    if len(words) <= 2 * _SAMPLE_WORDS:
        return words
    return words[:_SAMPLE_WORDS] + words[-_SAMPLE_WORDS:]


def merge_comments(tx: Transaction, brief_id: str, imported: Brief,
                   unknown_author: str) -> MergeReport:
    """Add the imported file's comments and replies to the stored brief, re-anchored on its
    text; what the brief already has is left alone (new replies to it are added)."""
    found = tx.briefs.title_and_text(brief_id)
    if found is None or not imported.source_comments:
        return MergeReport()
    merge = _CommentMerge(tx, brief_id, found[1], unknown_author)
    placer = _Placer(stored=found[1], imported=imported.text)
    for comment in imported.source_comments:
        span = placer.place(comment.start, comment.end)
        if span is None:
            merge.unplaced.append(_describe(comment, unknown_author))
        else:
            merge.add(comment, span)
    return merge.finish()


class _CommentMerge:
    """The comments of one file joining one stored brief: the brief's annotations as they
    are known so far, and what the merge adds to them."""

    def __init__(self, tx: Transaction, brief_id: str, text: str, unknown_author: str) -> None:
        self._tx, self._brief_id, self._text = tx, brief_id, text
        self._unknown_author = unknown_author
        self._codebook = ensure_default_codebook(tx)
        reviewers = tx.reviewers.all()
        stored_replies = tx.annotations.replies_for_brief(brief_id)
        self._known = [_Known.of(annotation, self._codebook, reviewers,
                                 stored_replies.get(annotation.id, []))
                       for annotation in tx.annotations.for_brief(brief_id)]
        self.annotations: list[Annotation] = []
        self.replies: list[Reply] = []
        self.present = 0
        self.unplaced: list[str] = []

    def add(self, comment: SourceComment, span: Span) -> None:
        """Add the comment placed on `span` as an annotation, unless the brief has it, and
        the replies of its thread the annotation lacks."""
        author = ensure_reviewer(self._tx, comment.author or self._unknown_author,
                                 comment.initials, acting=False)
        tag, body, keys = self._tagged(author.name, comment.text)
        owner = next((k for k in self._known if k.overlaps(span) and k.keys & keys), None)
        when = comment.date or utc_now()
        if owner is None and self._reply_of_ours(span, (_norm(author.name),
                                                        _norm(comment.text))):
            # A reader without threads (LibreOffice before 7.5) wrote a reply of ours as a
            # comment of its own on the same words: it is already there.
            self.present += 1
            return
        if owner is None:
            annotation = Annotation(
                brief_id=self._brief_id, anchor=anchor_at(self._text, *span),
                reviewer_id=author.id, tag_id=tag.id if tag is not None else None,
                comment=(body if tag is not None else comment.text).strip(),
                status=AnnotationStatus.RESOLVED if comment.resolved else AnnotationStatus.OPEN,
                created=when, modified=when)
            self.annotations.append(annotation)
            owner = _Known(annotation, keys)
            self._known.append(owner)
        else:
            self.present += 1
        self._add_replies(owner, comment, when)

    def _tagged(self, author: str, text: str) -> tuple[Tag | None, str, set[_Key]]:
        """The comment's tag (named on its first line, as an export writes it), its text
        without that line, and the keys an annotation of ours written as it would have."""
        tag_path, body = split_comment_text(text)
        tag = self._codebook.find(tag_path) if tag_path else None
        keys = {_key(author, None, text)}
        if tag is not None:
            keys.add(_key(author, self._codebook.path(tag), body))
        return tag, body, keys

    def _reply_of_ours(self, span: Span, reply_key: tuple[str, str]) -> bool:
        return any(k.overlaps(span) and reply_key in k.replies for k in self._known)

    def _add_replies(self, owner: _Known, comment: SourceComment, when: datetime) -> None:
        for reply in _thread(comment):
            name = " ".join((reply.author or self._unknown_author).split())
            reply_key = (_norm(name), _norm(reply.text))
            if reply_key in owner.replies:
                continue
            replier = ensure_reviewer(self._tx, name, reply.initials, acting=False)
            self.replies.append(Reply(annotation_id=owner.annotation.id,
                                      reviewer_id=replier.id, text=reply.text.strip(),
                                      created=reply.date or when))
            owner.replies.add(reply_key)

    def finish(self) -> MergeReport:
        """Store what the merge added, and say what it did."""
        self._tx.annotations.add_all(self.annotations, self.replies)
        return MergeReport(comments_added=len(self.annotations),
                           replies_added=len(self.replies), comments_present=self.present,
                           unplaced=tuple(self.unplaced))


@dataclass(slots=True)
class _Known:
    """An annotation of the brief, with what identifies it and its replies."""

    annotation: Annotation
    keys: set[_Key]
    replies: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of(cls, annotation: Annotation, codebook: Codebook, reviewers: dict[str, Reviewer],
           replies: list[Reply]) -> _Known:
        """The annotation with its key (author, tag path, comment) and its replies' (author,
        text), as a comment read back from Word is compared with it."""
        def name(reviewer_id: str) -> str:
            reviewer = reviewers.get(reviewer_id)
            return reviewer.name if reviewer is not None else ""

        tag = codebook.by_id(annotation.tag_id) if annotation.tag_id else None
        key = _key(name(annotation.reviewer_id), codebook.path(tag) if tag else None,
                   annotation.comment)
        return cls(annotation, {key},
                   {(_norm(name(r.reviewer_id)), _norm(r.text)) for r in replies})

    def overlaps(self, span: Span) -> bool:
        """Whether the annotation covers any character of the span, or is exactly it."""
        start, end = self.annotation.anchor.start, self.annotation.anchor.end
        return (start, end) == span or (start < span[1] and span[0] < end)


def _key(author: str, tag_path: str | None, comment: str) -> _Key:
    return _norm(author), _norm(tag_path) if tag_path else None, _norm(comment)


def _norm(text: str) -> str:
    return " ".join(fold(text).casefold().split())


def _thread(comment: SourceComment) -> Iterator[SourceComment]:
    """The replies of a comment in order, replies to replies included."""
    for reply in comment.replies:
        yield reply
        yield from _thread(reply)


def _describe(comment: SourceComment, unknown_author: str, words: int = 8) -> str:
    text = split_comment_text(comment.text)[1] or comment.text
    parts = text.split()
    start = " ".join(parts[:words]) + ("…" if len(parts) > words else "")
    return f'{comment.author or unknown_author}: "{start}"'


class _Placer:
    """Places ranges of the imported text on the stored text: the occurrence of the quote
    whose context agrees best, the nearest to where the offsets (scaled to the stored
    text) put it among equals; nowhere when the quote is gone, or when it occurs more than
    once, far from there, with no context agreeing."""

    def __init__(self, stored: str, imported: str) -> None:
        self._folded = fold(stored)
        self._imported = imported
        self._same = stored == imported
        self._scale = len(stored) / max(1, len(imported))
        self._window = max(2 * CONTEXT_CHARS, len(stored) // 50)

    def place(self, start: int, end: int) -> Span | None:
        """Where the imported range start..end falls in the stored text; None when it is blank or
        cannot be placed with confidence."""
        imported = self._imported
        if not 0 <= start < end <= len(imported) or not imported[start:end].strip():
            return None
        if self._same:
            return start, end
        quote = fold(imported[start:end])
        prefix = fold(imported[max(0, start - CONTEXT_CHARS):start])
        suffix = fold(imported[end:end + CONTEXT_CHARS])
        # A quote that began (ended) at a word's edge must not land inside a word.
        word_start = quote[0].isalnum() and not prefix[-1:].isalnum()
        word_end = quote[-1].isalnum() and not suffix[:1].isalnum()
        spans = [span for span in self._occurrences(quote)
                 if self._edges_fit(span, word_start, word_end)]
        expected = round(start * self._scale)
        if not spans:
            # The words themselves were reworded (a suggested edit accepted in the file):
            # what stands between their unchanged context is where they were.
            return self._between(prefix, suffix, len(quote), expected)
        score, distance, best = max(
            (self._agreement(span, prefix, suffix), -abs(span[0] - expected), span)
            for span in spans)
        if score > 0 or len(spans) == 1 or -distance <= self._window:
            return best
        return None

    def _between(self, prefix: str, suffix: str, length: int, expected: int) -> Span | None:
        """The stored text between the nearest occurrence of the whole prefix and the next
        suffix, when both are long enough to be telling and the gap is of a like size."""
        if len(prefix.strip()) < CONTEXT_CHARS // 2 or len(suffix.strip()) < CONTEXT_CHARS // 2:
            return None
        text = self._folded
        best: Span | None = None
        position = text.find(prefix)
        while position >= 0:
            start = position + len(prefix)
            end = text.find(suffix, start, start + 3 * length + 40)
            if end > start and (best is None
                                or abs(start - expected) < abs(best[0] - expected)):
                best = (start, end)
            position = text.find(prefix, position + 1)
        if best is None or not text[best[0]:best[1]].strip():
            return None
        # Trim the white space the context leaves at either side.
        start, end = best
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _occurrences(self, quote: str) -> list[Span]:
        """Where the quote stands in the stored text: exactly, else with any white space
        for its white space."""
        found: list[Span] = []
        position = self._folded.find(quote)
        while position >= 0 and len(found) < _MAX_OCCURRENCES:
            found.append((position, position + len(quote)))
            position = self._folded.find(quote, position + 1)
        if found:
            return found
        pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
        for match in pattern.finditer(self._folded):
            found.append((match.start(), match.end()))
            if len(found) >= _MAX_OCCURRENCES:
                break
        return found

    def _edges_fit(self, span: Span, word_start: bool, word_end: bool) -> bool:
        text = self._folded
        if word_start and span[0] > 0 and text[span[0] - 1].isalnum():
            return False
        return not (word_end and span[1] < len(text) and text[span[1]].isalnum())

    def _agreement(self, span: Span, prefix: str, suffix: str) -> int:
        """How many characters of the context agree, counted outwards from the quote."""
        return context_agreement(self._folded, span[0], span[1], prefix, suffix)
