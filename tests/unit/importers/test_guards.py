"""Tests for input guards and read_brief: bad files are refused with one clear sentence."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from reviewdesk.domain.brief import SourceFormat
from reviewdesk.errors import InputError
from reviewdesk.importers import SUPPORTED_SUFFIXES, read_brief
from reviewdesk.importers.guards import read_text_file, source_file

TEXT = "Background\nThe Sarn River crosses two countries.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        TEXT.encode("utf-8-sig"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-32"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf32", "crlf", "cr"],
)
def test_read_text_file_decodes_and_normalises(tmp_path: Path, data: bytes) -> None:
    assert read_text_file(_write(tmp_path, "brief.txt", data)) == TEXT


def test_cp1252_fallback(tmp_path: Path) -> None:
    path = _write(tmp_path, "brief.txt", "Caf\u00e9 \u2014 \u201cquoted\u201d\n".encode("cp1252"))
    assert read_text_file(path) == "Caf\u00e9 \u2014 \u201cquoted\u201d\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"PK\x03\x04\x00\x00binary", "it is not a text file"),
        (b"\x89PNG\r\n\x1a\n\xff\xfe\xfd", "it is not a text file"),
        (b"\xef\xbb\xbf", "is empty"),
        (b"\xff\xfeA", "it is not a text file"),
    ],
    ids=["empty", "nul-bytes", "undecodable", "bom-only", "broken-utf16"],
)
def test_read_text_file_refuses_bad_content(tmp_path: Path, data: bytes, message: str) -> None:
    path = _write(tmp_path, "brief.txt", data)
    with pytest.raises(InputError, match=message) as caught:
        read_text_file(path)
    assert str(path) in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="does not exist"):
        read_text_file(missing)
    with pytest.raises(InputError, match="folder"):
        read_text_file(tmp_path)


def test_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, "brief.txt", b"x" * 101)
    with pytest.raises(InputError, match="larger than"):
        read_text_file(path, max_bytes=100)
    assert read_text_file(path, max_bytes=101) == "x" * 101


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "brief.txt", b"text")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_text_file(path)
    finally:
        path.chmod(0o600)


def test_permission_error_becomes_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "brief.txt", b"text")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match=f"cannot read {path}: permission denied"):
        read_text_file(path)


def test_source_file_hashes_the_bytes(tmp_path: Path) -> None:
    data = TEXT.encode("utf-8")
    source = source_file(_write(tmp_path, "brief.txt", data))
    assert (source.filename, source.data) == ("brief.txt", data)
    assert source.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("brief.txt", SourceFormat.TEXT), ("BRIEF.MD", SourceFormat.MARKDOWN),
     ("brief", SourceFormat.TEXT), ("brief.notes", SourceFormat.TEXT)],
)
def test_read_brief_picks_the_importer(tmp_path: Path, name: str, fmt: SourceFormat) -> None:
    brief = read_brief(_write(tmp_path, name, TEXT.encode("utf-8")))
    assert brief.source_format is fmt
    assert brief.blocks[-1].text.endswith("The Sarn River crosses two countries.")
    assert brief.source is not None and brief.source.filename == name


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html", ".htm", ".md", ".txt"])
def test_read_brief_names_a_missing_file(tmp_path: Path, suffix: str) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_brief(tmp_path / f"missing{suffix}")


def test_read_brief_refuses_binary_and_blank_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a text file"):
        read_brief(_write(tmp_path, "image.bin", b"\x00\x01\x02\x03"))
    with pytest.raises(InputError, match="has no text to review"):
        read_brief(_write(tmp_path, "blank.md", b"\n  \n---\n"))


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".text", ".md", ".markdown", ".docx", ".docm",
                                       ".pdf", ".html", ".htm", ".xhtml"}
