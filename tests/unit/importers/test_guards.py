"""Tests for input guards and read_brief: bad files are refused with one clear sentence."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from reviewdesk.domain.brief import SourceFormat
from reviewdesk.errors import InputError
from reviewdesk.importers import SUPPORTED_SUFFIXES, docx_package, guards, read_brief
from reviewdesk.importers.docx import parse_docx
from reviewdesk.importers.guards import looks_like, read_text_file, source_file
from reviewdesk.importers.zipguard import open_zip, read_member, safe_xml

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


# --- Hostile input: formats that lie, sizes past what a brief can be, zip and XML tricks


def _zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "a PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    (b"GIF89a\x01\x00", "a GIF image"),
    (b"{\\rtf1\\ansi Hello}", "an RTF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
     "an old Word (.doc) document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
     "a password-protected Office document"),
], ids=["pdf", "png", "jpeg", "gif", "rtf", "doc", "encrypted"])
def test_looks_like_names_the_format(data: bytes, kind: str) -> None:
    assert looks_like(data) == kind


def test_looks_like_tells_office_zips_apart() -> None:
    assert looks_like(_zip_of({"word/document.xml": b"<x/>"})) == "a Word document"
    assert looks_like(_zip_of({"xl/workbook.xml": b"<x/>"})) == "an Excel workbook"
    assert looks_like(_zip_of({"notes.txt": b"hi"})) == "a zip archive"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"), b"<html><body><p>Hi</p></body></html>",
    b"The header of a PDF is %PDF-1.7, as the spec says.", b""])
def test_looks_like_leaves_text_alone(data: bytes) -> None:
    assert looks_like(data) is None


@pytest.mark.parametrize(("name", "data", "message"), [
    ("brief.md", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
     "it is not a text file (it looks like a PDF)"),
    ("brief", b"\x89PNG\r\n\x1a\nrest", "it is not a text file (it looks like a PNG image)"),
    ("brief.docx", b"%PDF-1.4\n", "it is not a Word document (it looks like a PDF)"),
    ("brief.pdf", _zip_of({"word/document.xml": b"<x/>"}),
     "it is not a PDF file (it looks like a Word document)"),
    ("brief.docx", _zip_of({"xl/workbook.xml": b"<x/>"}),
     "it is not a Word document (it looks like an Excel workbook)"),
    ("brief.html", b"GIF89a\x01\x00\x01\x00", "it is not an HTML file (it looks like a GIF image)"),
    ("brief.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
     "it is an old Word (.doc) document; save it as .docx in Word first"),
], ids=["pdf-as-md", "png-without-suffix", "pdf-as-docx", "docx-as-pdf", "xlsx-as-docx",
        "gif-as-html", "doc-as-docx"])
def test_read_brief_says_what_a_misnamed_file_looks_like(tmp_path: Path, name: str,
                                                        data: bytes, message: str) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_brief(path)
    assert str(caught.value) == f"cannot import {path}: {message}"


def test_a_paragraph_may_be_as_long_as_the_limit(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guards, "MAX_PARAGRAPH_CHARS", 40)
    fits = _write(tmp_path, "fits.txt", b"Title\n\n" + b"x" * 40 + b"\n")
    assert read_brief(fits).blocks[-1].text == "x" * 40
    long = _write(tmp_path, "long.txt", b"Title\n\n" + b"x" * 41 + b"\n")
    with pytest.raises(InputError) as caught:
        read_brief(long)
    assert str(caught.value) == (f"cannot import {long}: a paragraph is longer than ReviewDesk "
                                 "can handle (41 characters; the limit is 40)")


def test_a_paragraph_of_many_lines_is_measured_once_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guards, "MAX_PARAGRAPH_CHARS", 40)
    wrapped = "\n".join(["word word word"] * 4)  # 59 characters once joined
    path = _write(tmp_path, "wrapped.md", f"# Title\n\n{wrapped}\n".encode())
    with pytest.raises(InputError, match=r"a paragraph is longer .* \(59 characters; "):
        read_brief(path)


def test_a_text_longer_than_a_brief_can_be_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guards, "MAX_BRIEF_CHARS", 100)
    text = "\n\n".join(["A short paragraph."] * 5)  # 98 characters
    assert read_brief(_write(tmp_path, "fits.txt", text.encode())).text
    longer = _write(tmp_path, "long.txt", (text + "\n\nMore.").encode())
    with pytest.raises(InputError, match=r"its text is longer than ReviewDesk can handle "
                                         r"\(105 characters; the limit is 100\)"):
        read_brief(longer)
    html = _write(tmp_path, "long.html", "".join(f"<p>Paragraph {n}.</p>" for n in range(12))
                  .encode())
    with pytest.raises(InputError, match="its text is longer"):
        read_brief(html)


def test_read_member_inflates_a_slice_at_a_time() -> None:
    """A member declared at 1 KB that inflates to 200 MB: zipfile's own read() would
    inflate it all in one step before the checksum fails."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = b"".join(packer.compress(bytes(1 << 20)) for _ in range(200)) + packer.flush()
    data = bytearray(_zip_of({"word/document.xml": b"x" * 1000}, zipfile.ZIP_STORED))
    local_end = 30 + len("word/document.xml")
    data = data[:local_end] + stream + data[local_end + 1000:]
    central = data.index(b"PK\x01\x02")
    for at in (8, central + 10):  # method: deflate
        data[at:at + 2] = struct.pack("<H", zipfile.ZIP_DEFLATED)
    for at in (18, central + 20):  # packed size
        data[at:at + 4] = struct.pack("<I", len(stream))
    data[central + 42:central + 46] = struct.pack("<I", 0)  # local header offset
    end = data.index(b"PK\x05\x06")
    data[end + 16:end + 20] = struct.pack("<I", central)
    archive = open_zip(bytes(data), "lying.docx")
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="damaged or truncated"):
            read_member(archive, "word/document.xml", "lying.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_read_member_holds_to_its_limit() -> None:
    archive = zipfile.ZipFile(io.BytesIO(_zip_of({"word/document.xml": b" " * 5000})))
    assert len(read_member(archive, "word/document.xml", "x.docx", limit=5000)) == 5000
    with pytest.raises(InputError, match=r"word/document.xml would unpack to more than "
                                         r"ReviewDesk can read"):
        read_member(archive, "word/document.xml", "x.docx", limit=4999)


@pytest.mark.parametrize(("method", "name"), [(zipfile.ZIP_BZIP2, "bzip2"),
                                              (zipfile.ZIP_LZMA, "lzma")])
def test_read_member_refuses_methods_word_never_uses(method: int, name: str) -> None:
    archive = zipfile.ZipFile(io.BytesIO(_zip_of({"word/document.xml": b"<x/>"}, method)))
    with pytest.raises(InputError, match=f"compressed with {name}, which ReviewDesk does not read"):
        read_member(archive, "word/document.xml", "x.docx")


def test_open_zip_counts_entries_before_zipfile_reads_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_args: object) -> None:
        raise AssertionError("zipfile read the directory")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    with pytest.raises(InputError, match=r"zip bomb \(it holds more than 10 files\)"):
        open_zip(b"PK\x03\x04" + b"PK\x01\x02" * 11, "many.docx", max_entries=10)


