"""One benchmark case, run in a process of its own so that its peak memory is its own:
`python benchmarks/cases.py CASE WORKDIR SIZE` prints one JSON object."""

from __future__ import annotations

import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bare.docx_comments import add_comments
from inputs import SIZES, build_docx, revise, word_spans

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.carry import AnchorState, carry
from reviewdesk.domain.review import Annotation
from reviewdesk.services.briefs import import_files, list_briefs, load_brief
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.store import Store

REVIEWERS = ("Amina Rahimi", "Ines Duarte", "Farida Nazarova")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


# --- Inputs (made once per work folder) -------------------------------------------------------


def prepare(workdir: Path, size: str) -> dict[str, Any]:
    paragraphs, annotations = SIZES[size]
    workdir.mkdir(parents=True, exist_ok=True)
    brief_path = workdir / "brief.docx"
    if not brief_path.exists():
        build_docx(brief_path, paragraphs)
    pdf = workdir / "brief.pdf"
    if not pdf.exists() and shutil.which("soffice"):
        subprocess.run(["soffice", f"-env:UserInstallation={(workdir / 'lo').as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(workdir),
                        str(brief_path)], capture_output=True, timeout=900, check=False)
    db = workdir / "annotated.sqlite3"
    if not db.exists():
        with Store(db) as store:
            brief_id = import_files(store, [brief_path])[0].id
            brief = load_brief(store, brief_id)
            tags = default_codebook(store).tags
            with store.transaction() as tx:
                reviewers = [ensure_reviewer(tx, name) for name in REVIEWERS]
                tx.annotations.add_all(_annotations(brief_id, brief.text, annotations, tags,
                                                    reviewers))
    fewer = annotations // 5  # the export of a fifth as many comments
    db_fewer = workdir / f"annotated-{fewer}.sqlite3"
    text = workdir / "brief.txt"
    empty = workdir / "empty.sqlite3"
    if not (db_fewer.exists() and text.exists() and empty.exists()):
        with Store(empty):
            pass
        shutil.copy(empty, db_fewer)
        with Store(db) as store:
            brief = load_brief(store, list_briefs(store)[0].id)
        text.write_text(brief.text, encoding="utf-8")
        with Store(db_fewer) as store:
            brief_id = import_files(store, [brief_path])[0].id
            tags = default_codebook(store).tags
            with store.transaction() as tx:
                reviewers = [ensure_reviewer(tx, name) for name in REVIEWERS]
                tx.annotations.add_all(_annotations(brief_id, brief.text, fewer, tags,
                                                    reviewers))
    return {"docx": str(brief_path), "pdf": str(pdf) if pdf.exists() else None,
            "db": str(db), "annotations": annotations, "paragraphs": paragraphs,
            "db_fewer": str(db_fewer), "fewer": fewer, "text": str(text),
            "empty_db": str(empty)}


def _annotations(brief_id: str, text: str, count: int, tags: list[Any],
                 reviewers: list[Any]) -> list[Annotation]:
    chance = random.Random(3)
    words = word_spans(text)
    made = []
    for number in range(count):
        first = chance.randrange(len(words) - 8)
        last = first + chance.randint(0, 5)
        start, end = words[first][0], words[last][1]
        if "\n" in text[start:end]:
            end = start + text[start:end].index("\n")
        made.append(Annotation(brief_id=brief_id, anchor=anchor_at(text, start, end),
                               reviewer_id=reviewers[number % len(reviewers)].id,
                               tag_id=chance.choice(tags).id, comment=f"note {number}"))
    return made


# --- Cases ----------------------------------------------------------------------------------


