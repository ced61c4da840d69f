"""Recommendations of a brief of a million characters (its speed is measured by the
benchmark command, `benchmarks/run.py`, not asserted here)."""

from __future__ import annotations

from reviewdesk.domain.brief import BlockKind, Brief, BriefBuilder, SourceFormat
from reviewdesk.domain.recommendations import extract_recommendations

_CHARACTERS = 1_000_000  # the design size

_PARAGRAPHS = (
    "Ferry fares on the northern routes rose by a fifth in 2023, while fuel costs rose by a "
    "tenth and wages stayed flat. ",
    "The harbour board should publish a fare formula every spring; operators are expected "
    "to report monthly, and we recommend a cap. ",
    "Residents would still need to drive to the port, although travel times are expected "
    "to fall after the new pier opens. ",
    "Вазорати нақлиёт бояд нархномаро нашр кунад. وزارت راه باید گزارش دهد. ",
)


def _long_brief() -> Brief:
    builder = BriefBuilder()
    length = index = 0
    while length < _CHARACTERS:
        if index % 200 == 0:
            title = "Recommendations" if index % 1000 == 0 else f"Part {index}"
            builder.heading(title, 1, f"h[{index}]")
        kind = BlockKind.LIST_ITEM if index % 3 == 0 else BlockKind.PARAGRAPH
        text = _PARAGRAPHS[index % len(_PARAGRAPHS)] * 2
        builder.block(kind, text, f"p[{index}]")
        length += len(text)
        index += 1
    return builder.build("Ferries", SourceFormat.DOCX)


def test_a_brief_of_a_million_characters_is_read() -> None:
    brief = _long_brief()
    assert len(brief.text) >= _CHARACTERS
    items = extract_recommendations(brief)
    assert items
