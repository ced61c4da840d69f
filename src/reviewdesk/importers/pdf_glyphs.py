"""PDF characters as PDFium draws them: each with its box, true size and weight.

Runs in the parsing child process. The size is the font size scaled by the text matrix
(a PDF may set every word at size 1 and scale it up); the weight comes from the font's
name or a stroked fill (PDFium's own weight figure calls italics bold). Characters are
gathered in drawing order into fragments: runs on one baseline without a wide jump.
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# "Arial-BoldMT", "Calibri,Bold", "MyriadPro-Semibold", "CMBX10", "NimbusRomNo9L-Medi".
_BOLD_FONT = re.compile(
    r"bold|black|heavy|demi|(?<![a-z])(?:bd|medi)(?![a-z])|^(?:cm|sf|lm)bx", re.IGNORECASE)
_FILL_STROKE = 2


@dataclass(slots=True)
class Glyph:
    """One drawn character; coordinates in points from the page's top-left corner."""

    char: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    space_before: bool = False
    # A space stood before it in the text as drawn (not one PDFium made up from a gap).
    drawn_space: bool = False

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Fragment:
    """Glyphs drawn one after the other on one baseline."""

    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def middle(self) -> float:
        """How far down the page its first glyph's middle lies; a fragment stays on one
        baseline."""
        return self.glyphs[0].middle

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)


class _Fonts:
    """Size and weight per text object, looked up once for all of its characters."""

    def __init__(self, handle: Any) -> None:
        import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

        self._c = pdfium_c
        self._handle = handle
        self._known: dict[int, tuple[float, bool, bool]] = {}
        self._matrix = pdfium_c.FS_MATRIX()
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()

    def style(self, index: int) -> tuple[float, bool, bool]:
        """(size, bold, turned) of the character at `index`; turned text is rotated."""
        pointer = self._c.FPDFText_GetTextObject(self._handle, index)
        key = ctypes.cast(pointer, ctypes.c_void_p).value or 0
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._read(index, pointer)
        return found

    def _read(self, index: int, pointer: Any) -> tuple[float, bool, bool]:
        c, matrix = self._c, self._matrix
        size = c.FPDFText_GetFontSize(self._handle, index)
        if c.FPDFText_GetMatrix(self._handle, index, ctypes.byref(matrix)):
            scale = math.hypot(matrix.c, matrix.d)
            turned = abs(matrix.b) > 0.1 * max(abs(matrix.a), 1e-6)
        else:
            scale, turned = 1.0, False
        c.FPDFText_GetFontInfo(self._handle, index, self._name, 128, ctypes.byref(self._flags))
        name = self._name.value.decode("latin-1").split("+")[-1]
        bold = bool(_BOLD_FONT.search(name))
        if pointer and c.FPDFTextObj_GetTextRenderMode(pointer) == _FILL_STROKE:
            bold = True
        return max(size * scale, 0.5), bold, turned


def page_fragments(textpage: Any, left: float, top: float) -> list[Fragment]:
    """The page's characters in drawing order, cut where the pen jumps."""
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    fonts = _Fonts(handle)
    fragments: list[Fragment] = []
    current = Fragment()
    space = drawn = False
    seen: set[tuple[str, int, int]] = set()
    ligature_box: tuple[float, float, float, float] | None = None
    for index in range(pdfium_c.FPDFText_CountChars(handle)):
        code = pdfium_c.FPDFText_GetUnicode(handle, index)
        if code in (10, 13):
            current = _close(current, fragments)
            space = drawn = False
            continue
        char = _char(code)
        if not char or char.isspace():
            space = space or bool(char)
            drawn = drawn or (bool(char) and not pdfium_c.FPDFText_IsGenerated(handle, index))
            continue
        size, bold, turned = fonts.style(index)
        if turned:  # a margin stamp, a vertical table header: it would cut across lines
            continue
        box = textpage.get_charbox(index, loose=True)
        x0, y0, x1, y1 = box
        key = (char, round(x0 * 2), round(y0 * 2))
        # Drawn twice over itself to look bold: the copy is dropped. The letters of one
        # ligature ("ff" in "offices") share one box, one right after the other: kept.
        if key in seen and box != ligature_box:
            continue
        seen.add(key)
        ligature_box = box
        glyph = Glyph(char, x0 - left, top - y1, x1 - left, top - y0, size, bold, space, drawn)
        space = drawn = False
        if current.glyphs and _apart(current, glyph):
            current = _close(current, fragments)
        current.glyphs.append(glyph)
    _close(current, fragments)
    return fragments


def _close(fragment: Fragment, fragments: list[Fragment]) -> Fragment:
    if fragment.glyphs:
        fragments.append(fragment)
        return Fragment()
    return fragment


def _apart(fragment: Fragment, glyph: Glyph) -> bool:
    """A new fragment starts after a wide jump, on another baseline, or where a much
    smaller or larger character stands off (a margin line number beside its line)."""
    last = fragment.glyphs[-1]
    size = max(glyph.size, last.size, 1.0)
    gap = max(glyph.x0 - last.x1, last.x0 - glyph.x1)
    if gap > 1.5 * size or abs(glyph.middle - last.middle) > 0.7 * size:
        return True
    ratio = max(glyph.size, last.size) / max(min(glyph.size, last.size), 0.1)
    return ratio >= 1.6 and gap > 0.25 * size


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


_MAX_PICTURES = 200


def picture_boxes(page: Any, left: float, top: float) -> list[tuple[float, float, float, float]]:
    """The boxes (x0, top, x1, bottom) of the images drawn on the page."""
    import pypdfium2.raw as pdfium_c

    boxes: list[tuple[float, float, float, float]] = []
    for item in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        x0, y0, x1, y1 = item.get_bounds()
        boxes.append((x0 - left, top - y1, x1 - left, top - y0))
        if len(boxes) >= _MAX_PICTURES:
            break
    return boxes
