"""The commands a desktop entry and a new user rely on: `about`, `import --sample`, and
`gui FILE` (how a file manager opens a brief or a .rdbundle with ReviewDesk)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reviewdesk import __version__


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": "Test Reviewer", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_about_lists_the_version_the_data_and_the_licences(db_path: Path) -> None:
    result = run(db_path, "about", "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["version"] == __version__
    assert info["database"] == str(db_path)
    names = {library["name"]: library["licence"] for library in info["libraries"]}
    assert "MIT" in names["SQLAlchemy"] and "LGPL" in names["PySide6"]
    text = run(db_path, "about")
    assert text.returncode == 0 and f"ReviewDesk {__version__}" in text.stdout
    assert "Log file:" in text.stdout


def test_import_the_sample_brief(db_path: Path) -> None:
    result = run(db_path, "import", "--sample", "--json")
    assert result.returncode == 0, result.stderr
    [imported] = json.loads(result.stdout)
    assert imported["format"] == "md" and imported["blocks"] > 10
    nothing = run(db_path, "import")
    assert nothing.returncode != 0
    assert nothing.stderr.strip() == ("reviewdesk: error: name at least one file to import, "
                                      "or use --sample")


def test_gui_opens_the_files_it_is_given(tmp_path: Path, db_path: Path,
                                         brief_file: Path) -> None:
    picture = tmp_path / "window.png"
    result = run(db_path, "gui", str(brief_file), "--screenshot", str(picture))
    assert result.returncode == 0, result.stderr
    assert picture.stat().st_size > 10_000
    briefs = run(db_path, "briefs", "--json")
    titles = [brief["title"] for brief in json.loads(briefs.stdout)]
    assert titles == ["Lake Corrin Fisheries Outlook"]
