"""Export a brief as a marked-up Word document: comments, highlights, tracked changes and an
appendix, written to a temporary file and renamed into place."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import IO, Any

from lxml import etree

from reviewdesk.domain.brief import Brief, SourceComment, SourceFormat
from reviewdesk.domain.codebook import Codebook
from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.review import AnnotationStatus, Reviewer, Suggestion
from reviewdesk.domain.views import AnnotationView
from reviewdesk.errors import InputError, NotFoundError, ReviewDeskError
from reviewdesk.export import docx_marks as marks
from reviewdesk.export.docx_clean import clean_document
from reviewdesk.export.docx_format import (
    CUSTOM_PART,
    PROPERTY_BRIEF_ID,
    PROPERTY_BRIEF_VERSION,
    PROPERTY_EXPORTED,
    PROPERTY_TEXT_SHA256,
    comment_text,
    text_sha256,
)
from reviewdesk.export.docx_map import Point, TextMap, map_package
from reviewdesk.export.docx_parts import (
    COMMENTS_CT,
    COMMENTS_EX_CT,
    COMMENTS_EX_TYPE,
    COMMENTS_TYPE,
    CUSTOM_CT,
    CUSTOM_TYPE,
    Ids,
    NewComment,
    Part,
    comment_para_id,
    comment_parts,
    comments_by_id,
    content_types,
    custom_properties,
    empty_rels,
    ensure_override,
    ensure_relationship,
    relative_target,
    rels_name,
    serialise,
    write_package,
)
from reviewdesk.files import check_writable, write_file
from reviewdesk.importers.docx_package import Package, open_package
from reviewdesk.importers.zipguard import open_zip
from reviewdesk.services.annotations import annotations_of
from reviewdesk.services.briefs import UNKNOWN_AUTHOR, resolve_brief
from reviewdesk.services.codebooks import ensure_default_codebook, find_tag
from reviewdesk.storage.store import Store

Progress = Callable[[int, int], None]  # (done, total)

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_EXPORT_NAME = "export.docx"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    reviewers: tuple[str, ...] = ()  # reviewer names (case-insensitive); empty: everyone
    tags: tuple[str, ...] = ()  # tag names or paths; a tag includes its sub-tags; empty: all
    include_resolved: bool = True
    include_suggestions: bool = True
    include_appendix: bool = True


@dataclass(frozen=True, slots=True)
class ExportReport:
    path: Path
    base: str  # "original" (the brief's own .docx) or "clean" (built from its text)
    comments: int
    replies: int
    highlights: int
    tracked_changes: int
    warnings: tuple[str, ...] = field(default=())


@dataclass(slots=True)
class _Material:
    brief: Brief
    annotations: list[AnnotationView]
    suggestions: list[tuple[Suggestion, Reviewer]]
    reviewers: dict[str, Reviewer]  # by name
    codebook: Codebook
    source: bytes | None
    appendix: Any = None  # services.appendix.AppendixData when the appendix is wanted
    orphans: int = 0  # carried annotations with no place in this version: not exported


def export_brief(store: Store, reference: str, target: Path,
                 options: ExportOptions = ExportOptions(),
                 progress: Progress | None = None) -> ExportReport:
    """Write the brief named by `reference` (id, id prefix or title) to `target`.

    Raises InputError/NotFoundError (one clear sentence) for an unknown brief, an unknown
    reviewer or tag, a target that is the brief's own source file, or a folder that cannot
    be written; nothing is left at `target` then."""
    target = Path(target)
    if target.suffix.lower() != ".docx":
        raise InputError(f"the export is a Word document: name it with .docx, not "
                         f"{target.name!r}")
    with _collector_paused():
        return _export_brief(store, target, reference, options, progress)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for the export. A large export keeps a few hundred
    thousand objects until it ends (annotations, blocks, the document's runs) and makes next
    to no reference cycles, so each full collection walks them all for nothing: four of
    them took a fifth of the time of 10,000 comments. Collection resumes afterwards."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _export_brief(store: Store, target: Path, reference: str, options: ExportOptions,
                  progress: Progress | None) -> ExportReport:
    material = _gather(store, reference, options)
    _check_target(target, material)
    if options.include_appendix:
        from reviewdesk.services.appendix import appendix_data

        material.appendix = appendix_data(store, material.brief, material.annotations)
    tick = progress or (lambda _done, _total: None)
    warnings: list[str] = []
    if material.orphans:
        warnings.append(f"{material.orphans} annotation{'s' if material.orphans > 1 else ''} "
                        "carried from the previous version found no place in this one and "
                        "are not in the export; place them in the compare view first")
    base = "clean"
    data: bytes | None = None
    if material.source is not None and material.brief.source_format == SourceFormat.DOCX:
        if b"purl.oclc.org/ooxml" in material.source[:200_000]:
            warnings.append("the original is a Strict Open XML document; the export is "
                            "built from the brief's text instead")
        else:
            data, base = material.source, "original"
    if data is None:
        data = clean_document(material.brief)
    try:
        counts = _export(data, material, options, target, tick)
    except _TextMismatch:
        if base == "clean":
            raise ReviewDeskError("the brief's text could not be laid out as a Word "
                                  "document; this is a bug: please report it") from None
        warnings.append("the original Word file now reads differently from the brief (it "
                        "was imported by an older version); the export is built from the "
                        "brief's text instead")
        base = "clean"
        counts = _export(clean_document(material.brief), material, options, target, tick)
    return ExportReport(path=target, base=base, comments=counts[0], replies=counts[1],
                        highlights=counts[2], tracked_changes=counts[3],
                        warnings=tuple(warnings + counts[4]))


class _TextMismatch(Exception):
    pass


# --- What goes in -----------------------------------------------------------------------


def _gather(store: Store, reference: str, options: ExportOptions) -> _Material:
    with store.transaction() as tx:
        brief_id = resolve_brief(tx, reference)
        brief = tx.briefs.get(brief_id)
        if brief is None:
            raise NotFoundError(f"no brief {reference!r} in the store")
        codebook = ensure_default_codebook(tx)
        views = annotations_of(tx, brief_id)
        everyone = tx.reviewers.all()
        suggestions = tx.findings.suggestions(brief_id) if options.include_suggestions else []
        source = tx.briefs.source(brief_id)
    by_name = {reviewer.name: reviewer for reviewer in everyone.values()}
    wanted = _wanted_reviewers(options, views, suggestions, everyone)
    tags = _wanted_tags(options, codebook)
    orphans = sum(view.anchor_state == "orphaned" for view in views)
    chosen = [view for view in views
              if view.anchor_state != "orphaned"
              and (wanted is None or view.reviewer.casefold() in wanted)
              and (tags is None or _tag_wanted(view.tag, tags))
              and (options.include_resolved or view.status != AnnotationStatus.RESOLVED)]
    kept: list[tuple[Suggestion, Reviewer]] = []
    for suggestion in suggestions:
        author = everyone.get(suggestion.reviewer_id) or Reviewer("Unknown reviewer", "UR")
        if wanted is None or author.name.casefold() in wanted:
            kept.append((suggestion, author))
    return _Material(brief, chosen, kept, by_name, codebook,
                     source.data if source is not None else None, orphans=orphans)


def _wanted_reviewers(options: ExportOptions, views: list[AnnotationView],
                      suggestions: list[Suggestion],
                      everyone: dict[str, Reviewer]) -> set[str] | None:
    if not options.reviewers:
        return None
    present = {view.reviewer.casefold() for view in views}
    present |= {everyone[s.reviewer_id].name.casefold() for s in suggestions
                if s.reviewer_id in everyone}
    given = {" ".join(name.split()).casefold(): " ".join(name.split())
             for name in options.reviewers}
    unknown = sorted(name for key, name in given.items() if key not in present)
    if unknown:
        names = ", ".join(sorted({view.reviewer for view in views})) or "nobody yet"
        raise InputError(f"no reviewer {unknown[0]!r} has worked on this brief; "
                         f"reviewers: {names}")
    return set(given)


def _wanted_tags(options: ExportOptions, codebook: Codebook) -> list[str] | None:
    if not options.tags:
        return None
    return [codebook.path(find_tag(codebook, name)) for name in options.tags]


def _tag_wanted(tag: str | None, wanted: list[str]) -> bool:
    if tag is None:
        return False
    return any(tag == path or tag.startswith(path + " › ") for path in wanted)


def _check_target(target: Path, material: _Material) -> None:
    """Before the work: the file can be written (reviewdesk.files) and is not the brief's
    own original."""
    check_writable(target)
    if target.exists() and material.source is not None:
        digest = hashlib.sha256()
        try:
            with target.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError as error:
            raise InputError(f"cannot export to {target}: {error.strerror}") from None
        if digest.digest() == hashlib.sha256(material.source).digest():
            raise InputError(f"{target} is the brief's original file; export to another "
                             "name so that the original stays as it was")


# --- Marking up ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    """Placeholders to put in the document, keyed by (offset, side), and what each becomes."""

    points: dict[tuple[int, str], int] = field(default_factory=dict)  # -> placeholder key
    places: dict[int, Point] = field(default_factory=dict)  # key -> where

    def key(self, text_map: TextMap, offset: int, side: str) -> int | None:
        found = self.points.get((offset, side))
        if found is not None:
            return found
        point = text_map.start(offset) if side == "start" else text_map.end(offset)
        if point is None:
            return None
        key = len(self.points)
        self.points[(offset, side)] = key
        self.places[key] = point
        return key


@dataclass(slots=True)
class _Actions:
    """What goes at each placeholder, in this order: tracked insertions, the ends of comment
    ranges (by comment id), the starts of comment ranges."""

    inserts: dict[int, list[etree._Element]] = field(default_factory=dict)
    ends: dict[int, list[int]] = field(default_factory=dict)
    starts: dict[int, list[int]] = field(default_factory=dict)
    # The properties of the runs that splitting made, kept as source where they can be.
    runs: marks.RunProperties = field(default_factory=marks.RunProperties)

    def replace_placeholders(self, placeholders: dict[int, etree._Element],
                             index_of: list[marks.RunIndex]) -> set[etree._Element]:
        """Put everything in place of its placeholder. In a part that writes
        WordprocessingML with the prefix w (marks.writes_w), a placeholder with comment
        markers stays, after its elements, and the markers are written as source with the
        part (write_marks: a comment's three markers are six elements); returns the roots
        of those parts."""
        empty: list[Any] = []
        as_source: set[etree._Element] = set()
        replacements = []
        for key, mark in placeholders.items():
            inserts = self.inserts.get(key, empty)
            ends, starts = self.ends.get(key, empty), self.starts.get(key, empty)
            index = index_of[key]
            if index.writes_w:
                as_source.add(index.root)
            if index.writes_w and (ends or starts):
                for element in inserts:
                    mark.addprevious(element)
                marks.keep_mark(mark, key)
            else:
                replacements.append((mark, inserts, ends, starts))
        marks.replace_marks(replacements)
        return as_source

    def marker_source(self, key: int) -> str:
        empty: list[int] = []
        return marks.marker_source(self.ends.get(key, empty), self.starts.get(key, empty))


def _export(data: bytes, material: _Material, options: ExportOptions, target: Path,
            tick: Progress) -> tuple[int, int, int, int, list[str]]:
    brief = material.brief
    with open_zip(data, _EXPORT_NAME) as archive:
        package = open_package(archive, _EXPORT_NAME)
        package.cache = {}
        read, text_map = map_package(package, _EXPORT_NAME)
        if read.text != brief.text:
            raise _TextMismatch
        main = package.xml(package.main)
        assert main is not None
        parts = [root for root in package.cache.values() if root.tag.startswith(marks.W)]
        ids = Ids.scan(parts)
        warnings: list[str] = []
        total = len(material.annotations) + len(material.suggestions)
        tick(0, total)

        plan = _Plan()
        spans: list[tuple[AnnotationView, int, int, int, int]] = []
        for view in material.annotations:
            start, end = view.start, view.end
            note_label = text_map.note_label(start)
            label_start = label_end = None
            if note_label is not None:  # comments go on the note's mark in the text
                label_start = plan.key(text_map, note_label[0], "start")
                label_end = plan.key(text_map, note_label[1], "end")
            if text_map.block_end(start) < end - 1 and \
                    _root(text_map.start(start)) is not _root(text_map.end(end)):
                end = text_map.block_end(start)  # a comment cannot run from body to notes
            start_key = plan.key(text_map, start, "start")
            end_key = plan.key(text_map, end, "end")
            # Words the importer made up (a note's "[1]" label) have no place of their own:
            # the comment then marks the place beside them.
            start_key = start_key if start_key is not None else end_key
            end_key = end_key if end_key is not None else start_key
            if start_key is None or end_key is None:
                warnings.append(f"the annotation on “{view.quote[:40]}” has no place in the "
                                "document and was left out")
                continue
            if note_label is not None and label_start is not None and label_end is not None:
                spans.append((view, start_key, end_key, label_start, label_end))
            else:
                spans.append((view, start_key, end_key, start_key, end_key))
        changes: list[tuple[Suggestion, Reviewer, list[tuple[int, int, str]]]] = []
        for suggestion, author in material.suggestions:
            operations = _operations(brief.text, suggestion)
            changes.append((suggestion, author, operations))
            for start, end, _text in operations:
                plan.key(text_map, start, "start") if end > start else None
                plan.key(text_map, end, "end") if end > start or start > 0 else \
                    plan.key(text_map, start, "start")

        # Placeholders, from the last place to the first, so that splitting a run never
        # moves a place still to come (it keeps the text before the split).
        ordered = sorted(plan.points.items(), key=lambda item: (item[0][0],
                                                                item[0][1] == "start"),
                         reverse=True)
        keys = [key for _point, key in ordered]
        actions = _Actions()
        placeholders = dict(zip(keys, marks.place_all([plan.places[key] for key in keys],
                                                      actions.runs), strict=True))
        plan.places.clear()  # (each holds an element of the document)
        index_of = _index_runs(placeholders)

        when_now = _iso(utc_now())
        tracked = _suggestions(changes, plan, text_map, placeholders, index_of, ids, actions,
                               when_now, warnings)
        originals = _Originals(package, read.source_comments, ids)
        comments, replies, highlights = _comments(spans, material, index_of, ids, actions,
                                                  originals, tick, total)
        kept = actions.replace_placeholders(placeholders, index_of)
        del placeholders, index_of, plan  # what is left to write needs none of them

        changed = _package_parts(package, main, comments, material, options, ids,
                                 originals.resolved,
                                 _Splices(kept, actions.marker_source, actions.runs, main))
        tick(total, total)
        write_file(target, lambda stream: write_package(package, changed, stream))
        new_threads = [c for c in comments if c.parent is None and c.parent_para is None]
        return len(new_threads), replies, highlights, tracked, warnings


def _index_runs(placeholders: dict[int, etree._Element]) -> list[marks.RunIndex]:
    """The runs of each part holding placeholders, indexed once: by placeholder key (they
    are numbered from 0), the index of its part."""
    by_root: dict[int, tuple[etree._Element, dict[etree._Element, int]]] = {}
    for key, mark in placeholders.items():
        root = mark.getroottree().getroot()
        by_root.setdefault(id(root), (root, {}))[1][mark] = key
    found: list[marks.RunIndex | None] = [None] * len(placeholders)
    for root, keys in by_root.values():
        index = marks.index_runs(root, keys, len(placeholders))
        for key in keys.values():
            found[key] = index
    index_of = [index for index in found if index is not None]
    assert len(index_of) == len(found), "placeholders are numbered from 0"
    return index_of


def _root(point: Point | None) -> etree._Element | None:
    return point.element.getroottree().getroot() if point is not None else None


def _operations(text: str, suggestion: Suggestion) -> list[tuple[int, int, str]]:
    """The suggestion as word-level changes: (start, end, new text) in brief offsets, an
    empty range for an insertion."""
    start, end = suggestion.anchor.position.start, suggestion.anchor.position.end
    before = _TOKEN.findall(text[start:end])
    after = _TOKEN.findall(suggestion.replacement)
    matcher = SequenceMatcher(lambda token: token.isspace(), before, after, autojunk=False)
    offsets = [start]
    for token in before:
        offsets.append(offsets[-1] + len(token))
    found: list[tuple[int, int, str]] = []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation != "equal":
            found.append((offsets[a1], offsets[a2], "".join(after[b1:b2])))
    return found


def _suggestions(changes: list[tuple[Suggestion, Reviewer, list[tuple[int, int, str]]]],
                 plan: _Plan, text_map: TextMap, placeholders: dict[int, etree._Element],
                 index_of: list[marks.RunIndex], ids: Ids, actions: _Actions,
                 when_now: str, warnings: list[str]) -> int:
    count = 0
    for suggestion, author, operations in changes:
        when = _iso(suggestion.created)
        for start, end, new_text in operations:
            if end > start:
                start_key = plan.points.get((start, "start"))
                end_key = plan.points.get((end, "end"))
                if start_key is None or end_key is None:
                    continue
                runs = marks.runs_between(index_of[start_key], start_key, end_key)
                deleted = marks.delete_runs(runs, marks.Revision(ids.take(), author.name, when))
                at = end_key
                count += 1 if deleted else 0
            else:
                found = plan.points.get((start, "end")) if start > 0 else None
                at_key = found if found is not None else plan.points.get((start, "start"))
                if at_key is None:
                    continue
                at = at_key
            if new_text:
                like = marks.neighbour_run(placeholders[at])
                actions.inserts.setdefault(at, []).append(marks.inserted(
                    new_text, marks.Revision(ids.take(), author.name, when), like,
                    actions.runs))
                count += 1
    del text_map, when_now, warnings
    return count


class _Originals:
    """The comments the original file already has: an annotation made from one is not
    written again; its new replies join that comment's thread."""

    def __init__(self, package: Package, comments: list[SourceComment], ids: Ids) -> None:
        self._package, self._ids = package, ids
        self._by_key = {_original_key(c.author, c.text, c.start, c.end): c for c in comments}
        self._by_id: dict[str, etree._Element] | None = None  # the file's comments
        self.resolved: list[str] = []  # paraIds of original comments resolved since

    def find(self, view: AnnotationView) -> SourceComment | None:
        if not self._by_key or view.tag is not None:
            return None
        return self._by_key.get(_original_key(view.reviewer, view.comment, view.start,
                                              view.end))

    def para_id(self, original: SourceComment) -> str | None:
        if self._by_id is None:
            name = self._package.related.get("comments")
            self._by_id = comments_by_id(self._package.xml(name) if name else None)
        if not original.source_id:
            return None
        return comment_para_id(self._by_id.get(original.source_id), self._ids)


def _original_key(author: str, text: str, start: int, end: int) -> tuple[str, str, int, int]:
    name = " ".join(author.split()) or UNKNOWN_AUTHOR
    return name.casefold(), " ".join(text.split()), start, end


def _comments(spans: list[tuple[AnnotationView, int, int, int, int]], material: _Material,
              index_of: list[marks.RunIndex], ids: Ids, actions: _Actions,
              originals: _Originals, tick: Progress,
              total: int) -> tuple[list[NewComment], int, int]:
    comments: list[NewComment] = []
    replies = highlights = 0
    shades = _Shades()
    for number, (view, start_key, end_key, mark_start, mark_end) in enumerate(spans):
        index = index_of[start_key]
        if index is not index_of[end_key] or index.order[end_key] < index.order[start_key]:
            end_key = start_key  # a range that cannot run across: a mark at its start
        if index_of[mark_start] is not index_of[mark_end] or \
                index_of[mark_end].order[mark_end] < index_of[mark_start].order[mark_start]:
            mark_end = mark_start
        note = "" if mark_start == start_key else f"\n(In the note: “{view.quote}”)"
        done = view.status == AnnotationStatus.RESOLVED
        original = originals.find(view)
        thread: list[NewComment] = []
        parent_para: str | None = None
        old_replies: set[tuple[str, str]] = set()
        if original is None:
            thread.append(NewComment(ids.take(), view.reviewer, view.initials,
                                     _iso(view.created),
                                     comment_text(view.tag, view.comment) + note, None, done))
        else:  # already in the file, with its range: only what is new is added
            parent_para = originals.para_id(original)
            old_replies = {(r.author.casefold(), " ".join(r.text.split()))
                           for r in original.replies}
            if done and not original.resolved and parent_para:
                originals.resolved.append(parent_para)
        for reply in view.replies:
            if (reply.reviewer.casefold(), " ".join(reply.text.split())) in old_replies:
                continue
            replier = material.reviewers.get(reply.reviewer)
            parent = thread[0].ident if thread else None
            if parent is None and parent_para is None:
                continue  # an original comment that cannot be found keeps its own thread
            thread.append(NewComment(ids.take(), reply.reviewer,
                                     replier.initials if replier else "", _iso(reply.created),
                                     reply.text, parent, done, parent_para))
        replies += len(thread) - (1 if original is None else 0)
        comments.extend(thread)
        thread_ids = [comment.ident for comment in thread]
        actions.starts.setdefault(mark_start, []).extend(thread_ids)
        actions.ends.setdefault(mark_end, []).extend(thread_ids)
        if view.colour and shades.add(index, start_key, end_key, view.colour):
            highlights += 1
        if number % 500 == 0:
            tick(number, total)
    shades.shade(actions.runs)
    return comments, replies, highlights


class _Shades:
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

    def shade(self, runs: marks.RunProperties) -> None:
        """Shade the runs, each in its tint (see marks.shade_all)."""
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
            marks.shade_all(shading, as_source=index.writes_w, kept=runs)


def _tint(red: int, green: int, blue: int, count: int) -> str:
    """`count` tags' colours (summed) mixed, lightened halfway to white so the words stay
    readable."""
    mixed = [channel // count for channel in (red, green, blue)]
    return "".join(f"{(channel + 255) // 2:02X}" for channel in mixed)


def _iso(moment: datetime) -> str:
    """To the second, in UTC ("2026-11-24T15:02:00Z"); a naive time is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    elif moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- The package ------------------------------------------------------------------------


@dataclass(slots=True)
class _Splices:
    """XML source that goes in place of placeholders left in parts, when they are written:
    comment markers (the parts `roots`: marker_source(key) for a placeholder's key) and
    the appendix (the placeholder as written, and the source)."""

    roots: set[etree._Element]
    marker_source: Callable[[int], str]
    runs: marks.RunProperties
    main: etree._Element
    appendix: tuple[bytes, Iterator[str]] | None = None

    def written(self, root: etree._Element) -> Part:
        """The part as serialise() writes it, with the source in place of its placeholders:
        a writer (see Part) when there are any, serialising the part when it is written."""
        if root not in self.roots and (self.appendix is None or root is not self.main):
            return serialise(root)

        def write(out: IO[bytes]) -> None:
            data = serialise(root)
            appendix = self.appendix
            at = data.find(appendix[0]) if appendix is not None else -1
            whole = memoryview(data)
            if appendix is None or at < 0:
                self._write(whole, out, root)
                return
            self._write(whole[:at], out, root)
            for piece in appendix[1]:
                out.write(piece.encode("utf-8"))
            self._write(whole[at + len(appendix[0]):], out, root)

        return write

    def _write(self, data: memoryview, out: IO[bytes], root: etree._Element) -> None:
        if root in self.roots:
            marks.write_marks(data, self.marker_source, out, self.runs)
        else:
            out.write(data)


def _package_parts(package: Package, main: etree._Element, comments: list[NewComment],
                   material: _Material, options: ExportOptions, ids: Ids,
                   resolved: list[str], splices: _Splices) -> dict[str, Part]:
    changed: dict[str, Part] = {}
    types = content_types(package)
    main_rels_name = rels_name(package.main)
    main_rels = package.xml(main_rels_name)
    if main_rels is None:
        main_rels = empty_rels()
    folder = os.path.dirname(package.main)
    if comments or resolved:
        name = package.related.get("comments") or f"{folder}/comments.xml".lstrip("/")
        comments_root = package.xml(name) if package.member(name) else None
        ex_name = package.related.get("commentsExtended") or \
            f"{folder}/commentsExtended.xml".lstrip("/")
        extended = package.xml(ex_name) if package.member(ex_name) else None
        changed[name], changed[ex_name] = comment_parts(comments_root, extended, comments,
                                                        resolved, ids)
        ensure_override(types, name, COMMENTS_CT)
        ensure_override(types, ex_name, COMMENTS_EX_CT)
        ensure_relationship(main_rels, COMMENTS_TYPE, relative_target(package.main, name))
        ensure_relationship(main_rels, COMMENTS_EX_TYPE, relative_target(package.main, ex_name))
    if options.include_appendix:
        splices.appendix = _append_appendix(package, main, material)
    brief = material.brief
    custom_name = package.member(CUSTOM_PART) or CUSTOM_PART
    existing = package.xml(custom_name) if package.member(CUSTOM_PART) else None
    properties = custom_properties(existing, {
        PROPERTY_BRIEF_ID: brief.id, PROPERTY_BRIEF_VERSION: "1",
        PROPERTY_TEXT_SHA256: text_sha256(brief.text), PROPERTY_EXPORTED: _iso(utc_now())})
    changed[custom_name] = serialise(properties)
    ensure_override(types, custom_name, CUSTOM_CT)
    top = package.xml("_rels/.rels")
    if top is None:
        top = empty_rels()
    ensure_relationship(top, CUSTOM_TYPE, custom_name)
    changed[package.member("_rels/.rels") or "_rels/.rels"] = serialise(top)
    changed[package.member("[Content_Types].xml") or "[Content_Types].xml"] = serialise(types)
    changed[package.member(main_rels_name) or main_rels_name] = serialise(main_rels)
    assert package.cache is not None
    for name, root in package.cache.items():
        if root.tag.startswith(marks.W) and name not in changed:
            changed[name] = splices.written(root)
    return changed


def _append_appendix(package: Package, main: etree._Element,
                     material: _Material) -> tuple[bytes, Iterator[str]] | None:
    """The appendix tables go at the end of the body, before its last section's settings.

    Where the body writes WordprocessingML with the prefix w (as Word and LibreOffice do),
    a placeholder comment goes there and the tables stay XML source, put in its place when
    the part is written (_Splices.written): returns the placeholder as written and the
    source. An appendix of 100,000 indicators is millions of elements, too many to make one
    by one."""
    from reviewdesk.export.docx_appendix import appendix_elements, appendix_source, style_ids

    body = main.find(f"{marks.W}body")
    if body is None or material.appendix is None:
        return None
    heading, subheading = style_ids(package.part("styles"))
    section = body.find(f"{marks.W}sectPr")
    spliced = marks.writes_w(main)
    token = f"ReviewDeskAppendix{secrets.token_hex(8)}"
    elements = [etree.Comment(token)] if spliced else \
        appendix_elements(material.appendix, heading, subheading)
    for element in elements:
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
    if not spliced:
        return None
    return f"<!--{token}-->".encode(), appendix_source(material.appendix, heading, subheading)


__all__ = ["ExportOptions", "ExportReport", "export_brief"]
