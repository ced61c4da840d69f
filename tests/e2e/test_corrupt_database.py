"""A damaged database, driven as a user would: every command that opens it (and the app) ends
with one sentence and exit status 1, no traceback and no crash report, and the file is left
byte for byte as it was; `reviewdesk doctor` reports it and puts a good copy back."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from tests.support.corruption import DAMAGES, TITLE, fingerprint, reviewed_database

from reviewdesk.crash import log_folder
from reviewdesk.storage.engine import alembic_config, backup_copy

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": "Test Reviewer", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reviewdesk: error: ")
    for word in words:
        assert word in lines[0]
    assert not list(log_folder().glob("crash-*")), "a crash report was written"
    return lines[0]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("reviewed") / "base.sqlite3"
    return path, reviewed_database(path)


def _copy(reviewed: tuple[Path, str], folder: Path) -> Path:
    path = folder / "review.sqlite3"
    shutil.copyfile(reviewed[0], path)
    return path


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_commands_refuse_a_damaged_database_and_leave_it_as_it_was(
        reviewed: tuple[Path, str], tmp_path: Path, damage: str) -> None:
    path = _copy(reviewed, tmp_path)
    brief = reviewed[1]
    DAMAGES[damage](path)
    before = fingerprint(path)
    for args in (["briefs"], ["annotate", brief[:8], "--quote", "joint patrol", "--tag",
                              "Claim", "--comment", "one more"], ["show", brief[:8]]):
        assert_refused(run(path, *args), "nothing was written to it", "doctor")
        assert fingerprint(path) == before, args


def test_the_app_refuses_a_damaged_database_and_leaves_it_as_it_was(
        reviewed: tuple[Path, str], tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    DAMAGES["table_root"](path)
    before = fingerprint(path)
    picture = tmp_path / "window.png"
    assert_refused(run(path, "gui", "--screenshot", str(picture)), "is damaged",
                   "nothing was written to it")
    assert not picture.exists()
    assert fingerprint(path) == before


def test_an_alembic_version_behind_the_schema_is_one_sentence(reviewed: tuple[Path, str],
                                                              tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '0004'")
    connection.close()
    data = path.read_bytes()
    sentence = assert_refused(run(path, "annotate", reviewed[1][:8], "--quote", "joint patrol",
                                  "--tag", "Claim"),
                              "records schema revision 0004 but has the ",
                              "did not upgrade or change it")
    assert "doctor" in sentence
    assert path.read_bytes() == data
    assert not list(tmp_path.glob("*.bak"))


def test_doctor_reports_then_restores_the_newest_good_copy(reviewed: tuple[Path, str],
                                                           tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    good = backup_copy(path, f"before-{HEAD}")
    DAMAGES["annotation_data"](path)
    before = fingerprint(path)

    report = run(path, "doctor")
    assert_refused(report, "is damaged; SQLite found: ", "doctor --restore", good.name)
    assert "problem: is damaged" in report.stdout
    assert f"{good.name}  (before upgrading to schema {HEAD}, schema {HEAD}): good" \
        in report.stdout
    assert fingerprint(path) == before

    restored = run(path, "doctor", "--restore")
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored {good.name} (made ")
    assert "The damaged database is kept as review.sqlite3.damaged-" in restored.stdout
    [aside] = tmp_path.glob("review.sqlite3.damaged-*")
    assert fingerprint(aside)[0] == before[0]

    briefs = run(path, "briefs", "--json")
    assert briefs.returncode == 0, briefs.stderr
    assert [b["title"] for b in json.loads(briefs.stdout)] == [TITLE]
    healthy = run(path, "doctor", "--json", "--quick")
    assert healthy.returncode == 0, healthy.stderr
    shown = json.loads(healthy.stdout)
    assert (shown["healthy"], shown["check"], shown["problems"]) == (True, "quick_check", [])
    assert shown["copies"][0] == {"path": str(good), "made": shown["copies"][0]["made"],
                                  "reason": f"before upgrading to schema {HEAD}",
                                  "revision": HEAD, "good": True, "problem": None}


def test_doctor_without_a_good_copy_says_so(reviewed: tuple[Path, str],
                                            tmp_path: Path) -> None:
    path = _copy(reviewed, tmp_path)
    DAMAGES["header"](path)
    before = fingerprint(path)
    result = run(path, "doctor", "--restore", "--json")
    assert_refused(result, "is not a database SQLite recognises",
                   "there is no good copy beside it to restore, so it was left as it is")
    assert json.loads(result.stdout)["restored"] is None
    assert fingerprint(path) == before
