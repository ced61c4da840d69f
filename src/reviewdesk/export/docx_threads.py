"""The comment threads of an export: an annotation becomes a comment with its replies (or,
made from a comment the original file has, only its new replies join that thread), marked
at its words, with the tag's colour as shading over them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from reviewdesk.domain.brief import SourceComment
from reviewdesk.domain.review import AnnotationStatus, Reviewer
from reviewdesk.domain.views import AnnotationView
from reviewdesk.export import docx_marks as marks
from reviewdesk.export.docx_comments import Ids, NewComment, comment_para_id, comments_by_id
from reviewdesk.export.docx_format import comment_text
from reviewdesk.export.docx_places import Actions
from reviewdesk.export.docx_run_properties import RunProperties, shade_all
from reviewdesk.ooxml.package import Package


@dataclass(frozen=True, slots=True)
class Span:
    """Where an annotation's comment goes: the placeholders of its words, and of the words
    its markers go round (a note's label in the text, for words in a note)."""

    view: AnnotationView
    start_key: int
    end_key: int
    mark_start: int
    mark_end: int


class Originals:
    """The comments the original file already has: an annotation made from one is not
    written again; its new replies join that comment's thread."""

    def __init__(self, package: Package, comments: list[SourceComment], ids: Ids,
                 unknown_author: str) -> None:
        self._package, self._ids, self._unknown = package, ids, unknown_author
        self._by_key = {self._key(c.author, c.text, c.start, c.end): c for c in comments}
        self._by_id: dict[str, etree._Element] | None = None  # the file's comments
        self.resolved: list[str] = []  # paraIds of original comments resolved since

    def find(self, view: AnnotationView) -> SourceComment | None:
        """The file's comment the annotation was made from, if any (an untagged annotation
        by the same author, with the same text, on the same words)."""
        if not self._by_key or view.tag is not None:
            return None
        return self._by_key.get(self._key(view.reviewer, view.comment, view.start, view.end))

    def para_id(self, original: SourceComment) -> str | None:
        """The paraId of the file's comment, which its new replies refer to."""
        if self._by_id is None:
            name = self._package.related.get("comments")
            self._by_id = comments_by_id(self._package.xml(name) if name else None)
        if not original.source_id:
            return None
        return comment_para_id(self._by_id.get(original.source_id), self._ids)

    def _key(self, author: str, text: str, start: int, end: int) -> tuple[str, str, int, int]:
        # (the importer names a comment without an author `unknown_author`)
        name = " ".join(author.split()) or self._unknown
        return name.casefold(), " ".join(text.split()), start, end


class CommentThreads:
    """The new comments of an export, gathered span by span: ids taken in document order,
    markers planned at the placeholders, highlights summed (see Shades)."""

    def __init__(self, reviewers: dict[str, Reviewer], index_of: list[marks.RunIndex],
                 ids: Ids, actions: Actions, originals: Originals) -> None:
        self._reviewers, self._index_of, self._ids = reviewers, index_of, ids
        self._actions, self._originals = actions, originals
        self._shades = Shades()
        self.comments: list[NewComment] = []
        self.replies = self.highlights = 0

    def add(self, span: Span) -> None:
        """The thread of one annotation, its markers and its shading."""
        view, start_key = span.view, span.start_key
        end_key = self._within_part(start_key, span.end_key)
        mark_end = self._within_part(span.mark_start, span.mark_end)
        note = "" if span.mark_start == start_key else f"\n(In the note: “{view.quote}”)"
        done = view.status == AnnotationStatus.RESOLVED
        original = self._originals.find(view)
        if original is None:
            thread = [NewComment(self._ids.take(), view.reviewer, view.initials,
                                 local_iso(view.created),
                                 comment_text(view.tag, view.comment) + note, None, done,
                                 date_utc=iso(view.created))]
            self._add_replies(view, thread, None, set(), done)
            self.replies += len(thread) - 1
        else:  # already in the file, with its range: only what is new is added
            thread = self._join(view, original, done)
            self.replies += len(thread)
        self.comments.extend(thread)
        thread_ids = [comment.ident for comment in thread]
        self._actions.starts.setdefault(span.mark_start, []).extend(thread_ids)
        self._actions.ends.setdefault(mark_end, []).extend(thread_ids)
        index = self._index_of[start_key]
        if view.colour and self._shades.add(index, start_key, end_key, view.colour):
            self.highlights += 1

    def shade(self, runs: RunProperties) -> None:
        """Shade the words of every thread added (once all are)."""
        self._shades.shade(runs)

    @property
    def new_threads(self) -> int:
        """The comments that start a thread of their own."""
        return sum(c.parent is None and c.parent_para is None for c in self.comments)

    def _within_part(self, start_key: int, end_key: int) -> int:
        """`end_key`, or `start_key` for a range that cannot run across (its ends in two
        parts, or its end first): a mark at its start."""
        index_of = self._index_of
        if index_of[start_key] is not index_of[end_key] or \
                index_of[end_key].order[end_key] < index_of[start_key].order[start_key]:
            return start_key
        return end_key

    def _join(self, view: AnnotationView, original: SourceComment,
              done: bool) -> list[NewComment]:
        """The new replies to a comment of the file; marks it done if resolved since."""
        parent_para = self._originals.para_id(original)
        old_replies = {(r.author.casefold(), " ".join(r.text.split()))
                       for r in original.replies}
        if done and not original.resolved and parent_para:
            self._originals.resolved.append(parent_para)
        thread: list[NewComment] = []
        self._add_replies(view, thread, parent_para, old_replies, done)
        return thread

    def _add_replies(self, view: AnnotationView, thread: list[NewComment],
                     parent_para: str | None, old_replies: set[tuple[str, str]],
                     done: bool) -> None:
        for reply in view.replies:
            if (reply.reviewer.casefold(), " ".join(reply.text.split())) in old_replies:
                continue
            replier = self._reviewers.get(reply.reviewer)
            parent = thread[0].ident if thread else None
            if parent is None and parent_para is None:
                continue  # an original comment that cannot be found keeps its own thread
            thread.append(NewComment(self._ids.take(), reply.reviewer,
                                     replier.initials if replier else "",
                                     local_iso(reply.created), reply.text, parent, done,
                                     parent_para, iso(reply.created)))


class Shades:
    """The colours of the tags over the runs of each part. Each annotation adds its colour
    where its runs start and takes it away where they end; one pass over the runs then
    sums what is on each (200,000 overlapping annotations must not each walk their runs)."""

    def __init__(self) -> None:
        # id of a part's run index -> (the index, run number -> change of red, green,
        # blue and count there)
        self._changes: dict[int, tuple[marks.RunIndex, dict[int, list[int]]]] = {}
        self._rgb: dict[str, tuple[int, int, int]] = {}

    def add(self, index: marks.RunIndex, start_key: int, end_key: int, colour: str) -> bool:
        """Shade the runs between two placeholders; False when there are none."""
        low, high = index.before[start_key], index.before[end_key]
        if low < 0 or high < 0 or high <= low:
            return False
        rgb = self._rgb.get(colour)
        if rgb is None:
            value = colour.lstrip("#")
            rgb = self._rgb[colour] = (int(value[0:2], 16), int(value[2:4], 16),
                                       int(value[4:6], 16))
        changes = self._changes.setdefault(id(index), (index, {}))[1]
        for at, sign in ((low, 1), (high, -1)):
            change = changes.setdefault(at, [0, 0, 0, 0])
            change[0] += sign * rgb[0]
            change[1] += sign * rgb[1]
            change[2] += sign * rgb[2]
            change[3] += sign
        return True

    def shade(self, runs: RunProperties) -> None:
        """Shade the runs, each in its tint (see shade_all)."""
        tints: dict[tuple[int, int, int, int], str] = {}
        for index, changes in self._changes.values():
            shading: list[tuple[etree._Element, str]] = []
            red = green = blue = count = 0
            at = sorted(changes)
            for position, following in itertools.zip_longest(at, at[1:]):
                change = changes[position]
                red, green, blue = red + change[0], green + change[1], blue + change[2]
                count += change[3]
                if not count:
                    continue
                key = (red, green, blue, count)
                tint = tints.get(key)
                if tint is None:
                    tint = tints[key] = _tint(red, green, blue, count)
                shading.extend((run, tint) for run in index.runs[position:following])
            shade_all(shading, as_source=index.writes_w, kept=runs)


def _tint(red: int, green: int, blue: int, count: int) -> str:
    """`count` tags' colours (summed) mixed, lightened halfway to white so the words stay
    readable."""
    mixed = [channel // count for channel in (red, green, blue)]
    return "".join(f"{(channel + 255) // 2:02X}" for channel in mixed)


def iso(moment: datetime) -> str:
    """To the second, in UTC ("2026-11-24T15:02:00Z"); a naive time is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    elif moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def local_iso(moment: datetime) -> str:
    """To the second, in the local time of the machine exporting, without a zone
    ("2026-11-24T16:02:00"), as Word writes a comment's w:date; a naive time is taken as
    UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%dT%H:%M:%S")
