"""The HTML importer on real pages from the shared corpus (skipped when it is absent)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reviewdesk.domain.brief import BlockKind, Brief, SourceFormat
from reviewdesk.importers import read_brief

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "other"
PAGES = sorted(CORPUS.glob("*.html")) if CORPUS.is_dir() else []

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not PAGES, reason="the shared corpus is not here"),
]

_BRIEFS: dict[Path, Brief] = {}


def _brief(path: Path) -> Brief:
    if path not in _BRIEFS:
        _BRIEFS[path] = read_brief(path)
    return _BRIEFS[path]


def _page(fragment: str) -> Path:
    matches = [page for page in PAGES if fragment in page.name]
    if not matches:
        pytest.skip(f"no corpus page named like {fragment}")
    return matches[0]


def _kinds(brief: Brief) -> Counter[BlockKind]:
    return Counter(block.kind for block in brief.blocks)


@pytest.mark.parametrize("path", PAGES, ids=[page.name for page in PAGES])
def test_every_page_imports_with_headings(path: Path) -> None:
    brief = read_brief(path)
    _BRIEFS[path] = brief
    assert brief.source_format == SourceFormat.HTML
    assert brief.source is not None and brief.source.filename == path.name
    assert _kinds(brief)[BlockKind.HEADING] > 0
    assert brief.text == "\n".join(block.text for block in brief.blocks)
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
        assert block.locator


def test_wikipedia_article_structure() -> None:
    brief = _brief(_page("wiki"))
    kinds = _kinds(brief)
    assert kinds[BlockKind.LIST_ITEM] > 0
    assert kinds[BlockKind.TABLE_CELL] > 0
    assert kinds[BlockKind.FOOTNOTE] > 20
    first = brief.blocks[0]
    assert (first.kind, first.level, first.locator) == (BlockKind.HEADING, 1, "#firstHeading")
    # The <title> only adds the site's name to the h1.
    assert brief.title == first.text
    levels = Counter(b.level for b in brief.blocks if b.kind == BlockKind.HEADING)
    assert levels[1] == 1 and levels[2] > 3 and levels[3] > 3
    assert all(b.locator.startswith("#cite_note") for b in brief.blocks
               if b.kind == BlockKind.FOOTNOTE)
    # The language menu in the page header and the site navigation are chrome.
    assert not any("/header/" in b.locator or "/nav" in b.locator for b in brief.blocks)


def test_inline_xbrl_annual_report_structure() -> None:
    brief = _brief(_page("10k"))
    kinds = _kinds(brief)
    assert kinds[BlockKind.TABLE_CELL] > 1000
    assert kinds[BlockKind.PARAGRAPH] > 100
    # No heading tags in the filing: bold paragraphs stand in for them.
    assert kinds[BlockKind.HEADING] > 20
    # The first <div> of the body is the hidden inline-XBRL header.
    assert not any(b.locator.startswith("html/body/div[1]/") for b in brief.blocks)
    assert all(not b.rtl for b in brief.blocks)


def test_tool_extracted_report_structure() -> None:
    brief = _brief(_page("recalibrating"))
    headings = [b for b in brief.blocks if b.kind == BlockKind.HEADING]
    assert len(headings) > 3
    assert all(len(h.text) > 1 for h in headings)
    assert _kinds(brief)[BlockKind.LIST_ITEM] > 0
    assert brief.title == headings[0].text
