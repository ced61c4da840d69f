"""The review decisions of the window from the command line: `reference` (check a
reference entry), `recommendation` (its status, owner, due date, priority), `link` (a claim
to a reference, evidence to a recommendation), `resolve` (an annotation) and `tag` (rename,
recolour, key or delete a tag of the codebook)."""

from __future__ import annotations

import argparse
from typing import Any

from reviewdesk.cli.output import print_json
from reviewdesk.cli.parser import Parser, open_store
from reviewdesk.domain.words import count
from reviewdesk.errors import InputError


def add_parsers(commands: Any) -> None:
    """Add `reference`, `recommendation`, `link`, `resolve` and `tag` to the subcommands."""
    _add_reference(commands)
    _add_recommendation(commands)
    _add_link(commands)
    _add_resolve(commands)
    _add_tag(commands)


def _number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None


def _add_reference(commands: Any) -> None:
    command = commands.add_parser("reference", help="record the check of a reference entry")
    command.add_argument("brief", metavar="BRIEF")
    command.add_argument("number", metavar="N", type=_number,
                         help="the entry's number, as the References table shows it")
    verdict = command.add_mutually_exclusive_group()
    verdict.add_argument("--verified", dest="check", action="store_const", const="verified")
    verdict.add_argument("--problem", metavar="TEXT",
                         help="mark it a problem, with TEXT as its note")
    verdict.add_argument("--unchecked", dest="check", action="store_const", const="unchecked")
    command.add_argument("--note", metavar="TEXT", help="set the entry's note ('' clears it)")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_reference, check=None)


def _add_recommendation(commands: Any) -> None:
    command = commands.add_parser("recommendation", help="record the decision on a "
                                  "recommendation: status, owner, due date, priority")
    command.add_argument("brief", metavar="BRIEF")
    command.add_argument("number", metavar="N", type=_number,
                         help="its number, as the Recommendations table shows it")
    command.add_argument("--status", metavar="S", help="proposed, accepted, rejected, "
                         "in_progress, done or deferred")
    command.add_argument("--owner", metavar="O", help="who follows it up ('' clears it)")
    command.add_argument("--due", metavar="YYYY-MM-DD", help="when it is due, or none")
    command.add_argument("--priority", metavar="P", help="e.g. high ('' clears it)")
    command.add_argument("--addressee", metavar="A", help="who it asks to act")
    command.add_argument("--note", metavar="TEXT")
    command.add_argument("--reviewer", metavar="NAME", help="who decides (default as for "
                         "annotate); the history records it")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_recommendation)


def _add_link(commands: Any) -> None:
    group = commands.add_parser("link", help="link a claim to a reference, or evidence to a "
                                "recommendation")
    sub = group.add_subparsers(dest="action", metavar="KIND", required=True,
                               parser_class=Parser)
    claim = sub.add_parser("claim", help="link an annotation (a claim) to the reference "
                           "that backs it")
    claim.add_argument("annotation", metavar="ANNOTATION",
                       help="the annotation's id or a unique start of it")
    claim.add_argument("--reference", required=True, metavar="N", type=_number,
                       help="the entry's number in the annotation's brief")
    claim.add_argument("--unlink", action="store_true", help="undo the link")
    claim.add_argument("--json", action="store_true")
    claim.set_defaults(handler=_link_claim)
    evidence = sub.add_parser("evidence", help="link an annotation to a recommendation as "
                              "its evidence")
    evidence.add_argument("annotation", metavar="ANNOTATION",
                          help="the annotation's id or a unique start of it")
    evidence.add_argument("--recommendation", required=True, metavar="N", type=_number,
                          help="the recommendation's number in the annotation's brief")
    evidence.add_argument("--unlink", action="store_true", help="undo the link")
    evidence.add_argument("--json", action="store_true")
    evidence.set_defaults(handler=_link_evidence)


def _add_resolve(commands: Any) -> None:
    command = commands.add_parser("resolve", help="resolve an annotation, or reopen it")
    command.add_argument("annotation", metavar="ANNOTATION",
                         help="the annotation's id or a unique start of it")
    command.add_argument("--reopen", action="store_true", help="make it open again")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_resolve)


def _add_tag(commands: Any) -> None:
    group = commands.add_parser("tag", help="rename, recolour, key or delete a tag of the "
                                "codebook")
    sub = group.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=Parser)
    name_help = "the tag's name or path, e.g. 'Indicator › economic'"
    rename = sub.add_parser("rename", help="give a tag a new name")
    rename.add_argument("tag", metavar="TAG", help=name_help)
    rename.add_argument("name", metavar="NAME")
    recolour = sub.add_parser("recolour", help="give a tag a new colour")
    recolour.add_argument("tag", metavar="TAG", help=name_help)
    recolour.add_argument("colour", metavar="#RRGGBB")
    key = sub.add_parser("key", help="give a tag the key (1 to 9) that applies it, or none")
    key.add_argument("tag", metavar="TAG", help=name_help)
    key.add_argument("key", metavar="KEY", help="1 to 9, or none")
    delete = sub.add_parser("delete", help="delete a tag")
    delete.add_argument("tag", metavar="TAG", help=name_help)
    delete.add_argument("--with-annotations", action="store_true",
                        help="also delete the annotations that use it")
    for each in (rename, recolour, key, delete):
        each.add_argument("--json", action="store_true")
        each.set_defaults(handler=_tag)


def _reference_json(reference: Any, number: int) -> dict[str, Any]:
    return {"brief": reference.brief_id, "index": number, "id": reference.id,
            "text": reference.raw, "check": reference.check.value, "note": reference.note}


