"""The `reviewdesk` command: argument parsing and printing only; every command calls a service."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from reviewdesk import __version__
from reviewdesk.crash import write_crash_report
from reviewdesk.domain.limits import MAX_PRINTED_ITEMS, MAX_PRINTED_QUOTE_CHARS
from reviewdesk.domain.words import count as _count
from reviewdesk.domain.words import noun
from reviewdesk.errors import InputError, ReviewDeskError

if TYPE_CHECKING:
    from reviewdesk.domain.summary import Summary
    from reviewdesk.export.report import ChartRenderer

PROG = "reviewdesk"
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 70


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Review policy briefs: tag indicators, check "
                     "references, track recommendations. With no command, starts the app.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (default: "
                        "$REVIEWDESK_DB, else reviewdesk.sqlite3 in your data folder)")
    parser.add_argument("--sample", action="store_true",
                        help="start the app with the bundled sample brief open")
    parser.add_argument("--screenshot", metavar="PNG", type=Path,
                        help="start the app, save a picture of its window to PNG, and quit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_import(commands)
    _add_versions(commands)
    _add_briefs(commands)
    _add_show(commands)
    _add_annotate(commands)
    _add_suggest(commands)
    _add_reply(commands)
    _add_date(commands)
    _add_annotations(commands)
    _add_bundle(commands)
    _add_reviewers(commands)
    _add_export(commands)
    _add_summary(commands)
    _add_config(commands)
    _add_about(commands)
    _add_doctor(commands)
    _add_gui(commands)
    return parser


def _add_gui(commands: Any) -> None:
    command = commands.add_parser("gui", help="start the desktop app")
    command.add_argument("--open", metavar="BRIEF", dest="open_brief",
                         help="open this brief (its id, a unique start of it, or its title)")
    command.add_argument("--sample", action="store_true",
                         help="open the bundled sample brief")
    command.add_argument("--screenshot", metavar="PNG", type=Path,
                         help="save a picture of the window to PNG and quit")
    command.add_argument("files", nargs="*", metavar="FILE", type=Path,
                         help="brief files to open, or review bundles (.rdbundle) to merge "
                              "in (how the desktop entry opens files)")
    command.set_defaults(handler=None, gui=True)


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


def _add_show(commands: Any) -> None:
    command = commands.add_parser("show", help="show a brief's sections and annotations")
    command.add_argument("brief", metavar="BRIEF", help="the brief's id or a unique prefix")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_show)


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


def _add_export(commands: Any) -> None:
    command = commands.add_parser("export", help="write a brief with its review as a Word "
                                  "document (.docx)")
    command.add_argument("brief", metavar="BRIEF")
    command.add_argument("-o", "--output", required=True, metavar="OUT.docx", type=Path,
                         help="the Word file to write (replaced if it exists)")
    command.add_argument("--reviewer", action="append", default=[], metavar="NAME",
                         dest="reviewers", help="only this reviewer's annotations and "
                         "suggestions (repeat for more; default: everyone's)")
    command.add_argument("--tag", action="append", default=[], metavar="TAG", dest="tags",
                         help="only annotations with this tag or one of its sub-tags "
                         "(repeat for more; default: all)")
    command.add_argument("--no-resolved", action="store_true",
                         help="leave out resolved annotations")
    command.add_argument("--no-suggestions", action="store_true",
                         help="leave out suggested edits (no tracked changes)")
    command.add_argument("--no-appendix", action="store_true",
                         help="leave out the appendix of indicators, reference checks and "
                         "recommendations")
    command.add_argument("--json", action="store_true", help="print the report as JSON")
    command.set_defaults(handler=_export)


def _add_annotations(commands: Any) -> None:
    group = commands.add_parser("annotations", help="exchange annotations as W3C Web "
                                "Annotation JSON-LD")
    sub = group.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=_Parser)
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


def _add_bundle(commands: Any) -> None:
    group = commands.add_parser("bundle", help="gather reviews from other databases: write "
                                "briefs with their review to a bundle, merge a bundle in")
    sub = group.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=_Parser)
    export = sub.add_parser("export", help="write briefs with everything reviewed on them "
                            "to a .rdbundle file")
    export.add_argument("briefs", nargs="*", metavar="BRIEF",
                        help="the briefs to bundle (default: every brief)")
    export.add_argument("-o", "--output", required=True, metavar="FILE.rdbundle", type=Path,
                        help="the bundle file to write (replaced if it exists)")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=_bundle_export)
    load = sub.add_parser("import", help="merge a bundle into this database")
    load.add_argument("file", metavar="FILE", type=Path)
    load.add_argument("--trust", action="store_true",
                      help="trust the key that signed it if this database does not know it "
                      "yet (check its fingerprint with the sender first), or merge a "
                      "bundle written before bundles were signed")
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=_bundle_import)


def _bundle_export(args: argparse.Namespace) -> None:
    from reviewdesk.services.bundles import export_bundle

    with _open_store(args) as store:
        report = export_bundle(store, args.briefs, args.output)
    if args.json:
        _print_json({"path": str(report.path), "briefs": report.briefs,
                     "annotations": report.annotations, "replies": report.replies,
                     "suggestions": report.suggestions, "tombstones": report.tombstones,
                     "size": report.size, "signer": report.signer,
                     "fingerprint": report.fingerprint})
        return
    print(f"Wrote {_count(report.briefs, 'brief', 'briefs')} with "
          f"{_count(report.annotations, 'annotation', 'annotations')}, "
          f"{_count(report.replies, 'reply', 'replies')} and "
          f"{_count(report.suggestions, 'suggested edit', 'suggested edits')} "
          f"to {report.path}, signed by {report.signer} (key {report.fingerprint})")


def _bundle_import(args: argparse.Namespace) -> None:
    from reviewdesk.services.bundles import import_bundle

    with _open_store(args) as store:
        report = import_bundle(store, args.file, trust=args.trust)
    if args.json:
        _print_json({"path": str(report.path), **report.counts(), "changed": report.changed,
                     "backup": str(report.backup) if report.backup else None,
                     "signer": {"name": report.signer, "fingerprint": report.fingerprint,
                                "role": report.role, "trusted_now": report.trusted_now},
                     **_capped({"warnings": report.warnings}, cut=False)})
        return
    if report.trusted_now:
        what = (f"{report.signer}'s key ({report.fingerprint})" if report.fingerprint
                else "this unsigned bundle")
        print(f"Trusted {what} as a reviewer's from now on; "
              "'reviewdesk reviewers' lists the keys this database trusts.")
    if not report.changed and (report.left_out or report.decisions_left_out):
        print(f"Nothing merged from {report.path}: what it holds is here already, or was left "
              "out (see the warnings).")
    elif not report.changed:
        print(f"Nothing new in {report.path}: this database already has all of it.")
    else:
        r = report
        print(f"Merged {r.path}: {_count(r.briefs_added, 'brief', 'briefs')} added; "
              f"annotations {r.annotations_added} added, {r.annotations_updated} updated, "
              f"{r.annotations_deleted} deleted, {r.annotations_unchanged} unchanged; "
              f"{_count(r.replies_added, 'reply', 'replies')} and "
              f"{_count(r.suggestions_added, 'suggested edit', 'suggested edits')} added; "
              f"{_count(r.reference_checks, 'reference check', 'reference checks')} and "
              f"{_count(r.recommendation_states, 'recommendation', 'recommendations')} "
              "updated")
        if r.conflicts:
            print(f"{_count(r.conflicts, 'annotation was', 'annotations were')} edited here "
                  "and in the bundle: the later edit was kept, the other is in its history")
        print(f"A copy of the database as it was is at {r.backup}")
    _print_warnings(report.warnings)


def _add_reviewers(commands: Any) -> None:
    group = commands.add_parser(
        "reviewers", help="the keys this database trusts: list them, trust one, give it a "
        "role, forget it")
    sub = group.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    group.add_argument("--json", action="store_true", help="print the list as JSON")
    group.set_defaults(handler=_reviewers_list)
    listing = sub.add_parser("list", help="list the trusted keys (the default)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_reviewers_list)
    trust = sub.add_parser("trust", help="trust the key that signed a bundle (check its "
                           "fingerprint with the sender first)")
    trust.add_argument("file", metavar="FILE.rdbundle", type=Path)
    trust.add_argument("--role", choices=[r.value for r in _roles()], default=None,
                       help="what the key may decide: a lead also decides reference checks "
                       "and recommendations (default: reviewer, or the role it has)")
    trust.set_defaults(handler=_reviewers_trust)
    role = sub.add_parser("role", help="make a trusted key a lead's or a reviewer's")
    role.add_argument("who", metavar="NAME", help="a reviewer's name, or the start of the "
                      "key's fingerprint")
    role.add_argument("role", choices=[r.value for r in _roles()])
    role.set_defaults(handler=_reviewers_role)
    forget = sub.add_parser("forget", help="stop trusting a key (its bundles are asked "
                            "about again; work already merged stays)")
    forget.add_argument("who", metavar="NAME", help="a reviewer's name, or the start of the "
                        "key's fingerprint")
    forget.set_defaults(handler=_reviewers_forget)


def _roles() -> list[Any]:
    from reviewdesk.domain.trust import Role

    return list(Role)


def _key_json(view: Any) -> dict[str, Any]:
    return {"fingerprint": view.fingerprint, "public_key": view.public_key, "name": view.name,
            "role": None if view.own else view.role.value, "trust": view.trust.value,
            "trusted_at": view.trusted_at.isoformat(timespec="seconds"),
            "reviewers": list(view.reviewers)}


def _reviewers_list(args: argparse.Namespace) -> None:
    from reviewdesk.services.trust import trusted_keys

    with _open_store(args) as store:
        keys = trusted_keys(store)
    if args.json:
        _print_json([_key_json(view) for view in keys])
        return
    for view in keys:
        who = ", ".join(view.reviewers) or view.name
        if view.own:
            print(f"{view.fingerprint}  this database      {who}")
            continue
        how = "trusted on first use" if view.trust.value == "first-use" else "trusted by hand"
        print(f"{view.fingerprint}  {view.role.value:<8}  {who}  ({how}, "
              f"{view.trusted_at:%Y-%m-%d})")
    if len(keys) == 1:
        print("No other keys yet: a bundle merged with --trust, or 'reviewdesk reviewers "
              "trust FILE', adds its signer's.")


def _reviewers_trust(args: argparse.Namespace) -> None:
    from reviewdesk.domain.trust import Role, fingerprint
    from reviewdesk.services.bundles import trust_bundle_signer

    with _open_store(args) as store:
        signer = trust_bundle_signer(store, args.file, Role(args.role) if args.role else None)
    print(f"Trusted {signer.name}'s key ({fingerprint(signer.public_key)})"
          + (f" as a {args.role}" if args.role else "") + ".")


def _reviewers_role(args: argparse.Namespace) -> None:
    from reviewdesk.domain.trust import Role
    from reviewdesk.services.trust import set_role

    with _open_store(args) as store:
        view = set_role(store, args.who, Role(args.role))
    who = ", ".join(view.reviewers) or view.name
    print(f"{who} ({view.fingerprint}) is now trusted as a {view.role.value}.")


def _reviewers_forget(args: argparse.Namespace) -> None:
    from reviewdesk.services.trust import forget_key

    with _open_store(args) as store:
        view = forget_key(store, args.who)
    who = ", ".join(view.reviewers) or view.name
    print(f"Forgot the key of {who} ({view.fingerprint}); its next bundle will be asked "
          "about again.")


def _add_summary(commands: Any) -> None:
    command = commands.add_parser("summary", help="sum up the review across briefs: tags, "
                                  "reviewers, checks, decisions, agreement, dated indicators")
    command.add_argument("--brief", metavar="BRIEF", help="only this brief (its id, a unique "
                         "start of it, or its title; default: every brief, at its latest "
                         "version)")
    command.add_argument("--report", metavar="FILE", type=Path,
                         help="also write the summary to FILE: .docx (tables and charts), "
                         ".csv (one value a line) or .xlsx (a sheet per table)")
    command.add_argument("--json", action="store_true", help="print the summary as JSON")
    command.set_defaults(handler=_summary)


def _add_config(commands: Any) -> None:
    command = commands.add_parser("config", help="show or set who you review as")
    command.add_argument("key", choices=["reviewer"])
    command.add_argument("value", nargs="?", help="the new value (omit to show it)")
    command.set_defaults(handler=_config)


def _add_about(commands: Any) -> None:
    command = commands.add_parser(
        "about", help="show the version, where the data and the log are, and the "
        "libraries ReviewDesk runs on with their licences")
    command.add_argument("--json", action="store_true", help="print it as JSON")
    command.set_defaults(handler=_about)


def _add_doctor(commands: Any) -> None:
    command = commands.add_parser(
        "doctor", help="check the database for damage without changing it, list the copies "
        "beside it, and put the newest good one back")
    command.add_argument("--restore", action="store_true",
                         help="if a problem is found, put the newest good copy in place of the "
                         "database (the damaged file is kept aside, renamed)")
    command.add_argument("--quick", action="store_true",
                         help="check with SQLite's quick_check instead of the slower, full "
                         "integrity_check")
    command.add_argument("--json", action="store_true", help="print the report as JSON")
    command.set_defaults(handler=_doctor)


def _doctor(args: argparse.Namespace) -> None:
    from reviewdesk.services.doctor import doctor
    from reviewdesk.storage.store import default_db_path

    diagnosis = doctor(default_db_path(args.db), full=not args.quick, restore=args.restore)
    if args.json:
        _print_json(diagnosis.to_dict())
    else:
        _print_diagnosis(diagnosis)
    if not diagnosis.healthy:
        raise diagnosis.error()


def _print_diagnosis(diagnosis: Any) -> None:
    from reviewdesk.services.doctor import made_text

    if diagnosis.restored is not None:
        copy, aside = diagnosis.restored.copy, diagnosis.restored.kept_aside
        print(f"Restored {copy.path.name} (made {made_text(copy.made)}) to "
              f"{diagnosis.database}; edits made after it are not in it.")
        if aside:
            print("The damaged database is kept as " + ", ".join(p.name for p in aside))
    if not diagnosis.exists:
        print(f"Database {diagnosis.database}: not there")
    else:
        current = " (current)" if diagnosis.revision == diagnosis.head else (
            f" (upgraded to {diagnosis.head} when next opened)"
            if diagnosis.revision and diagnosis.healthy else "")
        print(f"Database {diagnosis.database}: {diagnosis.size:,} bytes, schema "
              f"{diagnosis.revision or 'unknown'}{current}; checked with {diagnosis.check}")
    for problem in diagnosis.problems:
        print(f"  problem: {problem}")
    if len(diagnosis.findings) > 1:
        for finding in diagnosis.findings:
            print(f"    {finding}")
    if diagnosis.healthy:
        print("  no problems found")
    if not diagnosis.copies:
        print("No copies beside it.")
        return
    print("Copies beside it, newest first:")
    for health in diagnosis.copies:
        state = "good" if health.good else f"not usable: {health.problem}"
        print(f"  {made_text(health.copy.made)}  {health.copy.path.name}  "
              f"({health.copy.reason}, schema {health.revision or '?'}): {state}")


def _about(args: argparse.Namespace) -> None:
    from reviewdesk.about import about_info
    from reviewdesk.storage.store import default_db_path

    info = about_info(default_db_path(args.db))
    if args.json:
        _print_json(info.to_dict())
        return
    kind = "a bundled application" if info.frozen else "an installed Python package"
    print(f"ReviewDesk {info.version}, {kind}, Python {info.python} on {info.platform}")
    print(f"Data folder: {info.data_folder}")
    print(f"Database:    {info.database}")
    print(f"Log file:    {info.log_file}")
    print("Libraries (name, version, licence):")
    width = max((len(lib.name) for lib in info.libraries), default=0)
    for lib in info.libraries:
        print(f"  {lib.name:<{width}}  {lib.version:<10}  {lib.licence}")


def _open_store(args: argparse.Namespace) -> Any:
    from reviewdesk.storage.store import Store, default_db_path

    return Store(default_db_path(args.db))


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


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
    from reviewdesk.services.briefs import import_files

    if args.version_of:
        _import_version(args)
        return
    with _open_store(args) as store:
        results = import_files(store, args.files)
    if args.json:
        _print_json([{"id": r.id, "title": r.title, "format": r.source_format.value,
                      "sections": r.sections, "blocks": r.blocks, "comments": r.comments,
                      "already_imported": r.already_imported, "merged_into": r.merged_into,
                      "matched_by": r.matched_by or None, "comments_added": r.comments_added,
                      "replies_added": r.replies_added, "comments_present": r.comments_present,
                      **_capped({"unplaced": r.unplaced}), "encoding": r.encoding,
                      "tracked_changes": r.tracked_changes}
                     for r in results])
        return
    for r in results:
        if r.merged_into:
            added = (f"{r.comments_added} new comment{'' if r.comments_added == 1 else 's'} "
                     f"and {r.replies_added} repl{'y' if r.replies_added == 1 else 'ies'}")
            notes = [f"{r.comments_present} already there"] if r.comments_present else []
            if r.unplaced:
                notes.append(f"{len(r.unplaced)} could not be placed: "
                             + _listed(r.unplaced, "; "))
            extra = f" ({'; '.join(notes)})" if notes else ""
            print(f"Merged {added} from {r.path} into {r.title!r}{extra}")
            print(f"  id: {r.id}")
            continue
        what = "Already in the store" if r.already_imported else "Imported"
        comments = f", {r.comments} comments from the file" if r.comments else ""
        # Only an encoding other than UTF-8 is news: it was detected, and may be checked.
        read_as = f", read as {r.encoding}" if r.encoding not in (None, "utf-8") else ""
        print(f"{what}: {r.title!r} ({r.source_format.value}{read_as}, {r.sections} "
              f"sections, {r.blocks} blocks{comments}) from {r.path}")
        print(f"  id: {r.id}")
        _print_tracked(r.tracked_changes)


def _print_tracked(blocks: int, indent: str = "  ") -> None:
    """The file's pending tracked changes are read as if accepted: say so."""
    from reviewdesk.services.briefs import tracked_changes_note

    if blocks:
        print(f"{indent}{tracked_changes_note(blocks)}")


