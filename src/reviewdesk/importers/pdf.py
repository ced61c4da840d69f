"""PDF importer: text with its layout read by PDFium in a bounded child process, then a Brief."""

from __future__ import annotations

from typing import Any

from reviewdesk.domain.brief import BlockKind, Brief, BriefBuilder, SourceFormat
from reviewdesk.domain.script import mostly_rtl
from reviewdesk.errors import InputError
from reviewdesk.importers.bounded import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, run_bounded
from reviewdesk.importers.pdf_furniture import drop_furniture
from reviewdesk.importers.pdf_glyphs import page_fragments, picture_boxes
from reviewdesk.importers.pdf_headings import apply_outline, mark_headings, run_in_headings
from reviewdesk.importers.pdf_layout import (
    Page,
    Paragraph,
    body_size,
    body_spacing,
    join_continued,
    paragraph_text,
    paragraphs,
    reading_order,
)
from reviewdesk.importers.pdf_lines import page_lines
from reviewdesk.importers.pdf_title import choose_title, demote_cover, lift_below_title
from reviewdesk.importers.pdf_toc import drop_contents
from reviewdesk.importers.text import title_from_filename

# (kind, text, level, page, (x0, y0, x1, y1), rtl): what the child sends back.
BlockData = tuple[str, str, int, int, tuple[int, int, int, int], bool]
Outline = list[tuple[int, str, int | None]]

_MAX_OUTLINE_ITEMS = 5000
# A PDF ends with "%%EOF", give or take the junk some writers append after it.
_TAIL_BYTES = 2048

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
            fragments = page_fragments(textpage, left, top)
        finally:
            textpage.close()
        pictures = picture_boxes(page, left, top)
    finally:
        page.close()
    return Page(index + 1, right - left, top - bottom, page_lines(fragments, index + 1),
                [box for box in pictures if _small(box, right - left, top - bottom)])


def _small(box: tuple[float, float, float, float], width: float, height: float) -> bool:
    """Smaller than half the page: a figure, not a page scanned under its text."""
    return (box[2] - box[0]) * (box[3] - box[1]) < 0.5 * width * height


def _outline(document: Any) -> Outline:
    items: Outline = []
    try:
        for item in document.get_toc(max_depth=10):
            destination = item.get_dest()
            page = destination.get_index() if destination is not None else None
            items.append((item.level, item.get_title() or "", page))
            if len(items) >= _MAX_OUTLINE_ITEMS:
                break
    except Exception:  # a broken outline only costs its hints
        return items
    return items


# --- Layout to blocks ----------------------------------------------------------------------


def _layout(pages: list[Page], meta_title: str, outline: Outline,
            ) -> tuple[str | None, list[BlockData]]:
    drop_furniture(pages)
    runs = [run for page in pages for run in reading_order(page.lines)]
    body = body_size([line for run in runs for line in run])
    spacing = body_spacing(runs, body)
    paras = join_continued([paragraphs(run, spacing, body) for run in runs], body)
    for para in paras:
        para.text = paragraph_text(para)
    paras = drop_contents([para for para in paras if para.text])
    mark_headings(paras, body)
    apply_outline(paras, [(level, title, None if page is None else page + 1)
                          for level, title, page in outline])
    title = choose_title(meta_title, paras, body)
    demote_cover(paras, len(pages))
    if not outline:
        lift_below_title(paras)
        paras = run_in_headings(paras, body)
    return title, [_block_data(para) for para in paras]


def _block_data(para: Paragraph) -> BlockData:
    level = para.level if para.kind != "list_item" else 1
    return (para.kind, para.text, level, para.page, para.box(), mostly_rtl(para.text))
