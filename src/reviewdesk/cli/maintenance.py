"""Settings and the database's health: `config`, `about` and `doctor`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewdesk.cli.output import print_json
from reviewdesk.cli.parser import open_store
from reviewdesk.errors import InputError


def add_parsers(commands: Any) -> None:
    """Add `config`, `about` and `doctor` to the subcommands."""
    _add_config(commands)
    _add_about(commands)
    _add_doctor(commands)


def _add_config(commands: Any) -> None:
    command = commands.add_parser("config", help="show or set who you review as")
    command.add_argument("key", choices=["reviewer"])
    command.add_argument("value", nargs="?", help="the new value (omit to show it)")
    command.set_defaults(handler=_config)


def _config(args: argparse.Namespace) -> None:
    from reviewdesk.services.reviewers import configured_reviewer, set_configured_reviewer

    with open_store(args) as store:
        if args.value is None:
            print(configured_reviewer(store))
        else:
            reviewer = set_configured_reviewer(store, args.value)
            print(f"You now review as {reviewer.name} ({reviewer.initials}).")


def _add_about(commands: Any) -> None:
    command = commands.add_parser(
        "about", help="show the version, where the data and the log are, and the "
        "libraries ReviewDesk runs on with their licences")
    command.add_argument("--json", action="store_true", help="print it as JSON")
    command.set_defaults(handler=_about)


def _about(args: argparse.Namespace) -> None:
    from reviewdesk.about import about_info
    from reviewdesk.storage.location import shown_location, store_location

    location = store_location(args.db)
    info = about_info(location if isinstance(location, Path) else shown_location(location))
    if args.json:
        print_json(info.to_dict())
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
    from reviewdesk.storage.location import store_location

    location = store_location(args.db)
    if not isinstance(location, Path):
        raise InputError("doctor checks an SQLite file and the copies beside it; a team "
                         "server keeps its own data sound, and its backups are made there "
                         "(pg_dump)")
    diagnosis = doctor(location, full=not args.quick, restore=args.restore)
    if args.json:
        print_json(diagnosis.to_dict())
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