def _import_version(args: argparse.Namespace) -> None:
    from reviewdesk.services.versions import import_version

    if len(args.files) != 1:
        raise InputError("--version-of takes one file: the new version")
    with _open_store(args) as store:
        result = import_version(store, args.files[0], args.version_of)
    counts = result.counts
    if args.json:
        _print_json([{"id": result.id, "title": result.title, "version": result.version,
                      "version_of": result.root_id, "previous": result.previous_id,
                      "sections": result.sections, "blocks": result.blocks,
                      "already_imported": result.already_imported,
                      "tracked_changes": result.tracked_changes,
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
    print(f"Imported {result.title!r} as version {result.version} ({result.sections} "
          f"sections, {result.blocks} blocks) from {result.path}")
    print(f"  id: {result.id}")
    _print_tracked(result.tracked_changes)
    print(f"  carried {_count(counts.annotations, 'annotation')}: {counts.anchored} anchored, "
          f"{counts.shifted} shifted, {counts.needs_review} to review, "
          f"{counts.orphaned} orphaned; {counts.replies} replies, "
          f"{counts.claim_links + counts.evidence_links} links")
    if counts.needs_review or counts.orphaned:
        print(f"  check them with: reviewdesk show {result.id[:8]}  (or compare in the app)")


def _versions(args: argparse.Namespace) -> None:
    from reviewdesk.services.versions import versions_of

    with _open_store(args) as store:
        versions = versions_of(store, args.brief)
    if args.json:
        _print_json([{"id": v.id, "version": v.version, "title": v.title,
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
    from reviewdesk.services.briefs import list_briefs

    with _open_store(args) as store:
        briefs = list_briefs(store)
    if args.json:
        _print_json([{"id": b.id, "title": b.title, "format": b.source_format.value,
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


def _show(args: argparse.Namespace) -> None:
    from reviewdesk.services.analysis import analyse
    from reviewdesk.services.annotations import list_annotations
    from reviewdesk.services.appendix import annotation_dates
    from reviewdesk.services.briefs import load_brief
    from reviewdesk.services.tracking import suggestion_views

    with _open_store(args) as store:
        brief = load_brief(store, args.brief)
        annotations = list_annotations(store, brief.id)
        analysis = analyse(store, brief.id)
        suggestions = suggestion_views(store, brief.id)
    dated = annotation_dates(brief, annotations)
    notes = [_annotation_json(a) | {"version": brief.version}
             | (_date_json(dated[a.id]) if a.id in dated else {}) for a in annotations]
    if args.json:
        _print_json({"id": brief.id, "title": brief.title, "format": brief.source_format.value,
                     "language": brief.language,
                     "version": brief.version, "version_of": brief.version_of,
                     "tracked_changes": brief.tracked_changes,
                     "sections": [_section_json(s) for s in brief.sections],
                     "annotations": notes} | _analysis_json(analysis)
                    | {"suggestions": [_suggestion_json(s) for s in suggestions]})
        return
    _print_brief(brief, notes, analysis)
    _print_suggestions(suggestions)


def _section_json(section: Any) -> dict[str, Any]:
    return {"id": section.id, "title": section.title, "kind": section.kind.value,
            "level": section.level,
            "blocks": [{"id": b.id, "kind": b.kind.value, "text": b.text, "start": b.start,
                        "end": b.end, "level": b.level, "locator": b.locator, "page": b.page,
                        "tracked_changes": b.tracked_changes, "rtl": b.rtl}
                       for b in section.blocks]}


def _analysis_json(analysis: Any) -> dict[str, Any]:
    return {
        "references": [{"index": r.position + 1, "text": r.raw, "author": r.author,
                        "date": r.date_text, "title": r.title, "container": r.container,
                        "url": r.url, "flags": r.flags, "duplicate_of": r.duplicate_of,
                        "check": r.check.value, "note": r.note}
                       for r in analysis.references],
        "citations_without_reference": analysis.citations_without_reference,
        "recommendations": [{"index": r.position + 1, "id": r.id, "text": r.text,
                             "addressee": r.addressee, "status": r.status.value,
                             "priority": r.priority, "owner": r.owner,
                             "due": r.due.isoformat() if r.due else None, "note": r.note}
                            for r in analysis.recommendations],
        "indicator_candidates": [{"text": c.text, "date": c.date, "section": c.section,
                                  "start": c.start, "end": c.end,
                                  "confidence": round(c.confidence, 2),
                                  "date_stated": c.date_stated, "date_source": c.date_source}
                                 for c in analysis.indicator_candidates],
        "date_checks": [{"text": d.text, "gregorian": d.gregorian, "solar_hijri": d.solar_hijri,
                         "lunar_hijri": d.lunar_hijri, "consistent": d.consistent}
                        for d in analysis.date_checks],
        "claim_support": [{"text": c.text, "references": list(c.references),
                           "unsupported": c.unsupported, "start": c.start, "end": c.end}
                          for c in analysis.claim_support],
    }


def _print_brief(brief: Any, notes: list[dict[str, Any]], analysis: Any) -> None:
    print(brief.title)
    print(f"id: {brief.id}  format: {brief.source_format.value}  "
          f"language: {brief.language or 'unknown'}")
    _print_tracked(brief.tracked_changes, indent="")
    for index, section in enumerate(brief.sections):
        untitled = "(front matter)" if index == 0 else "(notes)" \
            if section.kind == "references" else "(untitled)"
        print(f"\n[{section.kind.value}] {section.title or untitled}")
        for block in section.blocks[1 if section.title else 0:]:
            marker = "  - " if block.kind == "list_item" else "  "
            print(f"{marker}{block.text}")
    print(f"\n{_count(len(notes), 'annotation')}")
    for note in notes:
        comment = f" — {note['comment']}" if note["comment"] else ""
        state = "" if note["anchor_state"] == "anchored" else \
            f" {note['anchor_state'].replace('_', ' ').upper()}"
        print(f"  {note['id'][:8]} [{note['tag']}] {note['reviewer']} ({note['status']}"
              f"{state}): \"{note['quote']}\"{comment}")
    print(f"\n{len(analysis.references)} references")
    for ref in analysis.references:
        flags = f"  [{', '.join(ref.flags)}]" if ref.flags else ""
        print(f"  {ref.position + 1}. {ref.raw[:90]}{flags}")
    for citation in analysis.citations_without_reference:
        print(f"  cited but not in the list: {citation}")
    print(f"\n{len(analysis.recommendations)} recommendations")
    for rec in analysis.recommendations:
        print(f"  {rec.position + 1}. [{rec.addressee or 'no addressee'}] {rec.text[:90]}")
    unsupported = [c for c in analysis.claim_support if c.unsupported]
    print(f"\n{len(analysis.indicator_candidates)} indicator candidates, "
          f"{len(unsupported)} claims without a plausible source")
    for check in analysis.date_checks:
        verdict = "consistent" if check.consistent else "DATES DO NOT MATCH"
        print(f"  date check: {check.text} — {verdict}")


def _suggestion_json(suggestion: Any) -> dict[str, Any]:
    return {"id": suggestion.id, "start": suggestion.start, "end": suggestion.end,
            "quote": suggestion.quote, "replacement": suggestion.replacement,
            "reviewer": suggestion.reviewer, "created": suggestion.created.isoformat()}


def _print_suggestions(suggestions: list[Any]) -> None:
    if not suggestions:
        return
    print(f"\n{len(suggestions)} suggested edits")
    for s in suggestions:
        print(f"  {s.id[:8]} {s.reviewer}: {s.quote!r} -> {s.replacement!r}")


def _annotation_json(annotation: Any) -> dict[str, Any]:
    return {"id": annotation.id, "tag": annotation.tag, "comment": annotation.comment,
            "reviewer": annotation.reviewer, "status": annotation.status.value,
            "quote": annotation.quote, "start": annotation.start, "end": annotation.end,
            "anchor_state": annotation.anchor_state, "anchor_score": annotation.anchor_score,
            "date_set": annotation.date,
            "replies": [{"id": r.id, "reviewer": r.reviewer, "text": r.text,
                         "created": r.created.isoformat()} for r in annotation.replies]}


def _annotate(args: argparse.Namespace) -> None:
    from reviewdesk.services.annotations import annotate

    with _open_store(args) as store:
        note = annotate(store, args.brief, args.quote, tag=args.tag, occurrence=args.occurrence,
                        comment=args.comment, reviewer=args.reviewer)
    if args.json:
        _print_json(_annotation_json(note) | {"brief": note.brief_id})
    else:
        print(note.id)


def _suggest(args: argparse.Namespace) -> None:
    from reviewdesk.services.briefs import load_brief
    from reviewdesk.services.tracking import suggest_replacement

    with _open_store(args) as store:
        suggestion = suggest_replacement(store, args.brief, args.quote, args.replacement,
                                         occurrence=args.occurrence, reviewer=args.reviewer)
        title = load_brief(store, suggestion.brief_id).title
    if args.json:
        _print_json({"id": suggestion.id, "brief_id": suggestion.brief_id,
                     "start": suggestion.start, "end": suggestion.end,
                     "quote": suggestion.quote, "replacement": suggestion.replacement,
                     "reviewer": suggestion.reviewer})
        return
    print(f"Suggested: {suggestion.quote!r} -> {suggestion.replacement!r} in {title!r}")
    print(f"  id: {suggestion.id}")


def _reply(args: argparse.Namespace) -> None:
    from reviewdesk.services.annotations import reply_to_annotation

    with _open_store(args) as store:
        note, reply = reply_to_annotation(store, args.annotation, args.text,
                                          reviewer=args.reviewer)
    if args.json:
        _print_json({"id": reply.id, "annotation_id": note.id, "brief_id": note.brief_id,
                     "reviewer": reply.reviewer, "text": reply.text,
                     "created": reply.created.isoformat()})
        return
    tag = f"[{note.tag}] " if note.tag else ""
    print(f"Replied to {tag}{note.quote!r} by {note.reviewer}; the thread has "
          f"{_count(len(note.replies), 'reply', 'replies')}")
    print(f"  id: {reply.id}")


def _date(args: argparse.Namespace) -> None:
    from reviewdesk.services.annotations import set_annotation_date
    from reviewdesk.services.appendix import annotation_dates
    from reviewdesk.services.briefs import load_brief

    if args.clear == (args.date is not None):
        raise InputError("give a date, or --clear to remove the one set")
    with _open_store(args) as store:
        note = set_annotation_date(store, args.annotation, None if args.clear else args.date)
        dated = annotation_dates(load_brief(store, note.brief_id), [note])
    fields = _date_json(dated.get(note.id))
    if args.json:
        _print_json({"id": note.id, "brief": note.brief_id, "date_set": note.date} | fields)
        return
    if note.date:
        print(f"Dated {note.quote!r}: {note.date}")
    elif fields["date"]:
        how = "as the brief states it" if fields["date_stated"] else \
            f"inferred from {fields['date_source']}"
        print(f"Cleared; {note.quote!r} is dated {fields['date']} again, {how}")
    else:
        print(f"Cleared; {note.quote!r} has no date")


def _date_json(dated: Any) -> dict[str, Any]:
    """An indicator's date as JSON: as written or worked out, whether the brief states it,
    how it was had (stated, inferred, reviewer, none) and from what."""
    if dated is None or not dated.date.text:
        return {"date": None, "date_stated": False, "date_origin": "none",
                "date_source": ""}
    return {"date": dated.date.text, "other_calendar": dated.other,
            "date_stated": dated.date.stated, "date_origin": dated.date.origin.value,
            "date_source": dated.date.source}


def _export(args: argparse.Namespace) -> None:
    from reviewdesk.services.briefs import load_brief
    from reviewdesk.services.export import ExportOptions, export_brief

    options = ExportOptions(reviewers=tuple(args.reviewers), tags=tuple(args.tags),
                            include_resolved=not args.no_resolved,
                            include_suggestions=not args.no_suggestions,
                            include_appendix=not args.no_appendix)
    with _open_store(args) as store:
        brief = load_brief(store, args.brief)
        report = export_brief(store, brief.id, Path(args.output), options)
    if args.json:
        _print_json({"path": str(report.path), "base": report.base,
                     "comments": report.comments, "replies": report.replies,
                     "highlights": report.highlights,
                     "tracked_changes": report.tracked_changes,
                     **_capped({"warnings": report.warnings}, cut=False)})
        return
    base = ("from the original Word file" if report.base == "original"
            else "built from the brief's text")
    counts = ", ".join(_count(n, one, many) for n, one, many in (
        (report.comments, "comment", "comments"), (report.replies, "reply", "replies"),
        (report.highlights, "highlight", "highlights"),
        (report.tracked_changes, "tracked change", "tracked changes")))
    print(f"Exported {brief.title!r} to {report.path}: {counts} ({base})")
    _print_warnings(report.warnings)


def _annotations_export(args: argparse.Namespace) -> None:
    from reviewdesk.files import write_file
    from reviewdesk.services.interchange import export_annotations

    with _open_store(args) as store:
        collection = export_annotations(store, args.brief)
    text = json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return
    write_file(args.output, text)
    print(f"Wrote {collection['total']} annotations and replies to {args.output}",
          file=sys.stderr)


def _annotations_import(args: argparse.Namespace) -> None:
    from reviewdesk.domain.limits import MAX_ANNOTATION_FILE_BYTES
    from reviewdesk.importers.guards import read_text_file
    from reviewdesk.services.interchange import import_annotations

    raw = read_text_file(args.file, max_bytes=MAX_ANNOTATION_FILE_BYTES)
    with _open_store(args) as store:
        report = import_annotations(store, args.brief, raw)
    if report.times_from_the_future:
        print(f"{PROG}: warning: {_count(report.times_from_the_future, 'time')} in "
              f"{args.file.name} lay more than a day ahead of this computer's clock; "
              "taken as now", file=sys.stderr)
    if args.json:
        _print_json({"added": report.added, "replies_added": report.replies_added,
                     "already_present": report.already_present,
                     **_capped({"unplaced": report.unplaced, "new_tags": report.new_tags,
                                "needs_review": report.needs_review})})
        return
    print(f"Added {_count(report.added, 'annotation')} and "
          f"{_count(report.replies_added, 'reply', 'replies')}; "
          f"{report.already_present} were already in the store.")
    if report.new_tags:
        print(f"New tags added to the codebook: {_listed(report.new_tags)}")
    if report.needs_review:
        print(f"{len(report.needs_review)} placed on their best guess and marked to check "
              "(Ctrl+Alt+V in the app): " + _listed(report.needs_review, show=repr))
    for quote in _printed(report.unplaced):
        print(f"Could not place (its text is not in this brief): {quote!r}", file=sys.stderr)
    if len(report.unplaced) > MAX_PRINTED_ITEMS:
        print(f"… and {len(report.unplaced) - MAX_PRINTED_ITEMS:,} more that could not be "
              "placed", file=sys.stderr)


# Lists that come from a file's content (quotes, tags, warnings) are printed up to
# MAX_PRINTED_ITEMS entries, quotes and tags cut to MAX_PRINTED_QUOTE_CHARS, beside their
# full count: a small file must not make a large output.


def _printed(values: Sequence[str], cut: bool = True) -> list[str]:
    """The first MAX_PRINTED_ITEMS of `values`, each cut to MAX_PRINTED_QUOTE_CHARS."""
    first = list(values[:MAX_PRINTED_ITEMS])
    if not cut:
        return first
    return [value if len(value) <= MAX_PRINTED_QUOTE_CHARS
            else value[:MAX_PRINTED_QUOTE_CHARS - 1] + "…" for value in first]


def _capped(lists: dict[str, Sequence[str]], cut: bool = True) -> dict[str, Any]:
    """Each list as printed under its key, how many it holds under `KEY_count`, and
    `truncated`: whether any was shortened (entries left out, or cut)."""
    printed: dict[str, Any] = {}
    truncated = False
    for key, values in lists.items():
        shown = _printed(values, cut)
        printed[key], printed[f"{key}_count"] = shown, len(values)
        truncated = truncated or len(shown) < len(values) or shown != list(values[:len(shown)])
    return printed | {"truncated": truncated}


def _listed(values: Sequence[str], separator: str = ", ",
            show: Callable[[str], str] = str) -> str:
    """The printed entries joined, then how many more there are."""
    text = separator.join(show(value) for value in _printed(values))
    more = len(values) - MAX_PRINTED_ITEMS
    return text + (f"{separator}… and {more:,} more" if more > 0 else "")


def _print_warnings(warnings: Sequence[str]) -> None:
    for warning in _printed(warnings, cut=False):
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    if len(warnings) > MAX_PRINTED_ITEMS:
        print(f"{PROG}: warning: … and {len(warnings) - MAX_PRINTED_ITEMS:,} more warnings",
              file=sys.stderr)


def _summary(args: argparse.Namespace) -> None:
    from reviewdesk.export.report import check_report_path, write_report
    from reviewdesk.services.summary import summary_of

    # A name or folder that cannot be fails before any work.
    kind = check_report_path(args.report) if args.report is not None else None
    with _open_store(args) as store:
        summary = summary_of(store, args.brief)
    charts, warnings = _chart_renderer() if kind == "docx" else (None, ())
    report = write_report(summary, args.report, charts=charts) if kind is not None else None
    if args.json:
        _print_json(summary.to_dict())
    else:
        _print_summary(summary)
    if report is not None:
        print(f"Wrote the summary to {report.path} ({report.tables} tables"
              + (f", {_count(report.charts, 'chart', 'charts')}" if report.format == "docx"
                 else "") + ")", file=sys.stderr if args.json else sys.stdout)
        for warning in warnings:
            print(f"{PROG}: warning: {warning}", file=sys.stderr)


def _chart_renderer() -> tuple[ChartRenderer | None, tuple[str, ...]]:
    """The app's charts for a Word report; None, and a warning, where Qt cannot be loaded."""
    try:
        from reviewdesk.ui.charts import render_chart
    except ImportError as error:
        return None, (f"the report has no charts: Qt could not be loaded ({error})",)
    return render_chart, ()


def _print_summary(summary: Summary) -> None:
    briefs = summary.briefs
    if not briefs:
        print("No briefs in the store yet; 'reviewdesk import FILE' adds one.")
        return
    print(f"{_count(len(briefs), 'brief', 'briefs')}, "
          f"{_count(summary.annotation_total, 'annotation', 'annotations')} by "
          f"{_count(len(summary.progress), 'reviewer', 'reviewers')}")
    for brief in briefs:
        version = f" (version {brief.version})" if brief.version > 1 else ""
        print(f"  {brief.id[:8]}  {brief.title}{version}: "
              f"{_count(brief.annotations, 'annotation', 'annotations')}; references "
              f"{brief.checked('verified')} verified, {brief.checked('problem')} problem, "
              f"{brief.checked('unchecked')} unchecked; recommendations "
              f"{brief.recommendations_decided} of {brief.recommendations_total} decided")
    tags = summary.top_level_tags
    if tags:
        print("Tags: " + ", ".join(f"{tag} {n}" for tag, n in
                                   sorted(tags.items(), key=lambda item: (-item[1], item[0]))))
    for name, progress in summary.reviewer_progress.items():
        print(f"  {name}: {_count(progress.annotations, 'annotation', 'annotations')}, "
              f"{progress.resolved} resolved, "
              f"{_count(progress.replies, 'reply', 'replies')}")
    statuses = summary.status_counts
    print("Recommendations: " + ", ".join(f"{status.replace('_', ' ')} {n}"
                                          for status, n in statuses.items() if n)
          if any(statuses.values()) else "Recommendations: none")
    _print_summary_lists(summary)


def _print_summary_lists(summary: Summary) -> None:
    """The recurring recommendations, open comments, agreement and dated indicators."""
    print(f"Recurring recommendations: {len(summary.recurring)}")
    for group in summary.recurring:
        print("  - " + " | ".join(f"{item.text!r} ({item.title})" for item in group))
    print(f"Open comments: {len(summary.unresolved)}")
    if summary.agreement:
        print(f"Agreement reports: {len(summary.agreement)} "
              f"{'brief' if len(summary.agreement) == 1 else 'briefs'} with two or more "
              "reviewers")
    print(f"Dated indicators: {len(summary.timeline)}")
    for entry in summary.timeline:
        other = f" / {entry.other_calendar}" if entry.other_calendar else ""
        how = {"inferred": f" (inferred from {entry.source})",
               "reviewer": " (set by a reviewer)"}.get(entry.origin, "")
        print(f"  {entry.date}{other}{how}: {entry.text!r}")


def _config(args: argparse.Namespace) -> None:
    from reviewdesk.services.reviewers import configured_reviewer, set_configured_reviewer

    with _open_store(args) as store:
        if args.value is None:
            print(configured_reviewer(store))
        else:
            reviewer = set_configured_reviewer(store, args.value)
            print(f"You now review as {reviewer.name} ({reviewer.initials}).")


def _run_app(args: argparse.Namespace) -> int:
    from reviewdesk.ui.app import run_app

    return run_app(db=args.db, open_sample=args.sample, screenshot=args.screenshot,
                   open_brief=getattr(args, "open_brief", None),
                   open_files=getattr(args, "files", None) or [])


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], None] | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return _run_app(args)
        handler(args)
    except ReviewDeskError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as error:  # a bug: report it, never a bare traceback or a silent exit
        report = write_crash_report(error, context=f"command {args.command}")
        where = f"; the details are in {report}" if report else ""
        print(f"{PROG}: error: internal error ({type(error).__name__}: {error}){where}",
              file=sys.stderr)
        return EXIT_BUG
    return 0


if __name__ == "__main__":
    sys.exit(main())
