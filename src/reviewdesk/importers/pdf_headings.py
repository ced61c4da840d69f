"""Which PDF paragraphs are headings: from the outline when the PDF has one, else from
type: a short stand-alone line larger or bolder than the body (or in capitals).

Not headings: a bold lead-in that starts a paragraph ("Key finding: ..."), a bold label
ending in a colon, a date or address line, table-of-contents entries, and the lines of a
cover page other than its title.
"""

from __future__ import annotations

import re

from reviewdesk.importers.pdf_layout import Paragraph

Outline = list[tuple[int, str, int | None]]

_MAX_WORDS = 25
_MAX_BOLD_WORDS = 12
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter"
    r"|ene|abr|ago|dic|juil|janv|févr|avr|mai|juin|août|déc|printemps|été|automne|hiver"
    r"|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр"
    r"|فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"
    r"|يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)"
)
# A line that is only a date ("January, 2016", "12.03.2024"), an e-mail, a web address
# or a phone number.
NOT_HEADING = re.compile(
    rf"^(?:(?:\w+[\s,.]+){{0,2}}\w*{_MONTH}\w*[\s,.]+(?:\d{{1,2}}[\s,.]+)?\d{{4}}"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\S+@\S+|(?:https?://|www\.)\S+|(?:tel|fax|phone)\b.*)"
    r"[\s.]*$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^(?:fig(?:ure|ura)?|table|tabla|tableau|chart|graph|gráfico|graphique|map|mapa|carte|box"
    r"|encadré|recuadro|рис(?:унок)?|таблица|схема|شکل|جدول|نمودار|الشكل|جدول|رسم)\b",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")


def mark_headings(paras: list[Paragraph], body: float) -> None:
    """Short paragraphs set larger than the body text, or bold, or in capitals, become
    headings. Levels follow the type: larger first, then bold capitals, bold, a bold
    label ending in a colon, and capitals alone."""
    candidates = [p for p in paras if p.kind == "paragraph" and heading_like(p, body)]
    styles = sorted({_style(p, body) for p in candidates})
    for para in candidates:
        para.kind, para.level = "heading", min(styles.index(_style(para, body)) + 1, 6)


def _style(para: Paragraph, body: float) -> tuple[float, int]:
    """A sort key: the size first (larger first), then the weight and case at body size."""
    if para.size >= body * 1.15:
        return (-para.size, 0)
    if not para.bold:
        return (-body, 4)
    if para.text.endswith(":"):
        return (-body, 3)
    return (-body, 1 if capitals(para.text) else 2)


def heading_like(para: Paragraph, body: float) -> bool:
    """Short, stand-alone, and set apart from the body by size, weight or capitals."""
    text = para.text
    words = len(text.split())
    if not _LETTER.search(text) or len(para.lines) > 3 or words > _MAX_WORDS:
        return False
    if NOT_HEADING.match(text):
        return False
    if para.size >= body * 1.15:
        return True
    if para.size < body * 0.95 or len(para.lines) > 2 or words > _MAX_BOLD_WORDS:
        return False
    if text.endswith((".", ",", ";")):
        return False  # a sentence
    return para.bold or (len(para.lines) == 1 and capitals(text) and not text.endswith(":"))


def capitals(text: str) -> bool:
    """Whether the text is set in capitals: at least four cased letters, all upper case."""
    cased = [ch for ch in _LETTER.findall(text) if ch.lower() != ch.upper()]
    return len(cased) >= 4 and all(ch.isupper() for ch in cased)


def run_in_headings(paras: list[Paragraph], body: float) -> list[Paragraph]:
    """When a brief has no headings of its own, the bold lead-ins that open its paragraphs
    ("Commute patterns. ...") are its sections: each becomes a heading before the rest."""
    if any(p.kind == "heading" and p.level > 0 for p in paras):
        return paras
    labels = [p for p in paras if _lead_in(p, body)]
    if len(labels) < 2:
        return paras
    result: list[Paragraph] = []
    for para in paras:
        size = _lead_in(para, body)
        if size:
            result.append(Paragraph(para.lines[:1], "heading", 1, para.text[:size].strip()))
            para.text = para.text[size:].strip()
        result.append(para)
    return result


def _lead_in(para: Paragraph, body: float) -> int:
    """The length of the bold lead-in that opens a body paragraph, 0 when it has none
    (a caption's "Figure 2." is none)."""
    first = para.lines[0]
    head = first.text[:first.bold_head].rstrip()
    if (para.kind != "paragraph" or abs(para.size - body) >= 0.6 or not head
            or not head.endswith((".", ":", "—", "–")) or len(head.split()) > 8
            or _CAPTION.match(head)):
        return 0
    return first.bold_head if para.text.startswith(first.text[:first.bold_head]) else 0


def apply_outline(paras: list[Paragraph], outline: Outline) -> None:
    """Bookmarks name the headings: a paragraph matching one on its page takes its level.
    When most bookmarks are found, headings guessed from type that no bookmark names
    become paragraphs again (they are labels or captions set in bold)."""
    by_page: dict[int | None, list[Paragraph]] = {}
    for para in paras:
        by_page.setdefault(para.page, []).append(para)
    matched: set[int] = set()
    wanted_count = 0
    for level, title, page in outline:
        wanted = _plain(title)
        if not wanted:
            continue
        wanted_count += 1
        pool = by_page.get(page, []) if page is not None else paras
        match = next((p for p in pool if p.kind != "list_item" and id(p) not in matched
                      and _matches(p, wanted)), None)
        if match is not None:
            match.kind, match.level = "heading", min(level + 1, 6)
            matched.add(id(match))
    if wanted_count >= 3 and len(matched) >= 0.6 * wanted_count:
        for para in paras:
            if para.kind == "heading" and para.level > 0 and id(para) not in matched:
                para.kind, para.level = "paragraph", 0


def _matches(para: Paragraph, wanted: str) -> bool:
    have = _plain(para.text)
    return bool(have) and (have == wanted or (len(have) < 200 and have.startswith(wanted)
                                              and len(wanted) >= 0.6 * len(have)))


def _plain(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
