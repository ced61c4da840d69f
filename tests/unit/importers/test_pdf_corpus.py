"""Every PDF of the shared corpus imports, or is refused in one sentence, within 10 seconds."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest

from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


def _manifest() -> dict[str, str]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    # The status is the column before the checksum, the last one.
    return {row[0]: row[-2] for row in rows[1:] if row and row[0].startswith("pdf/")}


MANIFEST = _manifest()
PDFS = sorted((CORPUS / "pdf").glob("*.pdf")) if (CORPUS / "pdf").is_dir() else []


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not PDFS, reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("path", PDFS, ids=[path.name for path in PDFS])
def test_corpus_pdf_imports_or_is_refused(path: Path) -> None:
    status = MANIFEST.get(f"pdf/{path.name}", "")
    started = time.monotonic()
    if status.startswith("UNREADABLE"):
        with pytest.raises(InputError):
            read_brief(path)
        assert time.monotonic() - started < 10
        return
    brief = read_brief(path)
    assert time.monotonic() - started < 10
    pages = re.match(r"ok, (\d+) pages", status)
    assert pages, status
    count = int(pages.group(1))
    seen = {block.page for block in brief.blocks}
    assert None not in seen
    assert seen <= set(range(1, count + 1))
    assert max(page for page in seen if page is not None) >= count - 1
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
