"""Bringing briefs in and finding them again: import, list, resolve an id prefix, load."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.brief import Brief, SourceFormat
from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply
from reviewdesk.domain.words import count
from reviewdesk.errors import InputError, NotFoundError, ReviewDeskError
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.catalog import BriefSummary
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

log = logging.getLogger(__name__)


class ImportCancelled(ReviewDeskError):
    """The reviewer stopped an import; nothing was stored."""


# Word comments can lack an author; they are still someone's, so they are kept.
UNKNOWN_AUTHOR = "Unknown author"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing one file did. A Word file of a brief already in the store is merged
    into it: then id, title, format, sections and blocks are the stored brief's, `comments`
    is how many annotations the merge added, and the fields after it say the rest."""

    id: str
    title: str
    source_format: SourceFormat
    sections: int
    blocks: int
    path: Path
    already_imported: bool = False
    comments: int = 0
    # The stored brief the file's comments were merged into (None: no merge), found by its
    # "id" property, identical "text" or same "title" and nearly the same text.
    merged_into: str | None = None
    matched_by: str = ""
    comments_added: int = 0
    replies_added: int = 0
    comments_present: int = 0  # the file's comments the brief already had
    unplaced: tuple[str, ...] = ()  # 'Author: "first words"' of comments not placed
    # The encoding the file's text was read in: "utf-8", "utf-16", a legacy one such as
    # "windows-1251" (importers/encoding.py), or None for Word and PDF files.
    encoding: str | None = None
    # Blocks with tracked changes pending in the file that are not suggestions (see
    # Block.tracked_changes).
    tracked_changes: int = 0
    # Tracked changes pending in the file, stored as suggested edits by their authors.
    suggestions: int = 0


def tracked_changes_note(blocks: int) -> str:
    """What the reviewer is told of a Word file's pending tracked changes that are not
    suggested edits (a paragraph break, a whole paragraph or a text box added or removed)."""
    return f"pending tracked changes in {count(blocks, 'paragraph')} not shown as suggested edits"


def suggestions_note(suggestions: int) -> str:
    """What the reviewer is told of a Word file's tracked changes kept as suggested edits."""
    return f"{count(suggestions, 'tracked change')} from the file shown as suggested edits"


# Called before each file is read, with (files done, files in all, next file); returning
# False stops the import before anything is stored.
Progress = Callable[[int, int, Path], bool]


def import_files(store: Store, paths: Sequence[Path],
                 progress: Progress | None = None) -> list[ImportResult]:
    """Read every file first, then store them all in one transaction: a file that cannot
    be read, or a cancelled import, leaves the database exactly as it was."""
    # Imported here, not above: listing or loading briefs (`reviewdesk briefs`, opening
    # the window) need neither the readers nor the findings, a fifth of start-up.
    from reviewdesk.importers import read_brief_file

    if not paths:
        raise InputError("name at least one file to import")
    briefs = []
    for done, path in enumerate(paths):
        if progress is not None and not progress(done, len(paths), path):
            raise ImportCancelled("the import was cancelled; nothing was added")
        read = read_brief_file(path)
        briefs.append((path, read.brief, read.encoding))
    results: list[ImportResult] = []
    with store.transaction() as tx:
        for path, brief, encoding in briefs:
            results.append(replace(_store_brief(tx, path, brief), encoding=encoding))
    return results


def store_read_brief(tx: Transaction, path: Path, brief: Brief,
                     encoding: str | None = None) -> ImportResult:
    """Store a brief already read from `path` (as import_files does for each file), whose
    text was in `encoding`."""
    return replace(_store_brief(tx, path, brief), encoding=encoding)


def _store_brief(tx: Transaction, path: Path, brief: Brief) -> ImportResult:
    existing = tx.briefs.by_sha256(brief.source.sha256) if brief.source else None
    if existing is not None:
        stored = tx.briefs.get(existing)
        assert stored is not None
        return _result(stored, path, already_imported=True)
    from reviewdesk.services.roundtrip import find_stored_brief  # only when a file is read
    from reviewdesk.services.source_changes import store_source_changes

    match = find_stored_brief(tx, brief)
    if match is not None:
        return _merge(tx, path, brief, match.brief_id, match.by)
    from reviewdesk.services.findings import initial_findings  # see import_files

    brief.imported_at = utc_now()
    tx.briefs.add(brief)
    references, recommendations = initial_findings(brief)
    tx.findings.add_references(references)
    tx.findings.add_recommendations(recommendations)
    comments = _store_source_comments(tx, brief)
    suggestions = store_source_changes(tx, brief, UNKNOWN_AUTHOR)
    return replace(_result(brief, path, already_imported=False, comments=comments),
                   suggestions=suggestions)


