"""`python -m reviewdesk.cli`, as `reviewdesk` (what `python -m` ran when cli was a module)."""

import sys

from reviewdesk.cli.run import main

if __name__ == "__main__":
    sys.exit(main())
