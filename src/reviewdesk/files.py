"""Writing the files a user asks for (Word exports, reports, bundles, annotation files) whole
or not at all, with one sentence when that cannot be done.

`write_file` writes to a temporary file beside the target, named
``.NAME.<host>-<pid>-<token>.reviewdesk-partial``, makes it durable (fsync), renames it onto
the target in one step and syncs the folder. A write that fails removes its temporary file
and leaves the target as it was; one left by a process that was killed is removed by the
next write into that folder, once its writer is known to be gone: a process of this
computer that no longer runs, or no change to the file for `STALE_AFTER` seconds.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import io
import logging
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reviewdesk.errors import WriteError

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".reviewdesk-partial"
# A partial file nobody has written to for this long is stale whoever made it (a writer on
# another computer sharing the folder, or one whose process id has been reused).
STALE_AFTER = 3600.0
_NAME_BYTES = 160  # of the target's name kept in a partial file's name (255 bytes at most)
_PARTIAL = re.compile(r"\.(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]{1,10})-[0-9a-f]{8}"
                      + re.escape(PARTIAL_SUFFIX) + r"\Z")

Writer = Callable[[BinaryIO], object]  # writes the file to the binary stream it is given
Content = bytes | str | Writer

_CREATE, _WRITE, _REPLACE = "create", "write", "replace"
_LOCKED = "locked against changes (operation not permitted)"


def write_file(target: Path | str, content: Content, *, encoding: str = "utf-8") -> Path:
    """Write `content` to `target`, replacing a file there, whole or not at all.

    `content` is bytes, text (written in `encoding`), or a function that writes the file to
    the binary stream it is given (python-docx's `Document.save`, openpyxl's `Workbook.save`,
    a `zipfile.ZipFile` over it); the stream is seekable. The function should only write: an
    OSError it raises is taken for a failed write. A link is followed: the file it names is
    replaced. Returns `target`.

    Raises WriteError, one sentence, when the file cannot be written (no such folder, a
    read-only folder or file, a full disk...); an error of the writing function that is not
    an OSError is raised as it is. Either way the temporary file is gone and any older file
    at `target` is as it was.
    """
    shown = Path(target)
    path = check_writable(shown)
    folder = path.parent
    remove_stale_partials(folder)
    try:
        partial = _Partial.create(path)
    except OSError as error:
        raise WriteError(_sentence(shown, folder, error, _CREATE)) from None
    stage = _WRITE
    try:
        try:
            _fill(partial, content, encoding)
            os.fsync(partial.fileno())
        finally:
            partial.finish()
        stage = _REPLACE
        os.replace(partial.path, path)
    except OSError as error:
        _discard(partial.path)
        raise WriteError(_sentence(shown, folder, error, stage)) from None
    except BaseException:
        _discard(partial.path)
        raise
    _sync_folder(folder)
    return shown


def check_writable(target: Path | str) -> Path:
    """The file that writing `target` replaces (the one a link names), once the cheap checks
    pass: its folder exists and may be written in, and it is not a folder, a device or a
    read-only file. Raises WriteError, one sentence, before any long work is done; the write
    itself still handles every error."""
    shown = Path(target)
    path = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    problem = _problem(path)
    if problem is not None:
        raise WriteError(f"cannot write {shown}: {problem}")
    return path


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove the partial files in `folder` that killed writes left behind (of any target):
    those whose writer is gone or that nobody has written to for `STALE_AFTER` seconds. A
    partial file a running write is still filling is kept. Returns what was removed."""
    removed: list[Path] = []
    try:
        with os.scandir(folder) as listing:
            entries = [entry for entry in listing if entry.name.endswith(PARTIAL_SUFFIX)]
    except OSError:
        return removed  # a folder that cannot be listed: the write says what is wrong
    now = time.time()
    for entry in entries:
        found = _PARTIAL.search(entry.name)
        if found is None or not entry.name.startswith("."):
            continue  # not a name write_file makes
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        fresh = now - info.st_mtime < STALE_AFTER
        if fresh and _writer_may_run(found["host"], int(found["pid"])):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        log.info("removed %s, left by a write that did not finish", entry.path)
        removed.append(Path(entry.path))
    return removed


def partial_name(target: Path) -> str:
    """A new name for the partial file of `target` (in the same folder)."""
    name = target.name
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) > _NAME_BYTES:
        name = encoded[:_NAME_BYTES].decode("utf-8", "ignore")
    return f".{name}.{_host()}-{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}"


# --- The temporary file -----------------------------------------------------------------------


