"""A review written into a Word document: each annotation a comment on exactly its words
with its replies, the tag's colour as shading, each suggestion as tracked changes, and the
appendix; the document's text found through the importer's map of it (docx_map)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from reviewdesk.domain.appendix import AppendixData
from reviewdesk.domain.brief import Brief, SourceChange
from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.review import Reviewer, Suggestion
from reviewdesk.domain.views import AnnotationView
from reviewdesk.export import docx_marks as marks
from reviewdesk.export.docx_comments import Ids
from reviewdesk.export.docx_map import TextMap, map_package
from reviewdesk.export.docx_package_parts import NewParts, Splices, package_parts
from reviewdesk.export.docx_places import (
    Actions,
    Operation,
    Plan,
    index_runs,
    operations,
    plan_operations,
    root_of,
)
from reviewdesk.export.docx_threads import CommentThreads, Originals, Span, iso
from reviewdesk.files import write_file
from reviewdesk.importers.docx_package import open_package
from reviewdesk.importers.zipguard import open_zip
from reviewdesk.ooxml.package import write_package

Progress = Callable[[int, int], None]  # (done, total)

_EXPORT_NAME = "export.docx"


@dataclass(slots=True)
class ReviewContent:
    """What goes into the document: the brief, the annotations and suggestions chosen (each
    suggestion with its author), every reviewer by name (for replies' initials), the
    appendix (None for none), and the name the importer gives a comment without author."""

    brief: Brief
    annotations: list[AnnotationView]
    suggestions: list[tuple[Suggestion, Reviewer]]
    reviewers: dict[str, Reviewer]
    unknown_author: str
    appendix: AppendixData | None = None
    # Rejected suggestions: those that are tracked changes of the document itself (imported
    # from it) are rejected in it, so they are not proposed again.
    rejected: list[tuple[Suggestion, Reviewer]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class WrittenReview:
    """What a document was given: new comment threads, replies, highlighted annotations,
    tracked changes, and warnings about what could not be placed."""

    comments: int
    replies: int
    highlights: int
    tracked_changes: int
    warnings: tuple[str, ...] = field(default=())


class TextMismatch(Exception):
    """The document does not read as the brief's text: nothing can be placed in it."""


class WordReviewWriter:
    """Writes one review into one Word document (the original's bytes, or a clean one).

    Holds the package, the map of the brief's text onto it, the w:id numbers and the
    warnings while it works: `write` opens the package, plans a placeholder at every place
    an annotation or a tracked change starts or ends, splits the runs there once, puts the
    marks in and writes the package whole."""

    def __init__(self, data: bytes, content: ReviewContent,
                 tick: Progress = lambda _done, _total: None) -> None:
        self._data, self._content, self._tick = data, content, tick
        self._plan = Plan()
        self._actions = Actions()
        self.warnings: list[str] = []

    def write(self, target: Path) -> WrittenReview:
        """Write the marked-up document to `target` (whole or not at all). Raises
        TextMismatch when the document does not read as the brief."""
        content = self._content
        with open_zip(self._data, _EXPORT_NAME) as archive:
            package = open_package(archive, _EXPORT_NAME)
            package.cache = {}
            in_file: dict[_Change, list[etree._Element]] = {}

            def seen(change: SourceChange, elements: list[etree._Element]) -> None:
                in_file.setdefault(_key(change, content), elements)

            read, text_map = map_package(package, _EXPORT_NAME, seen)
            if read.text != content.brief.text:
                raise TextMismatch
            main = package.xml(package.main)
            assert main is not None
            for kind in ("comments", "commentsExtended", "commentsIds", "commentsExtensible"):
                package.part(kind)  # (their ids too are taken)
            # Every WordprocessingML part read is written again as serialised; the numbering,
            # which the importer reads and the map does not, too, as it always was.
            package.part("numbering")
            ids = Ids.scan(list(package.cache.values()))
            total = len(content.annotations) + len(content.suggestions)
            self._tick(0, total)
            spans = self._plan_spans(text_map)
            changes = self._plan_changes(text_map, set(in_file))
            placeholders = self._plan.place_all(self._actions.runs)
            index_of = index_runs(placeholders)
            tracked = self._track(changes, placeholders, index_of, ids)
            originals = Originals(package, read.source_comments, ids, content.unknown_author)
            threads = CommentThreads(content.reviewers, index_of, ids, self._actions,
                                     originals)
            for number, span in enumerate(spans):
                threads.add(span)
                if number % 500 == 0:
                    self._tick(number, total)
            threads.shade(self._actions.runs)
            kept = self._actions.replace_placeholders(placeholders, index_of)
            for suggestion, author in content.rejected:
                marks.reject(in_file.get(_suggestion_key(suggestion, author), []))
            del placeholders, index_of  # what is left to write needs none of them
            new = NewParts(threads.comments, originals.resolved, content.appendix,
                           iso(utc_now()))
            changed = package_parts(package, content.brief, new, ids,
                                    Splices(kept, self._actions.marker_source,
                                            self._actions.runs, main))
            self._tick(total, total)
            write_file(target, lambda stream: write_package(package, changed, stream))
        return WrittenReview(threads.new_threads, threads.replies, threads.highlights,
                             tracked, tuple(self.warnings))

    def _plan_spans(self, text_map: TextMap) -> list[Span]:
        """The placeholders of each annotation's words (warning of those with no place)."""
        spans: list[Span] = []
        for view in self._content.annotations:
            span = self._span(text_map, view)
            if span is None:
                self.warnings.append(f"the annotation on “{view.quote[:40]}” has no place "
                                     "in the document and was left out")
            else:
                spans.append(span)
        return spans

    def _span(self, text_map: TextMap, view: AnnotationView) -> Span | None:
        plan = self._plan
        start, end = view.start, view.end
        note_label = text_map.note_label(start)
        label_start = label_end = None
        if note_label is not None:  # comments go on the note's mark in the text
            label_start = plan.key(text_map, note_label[0], "start")
            label_end = plan.key(text_map, note_label[1], "end")
        if text_map.block_end(start) < end - 1 and \
                root_of(text_map.start(start)) is not root_of(text_map.end(end)):
            end = text_map.block_end(start)  # a comment cannot run from body to notes
        start_key = plan.key(text_map, start, "start")
        end_key = plan.key(text_map, end, "end")
        # Words the importer made up (a note's "[1]" label) have no place of their own:
        # the comment then marks the place beside them.
        start_key = start_key if start_key is not None else end_key
        end_key = end_key if end_key is not None else start_key
        if start_key is None or end_key is None:
            return None
        if note_label is not None and label_start is not None and label_end is not None:
            return Span(view, start_key, end_key, label_start, label_end)
        return Span(view, start_key, end_key, start_key, end_key)

    def _plan_changes(self, text_map: TextMap, in_file: set[_Change],
                      ) -> list[tuple[Suggestion, Reviewer, list[Operation]]]:
        """Each suggestion as word-level changes, their placeholders planned; those that
        are tracked changes of the document already (imported from it) are left as they
        are."""
        changes = []
        for suggestion, author in self._content.suggestions:
            if _suggestion_key(suggestion, author) in in_file:
                continue
            found = operations(self._content.brief.text, suggestion)
            changes.append((suggestion, author, found))
            plan_operations(self._plan, text_map, found)
        return changes

    def _track(self, changes: list[tuple[Suggestion, Reviewer, list[Operation]]],
               placeholders: dict[int, etree._Element], index_of: list[marks.RunIndex],
               ids: Ids) -> int:
        """Write the suggestions as tracked deletions and insertions; how many."""
        count = 0
        for suggestion, author, found in changes:
            when = iso(suggestion.created)
            for start, end, new_text in found:
                if end > start:
                    deleted = self._delete(start, end, index_of, ids, author.name, when)
                    if deleted is None:
                        continue
                    at, removed = deleted
                    count += 1 if removed else 0
                else:
                    at_key = self._insertion_place(start)
                    if at_key is None:
                        continue
                    at = at_key
                if new_text:
                    like = marks.neighbour_run(placeholders[at])
                    self._actions.inserts.setdefault(at, []).append(marks.inserted(
                        new_text, marks.Revision(ids.take(), author.name, when), like,
                        self._actions.runs))
                    count += 1
        return count

    def _delete(self, start: int, end: int, index_of: list[marks.RunIndex], ids: Ids,
                author: str, when: str) -> tuple[int, int] | None:
        """Delete the runs from `start` to `end` as a tracked change: the placeholder at
        its end and how many runs it deleted; None where it has no place."""
        start_key = self._plan.points.get((start, "start"))
        end_key = self._plan.points.get((end, "end"))
        if start_key is None or end_key is None:
            return None
        runs = marks.runs_between(index_of[start_key], start_key, end_key)
        return end_key, marks.delete_runs(runs, marks.Revision(ids.take(), author, when))

    def _insertion_place(self, start: int) -> int | None:
        """The placeholder an insertion at `start` goes at: after the word before it, else
        before the next."""
        found = self._plan.points.get((start, "end")) if start > 0 else None
        return found if found is not None else self._plan.points.get((start, "start"))


# A tracked change as (start, end, replacement, author's name case-folded).
_Change = tuple[int, int, str, str]


def _key(change: SourceChange, content: ReviewContent) -> _Change:
    """A tracked change of the document, as the suggestion imported from it is known."""
    author = " ".join((change.author or content.unknown_author).split())
    return change.start, change.end, change.replacement, author.casefold()


def _suggestion_key(suggestion: Suggestion, author: Reviewer) -> _Change:
    position = suggestion.anchor.position
    return position.start, position.end, suggestion.replacement, author.name.casefold()
