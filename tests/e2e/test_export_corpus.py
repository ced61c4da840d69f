"""The export over every readable Word file of the shared corpus (existing comments, tracked
changes, footnotes, text boxes, right-to-left text, long documents) with annotations at
varied offsets: each comment covers exactly its words, and LibreOffice opens every export."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.docx_checks import folded, read_export

from reviewdesk.errors import ReviewDeskError
from reviewdesk.services.annotations import create_annotation, list_annotations
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.services.export import ExportOptions, export_brief
from reviewdesk.services.tracking import suggest_edit
from reviewdesk.storage.store import Store

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus" / "docx"
ANNOTATIONS = 40

pytestmark = pytest.mark.shared


def _annotate_at_random(store: Store, brief_id: str, seed: str) -> int:
    brief = load_brief(store, brief_id)
    tags = default_codebook(store).tags
    chance = random.Random(seed)
    made = 0
    for number in range(ANNOTATIONS):
        block = chance.choice(brief.blocks)
        if len(block.text) < 2:
            continue
        start = block.start + chance.randrange(len(block.text) - 1)
        # Mostly within a paragraph; every fifth runs on across blocks.
        end = min(len(brief.text), start + chance.randint(1, 60 if number % 5 else 400))
        if not brief.text[start:end].strip():
            continue
        try:
            create_annotation(store, brief_id, start, end, tag_id=chance.choice(tags).id,
                              comment=f"note {number}")
        except ReviewDeskError:
            continue
        made += 1
    # One suggested edit where no comment is (a comment over it would cover the new words).
    taken = [(a.start, a.end) for a in list_annotations(store, brief_id)]
    block = next((b for b in brief.blocks if len(b.text.split()) > 3
                  and not any(s < b.end and b.start < e for s, e in taken)), None)
    if block is not None:
        word = block.text.split()[1]
        start = block.start + block.text.index(word)
        suggest_edit(store, brief_id, start, start + len(word), word.upper() + " X")
    return made


def test_every_corpus_export_anchors_its_comments_and_opens(tmp_path: Path,
                                                             store: Store) -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared is not beside this checkout")
    exported: list[Path] = []
    problems: list[str] = []
    for source in sorted(CORPUS.glob("*.docx")):
        try:
            brief_id = import_files(store, [source])[0].id
        except ReviewDeskError:
            continue  # refused in one sentence: the import tests cover those
        made = _annotate_at_random(store, brief_id, source.name)
        target = tmp_path / f"{source.stem}-reviewed.docx"
        report = export_brief(store, brief_id, target, ExportOptions())
        exported.append(target)
        # The file's own pending changes are the brief's suggestions: its text is before them.
        found = read_export(target, before_changes=True)
        brief = load_brief(store, brief_id)
        by_text = {c.text.split("\n")[0]: c for c in found.comments.values()}
        for view in list_annotations(store, brief_id):
            if view.tag is None:
                continue  # the file's own comments
            comment = by_text.get(f"[{view.tag}] {view.comment}")
            if comment is None:
                problems.append(f"{source.name}: no comment for {view.comment}")
                continue
            in_one_block = any(b.start <= view.start and view.end <= b.end
                               for b in brief.blocks)
            made_up = "[" in view.quote or "]" in view.quote  # "[1]" note labels
            if not in_one_block or made_up or "(In the note" in comment.text:
                continue
            if folded(found.anchored.get(comment.ident, "")) != folded(view.quote):
                problems.append(f"{source.name}: {view.quote!r} became "
                                f"{found.anchored.get(comment.ident)!r}")
        assert report.comments >= min(made, 1)
    assert problems == []
    assert len(exported) > 30
    if shutil.which("soffice") is None:
        return
    out = tmp_path / "pdf"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    *map(str, exported)], capture_output=True, timeout=900, check=False)
    unopened = [p.name for p in exported if not (out / f"{p.stem}.pdf").is_file()]
    assert unopened == []
