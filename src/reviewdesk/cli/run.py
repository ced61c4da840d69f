"""The `reviewdesk` command: the parser of every command, and main, which runs one and
turns what goes wrong into one line and an exit status."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reviewdesk import __version__
from reviewdesk.cli import (
    briefs,
    bundles,
    decisions,
    maintenance,
    qdpx,
    reports,
    review,
    search,
    show,
)
from reviewdesk.cli.parser import EXIT_USAGE, PROG, Parser
from reviewdesk.crash import write_crash_report
from reviewdesk.errors import ReviewDeskError

__all__ = ["EXIT_BUG", "EXIT_ERROR", "EXIT_USAGE", "PROG", "build_parser", "main"]

EXIT_ERROR = 1
EXIT_BUG = 70


def build_parser() -> argparse.ArgumentParser:
    """The parser of the options and every command, in the order `--help` lists them."""
    parser = Parser(prog=PROG, description="Review policy briefs: tag indicators, check "
                    "references, track recommendations. With no command, starts the app.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (default: "
                        "$REVIEWDESK_DB, else reviewdesk.sqlite3 in your data folder)")
    parser.add_argument("--sample", action="store_true",
                        help="start the app with the bundled sample brief open")
    parser.add_argument("--screenshot", metavar="PNG", type=Path,
                        help="start the app, save a picture of its window to PNG, and quit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    briefs.add_parsers(commands)
    show.add_parsers(commands)
    search.add_parsers(commands)
    review.add_parsers(commands)
    decisions.add_parsers(commands)
    bundles.add_parsers(commands)
    qdpx.add_parsers(commands)
    reports.add_parsers(commands)
    maintenance.add_parsers(commands)
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
    command.add_argument("--shortcuts", action="store_true",
                         help="print every keyboard shortcut of the window as a Markdown "
                         "table (read from the window's commands) and quit")
    command.add_argument("files", nargs="*", metavar="FILE", type=Path,
                         help="brief files to open, or review bundles (.rdbundle) to merge "
                              "in (how the desktop entry opens files)")
    command.set_defaults(handler=None, gui=True)


def _run_app(args: argparse.Namespace) -> int:
    from reviewdesk.ui.app import run_app

    return run_app(db=args.db, open_sample=args.sample, screenshot=args.screenshot,
                   open_brief=getattr(args, "open_brief", None),
                   open_files=getattr(args, "files", None) or [],
                   list_shortcuts=getattr(args, "shortcuts", False))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in `argv` (default: sys.argv); the exit status. A known error is
    one line on stderr; a bug writes a crash report and says where."""
    status = _main(argv)
    if argv is None:
        # Run as the program (`reviewdesk`, `python -m reviewdesk`), which now ends: the
        # interpreter's collections at exit would walk every object the imports made
        # (SQLAlchemy's and SQLModel's above all) for cycles to free: 0.14 s of an
        # export's 1.8 s. Frozen, they are skipped; everything is still released and
        # every exit handler runs.
        gc.freeze()
    return status


def _main(argv: Sequence[str] | None) -> int:
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
