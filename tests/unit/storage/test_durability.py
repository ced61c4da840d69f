"""An edit the app has acknowledged survives the process being killed with -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from reviewdesk.storage.store import Store

WRITER = r"""
import sys
from pathlib import Path
from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store

store = Store(Path(sys.argv[1]))
brief = import_files(store, [Path(sys.argv[2])])[0].id
print("ready", brief, flush=True)
while True:
    note = annotate(store, brief, "shared quota", tag="Indicator", reviewer="Writer")
    print(note.id, flush=True)  # acknowledged: the transaction has committed
"""


def test_acknowledged_edits_survive_kill_9(db_path: Path, brief_file: Path) -> None:
    for round_ in range(3):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(brief_file)],
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        assert process.stdout.readline().startswith("ready")
        acknowledged = [process.stdout.readline().strip() for _ in range(40 + 15 * round_)]
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # Anything printed after our last read was acknowledged too; keep it.
        acknowledged += [line.strip() for line in process.stdout if line.strip()]
        process.stdout.close()

        connection = sqlite3.connect(db_path)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        connection.close()
        with Store(db_path) as store, store.transaction() as tx:
            stored = tx.annotations.existing_ids(acknowledged)
        assert stored == set(acknowledged)
