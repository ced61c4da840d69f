"""Reviewing from the command line: `annotate`, `suggest`, `reply`, `date`, and
`annotations export` / `import` (W3C Web Annotation JSON-LD)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reviewdesk.cli.json_shapes import (
    annotation_json,
    date_json,
)
from reviewdesk.cli.output import capped, listed, print_json, printed
from reviewdesk.cli.parser import PROG, Parser, open_store
from reviewdesk.domain.limits import MAX_PRINTED_ITEMS
from reviewdesk.domain.words import count as _count
from reviewdesk.errors import InputError


def add_parsers(commands: Any) -> None:
    """Add `annotate`, `suggest`, `reply`, `date` and `annotations` to the subcommands."""
    _add_annotate(commands)
    _add_suggest(commands)
    _add_reply(commands)
    _add_date(commands)
    _add_annotations(commands)


def _add_annotate(commands: Any) -> None:
    command = commands.add_parser("annotate", help="tag a quote of a brief")
    command.add_argument("brief", metavar="BRIEF")
    command.add_argument("--quote", required=True, metavar="TEXT",
                         help="the words to annotate, as they stand in the brief")
    command.add_argument("--occurrence", type=int, default=1, metavar="N",
                         help="annotate the Nth occurrence of the quote (default 1)")
    command.add_argument("--tag", required=True, help="a tag of the codebook, e.g. "
                         "'Indicator' or 'Indicator › economic' (case does not matter)")
    command.add_argument("--comment", default="", metavar="TEXT")
    command.add_argument("--reviewer", metavar="NAME", help="who annotates (default: "
                         "$REVIEWDESK_REVIEWER, else 'reviewdesk config reviewer', else "
                         "your login name)")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_annotate)


def _add_suggest(commands: Any) -> None:
    command = commands.add_parser("suggest", help="suggest new wording for a quote of a brief")
    command.add_argument("brief", metavar="BRIEF")
    command.add_argument("--quote", required=True, metavar="OLD",
                         help="the words to replace, as they stand in the brief (inside one "
                         "paragraph)")
    command.add_argument("--with", required=True, dest="replacement", metavar="NEW",
                         help="the words to put in their place ('' deletes them)")
    command.add_argument("--occurrence", type=int, default=1, metavar="N",
                         help="reword the Nth occurrence of the quote (default 1)")
    command.add_argument("--reviewer", metavar="NAME", help="who suggests (default as for "
                         "annotate)")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_suggest)


def _add_reply(commands: Any) -> None:
    command = commands.add_parser("reply", help="reply to an annotation")
    command.add_argument("annotation", metavar="ANNOTATION",
                         help="the annotation's id or a unique start of it")
    command.add_argument("--text", required=True, metavar="TEXT", help="the reply")
    command.add_argument("--reviewer", metavar="NAME", help="who replies (default as for "
                         "annotate)")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_reply)


def _add_date(commands: Any) -> None:
    command = commands.add_parser("date", help="set or correct the date of the event an "
                                  "indicator marks, or clear it")
    command.add_argument("annotation", metavar="ANNOTATION",
                         help="the annotation's id or a unique start of it")
    command.add_argument("date", nargs="?", metavar="DATE",
                         help="e.g. 2024-09-15, 2024-09, 'September 2024', mid-2024, "
                         "'Mizan 1403', '۱۵ مهر ۱۴۰۳'")
    command.add_argument("--clear", action="store_true",
                         help="remove the date set, so the brief's own date (or one "
                         "inferred from it) stands again")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_date)


def _add_annotations(commands: Any) -> None:
    group = commands.add_parser("annotations", help="exchange annotations as W3C Web "
                                "Annotation JSON-LD")
    sub = group.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=Parser)
    export = sub.add_parser("export", help="write a brief's annotations as JSON-LD")
    export.add_argument("brief", metavar="BRIEF")
    export.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="write to FILE instead of printing")
    export.set_defaults(handler=_annotations_export)
    load = sub.add_parser("import", help="add the annotations of a JSON-LD file to a brief")
    load.add_argument("brief", metavar="BRIEF")
    load.add_argument("file", metavar="FILE", type=Path)
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=_annotations_import)


def _annotate(args: argparse.Namespace) -> None:
    from reviewdesk.services.annotations import annotate

    with open_store(args) as store:
        note = annotate(store, args.brief, args.quote, tag=args.tag, occurrence=args.occurrence,
                        comment=args.comment, reviewer=args.reviewer)
    if args.json:
        print_json(annotation_json(note) | {"brief": note.brief_id})
    else:
        print(note.id)


def _suggest(args: argparse.Namespace) -> None:
    from reviewdesk.services.briefs import load_brief
    from reviewdesk.services.tracking import suggest_replacement

    with open_store(args) as store:
        suggestion = suggest_replacement(store, args.brief, args.quote, args.replacement,
                                         occurrence=args.occurrence, reviewer=args.reviewer)
        title = load_brief(store, suggestion.brief_id).title
    if args.json:
        print_json({"id": suggestion.id, "brief_id": suggestion.brief_id,
                    "start": suggestion.start, "end": suggestion.end,
                    "quote": suggestion.quote, "replacement": suggestion.replacement,
                    "reviewer": suggestion.reviewer})
        return
    print(f"Suggested: {suggestion.quote!r} -> {suggestion.replacement!r} in {title!r}")
    print(f"  id: {suggestion.id}")


def _reply(args: argparse.Namespace) -> None:
    from reviewdesk.services.annotations import reply_to_annotation

    with open_store(args) as store:
        note, reply = reply_to_annotation(store, args.annotation, args.text,
                                          reviewer=args.reviewer)
    if args.json:
        print_json({"id": reply.id, "annotation_id": note.id, "brief_id": note.brief_id,
                    "reviewer": reply.reviewer, "text": reply.text,
                    "created": reply.created.isoformat()})
        return
    tag = f"[{note.tag}] " if note.tag else ""
    print(f"Replied to {tag}{note.quote!r} by {note.reviewer}; the thread has "
          f"{_count(len(note.replies), 'reply', 'replies')}")
    print(f"  id: {reply.id}")


def _date(args: argparse.Namespace) -> None:
    from reviewdesk.domain.appendix import annotation_dates
    from reviewdesk.services.annotations import set_annotation_date
    from reviewdesk.services.briefs import load_brief

    if args.clear == (args.date is not None):
        raise InputError("give a date, or --clear to remove the one set")
    with open_store(args) as store:
        note = set_annotation_date(store, args.annotation, None if args.clear else args.date)
        dated = annotation_dates(load_brief(store, note.brief_id), [note])
    fields = date_json(dated.get(note.id))
    if args.json:
        print_json({"id": note.id, "brief": note.brief_id, "date_set": note.date} | fields)
        return
    if note.date:
        print(f"Dated {note.quote!r}: {note.date}")
    elif fields["date"]:
        how = "as the brief states it" if fields["date_stated"] else \
            f"inferred from {fields['date_source']}"
        print(f"Cleared; {note.quote!r} is dated {fields['date']} again, {how}")
    else:
        print(f"Cleared; {note.quote!r} has no date")


def _annotations_export(args: argparse.Namespace) -> None:
    from reviewdesk.files import write_file
    from reviewdesk.services.interchange import export_annotations

    with open_store(args) as store:
        collection = export_annotations(store, args.brief)
    text = json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return
    write_file(args.output, text)
    print(f"Wrote {_count(collection['total'], 'annotation or reply', 'annotations and replies')}"
          f" to {args.output}",
          file=sys.stderr)


def _annotations_import(args: argparse.Namespace) -> None:
    from reviewdesk.domain.limits import MAX_ANNOTATION_FILE_BYTES
    from reviewdesk.importers.guards import read_text_file
    from reviewdesk.services.interchange import import_annotations

    raw = read_text_file(args.file, max_bytes=MAX_ANNOTATION_FILE_BYTES)
    with open_store(args) as store:
        report = import_annotations(store, args.brief, raw)
    if report.times_from_the_future:
        print(f"{PROG}: warning: {_count(report.times_from_the_future, 'time')} in "
              f"{args.file.name} lay more than a day ahead of this computer's clock; "
              "taken as now", file=sys.stderr)
    if args.json:
        print_json({"added": report.added, "replies_added": report.replies_added,
                    "already_present": report.already_present,
                    "nothing_to_import": report.nothing_to_import,
                    **capped({"unplaced": report.unplaced, "new_tags": report.new_tags,
                              "needs_review": report.needs_review})})
        return
    print(f"Added {_count(report.added, 'annotation')} and "
          f"{_count(report.replies_added, 'reply', 'replies')}; "
          f"{report.already_present} were already in the store.")
    if report.nothing_to_import:
        print(f"Left out {_count(report.nothing_to_import, 'annotation')} with no tag, "
              "comment or reply (highlights).")
    if report.new_tags:
        print(f"New tags added to the codebook: {listed(report.new_tags)}")
    if report.needs_review:
        print(f"{len(report.needs_review)} placed on their best guess and marked to check "
              "(Ctrl+Alt+V in the app): " + listed(report.needs_review, show=repr))
    for quote in printed(report.unplaced):
        print(f"Could not place (its text is not in this brief): {quote!r}", file=sys.stderr)
    if len(report.unplaced) > MAX_PRINTED_ITEMS:
        print(f"… and {len(report.unplaced) - MAX_PRINTED_ITEMS:,} more that could not be "
              "placed", file=sys.stderr)
