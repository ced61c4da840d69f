"""The `reviewdesk` command: argument parsing and printing only; every command calls a service.

One module per group of commands (briefs, show, review, bundles, reports, maintenance),
each adding its own arguments; run.py builds the parser and runs a command.
"""

from reviewdesk.cli.run import EXIT_BUG, EXIT_ERROR, EXIT_USAGE, PROG, build_parser, main

__all__ = ["EXIT_BUG", "EXIT_ERROR", "EXIT_USAGE", "PROG", "build_parser", "main"]
