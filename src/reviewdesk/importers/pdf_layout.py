"""PDF page layout: text lines with positions turned into ordered paragraphs, headings, lists."""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from reviewdesk.domain.script import mostly_rtl

# Coordinates are PDF points with the origin at the page's top-left corner, y growing down.


@dataclass(slots=True)
class Line:
    """A run of text on one baseline, as the extractor found it."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    page: int = 1
    # Characters at the start set in bold before plain text ("Key finding:"); 0 if none.
    bold_head: int = 0

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Page:
    """A PDF page as read: its number from 1, its size in points, its text lines from the top,
    and the pictures on it smaller than half the page."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    # Pictures drawn on the page (x0, top, x1, bottom), smaller than half the page.
    pictures: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class Paragraph:
    """Lines that read as one block; `kind` is "heading", "paragraph" or "list_item"."""

    lines: list[Line]
    kind: str = "paragraph"
    level: int = 0
    text: str = ""

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def size(self) -> float:
        """The font size most of its characters are set in, to the nearest half point."""
        return _weighted_mode([(round(ln.size * 2) / 2, len(ln.text)) for ln in self.lines])

    @property
    def bold(self) -> bool:
        """Whether most of its characters are bold."""
        return sum(len(ln.text) for ln in self.lines if ln.bold) * 2 > len(self.joined())

    def joined(self) -> str:
        return " ".join(ln.text for ln in self.lines)

    def box(self) -> tuple[int, int, int, int]:
        """The box of its lines on its first page (a paragraph may go on over the next)."""
        lines = [ln for ln in self.lines if ln.page == self.page]
        return (round(min(ln.x0 for ln in lines)), round(min(ln.top for ln in lines)),
                round(max(ln.x1 for ln in lines)), round(max(ln.bottom for ln in lines)))


# Bullets, "1." / "1)" / "(a)" / "a)" / "iv)" at the start of a line, followed by text.
_MARKER = re.compile(
    r"^(?:[•●○◦▪■□‣∙·\-–—*►➢✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc]"
    r"|\(?\d{1,3}[.)]|\(?[a-zA-Z]\)|\(?[ivxIVX]{1,4}\))\s+(?=\S)"
)
_CLOSING = (".", ":", "!", "?", "؟", "。", "»", "”", '"')
# Words that keep their hyphen at a line break: "well-" + "known" is "well-known".
_COMPOUND_HEADS = frozenset({
    "well", "self", "ill", "non", "cross", "long", "short", "full", "half", "all", "ex",
    "multi", "semi", "anti", "post", "mid", "low", "high", "so", "one", "two", "three",
    "evidence", "policy", "decision", "cost", "time", "world", "state", "in", "up",
})


# --- Reading order -------------------------------------------------------------------------


