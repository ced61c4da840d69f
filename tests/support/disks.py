"""Real disks and files that refuse writes, for the tests of failed writes: a full disk and a
read-only one (small tmpfs mounts, which need root), a read-only folder for a user who is not
root, and a file the kernel lets no one change (chattr +i). Each skips the test, with the
reason, where the machine cannot make it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

FILLER = "filler.bin"


@dataclass(frozen=True)
class Disk:
    folder: Path
    reason: str  # words the error for a write into `folder` says


def _root() -> bool:
    return os.name == "posix" and os.geteuid() == 0


@contextmanager
def tmpfs(folder: Path, *options: str) -> Iterator[Path]:
    """A fresh tmpfs mounted on `folder` (made if needed) for the block."""
    if not _root() or shutil.which("mount") is None:
        pytest.skip("a real full or read-only disk needs root to mount a tmpfs")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("mode=1777", *options)),
                              "tmpfs", str(folder)], capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True,
                          check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=True)


def _place(folder: Path, files: Mapping[str, bytes] | None) -> None:
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)


def fill(folder: Path) -> None:
    """Write to `folder` until its disk has no room left."""
    with (folder / FILLER).open("ab", buffering=0) as filler:
        block = b"\0" * 4096
        try:
            while True:
                filler.write(block)
        except OSError as error:
            assert error.errno == 28, error  # ENOSPC
        try:  # the last few bytes of a block
            while True:
                filler.write(b"\0")
        except OSError:
            pass


@contextmanager
def full_disk(folder: Path, files: Mapping[str, bytes] | None = None) -> Iterator[Disk]:
    """`folder` on a small disk holding `files` and filled to the last byte."""
    with tmpfs(folder, "size=512k"):
        _place(folder, files)
        fill(folder)
        yield Disk(folder, "the disk is full")


@contextmanager
def read_only_folder(folder: Path, files: Mapping[str, bytes] | None = None) -> Iterator[Disk]:
    """`folder` holding `files`, that no one may write in: a read-only disk as root, a folder
    without write permission for anyone else."""
    if os.name != "posix":
        pytest.skip("needs POSIX permissions or mounts")
    if not _root():
        folder.mkdir(parents=True, exist_ok=True)
        _place(folder, files)
        folder.chmod(0o555)
        try:
            yield Disk(folder, "permission")
        finally:
            folder.chmod(0o755)
        return
    with tmpfs(folder, "size=1m"):
        _place(folder, files)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield Disk(folder, "is read-only")


def set_immutable(path: Path, on: bool = True) -> None:
    """chattr +i (or -i) on `path`; skips the test where the flag cannot be set."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    result = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        if on:
            pytest.skip(f"cannot make a file immutable here: {result.stderr.strip()}")
        raise AssertionError(result.stderr)


@contextmanager
def immutable(path: Path) -> Iterator[Path]:
    """`path` made immutable (chattr +i) for the block: no one, root included, may change,
    replace or remove it."""
    set_immutable(path)
    try:
        yield path
    finally:
        set_immutable(path, on=False)


def leftovers(folder: Path, *expected: str) -> list[str]:
    """The names in `folder` other than `expected` and the filler (a partial file left
    behind shows here)."""
    return sorted(name for name in os.listdir(folder) if name not in {*expected, FILLER})