def test_docx_xml_is_limited_as_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_package, "MAX_XML_BYTES", 1000)
    data = _zip_of({"word/document.xml": b"<x>" + b" " * 600 + b"</x>",
                    "word/styles.xml": b"<x>" + b" " * 600 + b"</x>",
                    "word/media/image1.png": bytes(5000)})
    with pytest.raises(InputError, match=r"its XML parts would unpack to more than ReviewDesk "
                                         r"can read \(over 0.001 MB; it may be a zip bomb\)"):
        parse_docx(data, "big.docx")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_safe_xml_finds_a_dtd_in_utf16(encoding: str) -> None:
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
           .encode(encoding))
    with pytest.raises(InputError, match="declares a DTD or entities"):
        safe_xml(xml, "word/document.xml", "x.docx")


def test_safe_xml_names_libxml2_limits() -> None:
    deep = b"<x>" * 300 + b"</x>" * 300
    with pytest.raises(InputError, match=r"^cannot import x.docx: word/document.xml is nested "
                                         r"more than 256 levels deep"):
        safe_xml(deep, "word/document.xml", "x.docx")
    long = b"<x>" + b"a" * (guards.XML_MAX_TEXT + 1) + b"</x>"
    with pytest.raises(InputError, match=r"a paragraph is longer than ReviewDesk can handle "
                                         r"\(more than 10,000,000 characters"):
        safe_xml(long, "word/document.xml", "x.docx")
    assert safe_xml(b"<x>" * 250 + b"</x>" * 250, "p").tag == "x"


