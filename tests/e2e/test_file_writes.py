"""Every command that writes a file, run as a user would into a real read-only folder and onto
a real full disk (tests/support/disks.py): one line on standard error and exit status 1, no
crash report, no temporary file left behind, and an older file at the target as it was. An
export killed with -9 leaves a partial file that the next export into the folder removes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from tests.support.disks import Disk, full_disk, immutable, leftovers, read_only_folder

from reviewdesk.crash import log_folder
from reviewdesk.files import PARTIAL_SUFFIX
from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store

OLD = b"an older file, kept as it was"
# What Qt's offscreen platform prints when the window is shown (not ReviewDesk's output).
QT_OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"

# Each command that writes a file: its arguments (BRIEF and TARGET filled in), the file name.
COMMANDS = {
    "export": (("export", "BRIEF", "-o", "TARGET"), "review.docx"),
    "bundle export": (("bundle", "export", "-o", "TARGET"), "review.rdbundle"),
    "summary docx": (("summary", "--report", "TARGET"), "summary.docx"),
    "summary csv": (("summary", "--report", "TARGET"), "summary.csv"),
    "summary xlsx": (("summary", "--report", "TARGET"), "summary.xlsx"),
    "annotations export": (("annotations", "export", "BRIEF", "-o", "TARGET"), "notes.jsonld"),
    "gui --screenshot": (("gui", "--open", "BRIEF", "--screenshot", "TARGET"), "window.png"),
}


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": "Test Reviewer"}
    return subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=300, check=False)


@pytest.fixture
def brief_id(db_path: Path, brief_file: Path) -> str:
    with Store(db_path) as store:
        brief = import_files(store, [brief_file])[0].id
        annotate(store, brief, "closed season", tag="Indicator", comment="Since when?",
                 reviewer="Amina Rahimi")
        annotate(store, brief, "second patrol boat", tag="Claim", reviewer="Ines Duarte")
    return brief


def _run_into(db: Path, brief: str, command: str, disk: Disk) -> tuple[
        subprocess.CompletedProcess[str], Path]:
    args, name = COMMANDS[command]
    target = disk.folder / name
    filled = [brief if arg == "BRIEF" else str(target) if arg == "TARGET" else arg
              for arg in args]
    return run(db, *filled), target


def _assert_refused(result: subprocess.CompletedProcess[str], target: Path,
                    *words: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line != QT_OFFSCREEN_NOTE]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"reviewdesk: error: cannot write {target}: "), lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    crashes = list(log_folder().glob("crash-*")) if log_folder().is_dir() else []
    assert crashes == [], "a crash report was written"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_read_only_folder_is_one_sentence(db_path: Path, brief_id: str, tmp_path: Path,
                                            command: str) -> None:
    name = COMMANDS[command][1]
    with read_only_folder(tmp_path / "read-only", {name: OLD}) as disk:
        result, target = _run_into(db_path, brief_id, command, disk)
        _assert_refused(result, target, disk.reason)
        assert target.read_bytes() == OLD
        assert leftovers(disk.folder) == [name]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_full_disk_is_one_sentence(db_path: Path, brief_id: str, tmp_path: Path,
                                     command: str) -> None:
    name = COMMANDS[command][1]
    with full_disk(tmp_path / "full", {name: OLD}) as disk:
        result, target = _run_into(db_path, brief_id, command, disk)
        _assert_refused(result, target, disk.reason)
        assert target.read_bytes() == OLD
        assert leftovers(disk.folder) == [name]


def _big_brief(path: Path, sections: int = 12) -> Path:
    """A brief of about 1.5 MB: its export spends a good tenth of a second writing the file."""
    rng = random.Random(7)
    words = ["harbour", "quota", "patrol", "council", "season", "perch", "nets", "tariff",
             "ledger", "crane", "budget"]
    lines = ["# The Long Harbour Review", ""]
    for section in range(sections):
        lines += [f"## Part {section + 1}", ""]
        lines += [" ".join(rng.choice(words) for _ in range(40)) + ".\n" for _ in range(500)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _kill_when_writing(db: Path, brief: str, target: Path) -> Path | None:
    """Start an export and kill it (-9) as soon as its partial file appears: that file, or
    None when the export finished before it could be seen."""
    process = subprocess.Popen([sys.executable, "-m", "reviewdesk", "--db", str(db), "export",
                                brief, "-o", str(target)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        while process.poll() is None:
            partials = [name for name in os.listdir(target.parent)
                        if name.endswith(PARTIAL_SUFFIX)]
            if partials:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                left = target.parent / partials[0]
                return left if left.exists() else None
            time.sleep(0.0005)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    return None


@pytest.mark.slow
def test_an_export_killed_while_writing_is_cleaned_up_by_the_next(db_path: Path,
                                                                  tmp_path: Path) -> None:
    with Store(db_path) as store:
        brief = import_files(store, [_big_brief(tmp_path / "long.md")])[0].id
    out = tmp_path / "out"
    out.mkdir()
    target = out / "review.docx"
    target.write_bytes(OLD)
    for _attempt in range(3):  # the kill has to land in the write, which is brief
        partial = _kill_when_writing(db_path, brief, target)
        if partial is not None:
            break
        target.write_bytes(OLD)
    else:
        pytest.fail("three exports finished before their partial file could be seen")
    assert partial.name.startswith(".review.docx.")
    assert target.read_bytes() == OLD  # the killed export never reached the target
    assert sorted(os.listdir(out)) == sorted([partial.name, "review.docx"])

    result = run(db_path, "export", brief, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert os.listdir(out) == ["review.docx"]  # the partial file is gone
    with zipfile.ZipFile(target) as package:
        assert b"The Long Harbour Review" in package.read("word/document.xml")


def test_an_immutable_database_says_so(db_path: Path, brief_id: str) -> None:
    """The database file itself locked against changes (chattr +i): the sentence names the
    file and why, not a guess about its folder."""
    with immutable(db_path):
        result = subprocess.run(
            [sys.executable, "-m", "reviewdesk", "--db", str(db_path), "annotate", brief_id,
             "--quote", "Lake Corrin", "--tag", "Indicator"],
            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"reviewdesk: error: cannot write to the database {db_path}: {db_path.name} is "
        "locked against changes (operation not permitted)"]
