"""Fragments on a page gathered into text lines by position, in the order they are read.

A row is the fragments on one baseline; a row splits into lines where a gap is wider
than a word space (columns, table cells). Left-to-right lines keep each fragment's
drawing order; right-to-left lines are put in logical order from the glyphs' positions,
so a Persian or Arabic word stays whole and numbers inside it read left to right.
"""

from __future__ import annotations

import itertools
import unicodedata

from reviewdesk.domain.script import mostly_rtl
from reviewdesk.importers.pdf_glyphs import Fragment, Glyph
from reviewdesk.importers.pdf_layout import Line

_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_TATWEEL = "\u0640"  # stretches an Arabic word; kept for its place, left out of the text
_LINE_GAP = 0.9  # in font sizes: a wider gap on a row starts another line
_SPACE = 0.15  # in font sizes: a narrower gap between fragments is no word space
_RTL_SPACE = 0.22  # wider than the gap beside a letter that does not join the next one


def page_lines(fragments: list[Fragment], page: int) -> list[Line]:
    """Lines of one page from its fragments, top to bottom."""
    lines: list[Line] = []
    for row in _rows(fragments):
        for cluster in _clusters(row):
            line = _line(cluster, page)
            if line is not None:
                lines.append(line)
    return lines


def _rows(fragments: list[Fragment]) -> list[list[Fragment]]:
    """Fragments whose middles lie within a fraction of a line of each other."""
    rows: list[list[Fragment]] = []
    anchor = 0.0
    for fragment in sorted(fragments, key=lambda f: f.middle):
        size = fragment.size
        if rows and abs(fragment.middle - anchor) < 0.4 * min(size, rows[-1][0].size):
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
            anchor = fragment.middle
    return rows


def _clusters(row: list[Fragment]) -> list[list[Fragment]]:
    clusters: list[list[Fragment]] = []
    right = 0.0
    for fragment in sorted(row, key=lambda f: f.x0):
        size = max(fragment.size, clusters[-1][-1].size if clusters else 0.0)
        if clusters and fragment.x0 - right <= _LINE_GAP * size:
            clusters[-1].append(fragment)
            right = max(right, fragment.x1)
        else:
            clusters.append([fragment])
            right = fragment.x1
    return clusters


def _line(cluster: list[Fragment], page: int) -> Line | None:
    glyphs = [glyph for fragment in cluster for glyph in fragment.glyphs]
    if mostly_rtl("".join(glyph.char for glyph in glyphs)):
        text, bold_head = _text(logical_order(glyphs))
    else:
        text, bold_head = _text(_spaced_ltr(cluster))
    if not text.strip():
        return None
    weights: dict[float, int] = {}
    for glyph in glyphs:
        key = round(glyph.size * 2) / 2
        weights[key] = weights.get(key, 0) + 1
    size = max(weights, key=lambda k: weights[k])
    bold = sum(g.bold for g in glyphs) * 2 > len(glyphs)
    # A drop cap or a raised mark does not make the line taller.
    usual = [g for g in glyphs if 0.7 * size <= g.size <= 1.4 * size] or glyphs
    return Line(text, min(g.x0 for g in glyphs), min(g.top for g in usual),
                max(g.x1 for g in glyphs), max(g.bottom for g in usual), size, bold, page,
                bold_head=0 if bold else bold_head)


def _spaced_ltr(cluster: list[Fragment]) -> list[Glyph]:
    """The fragments' glyphs left to right, a word space where fragments stand apart."""
    glyphs: list[Glyph] = []
    for fragment in cluster:  # already sorted left to right
        first = fragment.glyphs[0]
        if glyphs:
            gap = fragment.x0 - glyphs[-1].x1
            first.space_before = first.space_before or gap > _SPACE * first.size
        glyphs.extend(fragment.glyphs)
    return glyphs


