"""ReviewDesk's benchmark: builds its own inputs, runs each case a few times (each run in a
fresh process), and prints a table and a JSON report of median and spread beside each
target and, where there is one, the same work done with the bare library.

    python benchmarks/run.py                 # full size: ~1,000,000 characters, 10,000 notes
    python benchmarks/run.py --size small    # a quick run (CI uses it to keep this working)

Then whole commands against the bare libraries (benchmarks/commands.py): CPU time,
alternating, with the ratio to each baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from commands import measure, print_rows, rows_for

HERE = Path(__file__).resolve().parent
# case: (what is measured, target in seconds or None, target as a ratio to bare or None)
TARGETS: dict[str, tuple[str, float | None, float | None]] = {
    "docx_import": ("DOCX import", None, 3.0),
    "pdf_import": ("PDF import (PDF of the same brief)", None, None),
    "first_screen": ("App: first screen with all annotations", 1.0, None),
    "create_undo": ("Create + undo an annotation, p95, with commit", 0.016, None),
    "carry_forward": ("Carry annotations to a 5%-revised version", 1.0, None),
    "export": ("Export with a comment per annotation", None, 2.0),
    "summary": ("Summary over 200 briefs x 50 annotations", 0.5, None),
    "bundle_merge": ("Bundle merge of all annotations", None, None),
    "open_check": ("Open the annotated store, with the quick_check made on opening", None,
                   None),
    "search": ("Search across 200 briefs of 50 pages (the service's answer)", None, None),
}
MEMORY_TARGET_MB = 400.0
COMMANDS = ("startup", "store_stack", "docx_import_command", "export_command",
            "export_command_fewer", "window_command")


def run_case(name: str, workdir: Path, size: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(HERE / "cases.py"), name, str(workdir), size],
                          capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": last}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def summarise(name: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    what, target, ratio_target = TARGETS[name]
    failures = [run for run in runs if "error" in run or "skipped" in run]
    if failures:
        return {"case": name, "what": what, **failures[0]}
    key = "p95" if name == "create_undo" else "seconds"
    values = [run[key] for run in runs]
    row: dict[str, Any] = {
        "case": name, "what": what, "runs": len(runs),
        "median_s": round(statistics.median(values), 4),
        "spread_s": round(max(values) - min(values), 4),
        "peak_mb": max(run["peak_mb"] for run in runs),
        "target_s": target,
    }
    if "bare_seconds" in runs[0]:
        bare = statistics.median(run["bare_seconds"] for run in runs)
        row["bare"] = runs[0]["bare"]
        row["bare_median_s"] = round(bare, 4)
        row["ratio"] = round(row["median_s"] / bare, 2) if bare else None
        row["ratio_target"] = ratio_target
    extra = {k: v for k, v in runs[-1].items()
             if k not in ("seconds", "bare_seconds", "bare", "peak_mb")}
    row.update(extra)
    met = row["peak_mb"] <= MEMORY_TARGET_MB
    if target is not None:
        met = met and row["median_s"] <= target
    if ratio_target is not None and row.get("ratio") is not None:
        met = met and row["ratio"] <= ratio_target
    if name == "carry_forward":
        met = met and row["right_share"] >= 0.99 and row["wrong"] == 0
    row["met"] = met
    return row


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"{'case':<15} {'median':>9} {'spread':>8} {'target':>8} {'bare':>9} {'ratio':>6} "
          f"{'peak MB':>8}  met")
    for row in rows:
        if "median_s" not in row:
            print(f"{row['case']:<15} {row.get('error') or row.get('skipped')}")
            continue
        target = f"{row['target_s']:.3f}" if row["target_s"] is not None else (
            f"x{row['ratio_target']}" if row.get("ratio_target") else "-")
        bare = f"{row['bare_median_s']:.3f}" if "bare_median_s" in row else "-"
        ratio = f"{row['ratio']}" if row.get("ratio") is not None else "-"
        print(f"{row['case']:<15} {row['median_s']:>9.3f} {row['spread_s']:>8.3f} "
              f"{target:>8} {bare:>9} {ratio:>6} {row['peak_mb']:>8.0f}  "
              f"{'yes' if row['met'] else 'NO'}")
        if row["case"] == "carry_forward":
            print(f"{'':15} right {row['right']}/{row['annotations']} "
                  f"({row['right_share']:.1%}), needs review {row['needs_review']}, "
                  f"orphaned {row['orphaned']}, wrong {row['wrong']}")
        if row["case"] == "open_check":
            print(f"{'':15} of which quick_check {row['quick_check_s'] * 1000:.1f} ms, schema "
                  f"check {row['schema_check_s'] * 1000:.1f} ms ({row['file_mb']} MB file, "
                  f"median of {row['rounds']} openings)")
        if row["case"] == "search":
            print(f"{'':15} 'harbour' {row['median_s'] * 1000:.1f} ms ({row['hits_common']} "
                  f"hits), a rare name {row['rare_s'] * 1000:.1f} ms ({row['hits_rare']} "
                  f"hits; bare {row['bare_rare_s'] * 1000:.1f} ms), {row['briefs']} briefs, "
                  f"{row['characters']:,} characters, {row['file_mb']} MB file; the first "
                  f"search, indexing them all, {row['first_s']:.2f} s")
        if row["case"] == "create_undo":
            print(f"{'':15} p50 {row['p50'] * 1000:.1f} ms, p95 {row['p95'] * 1000:.1f} ms "
                  f"over {row['operations']} operations")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=("small", "full"), default="full")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per case (default: 3 at full size, 1 small)")
    parser.add_argument("--json", type=Path, default=HERE / "report.json",
                        help="where to write the JSON report")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the generated inputs here (default: a temporary folder)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="alternating rounds of each whole command (default: 5 at full "
                             "size, 1 small)")
    parser.add_argument("cases", nargs="*", default=[*TARGETS, *COMMANDS],
                        help=f"cases ({', '.join(TARGETS)}) and whole commands "
                             f"({', '.join(COMMANDS)})")
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.size == "full" else 1)
    rounds = args.rounds or (5 if args.size == "full" else 1)
    unknown = [case for case in args.cases if case not in TARGETS and case not in COMMANDS]
    if unknown:
        parser.error(f"no case {unknown[0]!r}; cases: {', '.join([*TARGETS, *COMMANDS])}")
    with tempfile.TemporaryDirectory(prefix="reviewdesk-bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        print(f"Building inputs ({args.size}) in {workdir} …", flush=True)
        prepared = run_case("prepare", workdir, args.size)
        if "error" in prepared:
            print(f"cannot build the inputs: {prepared['error']}", file=sys.stderr)
            return 1
        rows = []
        for name in (case for case in args.cases if case in TARGETS):
            print(f"  {name} …", flush=True)
            rows.append(summarise(name, [run_case(name, workdir, args.size)
                                         for _ in range(repeat)]))
        commands = []
        for row in rows_for(prepared, workdir):
            if row.name in args.cases:
                print(f"  {row.name} ({rounds} alternating rounds) …", flush=True)
                commands.append(measure(row, rounds))
    print()
    print_table(rows)
    print()
    print_rows(commands)
    report = {"size": args.size, "inputs": prepared, "repeat": repeat, "rounds": rounds,
              "memory_target_mb": MEMORY_TARGET_MB, "cases": rows, "commands": commands}
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nJSON report: {args.json}")
    broken = [row["case"] for row in [*rows, *commands] if "error" in row]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
