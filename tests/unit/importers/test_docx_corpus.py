"""Every Word file of the shared corpus imports or is refused in one sentence, with the counts
its manifest gives."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from reviewdesk.domain.brief import BlockKind, Brief
from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief
from reviewdesk.importers.docx import read_package, read_text
from reviewdesk.importers.docx_package import open_package
from reviewdesk.importers.zipguard import open_zip

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"

# Where a reader sees other counts than the manifest, which counts raw markup.
# Headings: the manifest counts paragraphs styled "heading N"; Word (and we) also make a
# heading of any paragraph with an outline level, so these files have more. stress008 has
# fewer: some of its heading-styled paragraphs are empty or table-of-contents entries.
_HEADINGS_DIFFER = {
    "poi__bug59058.docx", "poi__stress004.docx", "poi__stress008.docx", "poi__stress010.docx",
    "docx2python__libreoffice_conversion.docx",
}
# Files without heading styles (or with few) whose headings are read from how their
# paragraphs look (bold, larger, capitals, numbered): the manifest counts none of them.
_HEADINGS_FROM_LOOKS = {
    "oxpt__RA001-Tracked-Revisions-01.docx", "poi__IllustrativeCases.docx",
    "poi__stress011.docx", "poi__stress019.docx", "poi__stress023.docx",
}
# List paragraphs: the manifest counts every w:numPr.
_LISTS_DIFFER = {
    # numbered headings stay headings
    "oxpt__LIR016-en-US-decimal.docx",
    # lists inside table cells are folded into the cell's one TABLE_CELL block
    "docx2python__example.docx", "docling__docx_rich_cells.docx",
    # numId 0 means "numbering removed": Word shows no list there
    "docx2python__libreoffice_conversion.docx",
    # three of its paragraphs get numbering through their style, which the manifest misses
    "pandoc__german_styled_lists.docx",
    # three of its numbered paragraphs are empty, so they make no block
    "poi__delins.docx",
}


def _manifest() -> dict[str, dict[str, str]]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {Path(row["file"]).name: row for row in rows if row["file"].startswith("docx/")}


MANIFEST = _manifest()
FILES = sorted(MANIFEST)


def _near(actual: int, expected: int) -> bool:
    """Within 10% or 2, whichever is looser."""
    return abs(actual - expected) <= max(2, expected // 10)


def _number(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    return sum(int(group) for group in match.groups()) if match else 0


def _count(brief: Brief, kind: BlockKind) -> int:
    return sum(1 for block in brief.blocks if block.kind == kind)


def _import(name: str) -> Brief | None:
    path = CORPUS / "docx" / name
    if not path.is_file():
        pytest.skip(f"{path} is not in the corpus")
    try:
        return read_brief(path)
    except InputError as error:
        assert str(error).count("\n") == 0
        return None


@pytest.mark.shared
@pytest.mark.skipif(not FILES, reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("name", FILES)
def test_corpus_file(name: str) -> None:
    row = MANIFEST[name]
    brief = _import(name)
    if row["status"].startswith("UNREADABLE"):
        assert brief is None
        return
    if brief is None:
        # Only a document without any text may be refused: "has no text to review".
        assert row["paragraphs"] in ("0", "1") or row["images"] not in ("", "0")
        return
    _check_counts(name, row, brief)


def _check_counts(name: str, row: dict[str, str], brief: Brief) -> None:
    headings = sum(1 for b in brief.blocks if b.kind == BlockKind.HEADING and b.level > 0)
    expected_headings = int(row["headings"])
    if name in _HEADINGS_DIFFER:
        assert headings >= expected_headings // 2
    elif name in _HEADINGS_FROM_LOOKS:
        assert headings > expected_headings
    else:
        assert _near(headings, expected_headings)
    if name not in _LISTS_DIFFER:
        assert _near(_count(brief, BlockKind.LIST_ITEM), int(row["list_paras"]))
    notes = _number(r"(\d+) footnotes, (\d+) endnotes", row["has_footnotes"])
    assert abs(_count(brief, BlockKind.FOOTNOTE) - notes) <= 1
    comments = _number(r"\((\d+) comments", row["has_comments"])
    found = len(brief.source_comments) + sum(len(c.replies) for c in brief.source_comments)
    assert found == comments
    for comment in brief.source_comments:
        assert 0 <= comment.start <= comment.end <= len(brief.text)
    if "yes (" in row["has_tracked_changes"]:
        # Suggested edits, or (a paragraph mark inserted or deleted) shown accepted.
        assert brief.source_changes or any(block.tracked_changes for block in brief.blocks)
    for change in brief.source_changes:  # each inside one block, with words to replace
        assert any(b.start <= change.start < change.end <= b.end for b in brief.blocks)
    if row["rtl"] == "yes" and re.search("Hebrew|Arabic", row["scripts"]):
        assert any(block.rtl for block in brief.blocks)


@pytest.mark.shared
@pytest.mark.skipif(not FILES, reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("name", FILES)
def test_the_text_alone_reads_as_the_import_does(name: str) -> None:
    """read_text (the export's re-read, without outline, roles or block ids) gives the same
    text, blocks, comments and tracked changes as the import."""
    path = CORPUS / "docx" / name
    if not path.is_file():
        pytest.skip(f"{path} is not in the corpus")
    data = path.read_bytes()
    try:
        with open_zip(data, name) as archive:
            whole = read_package(open_package(archive, name), name)
    except InputError:
        return
    laid: list[tuple[int, int, str, str]] = []
    with open_zip(data, name) as archive:
        alone = read_text(open_package(archive, name), name,
                          lambda block, _raw: laid.append(
                              (block.start, block.end, block.locator, block.text)))
    assert alone.text == whole.text
    assert laid == [(b.start, b.end, b.locator, b.text) for b in whole.blocks]
    assert alone.source_comments == whole.source_comments
    assert alone.source_changes == whole.source_changes