def _text(glyphs: list[Glyph]) -> tuple[str, int]:
    """The glyphs as text, and the length of the bold lead-in that opens it before plain
    text ("Key finding:"); 0 when there is none."""
    parts: list[str] = []
    length = 0
    head = 0
    in_head = True
    for glyph in glyphs:
        if glyph.space_before and parts and parts[-1] != " ":
            parts.append(" ")
            length += 1
        if glyph.char != _TATWEEL:
            parts.append(glyph.char)
            length += len(glyph.char)
        if in_head and glyph.bold:
            head = length
        elif not glyph.bold:
            in_head = False
    text = "".join(parts)
    stripped = text.lstrip()
    return stripped.rstrip(), head - (len(text) - len(stripped)) if not in_head else 0


def logical_order(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs of a right-to-left line in reading order: right to left by position, a
    space where glyphs stand apart, then each left-to-right run (Latin words, numbers)
    turned back and the brackets outside them mirrored."""
    units = _with_marks(glyphs)
    units.sort(key=lambda unit: -(unit[0].x0 + unit[0].x1) / 2)
    _lam_first(units)
    for right, left in itertools.pairwise(units):
        gap = right[0].x0 - left[0].x1
        size = max(right[0].size, left[0].size)
        drawn = left[0].drawn_space or right[0].drawn_space
        left[0].space_before = gap > _RTL_SPACE * size or (drawn and gap > 0.06 * size)
    if units:
        units[0][0].space_before = False
    ordered: list[list[Glyph]] = []
    run: list[list[Glyph]] = []
    for index, unit in enumerate(units):
        if _left_to_right(units, index):
            run.append(unit)
            continue
        _flush_run(run, ordered)
        unit[0].char = _MIRROR.get(unit[0].char, unit[0].char)
        ordered.append(unit)
    _flush_run(run, ordered)
    return [glyph for unit in ordered for glyph in unit]


_ALEFS = frozenset("اأإآٱ")


def _lam_first(units: list[list[Glyph]]) -> None:
    """A lam-alef ligature ("لا") is one glyph with one box, which PDFium may hand over as
    alef then lam: read, the lam comes first."""
    for index in range(len(units) - 1):
        alef, lam = units[index][0], units[index + 1][0]
        if alef.char in _ALEFS and lam.char == "ل" and abs(alef.x0 - lam.x0) < 0.5 \
                and abs(alef.x1 - lam.x1) < 0.5:
            units[index], units[index + 1] = units[index + 1], units[index]


def _flush_run(run: list[list[Glyph]], ordered: list[list[Glyph]]) -> None:
    """A left-to-right run found right to left, put back in its own order; the space
    before each unit moves to the unit on its other side."""
    if not run:
        return
    spaces = [unit[0].space_before for unit in run]
    run.reverse()
    spaces.reverse()
    # Read right to left, unit k had a space before it (to its right); read left to
    # right that space comes before the unit that was k - 1.
    run[0][0].space_before = spaces[-1]
    for index in range(1, len(run)):
        run[index][0].space_before = spaces[index - 1]
    ordered.extend(run)
    run.clear()


def _with_marks(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Each glyph with the combining marks drawn after it (a vowel sign, a shadda)."""
    units: list[list[Glyph]] = []
    for glyph in glyphs:
        if units and unicodedata.combining(glyph.char[0]):
            units[-1].append(glyph)
        else:
            units.append([glyph])
    return units


def _left_to_right(units: list[list[Glyph]], index: int) -> bool:
    """A Latin letter or a digit, or a separator inside a number or between Latin words."""
    char = units[index][0].char
    if _strong_ltr(char) or char.isdigit():
        return True
    if char not in ".,:/-–'’%" or index == 0 or index + 1 >= len(units):
        return False
    before, after = units[index - 1][0].char, units[index + 1][0].char
    return (before.isdigit() and after.isdigit()) or (_strong_ltr(before) and _strong_ltr(after))


def _strong_ltr(char: str) -> bool:
    return char.isalpha() and unicodedata.bidirectional(char[0]) == "L"