def _store_source_comments(tx: Transaction, brief: Brief) -> int:
    """Comments already in the file become annotations by their original authors."""
    annotations: list[Annotation] = []
    replies: list[Reply] = []
    for comment in brief.source_comments:
        if not 0 <= comment.start < comment.end <= len(brief.text):
            log.warning("comment by %s has no text range in %s; kept as a note on the brief "
                        "start", comment.author, brief.title)
            comment.start, comment.end = 0, min(len(brief.text), 1)
        author = ensure_reviewer(tx, comment.author or UNKNOWN_AUTHOR, comment.initials,
                                 acting=False)
        when = comment.date or brief.imported_at or utc_now()
        annotation = Annotation(brief_id=brief.id,
                                anchor=anchor_at(brief.text, comment.start, comment.end),
                                reviewer_id=author.id, comment=comment.text.strip(),
                                status=AnnotationStatus.RESOLVED if comment.resolved
                                else AnnotationStatus.OPEN, created=when, modified=when)
        annotations.append(annotation)
        for reply in comment.replies:
            replier = ensure_reviewer(tx, reply.author or UNKNOWN_AUTHOR, reply.initials,
                                      acting=False)
            replies.append(Reply(annotation_id=annotation.id, reviewer_id=replier.id,
                                 text=reply.text.strip(), created=reply.date or when))
    tx.annotations.add_all(annotations, replies)
    return len(annotations)


def _merge(tx: Transaction, path: Path, brief: Brief, target_id: str,
           matched_by: str) -> ImportResult:
    """The file is a copy of a stored brief: its comments join that brief, nothing else."""
    from reviewdesk.services.roundtrip import merge_comments

    report = merge_comments(tx, target_id, brief, UNKNOWN_AUTHOR)
    stored = tx.briefs.get(target_id)
    assert stored is not None
    log.info("merged %s into brief %s (by %s): %d comments and %d replies added, %d already "
             "there, %d not placed", path, target_id, matched_by, report.comments_added,
             report.replies_added, report.comments_present, len(report.unplaced))
    return replace(_result(stored, path, already_imported=False,
                           comments=report.comments_added),
                   merged_into=stored.id, matched_by=matched_by,
                   comments_added=report.comments_added, replies_added=report.replies_added,
                   comments_present=report.comments_present, unplaced=report.unplaced)


def _result(brief: Brief, path: Path, already_imported: bool, comments: int = 0) -> ImportResult:
    return ImportResult(id=brief.id, title=brief.title, source_format=brief.source_format,
                        sections=len(brief.sections), blocks=len(brief.blocks), path=path,
                        already_imported=already_imported, comments=comments,
                        tracked_changes=brief.tracked_changes)


def list_briefs(store: Store) -> list[BriefSummary]:
    """Every stored brief, each version on its own, oldest import first, with its number of
    annotations."""
    with store.transaction() as tx:
        return tx.briefs.summaries()


def resolve_brief(tx: Transaction, reference: str) -> str:
    """A brief's id from the id itself, a unique prefix of it, its title or the start of it
    (the latest version, when the title is that of several versions of one brief)."""
    reference = reference.strip()
    if not reference:
        raise InputError("name a brief by its id (or the start of it)")
    matches = tx.briefs.ids_starting_with(reference.lower())
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise InputError(f"{reference!r} matches more than one brief; give more of its id")
    wanted = reference.casefold()
    summaries = tx.briefs.summaries()
    by_title = [s.id for s in summaries if s.title.casefold() == wanted]
    if len(by_title) == 1:
        return by_title[0]
    if not by_title:
        by_title = [s.id for s in summaries if s.title.casefold().startswith(wanted)]
        if len(by_title) == 1:
            return by_title[0]
    if len(by_title) > 1:
        family = tx.briefs.family(by_title[0])
        ids = [id_ for id_, _, _, _ in family]
        if set(by_title) <= set(ids):  # versions of one brief: the latest
            return next(id_ for id_ in reversed(ids) if id_ in by_title)
        raise InputError(f"{reference!r} names more than one brief; give its id "
                         "('reviewdesk briefs' lists them)")
    raise NotFoundError(f"no brief {reference!r} in the store; 'reviewdesk briefs' lists them")


def find_brief(store: Store, reference: str) -> str:
    """The id of the brief named by `reference`, as resolve_brief finds it."""
    with store.transaction() as tx:
        return resolve_brief(tx, reference)


def load_brief(store: Store, reference: str) -> Brief:
    """The whole brief `reference` names (see resolve_brief); raises InputError or NotFoundError
    when it names none or several."""
    with store.transaction() as tx:
        brief = tx.briefs.get(resolve_brief(tx, reference))
        assert brief is not None
        return brief
