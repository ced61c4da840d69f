"""Damaging a database file on purpose, the ways disks, crashes and copying programs do: bytes
written into chosen pages (found with the dbstat table), a cut-off file, and a WAL whose
frames are intact but carry a broken page."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import struct
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from reviewdesk.services.annotations import annotate, delete_annotation
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store

BRIEF = """\
# Lake Corrin Fisheries Outlook

## Indicators

- In March 2024 the two councils signed a shared quota for perch.
- On 4 June 2024 the first joint patrol left the port of Alby.
- The closed season now lasts six weeks.

## Recommendations

1. The Corrin Council should publish its catch data every month.
2. The port authority should fund a second patrol boat.
"""
QUOTES = ["shared quota", "joint patrol", "closed season", "catch data", "second patrol boat"]
TITLE = "Lake Corrin Fisheries Outlook"


def reviewed_database(path: Path, annotations: int = 300) -> str:
    """A database made by the real store: a brief with `annotations` annotations (the
    annotation table and its indexes span many pages, its root an interior page), a fifth of
    them deleted again (so that the file has free pages). Returns the brief's id."""
    brief_file = path.with_name("lake-corrin.md")
    brief_file.write_text(BRIEF, encoding="utf-8")
    with Store(path) as store:
        brief = import_files(store, [brief_file])[0].id
        made = [annotate(store, brief, QUOTES[n % len(QUOTES)], tag="Claim",
                         comment=f"note {n}: " + "check the figures again " * 3,
                         reviewer="Ines Duarte").id
                for n in range(annotations)]
        for annotation in made[:annotations // 5]:
            delete_annotation(store, annotation)
    return brief


def fingerprint(path: Path) -> tuple[str, str | None]:
    """The database file's sha256, and its WAL's if it has one with frames in it."""
    wal = Path(f"{path}-wal")
    return (_sha256(path),
            _sha256(wal) if wal.exists() and wal.stat().st_size else None)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_size(path: Path) -> int:
    with _immutable(path) as connection:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])


def pages_of(path: Path, name: str, kind: str) -> list[int]:
    """The pages of the b-tree `name` (a table or index) of one kind: 'internal' or 'leaf'."""
    with _immutable(path) as connection:
        return [page for (page,) in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno",
            (name, kind))]


def _immutable(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(f"{path.absolute().as_uri()}?immutable=1", uri=True))


def write_into_page(path: Path, page: int, offset: int, data: bytes) -> None:
    size = page_size(path)
    with path.open("r+b") as file:
        file.seek((page - 1) * size + offset)
        file.write(data)


# --- The damages ------------------------------------------------------------------------------


def damage_header(path: Path) -> None:
    """The 16-byte "SQLite format 3" string at the start of the file overwritten."""
    with path.open("r+b") as file:
        file.write(b"Not SQLite fmt!\0")


def damage_table_root(path: Path) -> None:
    """The cell pointers of the annotation table's root (an interior b-tree page)."""
    [root] = pages_of(path, "annotation", "internal")
    write_into_page(path, root, 12, bytes(range(7, 71)))


def damage_index_page(path: Path) -> None:
    """The cell pointers of a leaf page of an index on the annotations."""
    leaf = pages_of(path, "ix_annotation_brief_start", "leaf")[1]
    write_into_page(path, leaf, 8, b"\xff" * 40)


def damage_freelist(path: Path) -> None:
    """The first freelist trunk page claims far more leaf pages than the file has."""
    with path.open("rb") as file:
        trunk = struct.unpack(">I", file.read(100)[32:36])[0]
    assert trunk, "the test database has free pages"
    write_into_page(path, trunk, 4, struct.pack(">I", 5000))


def damage_annotation_data(path: Path) -> None:
    """200 bytes of zeros in the middle of a page of annotation rows."""
    leaf = pages_of(path, "annotation", "leaf")[3]
    write_into_page(path, leaf, page_size(path) // 2, bytes(200))


def truncate(path: Path) -> None:
    """The file cut off after two thirds of its pages, as a copy that ran out of room."""
    size = page_size(path)
    pages = path.stat().st_size // size
    with path.open("r+b") as file:
        file.truncate(size * (pages * 2 // 3))


def damage_through_wal(path: Path) -> None:
    """The database file intact, its WAL holding an edit whose first frame carries a broken
    page: the frame's checksums are recomputed, so SQLite takes the page (as from a WAL
    written by a failing disk controller, or another database's WAL put beside this one)."""
    source = path.with_name(f"{path.name}.source")
    shutil.copyfile(path, source)
    writer = sqlite3.connect(source, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")  # the edit stays in the WAL
        writer.execute("UPDATE annotation SET comment = comment || ' (edited)'")
        shutil.copyfile(source, path)
        shutil.copyfile(f"{source}-wal", f"{path}-wal")
    finally:
        writer.close()
    for leftover in (source, Path(f"{source}-wal"), Path(f"{source}-shm")):
        leftover.unlink(missing_ok=True)
    wal = Path(f"{path}-wal")
    wal.write_bytes(_with_broken_first_frame(wal.read_bytes()))


def _with_broken_first_frame(wal: bytes) -> bytes:
    """The WAL with bytes 8-48 of its first frame's page overwritten and every frame's
    cumulative checksum recomputed (https://www.sqlite.org/fileformat2.html#walformat).
    A frame of page 1 is passed over: its first bytes are the file header, whose damage
    SQLite reports as a file that is not a database at all."""
    data = bytearray(wal)
    magic, _, size, _, _, _, first, second = struct.unpack(">8I", data[:32])
    order = "<" if magic == 0x377F0682 else ">"
    frame = 24 + size
    broken = next(start for start in range(32, len(data) - frame + 1, frame)
                  if struct.unpack(">I", data[start:start + 4])[0] != 1)
    data[broken + 24 + 8:broken + 24 + 48] = b"\xff" * 40
    sums = (first, second)
    for start in range(32, len(data) - frame + 1, frame):
        content = bytes(data[start:start + 8]) + bytes(data[start + 24:start + frame])
        sums = _checksum(content, order, sums)
        data[start + 16:start + 24] = struct.pack(">2I", *sums)
    return bytes(data)


def _checksum(content: bytes, order: str, sums: tuple[int, int]) -> tuple[int, int]:
    s0, s1 = sums
    for x0, x1 in struct.iter_unpack(f"{order}2I", content):
        s0 = (s0 + x0 + s1) & 0xFFFFFFFF
        s1 = (s1 + x1 + s0) & 0xFFFFFFFF
    return s0, s1


DAMAGES: dict[str, Callable[[Path], None]] = {
    "header": damage_header,
    "table_root": damage_table_root,
    "index_page": damage_index_page,
    "freelist": damage_freelist,
    "annotation_data": damage_annotation_data,
    "truncated": truncate,
    "wal": damage_through_wal,
}