def case_docx_import(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    import docx

    path = Path(inputs["docx"])
    db = workdir / "import-docx.sqlite3"
    for old in workdir.glob("import-docx.sqlite3*"):
        old.unlink()
    with Store(db) as store:
        seconds, _ = _timed(lambda: import_files(store, [path]))

    def bare() -> int:
        document = docx.Document(str(path))
        texts = [p.text for p in document.paragraphs]
        texts += [cell.text for table in document.tables for row in table.rows
                  for cell in row.cells]
        return sum(map(len, texts))

    bare_seconds, characters = _timed(bare)
    return {"seconds": seconds, "bare_seconds": bare_seconds, "bare": "python-docx read",
            "characters": characters}


def case_pdf_import(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    if not inputs["pdf"]:
        return {"skipped": "LibreOffice is not installed to make the PDF"}
    from pypdf import PdfReader

    path = Path(inputs["pdf"])
    for old in workdir.glob("import-pdf.sqlite3*"):
        old.unlink()
    with Store(workdir / "import-pdf.sqlite3") as store:
        seconds, _ = _timed(lambda: import_files(store, [path]))
    bare_seconds, _ = _timed(lambda: [page.extract_text() for page in PdfReader(path).pages])
    return {"seconds": seconds, "bare_seconds": bare_seconds, "bare": "pypdf extract_text"}


def _window(store: Store) -> Any:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reviewdesk.ui.main_window import MainWindow
    from reviewdesk.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(Path(store.path).with_suffix(".ini")),
                                  QSettings.Format.IniFormat))
    window = MainWindow(store, settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return app, window


def case_first_screen(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    with Store(Path(inputs["db"])) as store:
        app, window = _window(store)
        brief_id = list_briefs(store)[0].id

        def open_it() -> None:
            window.open_brief(brief_id)
            app.processEvents()

        seconds, _ = _timed(open_it)
        shown = window.cards.model.rowCount()
        window.close()
    return {"seconds": seconds, "annotations_shown": shown}


def case_create_undo(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    from reviewdesk.ui import undo

    db = workdir / "create-undo.sqlite3"
    for old in workdir.glob("create-undo.sqlite3*"):
        old.unlink()
    shutil.copy(inputs["db"], db)
    with Store(db) as store:
        app, window = _window(store)
        brief_id = list_briefs(store)[0].id
        window.open_brief(brief_id)
        app.processEvents()
        brief = load_brief(store, brief_id)
        tag = default_codebook(store).tags[0].id
        times = []
        for number in range(60):
            block = brief.blocks[(number * 37) % len(brief.blocks)]
            end = block.start + min(10, len(block.text))
            seconds, _ = _timed(lambda b=block, e=end: (window.session.push(
                undo.CreateAnnotation(window.session, brief_id, b.start, e, tag)),
                app.processEvents()))
            times.append(seconds)
            seconds, _ = _timed(lambda: (window.session.undo_stack.undo(), app.processEvents()))
            times.append(seconds)
        window.close()
    times.sort()
    return {"seconds": statistics.median(times), "p50": statistics.median(times),
            "p95": times[int(len(times) * 0.95) - 1], "operations": len(times)}


def case_carry(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    with Store(Path(inputs["db"])) as store:
        brief_id = list_briefs(store)[0].id
        old = load_brief(store, brief_id).text
        with store.transaction() as tx:
            anchors = [a.anchor for a in tx.annotations.for_brief(brief_id)]
    new, mapping = revise(old)
    seconds, placed = _timed(lambda: carry(old, new, anchors))
    right = needs_review = wrong = orphaned = 0
    for anchor, where in zip(anchors, placed, strict=True):
        true_start = mapping.get(anchor.position.start)
        last_word = re.search(r"\S+$", anchor.quote.exact)
        last_start = anchor.position.start + (last_word.start() if last_word else 0)
        true_last = mapping.get(last_start)
        true_end = None
        if true_last is not None:
            word = re.match(r"\S+", new[true_last:])
            true_end = true_last + (word.end() if word else 0)
        on_right_words = (where.start, where.end) == (true_start, true_end)
        right += on_right_words
        if where.state == AnchorState.NEEDS_REVIEW:
            needs_review += 1
        elif where.state == AnchorState.ORPHANED:
            orphaned += 1
        elif not on_right_words:
            wrong += 1  # a sure place on other words: the one thing that must not happen
    return {"seconds": seconds, "annotations": len(anchors), "right": right,
            "right_share": round(right / max(1, len(anchors)), 4),
            "needs_review": needs_review, "orphaned": orphaned, "wrong": wrong}


def case_export(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    from reviewdesk.services.export import ExportOptions, export_brief

    with Store(Path(inputs["db"])) as store:
        brief_id = list_briefs(store)[0].id
        with store.transaction() as tx:
            count = len(tx.annotations.for_brief(brief_id))
        seconds, report = _timed(lambda: export_brief(
            store, brief_id, workdir / "export.docx", ExportOptions(include_appendix=False)))

    bare_seconds, _ = _timed(lambda: add_comments(inputs["docx"], str(workdir / "bare.docx"),
                                                  count))
    return {"seconds": seconds, "bare_seconds": bare_seconds,
            "bare": "python-docx comments, ids allocated once", "comments": report.comments}


def _summary_store(workdir: Path, size: str) -> Path:
    """200 small briefs (20 at the small size) with 50 annotations each by two reviewers."""
    db = workdir / f"summary-{size}.sqlite3"
    if db.exists():
        return db
    briefs = 200 if size == "full" else 20
    chance = random.Random(5)
    folder = workdir / "summary-briefs"
    folder.mkdir(exist_ok=True)
    with Store(db) as store:
        tags = default_codebook(store).tags
        with store.transaction() as tx:
            reviewers = [ensure_reviewer(tx, name) for name in REVIEWERS[:2]]
        paths = []
        for number in range(briefs):
            body = "\n\n".join(" ".join(chance.choice(inputs_words()) for _ in range(40))
                                 + "." for _ in range(12))
            path = folder / f"brief-{number}.md"
            path.write_text(f"# Brief {number}\n\n## Indicators\n\n{body}\n\n"
                            "## Recommendations\n\n- The council should publish the data.\n",
                            encoding="utf-8")
            paths.append(path)
        results = import_files(store, paths)
        with store.transaction() as tx:
            for result in results:
                text = tx.briefs.title_and_text(result.id)[1]  # type: ignore[index]
                tx.annotations.add_all(_annotations(result.id, text, 50, tags, reviewers))
    return db


def inputs_words() -> tuple[str, ...]:
    from inputs import WORDS

    return tuple(WORDS)


def case_summary(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    from reviewdesk.services.summary import summary_of

    size = "full" if inputs["annotations"] >= 10_000 else "small"
    with Store(_summary_store(workdir, size)) as store:
        seconds, summary = _timed(lambda: summary_of(store).to_dict())
    return {"seconds": seconds, "briefs": len(summary["briefs"])}


def case_bundle_merge(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    from reviewdesk.services.bundles import export_bundle, import_bundle

    bundle = workdir / "annotated.rdbundle"
    if not bundle.exists():
        with Store(Path(inputs["db"])) as store:
            export_bundle(store, [], bundle)
    target = workdir / "merge-into.sqlite3"
    for old in workdir.glob("merge-into.sqlite3*"):
        old.unlink()
    with Store(target) as store:
        seconds, report = _timed(lambda: import_bundle(store, bundle, trust=True))
    return {"seconds": seconds, "annotations_added": report.annotations_added}


def case_open_check(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    """Opening the annotated store (and closing it) with the check made on opening (PRAGMA
    quick_check and the schema against its revision) and without it, alternately; and each
    part of the check alone. Medians of OPEN_ROUNDS, after one warm-up opening."""
    import reviewdesk.storage.store as store_module
    from reviewdesk.storage.health import page_problems, read_only
    from reviewdesk.storage.schema_check import schema_mismatch
    from reviewdesk.storage.schema_shape import recorded_revision

    db = Path(inputs["db"])
    check = store_module.check_before_opening

    def without_check() -> None:
        store_module.check_before_opening = lambda _path: None
        try:
            Store(db).close()
        finally:
            store_module.check_before_opening = check

    def quick_check() -> None:
        with read_only(db) as connection:
            assert page_problems(connection) == []

    def schema_check() -> None:
        with read_only(db) as connection:
            revision = recorded_revision(connection).recorded
            assert revision is not None and schema_mismatch(connection, revision) == []

    Store(db).close()
    times: dict[str, list[float]] = {"with": [], "without": [], "quick": [], "schema": []}
    for _ in range(OPEN_ROUNDS):
        times["with"].append(_timed(lambda: Store(db).close())[0])
        times["without"].append(_timed(without_check)[0])
        times["quick"].append(_timed(quick_check)[0])
        times["schema"].append(_timed(schema_check)[0])
    median = {key: statistics.median(values) for key, values in times.items()}
    return {"seconds": median["with"], "bare_seconds": median["without"],
            "bare": "open without the check", "quick_check_s": round(median["quick"], 4),
            "schema_check_s": round(median["schema"], 4),
            "file_mb": round(db.stat().st_size / 2**20, 1), "rounds": OPEN_ROUNDS}


OPEN_ROUNDS = 15


# The search case: briefs of pages of generated prose, a rare name in a few paragraphs.
SEARCH_SIZES = {"small": (10, 5), "full": (200, 50)}  # briefs, pages of ~3,000 characters
SEARCH_ROUNDS = 9
RARE_NAME = "Okonjo-Lindqvist"


def _search_store(workdir: Path, size: str) -> Path:
    """Briefs stored through the repository's executemany path (tx.briefs.add), every 97th
    paragraph naming RARE_NAME; the store's triggers queue them for the index."""
    from reviewdesk.domain.brief import BlockKind, BriefBuilder, SourceFormat
    from reviewdesk.domain.ids import utc_now

    db = workdir / f"search-{size}.sqlite3"
    for old in workdir.glob(f"search-{size}.sqlite3*"):  # fresh: the first search indexes
        old.unlink()
    briefs, pages = SEARCH_SIZES[size]
    chance = random.Random(11)
    words = inputs_words()
    paragraph = 0
    with Store(db) as store:
        for number in range(briefs):
            builder = BriefBuilder()
            builder.heading(f"Brief {number} on {chance.choice(words)}", 0, "line:1")
            for line in range(pages * 6):  # six paragraphs of ~500 characters a page
                paragraph += 1
                text = " ".join(chance.choice(words) for _ in range(70))
                if paragraph % 97 == 0:
                    text = f"{text[:200]} {RARE_NAME} {text[200:]}"
                builder.block(BlockKind.PARAGRAPH, text.capitalize() + ".", f"line:{line}")
            brief = builder.build(f"Brief {number} on {chance.choice(words)}",
                                  SourceFormat.MARKDOWN)
            brief.imported_at = utc_now()
            with store.transaction() as tx:
                tx.briefs.add(brief)
    return db


def case_search(inputs: dict[str, Any], workdir: Path) -> dict[str, Any]:
    """The search service's answer (up to its 200 best hits, grouped by brief) for a common
    word and for a rare name, against the bare FTS5 query of the same table (sqlite3, the
    same snippet, bm25 ordering and limit). Medians of SEARCH_ROUNDS after one warm-up; the
    first search of a fresh store, which indexes every brief queued by their import, apart."""
    import sqlite3

    from reviewdesk.services.search import DEFAULT_LIMIT, hit_count, search
    from reviewdesk.storage.search import match_expression

    size = "full" if inputs["annotations"] >= 10_000 else "small"
    db = _search_store(workdir, size)
    bare_sql = ("SELECT brief_id, item_id, snippet(search_index, 0, '[', ']', '…', 12), "
                "bm25(search_index) AS rank FROM search_index WHERE search_index MATCH ? "
                "ORDER BY rank LIMIT ?")
    times: dict[str, list[float]] = {"common": [], "rare": [], "bare": [], "bare_rare": []}
    hits = {}
    with Store(db) as store, sqlite3.connect(db) as bare:
        # The first search after the briefs were stored also indexes them all (the queue).
        first, _ = _timed(lambda: search(store, "harbour"))
        search(store, RARE_NAME)
        for _ in range(SEARCH_ROUNDS):
            for key, query in (("common", "harbour"), ("rare", RARE_NAME)):
                seconds, results = _timed(lambda q=query: search(store, q))
                times[key].append(seconds)
                hits[key] = hit_count(results)
            for key, query in (("bare", "harbour"), ("bare_rare", RARE_NAME)):
                expression = match_expression(query)
                times[key].append(_timed(lambda e=expression: bare.execute(
                    bare_sql, (e, DEFAULT_LIMIT)).fetchall())[0])
        chars = bare.execute("SELECT sum(length(text)) FROM block").fetchone()[0]
    median = {key: statistics.median(values) for key, values in times.items()}
    return {"seconds": median["common"], "bare_seconds": median["bare"],
            "bare": "sqlite3 FTS5 query of the same table",
            "rare_s": round(median["rare"], 4), "bare_rare_s": round(median["bare_rare"], 4),
            "first_s": round(first, 3),
            "hits_common": hits["common"], "hits_rare": hits["rare"],
            "briefs": SEARCH_SIZES[size][0], "characters": chars,
            "file_mb": round(db.stat().st_size / 2**20, 1), "rounds": SEARCH_ROUNDS}


CASES: dict[str, Callable[[dict[str, Any], Path], dict[str, Any]]] = {
    "docx_import": case_docx_import,
    "pdf_import": case_pdf_import,
    "first_screen": case_first_screen,
    "create_undo": case_create_undo,
    "carry_forward": case_carry,
    "export": case_export,
    "summary": case_summary,
    "bundle_merge": case_bundle_merge,
    "open_check": case_open_check,
    "search": case_search,
}


def main() -> None:
    name, workdir, size = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    inputs = prepare(workdir, size)
    if name == "prepare":
        print(json.dumps(inputs))
        return
    result = CASES[name](inputs, workdir)
    result["peak_mb"] = round(_peak_mb(), 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