class _Partial(io.FileIO):
    """The temporary file. It writes all it is given (a raw write may take only part), and
    once finished it takes writes without doing anything, so that a zip archive a failed
    writer left open can close itself later (in its finaliser) without an error."""

    path: Path
    _finished = False

    @classmethod
    def create(cls, target: Path) -> _Partial:
        """A new, empty temporary file beside `target`, with the permissions of the file it
        replaces; raises FileExistsError after three names that were all taken."""
        for _attempt in range(3):
            path = target.with_name(partial_name(target))
            try:
                partial = cls(path, "xb")
            except FileExistsError:
                continue
            partial.path = path
            _copy_mode(target, path)
            return partial
        raise FileExistsError(errno.EEXIST, "no free name for a temporary file")

    def finish(self) -> None:
        """Close the file; from now on writes and seeks do nothing."""
        self._finished = True
        self.close()

    def write(self, data: ReadableBuffer, /) -> int:
        """Write all of `data`, however many raw writes it takes; nothing once finished."""
        view = memoryview(data).cast("B")
        if self._finished:
            return len(view)
        done = 0
        while done < len(view):
            written = super().write(view[done:])
            if not written:
                raise OSError(errno.EIO, "the file took no more bytes")
            done += written
        return done

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        return 0 if self._finished else super().seek(offset, whence)

    def tell(self) -> int:
        return 0 if self._finished else super().tell()

    def flush(self) -> None:
        if not self._finished:
            super().flush()

    def truncate(self, size: int | None = None, /) -> int:
        return 0 if self._finished else super().truncate(size)


def _fill(partial: _Partial, content: Content, encoding: str) -> None:
    if isinstance(content, bytes):
        partial.write(content)
    elif isinstance(content, str):
        partial.write(content.encode(encoding))
    else:
        content(partial)
        partial.flush()


def _copy_mode(target: Path, partial: Path) -> None:
    """A replaced file keeps its permissions; a new one has the usual ones (umask)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return
    with contextlib.suppress(OSError):  # a disk without permissions (FAT, some shares)
        os.chmod(partial, mode)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):  # gone, or the disk went read-only: nothing to do
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable. The new file is in place whatever happens here, so a failure
    is logged, not reported as a failed write."""
    if os.name != "posix":
        return
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        log.warning("could not open %s to sync it: %s", folder, error)
        return
    try:
        os.fsync(handle)
    except OSError as error:
        log.warning("could not sync %s after renaming a file into it: %s", folder, error)
    finally:
        os.close(handle)


@functools.cache
def _host() -> str:
    """This computer, as it appears in partial file names: process ids only mean something
    on the computer that made them."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _writer_may_run(host: str, pid: int) -> bool:
    if host != _host() or os.name != "posix":  # on Windows os.kill would end the process
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


# --- What went wrong, in one sentence ---------------------------------------------------------


def _problem(path: Path) -> str | None:
    folder = path.parent
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            return f"{folder} is not a folder"
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
        if not folder.is_dir():
            return f"{_folder(folder)} does not exist"
    except OSError as error:
        return _reason(folder, error, _CREATE)
    if info is not None and stat.S_ISDIR(info.st_mode):
        return "it is a folder"
    if info is not None and not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    if _read_only_disk(folder):
        return f"{_folder(folder)} is read-only"
    if not os.access(folder, os.W_OK | os.X_OK):
        if _privileged():  # only a flag such as chattr +i stops root
            return f"{_folder(folder)} is locked against changes (operation not permitted)"
        return f"you do not have permission to write in {_folder(folder)}"
    if info is not None and not os.access(path, os.W_OK):
        if _privileged() or info.st_mode & 0o222:
            return f"the file is {_LOCKED}"
        return "the file is read-only"
    return None


def _privileged() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _read_only_disk(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _sentence(shown: Path, folder: Path, error: OSError, stage: str) -> str:
    return f"cannot write {shown}: {_reason(folder, error, stage)}"


def _reason(folder: Path, error: OSError, stage: str) -> str:
    code = error.errno
    plain = {errno.ENOSPC: "the disk is full",
             errno.EFBIG: "the file is too large for its disk",
             errno.EIO: "the disk reported an input/output error",
             errno.EROFS: f"{_folder(folder)} is read-only",
             errno.ENOTDIR: f"part of {folder} is not a folder",
             errno.EISDIR: "it is a folder",
             errno.ENAMETOOLONG: "the file name is too long",
             errno.EBUSY: "the file is in use"}
    if hasattr(errno, "EDQUOT"):
        plain[errno.EDQUOT] = "your disk quota is used up"
    if code in plain:
        return plain[code]
    if code == errno.ENOENT and stage != _REPLACE:
        return f"{_folder(folder)} does not exist"
    if code in (errno.EACCES, errno.EPERM):
        if stage == _REPLACE:
            return (f"the file is {_LOCKED}" if code == errno.EPERM else
                    "the file is read-only or open in another program (permission denied)")
        why = "operation not permitted" if code == errno.EPERM else "permission denied"
        return f"you may not write in {_folder(folder)} ({why})"
    text = error.strerror or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]


def _folder(folder: Path) -> str:
    return "the current folder" if str(folder) in ("", ".") else f"the folder {folder}"


__all__ = ["PARTIAL_SUFFIX", "STALE_AFTER", "Content", "Writer", "check_writable",
           "partial_name", "remove_stale_partials", "write_file"]
