"""The command line's parser class, its name and the store its --db option names."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

PROG = "reviewdesk"
EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """Usage errors are one line, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


def open_store(args: argparse.Namespace) -> Any:
    """The store of the database that --db (else $REVIEWDESK_DB, else the default) names: a
    file, or a PostgreSQL server when the value is its URL."""
    from reviewdesk.storage.store import Store, store_location

    return Store(store_location(args.db))
