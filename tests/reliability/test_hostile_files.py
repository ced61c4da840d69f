"""Hostile files, built here, are refused with one clear sentence in bounded time and memory,
and leave the database as it was.

Each case runs the real `reviewdesk import` in its own process, under a cap on its address
space, against a copy of a store that already holds a brief. A few hostile files are read
correctly instead (an HTML page's DTD, a PDF whose cross-references loop): those must import
in bounded time without leaking what their entities point at.
"""

from __future__ import annotations

import bz2
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief
from reviewdesk.services.briefs import import_files, list_briefs, load_brief
from reviewdesk.storage.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX resource limits")

TIMEOUT = 60.0  # seconds per import, far above what any case needs
ADDRESS_SPACE = 1536 * 1024 * 1024  # what the import process (and its PDF reader) may map
PEAK_RSS_MB = 600  # resident memory an import may reach, its PDF reader included
SECRET = "KESTREL-LEDGER-7741"  # what the external entities point at

SEED_TITLE = "Ferry Links Between Kell and Orra"
SEED_MD = f"""\
# {SEED_TITLE}

## Introduction

The island councils of Kell and Orra have argued about the winter ferry for years.

## Recommendations

- The Kell council should publish the winter timetable in October.
"""
SAMPLE = "The ferry between Kell and Orra now runs twice a week."
_WORDS = ("ferry", "harbour", "council", "timetable", "winter", "tariff", "pier", "crossing",
          "island", "schedule", "passenger", "freight", "levy", "route", "storm", "quay")


# --- Zip archives written by hand: sizes, methods and entries exactly as a hostile file has them


@dataclass(slots=True)
class Member:
    name: str
    stream: bytes  # the packed bytes as stored
    crc: int
    size: int  # what the stream really inflates to
    method: int = 8  # deflate
    declared: int | None = None  # the size the archive claims, when it lies

    @classmethod
    def deflated(cls, name: str, data: bytes, level: int = 6) -> Member:
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        return cls(name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))


def write_zip(members: list[Member]) -> bytes:
    """A zip (ZIP64 end records when it has more than 65,535 entries) of these members."""
    out, central = bytearray(), bytearray()
    for member in members:
        name = member.name.encode()
        size = member.size if member.declared is None else member.declared
        head = (member.method, 0, 0x21, member.crc, len(member.stream), size, len(name))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, *head, 0, 0, 0,
                               0, 0, len(out)) + name
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, *head, 0) + name + member.stream
    start, count = len(out), len(members)
    out += central
    if count > 0xFFFF:
        record = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                           len(central), start)
        out += struct.pack("<IIQI", 0x07064B50, 0, record, 1)
        count = 0xFFFF
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)


_POLY = 0xEDB88320


def _multmodp(a: int, b: int) -> int:
    """a * b modulo the CRC-32 polynomial (zlib's crc32_combine arithmetic)."""
    product, mask = 0, 1 << 31
    while True:
        if a & mask:
            product ^= b
            if a & (mask - 1) == 0:
                return product
        mask >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def _crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B from those of A and B: no need to build gigabytes to sign them."""
    power, square, n = 1 << 31, 1 << 30, length2 * 8
    while n:
        if n & 1:
            power = _multmodp(square, power)
        square = _multmodp(square, square)
        n >>= 1
    return _multmodp(power, crc1) ^ crc2


def _repeated_crc(chunk: bytes, times: int) -> int:
    crc, unit, length = 0, zlib.crc32(chunk), len(chunk)
    while times:
        if times & 1:
            crc = _crc32_combine(crc, unit, length)
        unit, length, times = _crc32_combine(unit, unit, length), length * 2, times >> 1
    return crc


def bomb(name: str, head: bytes, chunk: bytes, times: int, tail: bytes) -> Member:
    """`head + chunk * times + tail` deflated without ever being built: a full flush after
    each piece resets the compressor, so every chunk packs to the same bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    packed = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    last = packer.compress(tail) + packer.flush()
    crc = _crc32_combine(zlib.crc32(head), _repeated_crc(chunk, times), len(chunk) * times)
    crc = _crc32_combine(crc, zlib.crc32(tail), len(tail))
    return Member(name, first + packed * times + last, crc,
                  len(head) + len(chunk) * times + len(tail))


