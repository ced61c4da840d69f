"""A review bundle as large as a bundle may be (100,000 annotations, the limit), merged into
a new database; and one over the limit (200,000), refused. Each step runs in a process of its
own, so its wall time and peak memory are its own.

    python benchmarks/large_bundle.py [--annotations N] [--keep DIR]

Prints a table and writes benchmarks/large_bundle.json.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = ("harbour", "quota", "patrol", "council", "season", "perch", "nets", "tariff",
         "ledger", "crane", "budget", "dredger", "tide", "pilot", "grain", "channel")


def _brief(path: Path, paragraphs: int = 4_000) -> Path:
    rng = random.Random(11)
    lines = ["# The Long Harbour Review", ""]
    for number in range(paragraphs):
        if number % 200 == 0:
            lines += [f"## Part {number // 200 + 1}", ""]
        lines += [" ".join(rng.choice(WORDS) for _ in range(40)) + ".", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build(folder: Path, annotations: int) -> Path:
    """A database with one brief and `annotations` annotations by its own reviewer, and its
    bundle; returns the bundle."""
    from reviewdesk.domain.anchor import anchor_at
    from reviewdesk.domain.ids import new_id, utc_now
    from reviewdesk.services.briefs import import_files, load_brief
    from reviewdesk.services.bundles import export_bundle
    from reviewdesk.services.reviewers import set_configured_reviewer
    from reviewdesk.storage.store import Store

    with Store(folder / "source.sqlite3") as store:
        author = set_configured_reviewer(store, "Ines Duarte")
        brief = import_files(store, [_brief(folder / "harbour.md")])[0].id
        text = load_brief(store, brief).text
        rng = random.Random(5)
        now = utc_now()
        rows = []
        for _ in range(annotations):
            start = rng.randrange(0, len(text) - 60)
            anchor = anchor_at(text, start, start + rng.randint(5, 50))
            rows.append({"id": new_id(), "brief_id": brief, "reviewer_id": author.id,
                         "comment": "A note", "status": "open", "exact": anchor.quote.exact,
                         "prefix": anchor.quote.prefix, "suffix": anchor.quote.suffix,
                         "start": anchor.start, "end": anchor.end, "created": now,
                         "modified": now})
        with store.transaction() as tx:
            tx.annotations.insert_rows(rows)
        return export_bundle(store, [], folder / "large.rdbundle").path


def oversized(bundle: Path, target: Path, factor: int = 2) -> Path:
    """The bundle with every annotation repeated under new ids, signed again by its
    database (the limit is checked after the signature)."""
    from reviewdesk.services.identity import local_identity
    from reviewdesk.storage.store import Store

    with zipfile.ZipFile(bundle) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    rows = json.loads(members["annotations.json"])
    more = [dict(row, id=f"{row['id'][:-6]}{copy:06d}") for copy in range(1, factor)
            for row in rows]
    members["annotations.json"] = json.dumps(rows + more).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["annotations.json"] = hashlib.sha256(
        members["annotations.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with Store(bundle.parent / "source.sqlite3") as store, store.transaction() as tx:
        signature = local_identity(tx).sign(members["manifest.json"])
    members["signature.json"] = json.dumps({"algorithm": "Ed25519",
                                            "signature": signature}).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def _merge_step(bundle: str, database: str) -> None:
    from reviewdesk.errors import InputError
    from reviewdesk.services.bundles import import_bundle
    from reviewdesk.storage.store import Store

    with Store(Path(database)) as store:
        try:
            report = import_bundle(store, Path(bundle), trust=True)
            said: dict[str, object] = {"added": report.annotations_added}
        except InputError as error:
            said = {"refused": str(error)}
    said["peak_mb"] = _peak_mb()
    print(json.dumps(said))


def _peak_mb() -> int:
    """This process's peak memory since it started (VmHWM; ru_maxrss would also count the
    parent's memory this process had before its exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _measure(bundle: Path, database: Path) -> dict[str, object]:
    """Merge in a child process: its wall time, and what it said (with its peak memory)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--merge", str(bundle), str(database)],
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(seconds=round(seconds, 2), size_mb=round(bundle.stat().st_size / 1e6, 1))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--merge", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.merge:
        _merge_step(*args.merge)
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="reviewdesk-large-bundle-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        bundle = build(folder, args.annotations)
        built = time.perf_counter() - started
        over = oversized(bundle, folder / "oversized.rdbundle")
        results = {"annotations": args.annotations, "build_and_export_seconds": round(built, 1),
                   "merge": _measure(bundle, folder / "merged.sqlite3"),
                   "oversized": _measure(over, folder / "refused.sqlite3")}
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    for name in ("merge", "oversized"):
        row = results[name]
        assert isinstance(row, dict)
        outcome = (f"{row['added']:,} annotations added" if "added" in row
                   else f"refused: {row['refused']}")
        print(f"{name:10} {row['size_mb']:>7} MB bundle  {row['seconds']:>6} s  "
              f"peak {row['peak_mb']:>5} MB  {outcome}")
    (HERE / "large_bundle.json").write_text(json.dumps(results, indent=2) + "\n",
                                            encoding="utf-8")


if __name__ == "__main__":
    main()