@pytest.mark.parametrize(("levels", "refused"), [(9, False), (10, True)])
def test_markdown_lists_nested_past_the_parser_limit_are_refused(
        tmp_path: Path, levels: int, refused: bool) -> None:
    """markdown-it drops everything after its nesting limit; that is never imported."""
    lists = "".join(f"{'  ' * level}- level {level}\n" for level in range(levels))
    path = _write(tmp_path, "lists.md", f"{lists}\nThe end.\n".encode())
    if refused:
        with pytest.raises(InputError, match="nested too deeply"):
            read_brief(path)
    else:
        assert read_brief(path).blocks[-1].text == "The end."


def test_html_cut_short_by_libxml2_is_refused(tmp_path: Path) -> None:
    page = "<html><body><p>Start</p>" + "<div>" * 300 + "deep" + "</div>" * 300
    path = _write(tmp_path, "deep.html", (page + "<p>End</p></body></html>").encode())
    with pytest.raises(InputError, match="nested more than 256 levels deep"):
        read_brief(path)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _word(comment: str = "Check the date.", title: str = "Ferry notes") -> bytes:
    """A small Word document with one comment and a title in its core properties."""
    return _zip_of({
        "_rels/.rels": (
            f'<Relationships xmlns="{_RELS}"><Relationship Id="r1" Type="{_OFFICE}/'
            'officeDocument" Target="word/document.xml"/><Relationship Id="r2" '
            f'Type="{_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>").encode(),
        "word/_rels/document.xml.rels": (
            f'<Relationships xmlns="{_RELS}"><Relationship Id="r1" Type="{_OFFICE}/comments" '
            'Target="comments.xml"/></Relationships>').encode(),
        "word/document.xml": (
            f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>The ferry runs twice a week.'
            "</w:t></w:r></w:p></w:body></w:document>").encode(),
        "word/comments.xml": (
            f'<w:comments xmlns:w="{_W}"><w:comment w:id="0" w:author="Ines"><w:p><w:r>'
            f"<w:t>{comment}</w:t></w:r></w:p></w:comment></w:comments>").encode(),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title></cp:coreProperties>").encode(),
    })


def test_a_comment_is_held_to_the_paragraph_limit(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guards, "MAX_PARAGRAPH_CHARS", 40)
    assert read_brief(_write(tmp_path, "short.docx", _word("x" * 40))).source_comments
    path = _write(tmp_path, "long.docx", _word("x" * 41))
    with pytest.raises(InputError) as caught:
        read_brief(path)
    assert str(caught.value) == (f"cannot import {path}: a comment is longer than ReviewDesk "
                                 "can handle (41 characters; the limit is 40)")


def test_a_title_longer_than_a_title_can_be_is_cut_at_a_word(tmp_path: Path) -> None:
    words = " ".join(f"harbour{index}" for index in range(400))
    brief = read_brief(_write(tmp_path, "titled.docx", _word(title=words)))
    assert len(brief.title) <= guards.MAX_TITLE_CHARS
    assert brief.title.endswith("…") and words.startswith(brief.title[:-1] + " ")
    assert read_brief(_write(tmp_path, "plain.docx", _word())).title == "Ferry notes"
