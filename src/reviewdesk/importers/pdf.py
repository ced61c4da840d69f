"""PDF importer: text with its layout read by PDFium in a bounded child process, then a Brief."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import Any

from reviewdesk.domain.brief import BlockKind, Brief, BriefBuilder, SourceFormat
from reviewdesk.domain.script import mostly_rtl
from reviewdesk.errors import InputError
from reviewdesk.importers.bounded import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, run_bounded
from reviewdesk.importers.pdf_layout import (
    Line,
    Page,
    Paragraph,
    apply_outline,
    body_size,
    body_spacing,
    drop_running_lines,
    mark_headings,
    paragraph_text,
    paragraphs,
    reading_order,
)
from reviewdesk.importers.text import title_from_filename

# (kind, text, level, page, (x0, y0, x1, y1), rtl): what the child sends back.
BlockData = tuple[str, str, int, int, tuple[int, int, int, int], bool]
Outline = list[tuple[int, str, int | None]]

_MAX_OUTLINE_ITEMS = 5000
# A PDF ends with "%%EOF", give or take the junk some writers append after it.
_TAIL_BYTES = 2048
_NOT_A_TITLE = re.compile(
    r"^(?:untitled\b.*|title|document\d*|doc\d*|presentation\d*|powerpoint presentation"
    r"|microsoft (?:word|powerpoint|excel) - .*|.*\.(?:docx?|pdf|pptx?|odt|rtf|indd|tex|qxd)"
    r"|[\W\d_]*)$",
    re.IGNORECASE,
)


def parse_pdf(data: bytes, filename: str, *, timeout: float = DEFAULT_TIMEOUT,
              memory_mb: int = DEFAULT_MEMORY_MB) -> Brief:
    """Read a PDF into a Brief (the caller attaches the SourceFile).

    The parsing runs in a child process bounded by `timeout` seconds and `memory_mb`;
    anything that cannot become a brief raises InputError.
    """
    if not data:
        raise InputError(f"{filename} is empty")
    if b"%PDF" not in data[:1024]:
        raise InputError(f"cannot import {filename}: it is not a PDF file")
    title, blocks = run_bounded(read_layout, data, filename, timeout=timeout,
                                memory_mb=memory_mb, name=filename)
    builder = BriefBuilder()
    for kind, text, level, page, box, rtl in blocks:
        locator = f"page:{page}/box:{box[0]},{box[1]},{box[2]},{box[3]}"
        if kind == BlockKind.HEADING:
            builder.heading(text, level, locator, page=page, rtl=rtl)
        else:
            builder.block(BlockKind(kind), text, locator, level, page=page, rtl=rtl)
    if builder.is_empty:
        raise InputError(f"cannot import {filename}: it has no text to review "
                         "(a scanned PDF needs text recognition first)")
    return builder.build(title or title_from_filename(filename), SourceFormat.PDF)


def read_layout(data: bytes, filename: str) -> tuple[str | None, list[BlockData]]:
    """The title (None when the PDF names none) and the blocks in reading order.

    Runs in the child process: returns plain data only.
    """
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise InputError(_load_error(filename, str(error), data)) from None
    try:
        pages = []
        for index in range(len(document)):
            try:
                pages.append(_page(document, index))
            except pdfium.PdfiumError:
                # A page tree that loops or points at nothing: PDFium counts a page it
                # cannot load. Importing the others would drop text without a word.
                raise InputError(f"cannot import {filename}: it is damaged (page {index + 1} "
                                 "cannot be read)") from None
        meta_title = document.get_metadata_dict().get("Title", "")
        outline = _outline(document)
    finally:
        document.close()
    return _layout(pages, meta_title, outline)


def _load_error(filename: str, reason: str, data: bytes) -> str:
    if "password" in reason.lower():
        return f"cannot import {filename}: it is password-protected"
    if b"%%EOF" not in data[-_TAIL_BYTES:]:
        return f"cannot import {filename}: it is damaged or truncated (it does not end like a PDF)"
    return f"cannot import {filename}: it is damaged or not a PDF"


# --- Extraction (PDFium) -------------------------------------------------------------------


def _page(document: Any, index: int) -> Page:
    page = document[index]
    try:
        left, bottom, right, top = page.get_bbox()
        textpage = page.get_textpage()
        try:
            lines = _lines(textpage, left, top, index + 1)
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(index + 1, right - left, top - bottom, lines)


class _Piece:
    """Characters gathered into one Line; a wide gap or a change of baseline ends it."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.boxes: list[tuple[float, float, float, float]] = []
        self.sizes: Counter[float] = Counter()
        self.bold = 0

    def add(self, char: str, box: tuple[float, float, float, float], size: float,
            bold: bool) -> None:
        self.chars.append(char)
        self.boxes.append(box)
        self.sizes[round(size * 2) / 2] += 1
        self.bold += bold

    def apart(self, box: tuple[float, float, float, float], size: float) -> bool:
        last = self.boxes[-1]
        gap = max(box[0] - last[2], last[0] - box[2])
        middle, last_middle = (box[1] + box[3]) / 2, (last[1] + last[3]) / 2
        return gap > 1.5 * max(size, 1.0) or abs(middle - last_middle) > 0.7 * max(size, 1.0)

    def line(self, page: int) -> Line:
        return Line("".join(self.chars).strip(), min(b[0] for b in self.boxes),
                    min(b[1] for b in self.boxes), max(b[2] for b in self.boxes),
                    max(b[3] for b in self.boxes), self.sizes.most_common(1)[0][0],
                    self.bold * 2 > len(self.boxes), page)