def _reference(args: argparse.Namespace) -> None:
    from reviewdesk.services.decisions import check_reference

    check, note = args.check, args.note
    if args.problem is not None:
        if note is not None:
            raise InputError("--problem TEXT already is the note; leave out --note")
        if not args.problem.strip():
            raise InputError("say what the problem is: --problem TEXT")
        check, note = "problem", args.problem
    with open_store(args) as store:
        reference = check_reference(store, args.brief, args.number, check, note)
    if args.json:
        print_json(_reference_json(reference, args.number))
        return
    note_text = f" — {reference.note}" if reference.note else ""
    print(f"Reference {args.number}: {reference.check.value}{note_text}")
    print(f"  {reference.raw[:90]}")


def _recommendation_json(recommendation: Any, number: int) -> dict[str, Any]:
    return {"brief": recommendation.brief_id, "index": number, "id": recommendation.id,
            "text": recommendation.text, "addressee": recommendation.addressee,
            "status": recommendation.status.value, "priority": recommendation.priority,
            "owner": recommendation.owner,
            "due": recommendation.due.isoformat() if recommendation.due else None,
            "note": recommendation.note}


def history_json(entry: Any) -> dict[str, Any]:
    """One change of a recommendation's history, as `recommendation` and `show` print it."""
    return {"changed": entry.changed, "old": entry.old, "new": entry.new,
            "reviewer": entry.reviewer, "at": entry.at.isoformat()}


def _recommendation(args: argparse.Namespace) -> None:
    from reviewdesk.services.decisions import decide_recommendation

    changes = {name: getattr(args, name) for name in
               ("status", "owner", "due", "priority", "addressee", "note")
               if getattr(args, name) is not None}
    if isinstance(changes.get("due"), str) and changes["due"].strip().lower() == "none":
        changes["due"] = None
    with open_store(args) as store:
        recommendation, added = decide_recommendation(store, args.brief, args.number,
                                                      reviewer=args.reviewer, **changes)
    if args.json:
        print_json(_recommendation_json(recommendation, args.number)
                   | {"changes": [history_json(e) for e in added]})
        return
    print(f"Recommendation {args.number}: {recommendation.text[:90]}")
    if not added:
        print("  nothing changed")
    for entry in added:
        print(f"  {entry.changed}: {entry.old or '(none)'} -> {entry.new or '(none)'}")


def _link_json(change: Any, kind: str) -> dict[str, Any]:
    return {"annotation": change.annotation.id, "brief": change.annotation.brief_id,
            kind: change.number, f"{kind}_id": change.target.id, "linked": change.linked}


def _print_link(change: Any, what: str) -> None:
    done = "Linked" if change.linked else "Unlinked"
    word = "to" if change.linked else "from"
    print(f"{done} {change.annotation.quote[:60]!r} {word} {what} {change.number}")


def _link_claim(args: argparse.Namespace) -> None:
    from reviewdesk.services.decisions import link_claim

    with open_store(args) as store:
        change = link_claim(store, args.annotation, args.reference, unlink=args.unlink)
    if args.json:
        print_json(_link_json(change, "reference"))
    else:
        _print_link(change, "reference")


def _link_evidence(args: argparse.Namespace) -> None:
    from reviewdesk.services.decisions import link_evidence

    with open_store(args) as store:
        change = link_evidence(store, args.annotation, args.recommendation,
                               unlink=args.unlink)
    if args.json:
        print_json(_link_json(change, "recommendation"))
    else:
        _print_link(change, "recommendation")


def _resolve(args: argparse.Namespace) -> None:
    from reviewdesk.services.decisions import set_resolved

    with open_store(args) as store:
        note = set_resolved(store, args.annotation, resolved=not args.reopen)
    if args.json:
        print_json({"id": note.id, "brief": note.brief_id, "status": note.status.value})
        return
    print(f"{'Reopened' if args.reopen else 'Resolved'} {note.quote[:60]!r}")


def _tag_json(tag: Any) -> dict[str, Any]:
    return {"id": tag.id, "name": tag.name, "path": tag.path, "colour": tag.colour,
            "key": tag.key}


def _tag(args: argparse.Namespace) -> None:
    from reviewdesk.services.decisions import delete_named_tag, edit_tag

    with open_store(args) as store:
        if args.action == "delete":
            tag, removed = delete_named_tag(store, args.tag,
                                            with_annotations=args.with_annotations)
            if args.json:
                print_json(_tag_json(tag) | {"deleted": True,
                                             "annotations_deleted": len(removed.annotations)})
                return
            used = count(len(removed.annotations), "annotation")
            print(f"Deleted {tag.path!r}"
                  + (f" and the {used} that used it" if removed.annotations else ""))
            return
        if args.action == "rename":
            before, after = edit_tag(store, args.tag, new_name=args.name)
        elif args.action == "recolour":
            before, after = edit_tag(store, args.tag, colour=args.colour)
        else:
            key = args.key.strip()
            before, after = edit_tag(store, args.tag,
                                     key=None if key.lower() in ("none", "") else key)
    if args.json:
        print_json(_tag_json(after) | {"before": _tag_json(before)})
        return
    if args.action == "rename":
        print(f"Renamed {before.path!r} to {after.path!r}")
    elif args.action == "recolour":
        print(f"{after.path!r} is now {after.colour} (was {before.colour})")
    else:
        print(f"{after.path!r} now has key {after.key}" if after.key
              else f"{after.path!r} now has no key")
