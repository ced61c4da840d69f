"""What the window loads to show a brief: not the code of what it only does when asked
(the Word export and its readers, review bundles and their signatures, new versions and
carrying annotations to them, printing). Each is imported by the action that uses it, so
opening a long brief costs what showing it costs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store

NOT_FOR_THE_FIRST_SCREEN = (
    "lxml", "docx", "cryptography", "rapidfuzz", "PySide6.QtPrintSupport",
    "reviewdesk.services.export", "reviewdesk.services.bundles",
    "reviewdesk.services.versions", "reviewdesk.services.version_plan",
    "reviewdesk.ui.export_dialog", "reviewdesk.ui.summary_window",
    "reviewdesk.ui.compare_view", "reviewdesk.ui.print_brief")

_LOADED = """
import json, sys
from reviewdesk.cli.run import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def test_opening_a_brief_in_the_window_loads_only_what_it_shows(tmp_path: Path,
                                                                 brief_file: Path) -> None:
    db = tmp_path / "review.sqlite3"
    with Store(db) as store:
        brief_id = import_files(store, [brief_file])[0].id
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "REVIEWDESK_REVIEWER": "Test Reviewer"}
    done = subprocess.run([sys.executable, "-c", _LOADED, "--db", str(db), "gui", "--open",
                           brief_id, "--screenshot", str(tmp_path / "window.png")],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["status"] == 0 and (tmp_path / "window.png").exists()
    loaded = set(report["modules"])
    assert "reviewdesk.ui.document_view" in loaded  # (the brief was shown)
    assert sorted(loaded & set(NOT_FOR_THE_FIRST_SCREEN)) == []
