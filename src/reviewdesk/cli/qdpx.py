"""REFI-QDA projects: `qdpx export` and `qdpx import`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewdesk.cli.output import capped, print_json, print_warnings
from reviewdesk.cli.parser import Parser, open_store
from reviewdesk.domain.words import count as _count


def add_parsers(commands: Any) -> None:
    """Add `qdpx` to the subcommands."""
    group = commands.add_parser("qdpx", help="exchange briefs with their review as REFI-QDA "
                                "projects (.qdpx: QualCoder, ATLAS.ti, NVivo, MAXQDA)")
    sub = group.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=Parser)
    export = sub.add_parser("export", help="write briefs, tags, annotations and replies as "
                            "a REFI-QDA project")
    export.add_argument("briefs", nargs="*", metavar="BRIEF",
                        help="the briefs to export (default: every brief)")
    export.add_argument("-o", "--output", required=True, metavar="FILE.qdpx", type=Path,
                        help="the project file to write (replaced if it exists)")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=_export)
    load = sub.add_parser("import", help="read a REFI-QDA project's text sources, codes, "
                          "codings and notes")
    load.add_argument("file", metavar="FILE.qdpx", type=Path)
    load.add_argument("--trust", action="store_true",
                      help="for a project ReviewDesk wrote: trust the key that signed its "
                      "review, as 'bundle import --trust' does")
    load.add_argument("--refi-only", action="store_true",
                      help="read only the REFI-QDA parts, even of a project ReviewDesk wrote")
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=_import)


def _export(args: argparse.Namespace) -> None:
    from reviewdesk.services.qdpx import export_qdpx

    with open_store(args) as store:
        report = export_qdpx(store, args.briefs, args.output)
    if args.json:
        print_json({"path": str(report.path), "briefs": report.briefs, "codes": report.codes,
                    "selections": report.selections, "notes": report.notes,
                    "users": report.users, "not_for_other_tools": report.not_for_other_tools})
        return
    print(f"Wrote {_count(report.briefs, 'brief', 'briefs')} with "
          f"{_count(report.codes, 'code', 'codes')}, "
          f"{_count(report.selections, 'coded selection', 'coded selections')} and "
          f"{_count(report.notes, 'note', 'notes')} by "
          f"{_count(report.users, 'reviewer', 'reviewers')} to {report.path}")
    print(f"Other tools will not read this: {report.not_for_other_tools}.")


def _import(args: argparse.Namespace) -> None:
    from reviewdesk.services.qdpx import import_qdpx

    with open_store(args) as store:
        report = import_qdpx(store, args.file, trust=args.trust, refi_only=args.refi_only)
    merged = report.merged
    if args.json:
        data: dict[str, Any] = {"path": str(report.path)}
        if merged is not None:
            data.update({"reviewdesk_record": True, **merged.counts(),
                         "changed": merged.changed})
        else:
            data.update({"reviewdesk_record": False, "briefs_added": report.briefs_added,
                         "briefs_present": report.briefs_present,
                         "tags_added": report.tags_added,
                         "annotations_added": report.annotations_added,
                         "replies_added": report.replies_added,
                         "already_present": report.already_present,
                         "unplaced": report.unplaced})
        print_json({**data, **capped({"warnings": report.warnings}, cut=False)})
        return
    if merged is not None:
        print(f"Merged ReviewDesk's own record of the review from {report.path}: "
              f"{_count(merged.briefs_added, 'brief', 'briefs')} added, "
              f"{merged.annotations_added} annotations and "
              f"{_count(merged.replies_added, 'reply', 'replies')} added")
    else:
        print(f"Imported {report.path}: {_count(report.briefs_added, 'brief', 'briefs')} "
              f"added ({report.briefs_present} already here), "
              f"{_count(len(report.tags_added), 'tag', 'tags')} new, "
              f"{report.annotations_added} annotations and "
              f"{_count(report.replies_added, 'reply', 'replies')} added"
              + (f", {report.already_present} already here" if report.already_present else ""))
        if report.unplaced:
            print(f"{_count(len(report.unplaced), 'selection', 'selections')} could not be "
                  "placed on the brief's text")
    print_warnings(report.warnings)
