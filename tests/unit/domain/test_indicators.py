from __future__ import annotations

from reviewdesk.domain.indicators import indicator_candidates, split_sentences
from reviewdesk.importers.markdown import parse_markdown

BRIEF = """# Salt Trade

## Background

The salt road was first paved in the 1980s. Trade grew in 2019, when caravans returned.

## Key developments

The governor of Osk opened a new weighing station in March 2024 (Hamal 1403). Traders
said it was “overdue.” Prices fell by 3.5 per cent. Gen. Adil Baran visited the depot
on 4 May 2024.

## References

- Salt Board. (2024, March 2). Weighing station opens. Link
"""


def test_candidates_with_sections_and_confidence() -> None:
    brief = parse_markdown(BRIEF, "s.md")
    found = [(c.text, c.date, c.section, c.section_kind, c.confidence)
             for c in indicator_candidates(brief)]
    assert found == [
        ("The salt road was first paved in the 1980s.", "the 1980s", "Background",
         "introduction", 0.3),
        # A year is still an event's date; only a decade or longer counts as background.
        ("Trade grew in 2019, when caravans returned.", "2019", "Background", "introduction",
         0.5),
        ("The governor of Osk opened a new weighing station in March 2024 (Hamal 1403).",
         "March 2024", "Key developments", "indicators", 0.9),
        ("Gen. Adil Baran visited the depot on 4 May 2024.", "4 May 2024", "Key developments",
         "indicators", 0.9),
    ]
    assert all(brief.text[c.start:c.end] == c.text for c in indicator_candidates(brief))


def test_split_sentences_respects_abbreviations_decimals_and_quotes() -> None:
    text = 'Dr. Mira Sol came. Output was 2.5 tons. He said “done.” The U.S. team left. Why? Yes.'
    assert [s.text for s in split_sentences(text, 10)] == [
        "Dr. Mira Sol came.", "Output was 2.5 tons.", "He said “done.”",
        "The U.S. team left.", "Why?", "Yes."]
    assert next(iter(split_sentences(text, 10))).start == 10
