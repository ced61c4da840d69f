"""reviewdesk.files: a file is written whole or not at all, a failure is one sentence and
leaves nothing behind, and partial files left by killed writers are cleaned up. The failing
disks and files are real (tests/support/disks.py), not mocked."""

from __future__ import annotations

import gc
import io
import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import BinaryIO

import pytest
from tests.support.disks import full_disk, immutable, leftovers, read_only_folder

from reviewdesk import files
from reviewdesk.errors import InputError, WriteError
from reviewdesk.files import PARTIAL_SUFFIX, STALE_AFTER, partial_name, write_file

OLD = b"an older file, kept as it was"
posix_only = pytest.mark.skipif(os.name != "posix", reason="needs POSIX processes and files")


def zip_writer(members: dict[str, bytes]) -> files.Writer:
    def write(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    return write


def one_sentence(error: pytest.ExceptionInfo[WriteError], target: Path, *words: str) -> None:
    message = str(error.value)
    assert message.startswith(f"cannot write {target}: "), message
    assert "\n" not in message and "Errno" not in message, message
    for word in words:
        assert word in message, message


# --- Writing ---------------------------------------------------------------------------------


def test_bytes_text_and_a_writer_are_written_whole(tmp_path: Path) -> None:
    assert write_file(tmp_path / "a.bin", b"\0\1\2") == tmp_path / "a.bin"
    write_file(tmp_path / "b.csv", "naïve,€\n", encoding="utf-8-sig")
    write_file(str(tmp_path / "c.zip"), zip_writer({"word/document.xml": b"<w/>" * 1000}))
    assert (tmp_path / "a.bin").read_bytes() == b"\0\1\2"
    assert (tmp_path / "b.csv").read_bytes() == "\ufeffnaïve,€\n".encode()
    with zipfile.ZipFile(tmp_path / "c.zip") as archive:
        assert archive.read("word/document.xml") == b"<w/>" * 1000
    assert sorted(os.listdir(tmp_path)) == ["a.bin", "b.csv", "c.zip"]


def test_a_file_there_is_replaced_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "notes.jsonld"
    target.write_bytes(OLD)
    target.chmod(0o640)
    write_file(target, "{}")
    assert target.read_text() == "{}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    umask = os.umask(0o022)
    os.umask(umask)
    write_file(tmp_path / "new.txt", "x")
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~umask


@posix_only
def test_a_link_keeps_pointing_at_the_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "report.csv"
    real.write_bytes(OLD)
    link = tmp_path / "report.csv"
    link.symlink_to(real)
    write_file(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert os.listdir(tmp_path / "shared") == ["report.csv"]


def test_a_long_name_still_has_room_for_its_partial_file(tmp_path: Path) -> None:
    target = tmp_path / ("é" * 120 + ".docx")  # 245 bytes in UTF-8
    assert len(partial_name(target).encode()) <= 255
    assert partial_name(target).startswith(".") and partial_name(target).endswith(
        PARTIAL_SUFFIX)
    write_file(target, b"x")
    assert target.read_bytes() == b"x" and os.listdir(tmp_path) == [target.name]


def test_a_failing_writer_leaves_the_older_file_and_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(OLD)

    def broken(stream: BinaryIO) -> None:
        stream.write(b"half a document")
        raise ValueError("a bug in the writer")

    with pytest.raises(ValueError, match="a bug in the writer"):
        write_file(target, broken)
    assert target.read_bytes() == OLD and os.listdir(tmp_path) == ["out.docx"]


# --- Names that cannot be written ------------------------------------------------------------


def test_what_cannot_be_written_is_said_before_writing(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "out.docx"
    with pytest.raises(WriteError) as error:
        write_file(missing, b"x")
    one_sentence(error, missing, f"the folder {missing.parent} does not exist")
    assert isinstance(error.value, InputError)  # a known error: exit status 1
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(WriteError) as error:
        write_file(tmp_path / "folder.csv", b"x")
    one_sentence(error, tmp_path / "folder.csv", "it is a folder")
    (tmp_path / "plain").write_bytes(OLD)
    with pytest.raises(WriteError) as error:
        write_file(tmp_path / "plain" / "out.csv", b"x")
    one_sentence(error, tmp_path / "plain" / "out.csv", "is not a folder")
    assert sorted(os.listdir(tmp_path)) == ["folder.csv", "plain"]


@posix_only
def test_a_device_or_pipe_is_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    with pytest.raises(WriteError) as error:
        write_file(pipe, b"x")
    one_sentence(error, pipe, "not a regular file")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


# --- Real disks that refuse writes -----------------------------------------------------------


def test_a_read_only_folder(tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "ro", {"out.docx": OLD}) as disk:
        for name in ("out.docx", "new.docx"):
            target = disk.folder / name
            with pytest.raises(WriteError) as error:
                write_file(target, b"x")
            one_sentence(error, target, disk.reason, str(disk.folder))
        assert (disk.folder / "out.docx").read_bytes() == OLD
        assert leftovers(disk.folder) == ["out.docx"]


@pytest.mark.parametrize("kind", ["bytes", "zip", "word"])
def test_a_full_disk(tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    document = docx.Document()
    for line in range(2000):
        document.add_paragraph(f"{line} " + os.urandom(24).hex())
    content: files.Content = {"bytes": os.urandom(200_000),
                              "zip": zip_writer({"a.bin": os.urandom(200_000)}),
                              "word": document.save}[kind]
    with full_disk(tmp_path / "full", {"out.docx": OLD}) as disk:
        for name in ("out.docx", "new.docx"):
            target = disk.folder / name
            with pytest.raises(WriteError) as error:
                write_file(target, content)
            one_sentence(error, target, disk.reason)
            del error
        assert (disk.folder / "out.docx").read_bytes() == OLD
        assert leftovers(disk.folder) == ["out.docx"]
        gc.collect()  # a zip archive the failed writer left open closes without a word
    assert unraisable == []


def test_a_disk_that_fills_while_writing(tmp_path: Path) -> None:
    with full_disk(tmp_path / "full", {"out.csv": OLD}) as disk:
        (disk.folder / "filler.bin").unlink()  # room again, for part of the file

        def big(stream: BinaryIO) -> None:
            for _ in range(200):
                stream.write(os.urandom(64 * 1024))

        with pytest.raises(WriteError) as error:
            write_file(disk.folder / "out.csv", big)
        one_sentence(error, disk.folder / "out.csv", "the disk is full")
        assert (disk.folder / "out.csv").read_bytes() == OLD
        assert os.listdir(disk.folder) == ["out.csv"]


def test_an_immutable_file(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(OLD)
    with immutable(target):
        with pytest.raises(WriteError) as error:
            write_file(target, b"new")
        one_sentence(error, target, "locked against changes (operation not permitted)")
    assert target.read_bytes() == OLD and os.listdir(tmp_path) == ["out.docx"]


def test_a_file_locked_while_it_is_written(tmp_path: Path) -> None:
    """The checks before the write pass; the rename onto the file is refused."""
    from tests.support.disks import set_immutable

    target = tmp_path / "out.docx"
    target.write_bytes(OLD)

    def lock_then_write(stream: BinaryIO) -> None:
        set_immutable(target)
        stream.write(b"new")

    try:
        with pytest.raises(WriteError) as error:
            write_file(target, lock_then_write)
        one_sentence(error, target, "locked against changes (operation not permitted)")
    finally:
        set_immutable(target, on=False)
    assert target.read_bytes() == OLD and os.listdir(tmp_path) == ["out.docx"]


# --- Partial files left by writers that were killed ------------------------------------------


def _partial(folder: Path, target: str, host: str, pid: int, age: float = 0) -> Path:
    path = folder / f".{target}.{host}-{pid}-{os.urandom(4).hex()}{PARTIAL_SUFFIX}"
    path.write_bytes(b"PK half")
    if age:
        os.utime(path, (time.time() - age, time.time() - age))
    return path


@posix_only
def test_partial_files_of_writers_that_are_gone_are_removed(tmp_path: Path) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead = int(finished.stdout)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as running:
        try:
            host = files._host()
            gone = _partial(tmp_path, "out.docx", host, dead)
            other_target = _partial(tmp_path, "summary.csv", host, dead)
            live = _partial(tmp_path, "out.docx", host, running.pid)
            ours = _partial(tmp_path, "out.docx", host, os.getpid())
            elsewhere = _partial(tmp_path, "out.docx", "ffffffff", dead)
            old_elsewhere = _partial(tmp_path, "out.docx", "ffffffff", dead, STALE_AFTER + 60)
            old_live = _partial(tmp_path, "b.docx", host, running.pid, STALE_AFTER + 60)
            not_ours = [tmp_path / f".out.docx.x{PARTIAL_SUFFIX}", tmp_path / "notes.txt"]
            for path in not_ours:
                path.write_bytes(b"keep")
            write_file(tmp_path / "out.docx", b"new")
        finally:
            running.kill()
    left = set(tmp_path.iterdir())
    assert {gone, other_target, old_elsewhere, old_live}.isdisjoint(left)
    assert {live, ours, elsewhere, *not_ours} <= left
    assert (tmp_path / "out.docx").read_bytes() == b"new"


WRITER = r"""
import sys, time
from pathlib import Path
from reviewdesk.files import write_file

def slow(stream):
    stream.write(b"PK" + b"x" * 100_000)
    stream.flush()
    print("writing", flush=True)
    time.sleep(60)

write_file(Path(sys.argv[1]), slow)
"""


@posix_only
def test_a_writer_killed_mid_write_leaves_a_partial_that_the_next_write_removes(
        tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(OLD)
    with subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE,
                          text=True) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "writing\n"
        [partial] = [p for p in tmp_path.iterdir() if p.name.endswith(PARTIAL_SUFFIX)]
        assert partial.name.startswith(".out.docx.") and f"-{writer.pid}-" in partial.name
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
    assert partial.stat().st_size > 100_000 and target.read_bytes() == OLD
    write_file(tmp_path / "other.csv", "a,b\n")  # any write into the folder cleans up
    assert sorted(os.listdir(tmp_path)) == ["other.csv", "out.docx"]
    assert target.read_bytes() == OLD


def test_stream_writes_are_whole(tmp_path: Path) -> None:
    """Callers such as zipfile ignore what write() returns, so every byte must go out."""
    payload = os.urandom(3 * 1024 * 1024)

    def write(stream: BinaryIO) -> None:
        assert stream.write(memoryview(payload)) == len(payload)
        stream.seek(0)
        stream.write(b"XY")
        stream.seek(0, io.SEEK_END)
        assert stream.tell() == len(payload)

    write_file(tmp_path / "big.bin", write)
    assert (tmp_path / "big.bin").read_bytes() == b"XY" + payload[2:]
