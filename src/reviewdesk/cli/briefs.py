"""Bringing briefs in and listing them: `import`, `versions` and `briefs`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewdesk.cli.output import capped, listed, print_json, print_tracked
from reviewdesk.cli.parser import open_store
from reviewdesk.domain.words import count as _count
from reviewdesk.domain.words import noun
from reviewdesk.errors import InputError, ReviewDeskError

if TYPE_CHECKING:  # the services are imported when a command runs
    from reviewdesk.services.briefs import ImportResult
    from reviewdesk.services.version_plan import ReadFile


def add_parsers(commands: Any) -> None:
    """Add `import`, `versions` and `briefs` to the subcommands."""
    _add_import(commands)
    _add_versions(commands)
    _add_briefs(commands)


def _add_import(commands: Any) -> None:
    command = commands.add_parser(
        "import", help="import brief files (Word, PDF, HTML, Markdown, text)")
    command.add_argument("files", nargs="*", metavar="FILE", type=Path)
    command.add_argument("--sample", action="store_true",
                         help="import the sample brief that comes with ReviewDesk")
    command.add_argument("--version-of", metavar="BRIEF", dest="version_of",
                         help="store the file as the next version of this brief, carrying "
                              "its annotations over")
    command.add_argument("--json", action="store_true", help="print the result as JSON")
    command.set_defaults(handler=_import)


def _add_versions(commands: Any) -> None:
    command = commands.add_parser("versions", help="list the versions of a brief")
    command.add_argument("brief", metavar="BRIEF", help="any version's id, id start or title")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_versions)


def _add_briefs(commands: Any) -> None:
    command = commands.add_parser("briefs", help="list the briefs in the store")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_briefs)


def _import(args: argparse.Namespace) -> None:
    if args.sample:
        from reviewdesk.bundled import sample_brief_path

        with sample_brief_path() as sample:
            args.files = [*args.files, sample]
            _import_files(args)
        return
    if not args.files:
        raise ReviewDeskError("name at least one file to import, or use --sample")
    _import_files(args)


def _import_files(args: argparse.Namespace) -> None:
    from reviewdesk.services.version_plan import import_as_briefs

    if args.version_of:
        _import_version(args)
        return
    with open_store(args) as store:
        imported = import_as_briefs(store, args.files)
    if args.json:
        print_json([_import_json(result, plan) for result, plan in imported])
        return
    for result, plan in imported:
        _print_import(result, plan)


def _candidate(r: ImportResult, plan: ReadFile) -> dict[str, str] | None:
    """The stored brief a file stored as a new brief looks like a new version of: the
    one the app would ask about. None for a file already stored, or merged into a brief."""
    if plan.candidate_id is None or r.already_imported or r.merged_into:
        return None
    return {"id": plan.candidate_id, "title": plan.candidate_title}


def _import_json(r: ImportResult, plan: ReadFile) -> dict[str, Any]:
    return {"id": r.id, "title": r.title, "format": r.source_format.value,
            "sections": r.sections, "blocks": r.blocks, "comments": r.comments,
            "already_imported": r.already_imported, "merged_into": r.merged_into,
            "matched_by": r.matched_by or None, "comments_added": r.comments_added,
            "replies_added": r.replies_added, "comments_present": r.comments_present,
            **capped({"unplaced": r.unplaced}), "encoding": r.encoding,
            "tracked_changes": r.tracked_changes, "suggestions": r.suggestions,
            "version_of_candidate": _candidate(r, plan)}


def _print_import(r: ImportResult, plan: ReadFile) -> None:
    if r.merged_into:
        _print_merge(r)
        return
    what = "Already in the store" if r.already_imported else "Imported"
    comments = f", {_count(r.comments, 'comment')} from the file" if r.comments else ""
    # Only an encoding other than UTF-8 is news: it was detected, and may be checked.
    read_as = f", read as {r.encoding}" if r.encoding not in (None, "utf-8") else ""
    print(f"{what}: {r.title!r} ({r.source_format.value}{read_as}, "
          f"{_count(r.sections, 'section')}, {_count(r.blocks, 'block')}{comments}) "
          f"from {r.path}")
    print(f"  id: {r.id}")
    print_tracked(r.tracked_changes, suggestions=r.suggestions)
    candidate = _candidate(r, plan)
    if candidate is not None:  # what the app asks about: said here, not done unasked
        short = candidate["id"][:8]
        print(f"  looks like a new version of {candidate['title']!r} ({short}), stored "
              f"as a brief of its own; --version-of {short} stores a revision as that "
              "brief's next version, with its review carried over")


def _print_merge(r: ImportResult) -> None:
    added = (f"{r.comments_added} new comment{'' if r.comments_added == 1 else 's'} "
             f"and {r.replies_added} repl{'y' if r.replies_added == 1 else 'ies'}")
    notes = [f"{r.comments_present} already there"] if r.comments_present else []
    if r.unplaced:
        notes.append(f"{len(r.unplaced)} could not be placed: " + listed(r.unplaced, "; "))
    extra = f" ({'; '.join(notes)})" if notes else ""
    print(f"Merged {added} from {r.path} into {r.title!r}{extra}")
    print(f"  id: {r.id}")


def _import_version(args: argparse.Namespace) -> None:
    from reviewdesk.services.versions import import_version

    if len(args.files) != 1:
        raise InputError("--version-of takes one file: the new version")
    with open_store(args) as store:
        result = import_version(store, args.files[0], args.version_of)
    counts = result.counts
    if args.json:
        print_json([{"id": result.id, "title": result.title, "version": result.version,
                     "version_of": result.root_id, "previous": result.previous_id,
                     "sections": result.sections, "blocks": result.blocks,
                     "already_imported": result.already_imported,
                     "tracked_changes": result.tracked_changes,
                     "suggestions": result.suggestions,
                     "carried": {"anchored": counts.anchored, "shifted": counts.shifted,
                                 "needs_review": counts.needs_review,
                                 "orphaned": counts.orphaned, "replies": counts.replies,
                                 "claim_links": counts.claim_links,
                                 "evidence_links": counts.evidence_links,
                                 "reference_checks": counts.references_kept,
                                 "recommendations": counts.recommendations_kept}}])
        return
    if result.already_imported:
        print(f"Already in the store: {result.title!r} as version {result.version}")
        print(f"  id: {result.id}")
        return
    print(f"Imported {result.title!r} as version {result.version} "
          f"({_count(result.sections, 'section')}, {_count(result.blocks, 'block')}) "
          f"from {result.path}")
    print(f"  id: {result.id}")
    print_tracked(result.tracked_changes, suggestions=result.suggestions)
    print(f"  carried {_count(counts.annotations, 'annotation')}: {counts.anchored} anchored, "
          f"{counts.shifted} shifted, {counts.needs_review} to review, "
          f"{counts.orphaned} orphaned; {_count(counts.replies, 'reply', 'replies')}, "
          f"{_count(counts.claim_links + counts.evidence_links, 'link')}")
    if counts.needs_review or counts.orphaned:
        print(f"  check them with: reviewdesk show {result.id[:8]}  (or compare in the app)")


def _versions(args: argparse.Namespace) -> None:
    from reviewdesk.services.versions import versions_of

    with open_store(args) as store:
        versions = versions_of(store, args.brief)
    if args.json:
        print_json([{"id": v.id, "version": v.version, "title": v.title,
                     "imported": v.imported_at.isoformat(timespec="seconds"),
                     "annotations": v.annotations, "needs_review": v.needs_review,
                     "orphaned": v.orphaned} for v in versions])
        return
    for v in versions:
        review = f", {v.needs_review} to review" if v.needs_review else ""
        orphans = f", {v.orphaned} orphaned" if v.orphaned else ""
        print(f"v{v.version}  {v.id[:8]}  {v.imported_at:%Y-%m-%d %H:%M}  "
              f"{_count(v.annotations, 'annotation')}{review}{orphans}  {v.title}")


def _briefs(args: argparse.Namespace) -> None:
    from reviewdesk.services.catalog import list_briefs_at
    from reviewdesk.storage.location import store_location

    briefs = list_briefs_at(store_location(args.db))
    if args.json:
        print_json([{"id": b.id, "title": b.title, "format": b.source_format.value,
                     "imported": b.imported_at.isoformat(timespec="seconds"),
                     "annotations": b.annotation_count, "version": b.version}
                    for b in briefs])
        return
    if not briefs:
        print("No briefs yet. Import one with: reviewdesk import FILE")
        return
    for b in briefs:
        version = f"  (version {b.version})" if b.version > 1 else ""
        print(f"{b.id[:8]}  {b.imported_at:%Y-%m-%d %H:%M}  {b.source_format.value:4}  "
              f"{b.annotation_count:5} {noun(b.annotation_count, 'annotation'):11}  "
              f"{b.title}{version}")
