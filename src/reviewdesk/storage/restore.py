"""Putting a good copy back in place of a damaged database. The damaged file is renamed aside
with its WAL and journal (they belong to it, and may hold its latest edits), never deleted;
its -shm, an index SQLite rebuilds, is removed, so that nothing of the damaged file is applied
to the copy. The copy is written beside the database and renamed into place."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reviewdesk.errors import StoreError
from reviewdesk.storage.health import Condition
from reviewdesk.storage.recovery import Copy, examine_copy

# Files beside a database that hold part of its content: they go aside with it.
_CONTENT_SIDES = ("-wal", "-journal")

# SQLite's unix locking: every connection to a WAL database holds a read lock on these bytes
# of the file for as long as it is open (os_unix.c: PENDING_BYTE + 2, SHARED_SIZE).
_SHARED_FIRST = 0x40000000 + 2
_SHARED_SIZE = 510


@dataclass(frozen=True)
class Restored:
    """Which copy was put back, and where the damaged file and its WAL or journal went."""

    copy: Copy
    kept_aside: tuple[Path, ...]


def in_use(database: Path) -> bool:
    """Whether another program has the database open: a write lock on the bytes every open
    connection holds a read lock on can only be had when there is none. On Windows renaming
    an open file fails instead, which restore_copy reports. (Closing the descriptor drops
    every POSIX lock this process holds on the file: call it with no connection to the
    file open here, as the doctor does.)"""
    if sys.platform == "win32" or not database.is_file():
        return False
    import fcntl

    descriptor = os.open(database, os.O_RDWR)  # a write lock needs it; nothing is written
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, _SHARED_SIZE, _SHARED_FIRST)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # releases the lock
    return False


def restore_copy(database: Path, copy: Copy) -> Restored:
    """Replace `database` with `copy` (which stays where it is). StoreError, with nothing
    changed, if another program has the database open or a file cannot be moved."""
    if in_use(database):
        raise StoreError(f"{database} is open in another ReviewDesk window or command; close "
                         "it and run the doctor again (nothing was changed)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    temporary = database.with_name(f".{database.name}.restoring-{stamp}")
    try:
        _copy_durably(copy.path, temporary)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(f"cannot copy {copy.path.name} beside {database}: "
                         f"{error.strerror}; nothing was changed") from error
    if examine_copy(Copy(temporary, copy.made, copy.reason)).condition != Condition.SOUND:
        temporary.unlink()
        raise StoreError(f"the copy of {copy.path.name} made for restoring is not sound (is "
                         "the disk failing?); nothing was changed")
    kept = _put_in_place(database, temporary, _aside_name(database, stamp))
    _sync_folder(database.parent)
    return Restored(copy, kept)


def _put_in_place(database: Path, replacement: Path, aside: Path) -> tuple[Path, ...]:
    moves = [(database, aside)] if database.exists() else []
    for side in _CONTENT_SIDES:
        beside = Path(f"{database}{side}")
        if beside.exists() and beside.stat().st_size == 0:
            beside.unlink()  # holds nothing (a read-only check can leave an empty -wal)
        elif beside.exists():
            moves.append((beside, Path(f"{aside}{side}")))
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            os.replace(source, target)
            done.append((source, target))
        Path(f"{database}-shm").unlink(missing_ok=True)
        os.replace(replacement, database)
    except OSError as error:
        for source, target in reversed(done):
            os.replace(target, source)
        replacement.unlink(missing_ok=True)
        raise StoreError(f"cannot put the copy in place of {database}: {error.strerror}; "
                         "nothing was changed") from error
    return tuple(target for _, target in done)


def _aside_name(database: Path, stamp: str) -> Path:
    """`<db>.damaged-<time>`: not `.bak`, so it is never taken for a good copy."""
    aside = database.with_name(f"{database.name}.damaged-{stamp}")
    number = 1
    while any(Path(f"{aside}{side}").exists() for side in ("", *_CONTENT_SIDES)):
        number += 1
        aside = database.with_name(f"{database.name}.damaged-{stamp}-{number}")
    return aside


def _copy_durably(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    with target.open("rb+") as written:
        os.fsync(written.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (POSIX; Windows has no directory handles to sync)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
