"""Review bundles and the keys that sign them: `bundle export` / `import` and `reviewers`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewdesk.cli.output import capped, print_json, print_warnings
from reviewdesk.cli.parser import Parser, open_store
from reviewdesk.domain.words import count as _count


def add_parsers(commands: Any) -> None:
    """Add `bundle` and `reviewers` to the subcommands."""
    _add_bundle(commands)
    _add_reviewers(commands)


def _add_bundle(commands: Any) -> None:
    group = commands.add_parser("bundle", help="gather reviews from other databases: write "
                                "briefs with their review to a bundle, merge a bundle in")
    sub = group.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=Parser)
    export = sub.add_parser("export", help="write briefs with everything reviewed on them "
                            "to a .rdbundle file")
    export.add_argument("briefs", nargs="*", metavar="BRIEF",
                        help="the briefs to bundle (default: every brief)")
    export.add_argument("-o", "--output", required=True, metavar="FILE.rdbundle", type=Path,
                        help="the bundle file to write (replaced if it exists)")
    export.add_argument("--dry-run", action="store_true",
                        help="say what the bundle would hold, and write nothing")
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
    from reviewdesk.services.bundles import export_bundle, held_phrase

    if args.dry_run:
        _bundle_dry_run(args)
        return
    with open_store(args) as store:
        report = export_bundle(store, args.briefs, args.output)
    if args.json:
        print_json({"path": str(report.path), "briefs": report.briefs,
                    "annotations": report.annotations, "replies": report.replies,
                    "suggestions": report.suggestions, "tombstones": report.tombstones,
                    "reviewers": report.reviewers, "size": report.size, "signer": report.signer,
                    "fingerprint": report.fingerprint})
        return
    held = held_phrase(report.briefs, report.annotations, report.replies, report.suggestions)
    print(f"Wrote {held} to {report.path}, signed by {report.signer} "
          f"(key {report.fingerprint})")


def _bundle_dry_run(args: argparse.Namespace) -> None:
    """`bundle export --dry-run`: the export's counts, as 'Would write …'; no file."""
    from reviewdesk.services.bundles import check_target, held_phrase, plan_bundle

    check_target(args.output)
    with open_store(args) as store:
        plan = plan_bundle(store, args.briefs)
    if args.json:
        print_json({"path": str(args.output), "dry_run": True, "briefs": plan.briefs,
                    "annotations": plan.annotations, "replies": plan.replies,
                    "suggestions": plan.suggestions, "tombstones": plan.tombstones,
                    "reviewers": plan.reviewers})
        return
    held = held_phrase(plan.briefs, plan.annotations, plan.replies, plan.suggestions)
    by = f" by {_count(plan.reviewers, 'reviewer')}" if plan.reviewers else ""
    print(f"Would write {held}{by} to {args.output}; nothing was written")


def _bundle_import(args: argparse.Namespace) -> None:
    from reviewdesk.services.bundles import import_bundle

    with open_store(args) as store:
        report = import_bundle(store, args.file, trust=args.trust)
    if args.json:
        print_json({"path": str(report.path), **report.counts(), "changed": report.changed,
                    "backup": str(report.backup) if report.backup else None,
                    "signer": {"name": report.signer, "fingerprint": report.fingerprint,
                               "role": report.role, "trusted_now": report.trusted_now},
                    **capped({"warnings": report.warnings}, cut=False)})
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
    print_warnings(report.warnings)


def _add_reviewers(commands: Any) -> None:
    group = commands.add_parser(
        "reviewers", help="the keys this database trusts: list them, trust one, give it a "
        "role, forget it")
    sub = group.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
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

    with open_store(args) as store:
        keys = trusted_keys(store)
    if args.json:
        print_json([_key_json(view) for view in keys])
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

    with open_store(args) as store:
        signer = trust_bundle_signer(store, args.file, Role(args.role) if args.role else None)
    print(f"Trusted {signer.name}'s key ({fingerprint(signer.public_key)})"
          + (f" as a {args.role}" if args.role else "") + ".")


def _reviewers_role(args: argparse.Namespace) -> None:
    from reviewdesk.domain.trust import Role
    from reviewdesk.services.trust import set_role

    with open_store(args) as store:
        view = set_role(store, args.who, Role(args.role))
    who = ", ".join(view.reviewers) or view.name
    print(f"{who} ({view.fingerprint}) is now trusted as a {view.role.value}.")


def _reviewers_forget(args: argparse.Namespace) -> None:
    from reviewdesk.services.trust import forget_key

    with open_store(args) as store:
        view = forget_key(store, args.who)
    who = ", ".join(view.reviewers) or view.name
    print(f"Forgot the key of {who} ({view.fingerprint}); its next bundle will be asked "
          "about again.")
