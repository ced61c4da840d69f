"""Tests for the PDF importer: layout to blocks, page furniture, bad input, the bounded runner."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from reviewdesk.domain.brief import BlockKind, Brief, SourceFormat
from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief
from reviewdesk.importers.bounded import run_bounded
from reviewdesk.importers.pdf import parse_pdf
from reviewdesk.importers.pdf_layout import join_line

LOCATOR = re.compile(r"^page:(\d+)/box:\d+,\d+,\d+,\d+$")


def _font(base: str) -> DictionaryObject:
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject(base),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })


def text(x: float, y: float, size: float, words: str, font: str = "F1") -> str:
    escaped = words.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /{font} {size} Tf {x} {y} Td ({escaped}) Tj ET\n"


def make_pdf(pages: list[str], password: str | None = None) -> bytes:
    """A PDF whose pages have the given content streams, Helvetica as /F1, bold as /F2."""
    writer = PdfWriter()
    fonts = DictionaryObject({
        NameObject("/F1"): writer._add_object(_font("/Helvetica")),
        NameObject("/F2"): writer._add_object(_font("/Helvetica-Bold")),
    })
    for content in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(content.encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def body_lines(x: float, y: float, lines: list[str], size: float = 10, step: float = 12) -> str:
    return "".join(text(x, y - i * step, size, line) for i, line in enumerate(lines))


def check_offsets(brief: Brief) -> None:
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
        assert LOCATOR.match(block.locator), block.locator
        assert block.page is not None and block.locator.startswith(f"page:{block.page}/")


PARAGRAPH_ONE = [
    "The fishing towns around the lake have argued about quotas for",
    "a decade, and this brief sets out a recom-",
    "mendation that the well-",
    "known council can adopt before the spring season opens again.",
]
PARAGRAPH_TWO = [
    "A second paragraph starts after a clear gap and carries on over",
    "two lines of ordinary body text to the end.",
]


def simple_brief() -> bytes:
    page = (text(72, 720, 24, "Lake Corrin Outlook", "F2")
            + text(72, 680, 16, "Background", "F2")
            + body_lines(72, 655, PARAGRAPH_ONE)
            + body_lines(72, 590, PARAGRAPH_TWO)
            + text(72, 550, 13, "Options", "F2")
            + text(72, 528, 10, "• Raise the quota for small boats")
            + text(72, 514, 10, "1. Close the northern bay in winter"))
    return make_pdf([page])


def test_headings_by_size_paragraphs_lists_and_hyphens() -> None:
    brief = parse_pdf(simple_brief(), "lake.pdf")
    assert brief.source_format == SourceFormat.PDF
    assert brief.title == "Lake Corrin Outlook"
    kinds = [(b.kind, b.level) for b in brief.blocks]
    assert kinds == [
        (BlockKind.HEADING, 0), (BlockKind.HEADING, 1), (BlockKind.PARAGRAPH, 0),
        (BlockKind.PARAGRAPH, 0), (BlockKind.HEADING, 2), (BlockKind.LIST_ITEM, 1),
        (BlockKind.LIST_ITEM, 1),
    ]
    first = brief.blocks[2].text
    assert "a recommendation that the well-known council" in first
    assert brief.blocks[5].text == "Raise the quota for small boats"
    assert brief.blocks[6].text == "Close the northern bay in winter"
    assert all(b.page == 1 and not b.rtl for b in brief.blocks)
    check_offsets(brief)


def test_join_line_keeps_real_hyphens() -> None:
    assert join_line("a recom-", "mendation") == "a recommendation"
    assert join_line("the well-", "known") == "the well-known"
    assert join_line("the Franco-", "German") == "the Franco-German"
    assert join_line("end of", "line") == "end of line"


LEFT = [f"Left column line {n} talks about river water use" for n in range(1, 9)]
LEFT[-1] += "."
RIGHT = [f"Right column line {n} talks about dam debt too" for n in range(1, 9)]


def test_two_columns_read_one_after_the_other() -> None:
    page = (text(72, 740, 20, "Two Column Brief", "F2")
            + body_lines(72, 700, LEFT) + body_lines(330, 700, RIGHT))
    brief = parse_pdf(make_pdf([page]), "columns.pdf")
    assert brief.title == "Two Column Brief"
    paragraphs = [b.text for b in brief.blocks if b.kind == BlockKind.PARAGRAPH]
    assert paragraphs == [" ".join(LEFT), " ".join(RIGHT)]
    check_offsets(brief)


def test_running_headers_footers_and_page_numbers_dropped() -> None:
    pages = []
    for number in range(1, 4):
        pages.append(text(72, 770, 9, f"Lake Corrin Outlook - draft {number}")
                     + text(300, 30, 9, str(number))
                     + text(72, 45, 9, "Institute for Imaginary Affairs")
                     + body_lines(72, 700, [f"Body text of page {number} goes here in full."]))
    brief = parse_pdf(make_pdf(pages), "furniture.pdf")
    assert [b.text for b in brief.blocks] == [
        f"Body text of page {n} goes here in full." for n in range(1, 4)]
    assert [b.page for b in brief.blocks] == [1, 2, 3]
    assert brief.title == "Furniture"


def test_bad_input_is_one_clear_sentence() -> None:
    with pytest.raises(InputError, match="empty"):
        parse_pdf(b"", "empty.pdf")
    with pytest.raises(InputError, match="not a PDF"):
        parse_pdf(b"hello, this is text", "text.pdf")
    with pytest.raises(InputError, match="password-protected"):
        parse_pdf(make_pdf([text(72, 700, 10, "Secret")], password="pw"), "locked.pdf")
    with pytest.raises(InputError, match=r"cannot import truncated\.pdf"):
        parse_pdf(simple_brief()[:200], "truncated.pdf")
    with pytest.raises(InputError, match="no text"):
        parse_pdf(make_pdf([""]), "blank.pdf")


def test_truncated_pdf_imports_or_fails_cleanly() -> None:
    data = simple_brief()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 40):
        try:
            brief = parse_pdf(data[:cut], "cut.pdf")
        except InputError as error:
            assert "cut.pdf" in str(error)
        else:
            check_offsets(brief)


def test_read_brief_routes_pdf(tmp_path: Path) -> None:
    path = tmp_path / "lake.pdf"
    path.write_bytes(simple_brief())
    brief = read_brief(path)
    assert brief.source is not None and brief.source.filename == "lake.pdf"
    assert brief.source_format == SourceFormat.PDF


def test_bounded_runner_limits_time_memory_and_crashes() -> None:
    assert run_bounded(sorted, [3, 1, 2], timeout=30, memory_mb=1536) == [1, 2, 3]
    started = time.monotonic()
    with pytest.raises(InputError, match=r"cannot import slow\.pdf: it took too long to read"):
        run_bounded(time.sleep, 30, timeout=1, memory_mb=1536, name="slow.pdf")
    assert time.monotonic() - started < 10
    if os.name == "posix":
        with pytest.raises(InputError, match=r"big\.pdf: it needs too much memory"):
            run_bounded(bytearray, 3 * 1024**3, timeout=30, memory_mb=400, name="big.pdf")
    with pytest.raises(InputError, match=r"x.pdf: the PDF could not be read \("):
        run_bounded(os.abort, timeout=30, memory_mb=1536, name="x.pdf")
    with pytest.raises(InputError, match=r"could not be read \(invalid literal"):
        run_bounded(int, "nope", timeout=30, memory_mb=1536, name="x.pdf")


# --- Word documents converted by LibreOffice ---------------------------------------------

LONG = ("The reservoir policy has to balance the needs of farmers, fishers and the towns "
        "downstream, and the council should publish a multi-year recommendation on it. ")


def _word_pdf(tmp_path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Reservoir Policy Review", 0)
    document.add_heading("Background", 1)
    document.add_paragraph(LONG * 4)
    document.add_heading("Options considered", 2)
    for item in ("Raise the quota", "Close the bay", "Share the water"):
        document.add_paragraph(item, style="List Bullet")
    document.add_page_break()
    document.add_heading("Recommendations", 1)
    document.add_paragraph(LONG * 3)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "Reservoir review page "
    run = footer.add_run()
    for kind, value in (("begin", None), (None, "PAGE"), ("end", None)):
        element = docx.oxml.OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(docx.oxml.ns.qn("w:fldCharType"), kind)
        else:
            element.text = value
        run._r.append(element)
    source = tmp_path / "review.docx"
    document.save(str(source))
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return tmp_path / "review.pdf"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_word_document_through_libreoffice(tmp_path: Path) -> None:
    brief = read_brief(_word_pdf(tmp_path))
    headings = [(b.text, b.level) for b in brief.blocks if b.kind == BlockKind.HEADING]
    assert [text for text, _ in headings] == [
        "Reservoir Policy Review", "Background", "Options considered", "Recommendations"]
    assert headings[1][1] < headings[2][1]
    items = [b.text for b in brief.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == ["Raise the quota", "Close the bay", "Share the water"]
    assert {b.page for b in brief.blocks} == {1, 2}
    assert "Reservoir review page" not in brief.text
    assert "multi-year recommendation" in brief.text
    paragraphs = [b for b in brief.blocks if b.kind == BlockKind.PARAGRAPH]
    assert paragraphs[0].text == " ".join(LONG.split() * 4)
    check_offsets(brief)