def reading_order(lines: list[Line], depth: int = 0) -> list[list[Line]]:
    """The page's lines as runs to read one after the other: a column, or full-width lines
    between column blocks. Each run is sorted top to bottom with same-row pieces merged."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    gutter = _gutter(ordered) if depth < 3 else None
    if gutter is None:
        head = _head_above_columns(ordered) if depth < 3 else 0
        if not head:
            return [merge_rows(ordered)] if ordered else []
        return [merge_rows(ordered[:head]), *reading_order(ordered[head:], depth + 1)]
    runs: list[list[Line]] = []
    for band, columns in _bands(ordered, gutter):
        if not columns:
            runs.append(merge_rows(band))
            continue
        for column in (
            [ln for ln in band if ln.x1 <= sum(gutter) / 2],
            [ln for ln in band if ln.x0 >= sum(gutter) / 2],
        ):
            runs.extend(reading_order(column, depth + 1))
    return [run for run in runs if run]


def _head_above_columns(lines: list[Line]) -> int:
    """How many lines at the top (a title, authors) sit above a two-column body: the page
    has columns once the lines crossing its middle are left out above; 0 when none."""
    middle = (min(ln.x0 for ln in lines) + max(ln.x1 for ln in lines)) / 2 if lines else 0
    crossing = [i for i, ln in enumerate(lines) if ln.x0 < middle < ln.x1][:8]
    for index in crossing:
        if index >= len(lines) / 2:
            break
        if len(lines) - index > 6 and _gutter(lines[index + 1:]) is not None:
            return index + 1
    return 0


def _bands(lines: list[Line], gutter: tuple[float, float]) -> list[tuple[list[Line], bool]]:
    """Consecutive lines grouped into full-width stretches and two-column stretches."""
    bands: list[tuple[list[Line], bool]] = []
    for line in lines:
        split = line.x1 <= sum(gutter) / 2 or line.x0 >= sum(gutter) / 2
        if bands and bands[-1][1] == split:
            bands[-1][0].append(line)
        else:
            bands.append(([line], split))
    return bands


def _gutter(lines: list[Line]) -> tuple[float, float] | None:
    """An empty vertical strip down the middle that text lines keep to either side of."""
    if len(lines) < 6:
        return None
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    span = right - left
    narrow = [ln for ln in lines if ln.width < span * 0.6]
    if span < 100 or len(narrow) < 6:
        return None
    covered = [0] * (int(span) + 2)
    for line in narrow:
        for x in range(int(line.x0 - left), int(line.x1 - left) + 1):
            covered[x] += 1
    strip = _widest_gap(covered, int(span * 0.2), int(span * 0.8), max(1, len(narrow) // 50))
    if strip is None:
        return None
    gutter = (left + strip[0], left + strip[1])
    return gutter if _columns_hold_text(narrow, gutter) else None


def _widest_gap(covered: list[int], low: int, high: int, allowed: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    start: int | None = None
    for x in range(low, high + 1):
        if covered[x] <= allowed and start is None:
            start = x
        elif covered[x] > allowed and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if start is not None and (best is None or high - start > best[1] - best[0]):
        best = (start, high)
    return best if best is not None and best[1] - best[0] >= 6 else None


def _columns_hold_text(lines: list[Line], gutter: tuple[float, float]) -> bool:
    """Both sides carry real text lines, level with each other: columns, not a stray label."""
    left = [ln for ln in lines if ln.x1 <= sum(gutter) / 2]
    right = [ln for ln in lines if ln.x0 >= sum(gutter) / 2]
    if min(len(left), len(right)) < 3 or min(len(left), len(right)) < len(lines) * 0.15:
        return False
    overlap = min(max(ln.bottom for ln in left), max(ln.bottom for ln in right)) - max(
        min(ln.top for ln in left), min(ln.top for ln in right))
    return overlap > 0


def merge_rows(lines: list[Line]) -> list[Line]:
    """Pieces of one row (a bullet and its text, a superscript) joined into one line."""
    rows: list[Line] = []
    for line in lines:
        if rows and _same_row(rows[-1], line):
            rows[-1] = _join_row(rows[-1], line)
        else:
            rows.append(line)
    return rows


def _same_row(a: Line, b: Line) -> bool:
    height = min(a.bottom - a.top, b.bottom - b.top)
    return abs(a.middle - b.middle) < height * 0.5 and (b.x0 >= a.x1 - 1 or b.x1 <= a.x0 + 1)


def _join_row(a: Line, b: Line) -> Line:
    first, second = (a, b) if b.x0 >= a.x1 - 1 else (b, a)
    if mostly_rtl(a.text + b.text):
        first, second = second, first
    main = a if len(a.text) >= len(b.text) else b
    return Line(f"{first.text} {second.text}", min(a.x0, b.x0), min(a.top, b.top),
                max(a.x1, b.x1), max(a.bottom, b.bottom), main.size, main.bold, a.page)


# --- Paragraphs ----------------------------------------------------------------------------


def paragraphs(run: list[Line], spacing: float, body: float) -> list[Paragraph]:
    """Lines of one run grouped by vertical gap, indentation, alignment and list markers;
    `spacing` is the usual baseline-to-baseline step of body text set in size `body`."""
    frame = _Frame(run)
    result: list[Paragraph] = []
    for line in run:
        if result and not _breaks(result[-1], line, frame, spacing if
                                  abs(line.size - body) < 0.6 else 1.25 * line.size):
            result[-1].lines.append(line)
        else:
            kind = "list_item" if _MARKER.match(line.text) else "paragraph"
            result.append(Paragraph([line], kind))
    return result


class _Frame:
    """The run's left and right edges and its direction, to tell a short, indented or
    centred line."""

    def __init__(self, run: list[Line]) -> None:
        self.left = min((ln.x0 for ln in run), default=0.0)
        self.right = max((ln.x1 for ln in run), default=0.0)
        self.rtl = sum(mostly_rtl(ln.text) for ln in run) * 2 > len(run)

    def start(self, line: Line) -> float:
        """How far the line starts from the edge it is read from."""
        return self.right - line.x1 if self.rtl else line.x0 - self.left

    def end(self, line: Line) -> float:
        """How far short of the far edge the line stops."""
        return line.x0 - self.left if self.rtl else self.right - line.x1

    def centred(self, line: Line) -> bool:
        """Whether the line stands clear of both edges with its middle near the run's middle."""
        middle = (self.left + self.right) / 2
        return (self.start(line) > 2 * line.size and self.end(line) > 2 * line.size
                and abs((line.x0 + line.x1) / 2 - middle) < 0.05 * (self.right - self.left))