# --- A Word document's parts


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_TYPES = (f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (f'{_XML}<Relationships xmlns="{_PKG}">'
             f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
             f'<Relationship Id="rId2" Type="{_PKG}/metadata/core-properties" '
             'Target="docProps/core.xml"/></Relationships>')
_DOCUMENT_RELS = (f'{_XML}<Relationships xmlns="{_PKG}">'
                  f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
                  f'<Relationship Id="rId2" Type="{_REL}/footnotes" Target="footnotes.xml"/>'
                  '</Relationships>')
STYLES = (f'{_XML}<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Normal">'
          '<w:name w:val="Normal"/></w:style></w:styles>')
CORE = (f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:title>Winter ferry notes</dc:title></cp:coreProperties>")


def paragraph(text: str, style: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"


def document(body: str) -> str:
    return f'{_XML}<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


FOOTNOTES = f'{_XML}<w:footnotes xmlns:w="{W}"><w:footnote w:id="1">{paragraph("A note.")}' \
            "</w:footnote></w:footnotes>"


def docx_parts(parts: dict[str, str | bytes] | None = None) -> dict[str, bytes]:
    """The parts of a small valid .docx, with `parts` (name -> XML) replacing some."""
    base: dict[str, str | bytes] = {
        "[Content_Types].xml": _TYPES, "_rels/.rels": ROOT_RELS,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/document.xml": document(paragraph(SAMPLE)),
        "word/styles.xml": STYLES, "word/footnotes.xml": FOOTNOTES, "docProps/core.xml": CORE,
    }
    base.update(parts or {})
    return {name: data.encode() if isinstance(data, str) else data
            for name, data in base.items()}


def docx(parts: dict[str, str | bytes] | None = None, extra: list[Member] | None = None
         ) -> bytes:
    """A .docx of these parts; `extra` members replace parts of the same name."""
    replaced = {member.name for member in extra or []}
    members = [Member.deflated(name, data) for name, data in docx_parts(parts).items()
               if name not in replaced]
    return write_zip(members + (extra or []))


def with_doctype(xml: str, doctype: str) -> str:
    """`xml` with a DOCTYPE right after its XML declaration."""
    declaration, rest = xml.split("?>", 1)
    return f"{declaration}?>{doctype}{rest}"


def utf16(xml: str) -> bytes:
    """The part in UTF-16, where a search for "<!DOCTYPE" in its bytes finds nothing."""
    return xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")


LAUGHS = ('<!DOCTYPE w:document [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)) + "]>")


def xxe(secret: Path) -> str:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'


# --- Text of a size


@cache
def long_text(length: int = 20_000_000) -> str:
    """`length` characters of words with no paragraph break; random words pack like text."""
    rng = random.Random(4127)
    words = " ".join(rng.choices(_WORDS, k=length // 6 + 1))
    return words[:length - 1] + "."


def many_paragraphs() -> str:
    text = long_text()
    return "\n\n".join(text[start:start + 600] for start in range(0, len(text), 600))


# --- Hand-made PDFs


def pdf_objects() -> list[bytes]:
    content = f"BT /F1 12 Tf 72 720 Td ({SAMPLE}) Tj ET".encode()
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def pdf_body(objects: list[bytes]) -> tuple[bytes, bytes]:
    """The objects after the header, and an xref table that finds them."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    table += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return bytes(out), table


def pdf(objects: list[bytes] | None = None) -> bytes:
    body, table = pdf_body(objects or pdf_objects())
    return body + table + (b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                           % len(body))


def pdf_xref_self() -> bytes:
    """The only xref section's /Prev is its own offset."""
    body, table = pdf_body(pdf_objects())
    at = len(body)
    return body + table + b"trailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n" \
        b"%%%%EOF\n" % (at, at)


def pdf_xref_pair() -> bytes:
    """Two xref sections whose /Prev point at each other."""
    body, table = pdf_body(pdf_objects())
    first = len(body)
    trailer = b"trailer\n<< /Size 6 /Root 1 0 R /Prev %010d >>\n"
    second = first + len(table) + len(trailer % 0)
    return (body + table + trailer % second + table + trailer % first
            + b"startxref\n%d\n%%%%EOF\n" % second)


def pdf_xref_stream_self() -> bytes:
    """A cross-reference stream (PDF 1.5) whose /Prev is its own offset."""
    body, _ = pdf_body(pdf_objects())
    offsets = [body.index(b"%d 0 obj" % number) for number in range(1, 6)]
    at = len(body)
    rows = b"\x00\x00\x00\xff" + b"".join(struct.pack(">BHB", 1, offset, 0)
                                          for offset in [*offsets, at])
    stream = (b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R /Prev %d /Length %d >>\n"
              b"stream\n%s\nendstream\nendobj\n" % (at, len(rows), rows))
    return body + stream + b"startxref\n%d\n%%%%EOF\n" % at


def pdf_xref_loop_alone() -> bytes:
    """An xref section pointing at itself, and no objects to rebuild a document from."""
    head = b"%PDF-1.4\n"
    return head + (b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev %d >>"
                   b"\nstartxref\n%d\n%%%%EOF\n" % (len(head), len(head)))


def pdf_page_tree_loop() -> bytes:
    objects = pdf_objects()
    objects[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
    return pdf(objects)


# --- The cases


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    filename: str
    build: Callable[[Path], bytes]  # gets the secret file's path
    words: tuple[str, ...]  # what the one-line error must say


def _bomb_docx(_: Path) -> bytes:
    """word/document.xml inflates to 4 GB, as the archive honestly declares."""
    head, tail = document(paragraph(SAMPLE)).encode().split(b"</w:body>")
    return docx(extra=[bomb("word/document.xml", head, b" " * (1 << 20), 4000,
                            b"</w:body>" + tail)])


def _bomb_low_ratio_docx(_: Path) -> bytes:
    """400 MB declared at a ratio under 200, under the archive-wide 500 MB screen: only the
    limit on XML stops it."""
    head, tail = document(paragraph(SAMPLE)).encode().split(b"</w:body>")
    member = bomb("word/document.xml", head, b" " * (1 << 20), 400, b"</w:body>" + tail)
    member.stream += bytes(member.size // 190 - len(member.stream))  # never read: after the end
    return docx(extra=[member])


def _bomb_lying_docx(_: Path) -> bytes:
    """Declares 30 KB; the stream inflates to 4 GB."""
    head, tail = document(paragraph(SAMPLE)).encode().split(b"</w:body>")
    member = bomb("word/document.xml", head, b" " * (1 << 20), 4000, b"</w:body>" + tail)
    member.declared = 30_000
    return docx(extra=[member])


def _bzip2_docx(_: Path) -> bytes:
    """A bzip2 member, which zipfile inflates in one step (64 MB here, declared as 30 KB)."""
    packer = bz2.BZ2Compressor(9)
    xml = document(paragraph(SAMPLE)).encode()
    packed = packer.compress(xml) + b"".join(packer.compress(b" " * (1 << 20))
                                             for _ in range(64))
    packed += packer.flush()
    return docx(extra=[Member("word/document.xml", packed, zlib.crc32(xml), 30_000, method=12)])


def _many_entries_docx(_: Path) -> bytes:
    empty = Member.deflated("", b"")
    members = [Member(f"m/{index:05d}", empty.stream, empty.crc, 0) for index in range(100_000)]
    return docx(extra=members)


def _deep_docx(_: Path) -> bytes:
    depth = 100_000
    opened = "".join(f'<w:customXml w:element="n{index}">' for index in range(depth))
    return docx({"word/document.xml": document(
        paragraph(SAMPLE) + opened + paragraph("deep") + "</w:customXml>" * depth)})


def _style_chain_docx(_: Path) -> bytes:
    """5,000 styles, each based on the one before: a chain, not a loop."""
    styles = ['<w:style w:type="paragraph" w:styleId="s0"><w:name w:val="heading 1"/></w:style>']
    styles += [f'<w:style w:type="paragraph" w:styleId="s{n}"><w:name w:val="Style {n}"/>'
               f'<w:basedOn w:val="s{n - 1}"/></w:style>' for n in range(1, 5000)]
    return docx({"word/document.xml": document(paragraph("Winter crossings", "s4999")
                                               + paragraph(SAMPLE)),
                 "word/styles.xml": f'{_XML}<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>'})


def _text_bytes(text: str) -> Callable[[Path], bytes]:
    return lambda _: text.encode()


def _html(body: str, doctype: str = "<!DOCTYPE html>") -> str:
    return f"{doctype}<html><head><title>Winter ferry</title></head><body>{body}</body></html>"


def _png(_: Path) -> bytes:
    header = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
    return header + random.Random(3).randbytes(300)


def _old_doc(_: Path) -> bytes:
    """The start of an OLE compound file whose directory names a WordDocument stream."""
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le")
            + bytes(1024))


def _docx_with(part: str, xml: Callable[[Path], str | bytes]) -> Callable[[Path], bytes]:
    return lambda secret: docx({part: xml(secret)})


REFUSED = [
    # Zip bombs and lying archives.
    Case("docx-zip-bomb-4gb", "bomb.docx", _bomb_docx, ("zip bomb", "500 MB")),
    Case("docx-zip-bomb-400mb-low-ratio", "bomb.docx", _bomb_low_ratio_docx,
         ("XML parts", "50 MB", "zip bomb")),
    Case("docx-zip-bomb-lying-sizes", "bomb.docx", _bomb_lying_docx, ("damaged",)),
    Case("docx-bzip2-member", "packed.docx", _bzip2_docx, ("bzip2", "does not read")),
    Case("docx-100000-entries", "entries.docx", _many_entries_docx,
         ("zip bomb", "10,000 files")),
    # Entities and DTDs in the parts of a Word document.
    Case("docx-billion-laughs", "laughs.docx",
         _docx_with("word/document.xml", lambda _: with_doctype(
             document(paragraph("&lol9;")), LAUGHS)), ("word/document.xml", "DTD")),
    Case("docx-billion-laughs-utf16", "laughs.docx",
         _docx_with("word/document.xml", lambda _: utf16(with_doctype(
             document(paragraph("&lol9;")), LAUGHS))), ("word/document.xml", "DTD")),
    Case("docx-xxe-document", "xxe.docx",
         _docx_with("word/document.xml", lambda secret: with_doctype(
             document(paragraph("&xxe;")), xxe(secret))), ("word/document.xml", "DTD")),
    Case("docx-xxe-styles", "xxe.docx",
         _docx_with("word/styles.xml", lambda secret: with_doctype(
             STYLES.replace("Normal\"/>", "&xxe;\"/>"), xxe(secret))), ("word/styles.xml",)),
    Case("docx-xxe-footnotes", "xxe.docx",
         _docx_with("word/footnotes.xml", lambda secret: with_doctype(
             FOOTNOTES.replace("A note.", "&xxe;"), xxe(secret))), ("word/footnotes.xml",)),
    Case("docx-xxe-core-properties-utf16", "xxe.docx",
         _docx_with("docProps/core.xml", lambda secret: utf16(with_doctype(
             CORE.replace("Winter ferry notes", "&xxe;"), xxe(secret)))),
         ("docProps/core.xml",)),
    Case("docx-xxe-parameter-entity-rels", "xxe.docx",
         _docx_with("_rels/.rels", lambda secret: with_doctype(
             ROOT_RELS, f'<!DOCTYPE r [<!ENTITY % x SYSTEM "{secret.as_uri()}"> %x;]>')),
         ("_rels/.rels", "DTD")),
    # Nesting.
    Case("docx-100000-nested-elements", "deep.docx", _deep_docx,
         ("word/document.xml", "nested more than 256 levels")),
    Case("html-100000-nested-elements", "deep.html",
         _text_bytes(_html(f"<p>{SAMPLE}</p>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000)),
         ("nested more than 256 levels",)),
    Case("md-100000-nested-lists", "deep.md",
         _text_bytes(f"{SAMPLE}\n\n" + "- " * 100_000 + "deep\n\nThe end.\n"),
         ("nested too deeply",)),
    Case("md-100000-nested-quotes", "deep.md",
         _text_bytes(f"{SAMPLE}\n\n" + ">" * 100_000 + " deep\n\nThe end.\n"),
         ("nested too deeply",)),
    Case("md-2000-indented-lists", "deep.md",
         _text_bytes(f"{SAMPLE}\n\n" + "".join(f"{'  ' * n}- item {n}\n" for n in range(2000))),
         ("nested too deeply",)),
    # A 20 MB paragraph, and 20 MB of paragraphs.
    Case("txt-20mb-paragraph", "long.txt", lambda _: long_text().encode(),
         ("a paragraph is longer", "20,000,000 characters", "1,000,000")),
    Case("md-20mb-paragraph", "long.md", lambda _: long_text().encode(),
         ("a paragraph is longer", "20,000,000 characters")),
    Case("html-20mb-paragraph", "long.html", lambda _: _html(f"<p>{long_text()}</p>").encode(),
         ("a paragraph is longer", "10,000,000")),
    Case("docx-20mb-paragraph", "long.docx",
         lambda _: docx({"word/document.xml": document(paragraph(long_text()))}),
         ("a paragraph is longer", "10,000,000")),
    Case("docx-20mb-paragraph-in-runs", "long.docx",
         lambda _: docx({"word/document.xml": document("<w:p>" + "".join(
             f"<w:r><w:t>{long_text()[start:start + 500_000]}</w:t></w:r>"
             for start in range(0, len(long_text()), 500_000)) + "</w:p>")}),
         ("a paragraph is longer", "20,000,000 characters")),
    Case("txt-20mb-of-paragraphs", "long.txt", lambda _: many_paragraphs().encode(),
         ("its text is longer", "10,000,000")),
    # Broken PDFs.
    Case("pdf-truncated", "cut.pdf", lambda _: pdf()[:len(pdf()) // 2], ("truncated",)),
    Case("pdf-xref-loop-nothing-to-rebuild", "loop.pdf", lambda _: pdf_xref_loop_alone(),
         ("damaged",)),
    Case("pdf-page-tree-loop", "pages.pdf", lambda _: pdf_page_tree_loop(),
         ("damaged", "cannot be read")),
    # Files that are not what their names say.
    Case("pdf-named-docx", "report.docx", lambda _: pdf(),
         ("not a Word document", "looks like a PDF")),
    Case("docx-named-pdf", "report.pdf", lambda _: docx(),
         ("not a PDF file", "looks like a Word document")),
    Case("pdf-named-md", "report.md", lambda _: pdf(), ("not a text file", "looks like a PDF")),
    Case("png-named-md", "picture.md", _png, ("not a text file", "PNG image")),
    Case("png-named-txt", "picture.txt", _png, ("not a text file", "PNG image")),
    Case("doc-named-docx", "old.docx", _old_doc, ("old Word (.doc)", "save it as .docx")),
    Case("random-bytes-named-html", "noise.html",
         lambda _: random.Random(11).randbytes(64_000), ("not an HTML file",)),
    Case("empty-docx", "empty.docx", lambda _: b"", ("is empty",)),
    Case("empty-pdf", "empty.pdf", lambda _: b"", ("is empty",)),
    Case("empty-md", "empty.md", lambda _: b"", ("is empty",)),
]

# Hostile, yet readable: these import, in bounded time, with nothing an entity points at.
READ = [
    Case("html-xxe", "xxe.html", lambda secret: _html(
        f"<p>{SAMPLE} &xxe;</p>", xxe(secret).replace("x [", "html [")).encode(), ()),
    Case("html-billion-laughs", "laughs.html", lambda _: _html(
        f"<p>{SAMPLE} &lol9;</p>", LAUGHS.replace("w:document", "html")).encode(), ()),
    Case("pdf-xref-prev-self", "loop.pdf", lambda _: pdf_xref_self(), ()),
    Case("pdf-xref-prev-pair", "loop.pdf", lambda _: pdf_xref_pair(), ()),
    Case("pdf-xref-stream-prev-self", "loop.pdf", lambda _: pdf_xref_stream_self(), ()),
    Case("docx-5000-chained-styles", "chain.docx", _style_chain_docx, ()),
]


# --- Running the command


@dataclass(frozen=True, slots=True)
class Outcome:
    """One case imported by the real command into its own copy of the seeded store."""

    path: Path  # the hostile file
    db: Path
    home: Path  # the case's XDG folders: data, logs (crash reports), settings
    returncode: int | None  # None: still running at the timeout, then killed
    stdout: str
    stderr: str
    peak_mb: float


# Caps its own address space, runs the command and writes its exit status and peak memory.
# A child's peak counts the memory of the process it was forked from, so the command is
# forked from this small launcher, not from the test process with its large inputs; the
# peak from wait4() includes the PDF reader the command spawned and waited for.
_LAUNCHER = """\
import os, resource, sys
cap, report, *command = sys.argv[1:]
resource.setrlimit(resource.RLIMIT_AS, (int(cap), int(cap)))
pid = os.fork()
if pid == 0:
    try:
        os.execv(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def run_import(db: Path, path: Path, home: Path) -> Outcome:
    """`reviewdesk import PATH` under the address-space cap, in its own process group (so
    that a timeout kills its PDF reader too), with its own XDG folders in `home`."""
    report = home / "report.txt"
    command = [sys.executable, "-I", "-c", _LAUNCHER, str(ADDRESS_SPACE), str(report),
               sys.executable, "-m", "reviewdesk", "--db", str(db), "import", str(path)]
    env = {**os.environ, **{variable: str(home / variable.lower()) for variable in
                            ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME",
                             "XDG_CACHE_HOME")}}
    out_path, err_path = home / "stdout.txt", home / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        launcher = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                    env=env, start_new_session=True)
        try:
            launcher.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
    returncode, peak_kb = map(int, report.read_text().split()) if report.exists() \
        else (None, 0)
    return Outcome(path, db, home, returncode, out_path.read_text(errors="replace"),
                   err_path.read_text(errors="replace"), peak_kb / 1024)


def dump(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as connection:
        return list(connection.iterdump())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A store holding one brief, and the dump of all its tables."""
    folder = tmp_path_factory.mktemp("seeded")
    seed = folder / "ferry-links.md"
    seed.write_text(SEED_MD, encoding="utf-8")
    db = folder / "review.sqlite3"
    with Store(db) as store:
        import_files(store, [seed])
    return db, dump(db)


def _import_case(case: Case, seeded: Path, folder: Path) -> Outcome:
    home = folder / "home"
    home.mkdir()
    secret = folder / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    path = folder / "input" / case.filename
    path.parent.mkdir()
    path.write_bytes(case.build(secret))
    db = folder / "store" / seeded.name
    db.parent.mkdir()
    for file in seeded.parent.glob(seeded.name + "*"):  # with its -wal and -shm, if any
        shutil.copy2(file, db.parent / file.name)
    return run_import(db, path, home)


@pytest.fixture(scope="module")
def imported(request: pytest.FixtureRequest, seeded: tuple[Path, list[str]],
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The outcome of every case selected in this run, imported two at a time: each import
    is a fresh process that spends most of a second starting up, and CI has two cores."""
    selected = {item.callspec.params["case"] for item in request.session.items
                if item.module is request.module and hasattr(item, "callspec")
                and isinstance(item.callspec.params.get("case"), Case)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {case.id: pool.submit(_import_case, case, seeded[0],
                                        tmp_path_factory.mktemp(case.id))
                   for case in [*REFUSED, *READ] if case in selected}
        return {case_id: future.result() for case_id, future in futures.items()}


def _check_bounded(outcome: Outcome) -> None:
    assert outcome.returncode is not None, f"still running after {TIMEOUT:g} s"
    assert outcome.peak_mb < PEAK_RSS_MB, f"{outcome.peak_mb:.0f} MB"
    assert not list(outcome.home.rglob("crash-*")), "a crash report was written"
    assert SECRET not in outcome.stdout + outcome.stderr


# --- The tests


@pytest.mark.parametrize("case", REFUSED, ids=[case.id for case in REFUSED])
def test_hostile_file_is_refused_in_one_sentence(
        case: Case, imported: dict[str, Outcome], seeded: tuple[Path, list[str]]) -> None:
    outcome = imported[case.id]
    _check_bounded(outcome)
    assert outcome.returncode == 1, outcome.stderr
    assert outcome.stdout == ""
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, outcome.stderr
    message, path = lines[0], outcome.path
    assert message.startswith((f"reviewdesk: error: {path}",
                               f"reviewdesk: error: cannot import {path}")), message
    assert "Traceback" not in message and "internal error" not in message
    assert len(message) - len(str(path)) < 160, message
    for word in case.words:
        assert word in message, message
    assert dump(outcome.db) == seeded[1]


@pytest.mark.parametrize("case", READ, ids=[case.id for case in READ])
def test_hostile_but_readable_file_imports(case: Case, imported: dict[str, Outcome]) -> None:
    outcome = imported[case.id]
    _check_bounded(outcome)
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stderr == ""
    with Store(outcome.db) as store:
        briefs = list_briefs(store)
        assert len(briefs) == 2
        added = next(brief for brief in briefs if brief.title != SEED_TITLE)
        text = load_brief(store, added.id).text
    assert SAMPLE in text
    assert len(text) < 2000  # no entity was expanded
    assert SECRET not in "\n".join(dump(outcome.db))


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def _write(case: Case, tmp_path: Path, secret: Path) -> Path:
    path = tmp_path / case.filename
    path.write_bytes(case.build(secret))
    return path


def test_the_chained_style_still_makes_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "chain.docx"
    path.write_bytes(_style_chain_docx(path))
    brief = read_brief(path)
    first = brief.blocks[0]
    assert (first.kind.value, first.level, first.text) == ("heading", 1, "Winter crossings")


IN_PROCESS = ["docx-zip-bomb-lying-sizes", "docx-xxe-core-properties-utf16",
              "html-100000-nested-elements", "md-100000-nested-lists", "txt-20mb-paragraph",
              "pdf-named-docx", "pdf-page-tree-loop"]


@pytest.mark.parametrize("case", [case for case in REFUSED if case.id in IN_PROCESS],
                         ids=IN_PROCESS)
def test_read_brief_raises_an_input_error(case: Case, tmp_path: Path, secret: Path) -> None:
    path = _write(case, tmp_path, secret)
    with pytest.raises(InputError) as raised:
        read_brief(path)
    for word in case.words:
        assert word in str(raised.value)


def test_import_files_stores_nothing_when_one_file_is_hostile(
        store: Store, tmp_path: Path, secret: Path) -> None:
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text(SEED_MD, encoding="utf-8")
    second.write_text(f"# Winter Crossings\n\n{SAMPLE}\n", encoding="utf-8")
    import_files(store, [first])
    before = list_briefs(store)
    hostile = _write(next(case for case in REFUSED if case.id == "docx-xxe-document"),
                     tmp_path, secret)
    with pytest.raises(InputError, match="DTD"):
        import_files(store, [second, hostile])
    assert list_briefs(store) == before


@pytest.mark.parametrize(("name", "data"), [
    ("nested.docx", docx({"word/document.xml": document(
        "<w:p>" + "<w:hyperlink>" * 250 + f"<w:r><w:t>{SAMPLE}</w:t></w:r>"
        + "</w:hyperlink>" * 250 + "</w:p>")})),
    ("nested.html", _html("<div>" * 250 + SAMPLE + "</div>" * 250).encode()),
    ("nested.md", ("".join(f"{'  ' * n}- level {n}\n" for n in range(9)) + f"\n{SAMPLE}\n")
     .encode()),
], ids=["docx-250-levels", "html-250-levels", "md-9-nested-lists"])
def test_nesting_just_under_the_limits_is_read(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert SAMPLE in read_brief(path).text


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in [*REFUSED, *READ]]
    assert len(ids) == len(set(ids))
