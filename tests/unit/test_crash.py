"""Crash reports are written whole or not at all: a full disk gives no report (the caller
still shows the error), never half of one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.support.disks import fill, tmpfs

from reviewdesk.crash import log_folder, write_crash_report


def _bug() -> ValueError:
    try:
        raise ValueError("a bug")
    except ValueError as error:
        return error


def test_a_crash_report_holds_the_traceback() -> None:
    path = write_crash_report(_bug(), context="a test")
    assert path is not None and path.parent == log_folder()
    text = path.read_text(encoding="utf-8")
    assert "Context: a test" in text and "ValueError: a bug" in text
    assert os.listdir(log_folder()) == [path.name]


def test_a_full_disk_gives_no_report_and_no_partial_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with tmpfs(tmp_path / "state", "size=256k") as state:
        monkeypatch.setenv("XDG_STATE_HOME", str(state))
        log_folder().mkdir(parents=True)
        fill(state)
        assert write_crash_report(_bug()) is None
        assert os.listdir(log_folder()) == []
