"""The Word export of one brief with a very large number of annotations (200,000 by default,
twenty times what ReviewDesk is designed for): builds a store holding the benchmark's Word
brief and that many annotations, then runs `reviewdesk export` in a process of its own and
reports its wall time and peak resident memory.

    python benchmarks/many_annotations.py                    # 200,000 on the full-size brief
    python benchmarks/many_annotations.py --paragraphs 400   # the same on a short brief
    python benchmarks/many_annotations.py --annotations 20000 --repeat 3

The annotations are spread over the whole text, one to twelve words long, so that many
overlap; every tenth has one or two replies, one in twenty is resolved, one in eight has no
tag. They are inserted with one executemany per table: made one by one through the ORM,
200,000 of them would take longer than the export measured.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import build_docx, word_spans
from lxml import etree

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.ids import new_id
from reviewdesk.services.briefs import import_files
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.store import Store

REVIEWERS = ("Amina Rahimi", "Ines Duarte", "Farida Nazarova", "Bo Lind")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build_store(db: Path, brief_path: Path, count: int, seed: int = 13) -> tuple[str, int]:
    """A store with the brief and `count` annotations on it; returns (brief id, replies)."""
    with Store(db) as store:
        brief_id = import_files(store, [brief_path])[0].id
        tags = [tag.id for tag in default_codebook(store).tags]
        with store.transaction() as tx:
            reviewers = [ensure_reviewer(tx, name).id for name in REVIEWERS]
            found = tx.briefs.title_and_text(brief_id)
            assert found is not None
            annotations, replies = _rows(brief_id, found[1], count, tags, reviewers, seed)
            tx.annotations.insert_rows(annotations, replies)
    return brief_id, len(replies)


def _rows(brief_id: str, text: str, count: int, tags: list[str], reviewers: list[str],
          seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    chance = random.Random(seed)
    words = word_spans(text)
    since = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    annotations: list[dict[str, Any]] = []
    replies: list[dict[str, Any]] = []
    for number in range(count):
        first = chance.randrange(len(words) - 12)
        start, end = words[first][0], words[first + chance.randint(0, 11)][1]
        if "\n" in text[start:end]:
            end = start + text[start:end].index("\n")
        anchor = anchor_at(text, start, end)
        created = since + timedelta(seconds=number)
        ident = new_id()
        annotations.append({
            "id": ident, "brief_id": brief_id,
            "tag_id": None if number % 8 == 0 else chance.choice(tags),
            "reviewer_id": reviewers[number % len(reviewers)],
            "comment": f"Check this against the district figures ({number}).",
            "status": "resolved" if number % 20 == 0 else "open",
            "exact": anchor.quote.exact, "prefix": anchor.quote.prefix,
            "suffix": anchor.quote.suffix, "start": anchor.position.start,
            "end": anchor.position.end, "created": created, "modified": created,
            "anchor_state": "anchored", "anchor_score": None, "carried_from": None})
        for answer in range((number % 10 == 0) + (number % 30 == 0)):
            replies.append({"id": new_id(), "annotation_id": ident,
                            "reviewer_id": reviewers[(number + 1 + answer) % len(reviewers)],
                            "text": f"Agreed; source {answer + 1} says the same.",
                            "created": created + timedelta(minutes=5 + answer)})
    return annotations, replies


def formatted(plain: Path, path: Path) -> None:
    """The brief with properties on every run of its body (fonts, size, language and a
    revision id, as Word writes them): each run cut in two then copies them."""
    source = zipfile.ZipFile(plain)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:r>", _FORMATTED_RUN)
            target.writestr(info, data)


_FORMATTED_RUN = (b'<w:r w:rsidR="00A1B2C3"><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" '
                  b'w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/>'
                  b"</w:rPr>")


def export_once(db: Path, brief_id: str, out: Path, appendix: bool) -> dict[str, Any]:
    """`reviewdesk export` in a process of its own: its report, wall time and peak memory."""
    command = [sys.executable, "-m", "reviewdesk", "--db", str(db), "export", brief_id,
               "-o", str(out), "--json", *([] if appendix else ["--no-appendix"])]
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        stdout = process.stdout.read() if process.stdout else ""
        stderr = process.stderr.read() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the export failed: {stderr.strip()}")
    report: dict[str, Any] = json.loads(stdout)
    return {"seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1),
            "comments": report["comments"], "replies": report["replies"],
            "highlights": report["highlights"]}


def count_comments(path: Path) -> int:
    """The w:comment elements of the exported file's comments part, read as a stream."""
    with zipfile.ZipFile(path) as archive, archive.open("word/comments.xml") as part:
        count = 0
        for _event, element in etree.iterparse(part, tag=f"{_W}comment"):
            count += 1
            element.clear()
        return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--annotations", type=int, default=200_000)
    parser.add_argument("--paragraphs", type=int, default=8000,
                        help="the Word brief's length (8,000: about a million characters)")
    parser.add_argument("--formatted", action="store_true",
                        help="properties on every run, as Word writes them (see formatted())")
    parser.add_argument("--no-appendix", action="store_true",
                        help="export without the appendix (as the 10,000 case does)")
    parser.add_argument("--repeat", type=int, default=1, help="exports to run")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the store and the export here (default: a temporary "
                             "folder); a store already there is reused")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reviewdesk-many-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        brief_path = workdir / f"brief-{args.paragraphs}.docx"
        if not brief_path.exists():
            build_docx(brief_path, args.paragraphs)
        kind = ""
        if args.formatted:
            plain, brief_path = brief_path, workdir / f"formatted-{args.paragraphs}.docx"
            kind = "formatted-"
            if not brief_path.exists():
                formatted(plain, brief_path)
        db = workdir / f"many-{kind}{args.paragraphs}-{args.annotations}.sqlite3"
        info = workdir / f"{db.name}.json"
        if not db.exists() or not info.exists():
            for old in workdir.glob(f"{db.name}*"):
                old.unlink()
            print(f"Building a store with {args.annotations:,} annotations …", flush=True)
            brief_id, replies = build_store(db, brief_path, args.annotations)
            info.write_text(json.dumps({"brief": brief_id, "replies": replies}),
                            encoding="utf-8")
        stored = json.loads(info.read_text(encoding="utf-8"))
        out = workdir / "many-export.docx"
        runs = []
        for number in range(args.repeat):
            print(f"Export {number + 1} of {args.repeat} …", flush=True)
            runs.append(export_once(db, stored["brief"], out, not args.no_appendix))
        written = count_comments(out)
    expected = args.annotations + stored["replies"]
    result = {"annotations": args.annotations, "paragraphs": args.paragraphs,
              "formatted": args.formatted, "appendix": not args.no_appendix,
              "replies": stored["replies"], "comments_written": written,
              "all_there": written == expected, "runs": runs}
    for run in runs:
        print(f"export: {run['seconds']:.2f} s, peak {run['peak_mb']:.0f} MB, "
              f"{run['comments']:,} comments, {run['replies']:,} replies")
    print(f"comments in the file: {written:,} of {expected:,}")
    print(json.dumps(result))
    return 0 if written == expected else 1


if __name__ == "__main__":
    sys.exit(main())
