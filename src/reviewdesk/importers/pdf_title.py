"""A PDF brief's title: the one its first page shows, or its metadata's.

The metadata title is often a file name or a template's ("Microsoft Word - draft.docx",
"PowerPoint Presentation"), and sometimes an older wording of the title on the page; the
page's wording wins when the two share most words.
"""

from __future__ import annotations

import re

from reviewdesk.importers.pdf_headings import NOT_HEADING, capitals
from reviewdesk.importers.pdf_layout import Paragraph

_NOT_A_TITLE = re.compile(
    r"^(?:untitled\b.*|title|document\d*|doc\d*|presentation\d*|powerpoint presentation"
    r"|microsoft (?:word|powerpoint|excel) - .*|.*\.(?:docx?|pdf|pptx?|odt|rtf|indd|tex|qxd)"
    r"|[\W\d_]*)$",
    re.IGNORECASE,
)
_MAX_TITLE_WORDS = 45
_COVER_WORDS = 60  # a first page with fewer words outside its headings is a cover


def choose_title(meta_title: str, paras: list[Paragraph], body: float) -> str | None:
    """The title, marking the paragraph that shows it as the level-0 heading."""
    shown = _shown_title(paras, body)
    meta = " ".join(meta_title.split())
    if meta and _NOT_A_TITLE.match(meta):
        meta = ""
    if shown is not None:
        _extend(shown, paras)
    if shown is not None and (not meta or _shares_words(shown.text, meta)):
        shown.kind, shown.level = "heading", 0
        return shown.text
    return meta or None


def _shown_title(paras: list[Paragraph], body: float) -> Paragraph | None:
    """The largest (then boldest, then first) short text on the first page before its
    body text starts."""
    if not paras:
        return None
    best: Paragraph | None = None
    for para in paras:
        if para.page != paras[0].page or _is_body(para, body):
            break
        if para.kind == "list_item" or not _title_like(para.text):
            continue
        if best is None or (para.size, para.bold) > (best.size, best.bold):
            best = para
    if best is None or not (best.size >= body * 1.15 or best.bold):
        return None
    return best


def _extend(title: Paragraph, paras: list[Paragraph]) -> None:
    """A title broken over several blocks of the same type (a gap in a cover title) is
    one title: the blocks right after it join it, in place in `paras`."""
    start = next(i for i, para in enumerate(paras) if para is title)
    end = start + 1
    while end < len(paras):
        para = paras[end]
        gap = para.lines[0].top - title.lines[-1].bottom
        if (para.page != title.page or para.kind == "list_item" or para.bold != title.bold
                or abs(para.size - title.size) >= 0.6 or gap > 2.5 * title.size
                or capitals(para.text) != capitals(title.text)
                or len(f"{title.text} {para.text}".split()) > _MAX_TITLE_WORDS):
            break
        title.lines.extend(para.lines)
        title.text = f"{title.text} {para.text}"
        end += 1
    del paras[start + 1:end]


def _title_like(text: str) -> bool:
    return (len(text.split()) <= _MAX_TITLE_WORDS and any(ch.isalpha() for ch in text)
            and not NOT_HEADING.match(text))


def _is_body(para: Paragraph, body: float) -> bool:
    return (para.kind == "paragraph" and abs(para.size - body) < 0.6 and not para.bold
            and len(para.text.split()) >= 12)


def _shares_words(a: str, b: str) -> bool:
    """Most words of the shorter text are in the longer one."""
    first, second = set(_words(a)), set(_words(b))
    shorter = min(len(first), len(second))
    return shorter > 0 and len(first & second) >= 0.6 * shorter


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def demote_cover(paras: list[Paragraph], page_count: int) -> None:
    """On a cover page (the title's page, little text besides headings, more pages to
    follow) only the title is a heading: the rest is authors, dates and publishers."""
    title = next((p for p in paras if p.kind == "heading" and p.level == 0), None)
    if title is None or page_count < 3:
        return
    on_page = [p for p in paras if p.page == title.page]
    words = sum(len(p.text.split()) for p in on_page if p.kind != "heading")
    if words >= _COVER_WORDS:
        return
    for para in on_page:
        if para.kind == "heading" and para is not title:
            para.kind, para.level = "paragraph", 0


def lift_below_title(paras: list[Paragraph]) -> None:
    """The title's size took rank 1; when only the title has it, the headings below move up."""
    title = next((p for p in paras if p.kind == "heading" and p.level == 0), None)
    others = [p for p in paras if p.kind == "heading" and p is not title]
    if title is None or any(p.size >= title.size for p in others):
        return
    for para in others:
        para.level = max(1, para.level - 1)
