"""`python -m reviewdesk` runs the same command as `reviewdesk`."""

import sys

from reviewdesk.cli import main

sys.exit(main())
