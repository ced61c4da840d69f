"""Whole briefs of our own, one per language, with a recommendations part among the other
parts: every numbered item found, each with its addressee as the brief writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.domain.recommendations import extract_recommendations
from reviewdesk.importers.markdown import parse_markdown

BRIEFS = Path(__file__).parents[2] / "support" / "briefs"


@pytest.mark.parametrize(("name", "expected"), [
    ("ru-water-valley.md", ["Министерству сельского хозяйства", "Районным администрациям",
                            "Совет бассейна"]),
    ("fa-water-valley.md", ["وزارت کشاورزی", "فرمانداری‌ها", "شورای حوضه"]),
    ("ar-water-valley.md", ["الحكومة", "البلديات", "مجلس الحوض"]),
    ("tg-water-valley.md", ["Вазорати кишоварзӣ", "Мақомоти ноҳияҳо", "Шӯрои ҳавза"]),
    ("fr-water-valley.md", ["Ministère de l'Agriculture", "Les communes", "Conseil de bassin",
                            "Conseil de bassin"]),
    ("es-water-valley.md", ["El Ministerio de Agricultura", "Los municipios",
                            "La junta de cuenca"]),
])
def test_each_item_of_a_whole_brief_and_its_addressee(name: str, expected: list[str]) -> None:
    brief = parse_markdown((BRIEFS / name).read_text(encoding="utf-8"), name)
    items = extract_recommendations(brief)
    assert [item.addressee for item in items] == expected
    assert all(item.block_id for item in items)


def test_items_numbered_in_persian_digits_on_lines_of_one_paragraph() -> None:
    brief = parse_markdown((BRIEFS / "fa-water-valley.md").read_text(encoding="utf-8"),
                           "fa.md")
    texts = [item.text for item in extract_recommendations(brief)]
    assert [text.split()[0] for text in texts] == ["۱.", "۲.", "۳."]
    assert texts[0].endswith("منتشر کند.")