def _breaks(para: Paragraph, line: Line, frame: _Frame, step_size: float) -> bool:
    last = para.lines[-1]
    step = line.bottom - last.bottom
    if _MARKER.match(line.text) or step <= 0 or step > step_size * 1.35:
        return True
    if abs(line.size - last.size) > max(0.6, last.size * 0.1):
        return True
    short = frame.end(last) > 2 * last.size
    closed = short or last.text.rstrip().endswith(_CLOSING)
    # Bold words inside a sentence do not end it; a bold line after a closed one does.
    if closed and (line.bold != last.bold or _opens_with_label(line)):
        return True
    if short and frame.centred(line) != frame.centred(last):
        return True
    if frame.end(last) > max(4 * last.size, 40) and last.text.rstrip().endswith(_CLOSING):
        return True
    # A first-line indent opens a paragraph; a list item's wrapped lines hang indented.
    return (closed and frame.start(line) > frame.start(last) + 0.8 * line.size
            and para.kind != "list_item" and not frame.centred(line))


def _opens_with_label(line: Line) -> bool:
    """A bold lead-in ("Key finding:", "Commute patterns.") starts a paragraph."""
    return line.bold_head > 0 and line.text[:line.bold_head].rstrip().endswith(
        (".", ":", "—", "–"))


def body_spacing(runs: list[list[Line]], body_size: float) -> float:
    """The common baseline step between consecutive body lines."""
    steps = [
        round(b.bottom - a.bottom, 1)
        for run in runs for a, b in itertools.pairwise(run)
        if abs(a.size - body_size) < 0.6 and 0.8 * a.size < b.bottom - a.bottom < 2.5 * a.size
    ]
    return statistics.median(steps) if steps else body_size * 1.2


def body_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    return _weighted_mode([(round(ln.size * 2) / 2, len(ln.text)) for ln in lines]) or 10.0


def _weighted_mode(pairs: list[tuple[float, int]]) -> float:
    weights: Counter[float] = Counter()
    for value, weight in pairs:
        weights[value] += weight
    return weights.most_common(1)[0][0] if weights else 0.0


# --- Block text ----------------------------------------------------------------------------


def paragraph_text(para: Paragraph) -> str:
    """The lines joined, words split at line ends rejoined, list marker taken off."""
    text = ""
    for line in para.lines:
        text = join_line(text, line.text.strip())
    if para.kind == "list_item":
        text = _MARKER.sub("", text, count=1)
    return " ".join(text.split())


def join_line(text: str, following: str) -> str:
    """`following` appended on a new visual line: "recom-" + "mendation" is one word, and
    "well-" + "known" keeps its hyphen."""
    if not text:
        return following
    if not following:
        return text
    match = re.search(r"(\w+)[-\u00ad]$", text)
    if match and following[0].islower():
        head = match.group(1)
        if len(head) > 1 and head.isalpha() and head.islower() and head not in _COMPOUND_HEADS:
            return text[:-1] + following
        return text[:-1] + "-" + following
    if text.endswith(("-", "—", "/")):
        return text + following
    return text + " " + following


# --- Paragraphs across columns and pages ---------------------------------------------------


def join_continued(runs: list[list[Paragraph]], body: float) -> list[Paragraph]:
    """Paragraphs in reading order, one cut by the end of a column or page joined with its
    rest at the top of the next (footnotes and captions set smaller in between stay after
    it)."""
    result: list[Paragraph] = []
    cut: Paragraph | None = None
    for run in runs:
        if cut is not None and run and _continues(cut, run[0]):
            cut.lines.extend(run[0].lines)
            run = run[1:]
        result.extend(run)
        cut = _open_end(run, body) or (cut if not run else None)
    return result


def _open_end(run: list[Paragraph], body: float) -> Paragraph | None:
    """The run's last body paragraph when it stops mid-sentence, skipping smaller text
    after it (notes at the foot of the page)."""
    for para in reversed(run):
        if para.size < body - 0.6:
            continue
        last = para.lines[-1].text.rstrip()
        if abs(para.size - body) < 0.6 and last and not last.endswith(_CLOSING):
            return para
        return None
    return None


def _continues(para: Paragraph, following: Paragraph) -> bool:
    first = following.lines[0]
    return (following.kind == "paragraph" and abs(following.size - para.size) < 0.6
            and following.bold == para.bold and not _opens_with_label(first)
            and mostly_rtl(first.text) == mostly_rtl(para.lines[-1].text))
