"""The program PyInstaller freezes: the `reviewdesk` command, with multiprocessing's
support for frozen programs (the PDF reader runs in a spawned child process)."""

import multiprocessing
import sys

from reviewdesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
