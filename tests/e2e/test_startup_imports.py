"""What a command that only reads the store loads: listing the briefs of a current database
imports neither Alembic (the schema version is compared in plain SQL) nor any file reader or
writer (lxml, python-docx, pdfplumber) nor Qt. Each of these is loaded by the command that
needs it, so start-up stays near the interpreter's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store

NEVER_FOR_A_LISTING = ("alembic", "lxml", "docx", "pdfplumber", "pypdf", "markdown_it",
                       "PySide6", "shiboken6", "cryptography", "mako")

_LOADED = """
import json, sys
from reviewdesk.cli.run import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted({m.split('.')[0] for m in sys.modules})}))
"""


def _loaded_by(db: Path, *args: str) -> set[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": "Test Reviewer"}
    done = subprocess.run([sys.executable, "-c", _LOADED, "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["status"] == 0
    return set(report["modules"])


@pytest.fixture
def current_store(tmp_path: Path, brief_file: Path) -> Path:
    db = tmp_path / "review.sqlite3"
    with Store(db) as store:
        import_files(store, [brief_file])
    return db


def test_listing_briefs_loads_no_migrations_file_readers_or_qt(current_store: Path) -> None:
    loaded = _loaded_by(current_store, "briefs")
    assert loaded & set(NEVER_FOR_A_LISTING) == set()
    assert "sqlite3" in loaded  # (the listing did read the store)


def test_the_listing_as_json_loads_no_more(current_store: Path) -> None:
    assert _loaded_by(current_store, "briefs", "--json") & set(NEVER_FOR_A_LISTING) == set()


def test_a_new_database_is_still_made_by_the_migrations(tmp_path: Path) -> None:
    """The other side: a file that is not at the head is migrated, with Alembic."""
    db = tmp_path / "new.sqlite3"
    assert "alembic" in _loaded_by(db, "briefs")
    assert "alembic" not in _loaded_by(db, "briefs")  # current now
