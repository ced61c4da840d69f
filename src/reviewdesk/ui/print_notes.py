"""The margin notes of a printed review: what each says (its number, tag, reviewer, comment
and replies) and where it goes, stacked down the margin without overlapping."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.views import AnnotationView

NOTE_COLOUR = "#8a1538"  # the numbers, in the text and in the margin: dark enough in grey
QUOTE_CHARACTERS = 90  # of the annotated words, quoted in the end list


@dataclass(frozen=True, slots=True)
class WantedNote:
    """A note that would like to sit beside its line: its top there, and its height."""

    number: int
    top: float
    height: float


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """Where a note goes in the margin: from `top` down `height`."""

    number: int
    top: float
    height: float

    @property
    def bottom(self) -> float:
        """The first point below the note."""
        return self.top + self.height


def stack_notes(wanted: Sequence[WantedNote], bottom: float,
                gap: float) -> tuple[list[PlacedNote], list[int]]:
    """Place each note beside its line, or lower when the note above is in the way, `gap`
    apart; a note that would run past `bottom` and every note after it (they stand in
    reading order) go to the end list. Returns (the placed notes, the numbers left over)."""
    placed: list[PlacedNote] = []
    left_over: list[int] = []
    free = float("-inf")  # the first point below the last note placed
    for note in sorted(wanted, key=lambda note: (note.top, note.number)):
        top = max(note.top, free)
        if left_over or top + note.height > bottom:
            left_over.append(note.number)
            continue
        placed.append(PlacedNote(note.number, top, note.height))
        free = top + note.height + gap
    return placed, left_over


def note_html(number: int, view: AnnotationView, quote: bool = False, space: int = 0) -> str:
    """A note as rich text: "3 Tag · Reviewer", resolved or not, the comment, then the
    replies indented under it; with `quote`, the annotated words too (for the end list),
    `space` points above it."""
    head = (f'<b style="color:{NOTE_COLOUR}">{number}</b>&nbsp; '
            f"<b>{_text(view.tag or 'Comment')}</b>"
            f' <span style="color:#555555">· {_text(view.reviewer)}</span>')
    if view.status == AnnotationStatus.RESOLVED:
        head += ' <span style="color:#2e7d32"><i>· resolved</i></span>'
    parts = [f'<p style="margin:0; margin-top:{space}px">{head}</p>']
    if quote and view.quote:
        words = " ".join(view.quote.split())
        if len(words) > QUOTE_CHARACTERS:
            words = words[:QUOTE_CHARACTERS - 1].rstrip() + "…"
        parts.append(f'<p style="margin:0; color:#555555"><i>“{_text(words)}”</i></p>')
    if view.comment.strip():
        parts.append(f'<p style="margin:0; margin-top:2px">{_lines(view.comment)}</p>')
    for reply in view.replies:
        parts.append(f'<p style="margin:0; margin-top:2px; margin-left:12px">'
                     f'<span style="color:#555555">↳ {_text(reply.reviewer)}:</span> '
                     f"{_lines(reply.text)}</p>")
    return "".join(parts)


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def _lines(value: str) -> str:
    return "<br>".join(_text(line) for line in value.strip().splitlines())


def fill_columns(heights: Sequence[tuple[int, float]], first_top: float, bottom: float,
                 columns: int, gap: float) -> list[list[tuple[int, PlacedNote]]]:
    """The end list's pages: each note, in order, under the one before it in its column,
    or at the top of the next column (then page) when it would run past `bottom`; the
    first page starts at `first_top` (below the list's title). Returns, for each page, its
    notes with their columns. A note taller than a page stands alone at a column's top."""
    pages: list[list[tuple[int, PlacedNote]]] = []
    column, top, start = columns, 0.0, first_top  # as if the last column were full
    for number, height in heights:
        if column < columns and (top == start or top + height <= bottom):
            pass
        elif column + 1 < columns:
            column, top = column + 1, start
        else:
            pages.append([])
            start = first_top if len(pages) == 1 else 0.0
            column, top = 0, start
        pages[-1].append((column, PlacedNote(number, top, height)))
        top += height + gap
    return pages
