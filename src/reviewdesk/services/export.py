"""Export a brief as a marked-up Word document: gather what the options choose, choose the
document to mark up (the brief's own .docx, else one built from its text), have
`export.docx_review` write it, and report what was written."""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.domain.brief import Brief, SourceFormat
from reviewdesk.domain.codebook import Codebook
from reviewdesk.domain.review import AnnotationStatus, Reviewer, Suggestion, SuggestionStatus
from reviewdesk.domain.views import AnnotationView
from reviewdesk.domain.words import count
from reviewdesk.errors import InputError, NotFoundError, ReviewDeskError
from reviewdesk.export.docx_review import (
    Progress,
    ReviewContent,
    TextMismatch,
    WordReviewWriter,
    WrittenReview,
)
from reviewdesk.files import check_writable
from reviewdesk.ooxml.package import is_strict
from reviewdesk.services.annotations import annotations_of
from reviewdesk.services.briefs import UNKNOWN_AUTHOR, resolve_brief
from reviewdesk.services.codebooks import ensure_default_codebook, find_tag
from reviewdesk.storage.store import Store

_UNKNOWN_REVIEWER = Reviewer("Unknown reviewer", "UR")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What goes into an export: whose work, which tags, and which parts."""

    reviewers: tuple[str, ...] = ()  # reviewer names (case-insensitive); empty: everyone
    tags: tuple[str, ...] = ()  # tag names or paths; a tag includes its sub-tags; empty: all
    include_resolved: bool = True
    include_suggestions: bool = True
    include_appendix: bool = True


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote, and where."""

    path: Path
    base: str  # "original" (the brief's own .docx) or "clean" (built from its text)
    comments: int
    replies: int
    highlights: int
    tracked_changes: int
    warnings: tuple[str, ...] = field(default=())
    title: str = ""  # the brief's


@dataclass(slots=True)
class _Material:
    """What the store gives an export: the content to write, the brief's original file, and
    the carried annotations left out for having no place in this version."""

    content: ReviewContent
    source: bytes | None
    orphans: int = 0


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
    content = material.content
    if options.include_appendix:
        # Imported here, as python-docx is below: an export without them needs neither.
        from reviewdesk.services.appendix import appendix_data

        _load_blocks(store, content)
        content.appendix = appendix_data(store, content.brief, content.annotations)
    warnings: list[str] = []
    if material.orphans:
        one = material.orphans == 1
        warnings.append(f"{count(material.orphans, 'annotation')} carried from the previous "
                        f"version found no place in this one and {'is' if one else 'are'} "
                        f"not in the export; place {'it' if one else 'them'} in the compare "
                        "view first")
    data = _original(material, warnings)
    tick = progress or (lambda _done, _total: None)
    if data is None:
        _load_blocks(store, content)
        return _report(target, "clean", warnings, _write_clean(content, target, tick),
                       content.brief.title)
    try:
        written = WordReviewWriter(data, content, tick).write(target)
    except TextMismatch:
        warnings.append("the original Word file now reads differently from the brief (it "
                        "was imported by an older version); the export is built from the "
                        "brief's text instead")
        _load_blocks(store, content)
        clean = _clean_document(content.brief)
        return _report(target, "clean", warnings,
                       WordReviewWriter(clean, content, tick).write(target),
                       content.brief.title)
    return _report(target, "original", warnings, written, content.brief.title)


def _load_blocks(store: Store, content: ReviewContent) -> None:
    """The brief's sections and blocks, which _gather leaves out: marking up the brief's
    own .docx needs its text alone, the appendix and a document built from the text need
    the blocks."""
    if not content.brief.sections:
        with store.transaction() as tx:
            content.brief.sections = tx.briefs.sections(content.brief.id)


def _original(material: _Material, warnings: list[str]) -> bytes | None:
    """The brief's own .docx to mark up, or None (with a warning for a Strict one)."""
    if material.source is None or material.content.brief.source_format != SourceFormat.DOCX:
        return None
    if is_strict(material.source):
        warnings.append("the original is a Strict Open XML document; the export is "
                        "built from the brief's text instead")
        return None
    return material.source


def _write_clean(content: ReviewContent, target: Path, tick: Progress) -> WrittenReview:
    """The export built from the brief's text, for a brief that has no .docx to mark up."""
    try:
        return WordReviewWriter(_clean_document(content.brief), content, tick).write(target)
    except TextMismatch:
        raise ReviewDeskError("the brief's text could not be laid out as a Word "
                              "document; this is a bug: please report it") from None


def _clean_document(brief: Brief) -> bytes:
    """A Word document built from the brief's text (python-docx, some 60 ms of an export's
    start-up, is imported only for one)."""
    from reviewdesk.export.docx_clean import clean_document

    return clean_document(brief)


def _report(target: Path, base: str, warnings: list[str], written: WrittenReview,
            title: str) -> ExportReport:
    return ExportReport(path=target, base=base, comments=written.comments,
                        replies=written.replies, highlights=written.highlights,
                        tracked_changes=written.tracked_changes,
                        warnings=tuple(warnings) + written.warnings, title=title)


# --- What goes in -----------------------------------------------------------------------


def _gather(store: Store, reference: str, options: ExportOptions) -> _Material:
    with store.transaction() as tx:
        brief_id = resolve_brief(tx, reference)
        brief = tx.briefs.get(brief_id, blocks=False)  # see _load_blocks
        if brief is None:
            raise NotFoundError(f"no brief {reference!r} in the store")
        codebook = ensure_default_codebook(tx)
        views = annotations_of(tx, brief_id)
        everyone = tx.reviewers.all()
        # A rejected suggestion is not proposed to the author; pending and accepted ones are.
        every = tx.findings.suggestions(brief_id)
        suggestions = [s for s in every if s.status != SuggestionStatus.REJECTED] \
            if options.include_suggestions else []
        # Rejected ones that came from the Word file are rejected in it too.
        rejected = [(s, everyone.get(s.reviewer_id) or _UNKNOWN_REVIEWER) for s in every
                    if s.status == SuggestionStatus.REJECTED]
        source = tx.briefs.source(brief_id)
    wanted = _wanted_reviewers(options, views, suggestions, everyone)
    chosen = _chosen(views, options, wanted, _wanted_tags(options, codebook))
    kept = [(suggestion, author) for suggestion, author in
            ((s, everyone.get(s.reviewer_id) or _UNKNOWN_REVIEWER) for s in suggestions)
            if wanted is None or author.name.casefold() in wanted]
    by_name = {reviewer.name: reviewer for reviewer in everyone.values()}
    content = ReviewContent(brief, chosen, kept, by_name, UNKNOWN_AUTHOR, rejected=rejected)
    return _Material(content, source.data if source is not None else None,
                     orphans=sum(view.anchor_state == "orphaned" for view in views))


def _chosen(views: list[AnnotationView], options: ExportOptions, wanted: set[str] | None,
            tags: list[str] | None) -> list[AnnotationView]:
    """The annotations the options choose (never the orphaned ones)."""
    return [view for view in views
            if view.anchor_state != "orphaned"
            and (wanted is None or view.reviewer.casefold() in wanted)
            and (tags is None or _tag_wanted(view.tag, tags))
            and (options.include_resolved or view.status != AnnotationStatus.RESOLVED)]


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


__all__ = ["ExportOptions", "ExportReport", "Progress", "export_brief"]
