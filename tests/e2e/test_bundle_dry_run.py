"""`reviewdesk bundle export --dry-run` as a lead would use it before sending a bundle: what
it would hold, in the export's own words and numbers, and no file written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.bundle_samples import build

from reviewdesk.storage.store import Store


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": "Ines Duarte"}
    return subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_a_dry_run_says_what_the_export_would_write(tmp_path: Path) -> None:
    db = tmp_path / "lead.sqlite3"
    with Store(db) as store:
        first, _second, quarry = build(store, tmp_path)
    target = tmp_path / "to-tomas.rdbundle"

    said = run(db, "bundle", "export", first, "-o", str(target), "--dry-run")
    assert said.returncode == 0, said.stderr
    assert said.stdout.strip() == (
        "Would write 2 briefs with 3 annotations, 2 replies and 1 suggested edit by 2 "
        f"reviewers to {target}; nothing was written")
    assert not target.exists()

    planned = json.loads(run(db, "bundle", "export", first, quarry, "-o", str(target),
                             "--dry-run", "--json").stdout)
    assert not target.exists()
    wrote = run(db, "bundle", "export", first, quarry, "-o", str(target), "--json")
    written = json.loads(wrote.stdout)
    assert target.is_file() and planned["dry_run"] is True
    for key in ("path", "briefs", "annotations", "replies", "suggestions", "tombstones",
                "reviewers"):
        assert planned[key] == written[key], key
    assert (planned["briefs"], planned["annotations"], planned["reviewers"]) == (3, 4, 2)


def test_a_dry_run_refuses_what_the_export_would(tmp_path: Path) -> None:
    db = tmp_path / "lead.sqlite3"
    with Store(db) as store:
        build(store, tmp_path)
    refused = run(db, "bundle", "export", "-o", str(tmp_path / "notes.zip"), "--dry-run")
    assert refused.returncode == 1 and "ends in .rdbundle" in refused.stderr
    missing = run(db, "bundle", "export", "Lighthouse", "-o", str(tmp_path / "x.rdbundle"),
                  "--dry-run")
    assert missing.returncode == 1 and len(missing.stderr.splitlines()) == 1
    assert not list(tmp_path.glob("*.rdbundle"))
