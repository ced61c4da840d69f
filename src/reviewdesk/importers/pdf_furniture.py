"""Page furniture that is not the brief's text: running headers and footers, page
numbers, the line numbers a manuscript prints in its margin, and the text of charts."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict

from reviewdesk.importers.pdf_layout import Line, Page

_PAGE_NUMBER = re.compile(
    r"^[-–—(\[|]?\s*(?:(?:page|pg\.?|p\.|seite|página|pagina|стр\.?|страница|صفحه|الصفحة|"
    r"עמוד)\s*)?(?:\d{1,4}|[ivxlc]{1,6})"
    r"(?:\s*(?:of|/|de|sur|von|из|من|از)\s*\d{1,4})?\s*[-–—)\]|]?$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_BAND = 0.1  # share of the page height where running headers and footers live
_MIN_LINE_NUMBERS = 5


def drop_furniture(pages: list[Page]) -> None:
    """Remove running headers and footers, page numbers and margin line numbers."""
    drop_line_numbers(pages)
    drop_running_lines(pages)
    drop_figure_text(pages)


def drop_running_lines(pages: list[Page]) -> None:
    """Remove lines near the top or bottom edge that repeat (digits aside) on most pages,
    and bare page numbers there."""
    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        counts.update({key for line in page.lines if (key := _band_key(line, page))})
    needed = max(2, round(len(pages) * 0.4))
    for page in pages:
        page.lines = [line for line in page.lines if not _furniture(line, page, counts, needed)]


def _band_key(line: Line, page: Page) -> tuple[str, str] | None:
    if line.bottom <= page.height * _BAND:
        band = "top"
    elif line.top >= page.height * (1 - _BAND):
        band = "bottom"
    else:
        return None
    return band, re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))


def _furniture(line: Line, page: Page, counts: Counter[tuple[str, str]], needed: int) -> bool:
    key = _band_key(line, page)
    if key is None:
        return False
    return counts[key] >= needed or bool(_PAGE_NUMBER.match(line.text.strip()))


def drop_line_numbers(pages: list[Page]) -> None:
    """Remove margin line numbers: bare numbers standing in a column of their own, one
    beside each line, counting up down the page."""
    for page in pages:
        numbers = [line for line in page.lines if _BARE_NUMBER.match(line.text)]
        if len(numbers) < _MIN_LINE_NUMBERS:
            continue
        text = [line for line in page.lines if not _BARE_NUMBER.match(line.text)]
        margin = _counting_columns(numbers, text)
        if margin:
            page.lines = [line for line in page.lines if id(line) not in margin]


def _counting_columns(numbers: list[Line], text: list[Line]) -> set[int]:
    """The ids of numbers aligned on one edge (left or right, to a point or two) outside
    the text's left and right edges, that mostly count up from top to bottom."""
    found: set[int] = set()
    left = min((line.x0 for line in text), default=0.0)
    right = max((line.x1 for line in text), default=0.0)
    for edge in ("x0", "x1"):
        columns: defaultdict[int, list[Line]] = defaultdict(list)
        for line in numbers:
            columns[round(getattr(line, edge) / 3)].append(line)
        for column in columns.values():
            outside = (all(line.x1 <= left + 1 for line in column)
                       or all(line.x0 >= right - 1 for line in column))
            if outside and len(column) >= _MIN_LINE_NUMBERS and _counts_up(column):
                found.update(id(line) for line in column)
    return found


def _counts_up(column: list[Line]) -> bool:
    values = [int(line.text) for line in sorted(column, key=lambda ln: ln.top)]
    rising = sum(b > a for a, b in itertools.pairwise(values))
    return rising >= 0.8 * (len(values) - 1)


# --- Figures and charts ------------------------------------------------------------------

_NUMBER = re.compile(r"^[-–+]?[$€£¥]?\d+(?:[.,]\d+)?%?$")


def drop_figure_text(pages: list[Page]) -> None:
    """Remove the text of charts: axis ticks in a row ("0 20 40 60 80 100") or a column
    (one number a line, evenly stepped), and labels drawn over a picture."""
    for page in pages:
        boxes = page.pictures
        ticks = _tick_columns([line for line in page.lines if _NUMBER.match(line.text)])
        page.lines = [line for line in page.lines
                      if id(line) not in ticks and not _axis_row(line.text)
                      and not any(_inside(line, box) for box in boxes)]


def _axis_row(text: str) -> bool:
    values = [_value(token) for token in text.split()]
    if len(values) < 3 or None in values:
        return False
    steps = {round(b - a, 6) for a, b in itertools.pairwise(v for v in values if v is not None)}
    return len(steps) == 1 and steps != {0}


def _tick_columns(numbers: list[Line]) -> set[int]:
    columns: defaultdict[int, list[Line]] = defaultdict(list)
    for line in numbers:
        columns[round(line.x1 / 3)].append(line)
    found: set[int] = set()
    for column in columns.values():
        column.sort(key=lambda ln: ln.top)
        if len(column) >= 3 and _axis_row(" ".join(line.text for line in column)) and len(
                {round(b.top - a.top) for a, b in itertools.pairwise(column)}) == 1:
            found.update(id(line) for line in column)
    return found


def _value(token: str) -> float | None:
    if not _NUMBER.match(token):
        return None
    digits = re.sub(r"[^\d.,-]", "", token).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _inside(line: Line, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    width = min(line.x1, x1) - max(line.x0, x0)
    height = min(line.bottom, bottom) - max(line.top, top)
    return width > 0 and height > 0 and width * height >= 0.8 * line.width * (
        line.bottom - line.top)