def _lines(textpage: Any, left: float, top: float, number: int) -> list[Line]:
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    handle = textpage.raw
    lines: list[Line] = []
    piece: _Piece | None = None
    space = False
    for index in range(pdfium_c.FPDFText_CountChars(handle)):
        code = pdfium_c.FPDFText_GetUnicode(handle, index)
        if code in (10, 13):
            _flush(piece, lines, number)
            piece = None
            continue
        char = _char(code)
        # Rotated text (a margin stamp, a vertical table header) would cut across lines.
        if char and abs(math.sin(pdfium_c.FPDFText_GetCharAngle(handle, index))) > 0.1:
            continue
        if not char or char.isspace():
            space = space or bool(char)
            continue
        x0, y0, x1, y1 = textpage.get_charbox(index, loose=True)
        box = (x0 - left, top - y1, x1 - left, top - y0)
        size = pdfium_c.FPDFText_GetFontSize(handle, index)
        if piece is not None and piece.apart(box, size):
            _flush(piece, lines, number)
            piece = None
        if piece is None:
            piece = _Piece()
        elif space:
            piece.chars.append(" ")
        space = False
        piece.add(char, box, size, pdfium_c.FPDFText_GetFontWeight(handle, index) >= 600)
    _flush(piece, lines, number)
    return lines


def _flush(piece: _Piece | None, lines: list[Line], number: int) -> None:
    if piece is not None and piece.boxes:
        line = piece.line(number)
        if line.text:
            lines.append(line)


def _char(code: int) -> str:
    """The character for a PDFium code: its line-end hyphen marks become "-", Arabic and
    Latin presentation forms (ligatures) their plain letters, controls nothing."""
    if code in (0x02, 0xAD):
        return "-"
    if code == 9:
        return " "
    if code < 32 or 0xD800 <= code < 0xE000 or code in (0xFFFE, 0xFFFF) or code > 0x10FFFF:
        return ""
    char = chr(code)
    if 0xFB00 <= code <= 0xFB06 or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return unicodedata.normalize("NFKC", char)
    return char


def _outline(document: Any) -> Outline:
    items: Outline = []
    try:
        for item in document.get_toc(max_depth=10):
            items.append((item.level, item.get_title() or "", item.page_index))
            if len(items) >= _MAX_OUTLINE_ITEMS:
                break
    except Exception:  # a broken outline only costs its hints
        return items
    return items


# --- Layout to blocks ----------------------------------------------------------------------


def _layout(pages: list[Page], meta_title: str, outline: Outline,
            ) -> tuple[str | None, list[BlockData]]:
    drop_running_lines(pages)
    runs = [run for page in pages for run in reading_order(page.lines)]
    body = body_size([line for run in runs for line in run])
    spacing = body_spacing(runs, body)
    paras = [para for run in runs for para in paragraphs(run, spacing)]
    for para in paras:
        para.text = paragraph_text(para)
    paras = [para for para in paras if para.text]
    mark_headings(paras, body)
    apply_outline(paras, [(level, title, None if page is None else page + 1)
                          for level, title, page in outline])
    title = _title(meta_title, paras, body)
    if not outline:
        _lift_below_title(paras)
    return title, [_block_data(para) for para in paras]


def _lift_below_title(paras: list[Paragraph]) -> None:
    """The title's size took rank 1; when only the title has it, the headings below move up."""
    title = next((p for p in paras if p.kind == "heading" and p.level == 0), None)
    others = [p for p in paras if p.kind == "heading" and p is not title]
    if title is None or any(p.size >= title.size for p in others):
        return
    for para in others:
        para.level = max(1, para.level - 1)


def _title(meta_title: str, paras: list[Paragraph], body: float) -> str | None:
    """The metadata title when it names the document, else the largest text on the first
    page with text; that text becomes the level-0 heading."""
    first = [para for para in paras if para.page == paras[0].page] if paras else []
    largest = max(first, key=lambda para: para.size, default=None)
    meta = " ".join(meta_title.split())
    if meta and not _NOT_A_TITLE.match(meta):
        if largest is not None and _same_words(largest.text, meta):
            largest.kind, largest.level = "heading", 0
        return meta
    if largest is None or largest.size < body * 1.15 or len(largest.text) > 200:
        return None
    largest.kind, largest.level = "heading", 0
    return largest.text


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def _block_data(para: Paragraph) -> BlockData:
    level = para.level if para.kind != "list_item" else 1
    return (para.kind, para.text, level, para.page, para.box(), mostly_rtl(para.text))
