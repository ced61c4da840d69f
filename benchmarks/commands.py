"""Whole commands against the bare libraries doing the same work.

Each row runs a ReviewDesk command and its baselines (`benchmarks/bare/`) as processes of
their own, one after the other, for several rounds (the order turned round each round), and
compares their CPU time: user + system of that process, from os.wait4. On a shared machine
the wall time of one run moves by tens of percent; CPU time alternated with the baseline in
the same run moves far less, and the ratio is the figure to compare.

The baselines: `bare`, the library doing the same work in a script of its own (python-docx
reading or adding comments, PySide6 showing the text in a QTextEdit, the interpreter itself
for start-up); `floor`, the least any program doing it must do (unzip, parse, serialise and
zip the export's output; load the module a listing reads with)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BARE = HERE / "bare"
PYTHON = sys.executable


@dataclass(frozen=True)
class Row:
    """One comparison: our command, its baselines, and the goals as ratios to them."""

    name: str
    what: str
    ours: list[str]
    bare: list[str]
    bare_what: str
    floor: list[str] | None = None
    floor_what: str | None = None
    goal_bare: float | None = None  # our time at most this many times the bare one
    goal_floor: float | None = None
    before: Any = None  # called before each run of ours (a fresh copy of a store…)
    env: dict[str, str] = field(default_factory=dict)


def _environment(extra: dict[str, str]) -> dict[str, str]:
    """The children's environment: compiled modules are written and read as an installed
    program's are (a shell that says not to write them would add the compiling of every
    module to every run, more than the work itself for a short command)."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cpu_of(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run `command`; its CPU seconds (user + system), wall seconds and peak MB."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=_environment(env))
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        last = (errors.decode(errors="replace").strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{' '.join(command[:4])} … failed: {last}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def rows_for(inputs: dict[str, Any], workdir: Path) -> list[Row]:
    """The rows of issue-sized work, on the benchmark's own inputs."""
    reviewdesk = [PYTHON, "-m", "reviewdesk"]
    db, fewer, docx_path = inputs["db"], inputs["db_fewer"], inputs["docx"]
    home = workdir / "home"  # the window's settings stay out of the user's own
    home.mkdir(exist_ok=True)
    gui_env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
               "REVIEWDESK_REVIEWER": "Bench Reviewer"}
    imported = workdir / "import-command.sqlite3"

    def fresh_store() -> None:  # an empty store at the newest schema, as a user's is
        for old in workdir.glob("import-command.sqlite3*"):
            old.unlink()
        shutil.copy(inputs["empty_db"], imported)

    many, some = inputs["annotations"], inputs["fewer"]
    return [
        Row("startup", "`reviewdesk briefs` (start-up and a listing)",
            [*reviewdesk, "--db", db, "briefs"], [PYTHON, "-c", "pass"], "python -c pass",
            [PYTHON, "-c", "import sqlite3"], "python -c 'import sqlite3'",
            goal_bare=10.0),
        # No goal: what every command that opens the store pays before any work, and why
        # the rows below cannot come nearer their bare scripts than this.
        Row("store_stack", "loading the store's code (SQLAlchemy, SQLModel, the model)",
            [PYTHON, "-c", "import reviewdesk.storage.store"], [PYTHON, "-c", "pass"],
            "python -c pass"),
        Row("docx_import_command", "`reviewdesk import` of the benchmark's Word brief",
            [*reviewdesk, "--db", str(imported), "import", docx_path],
            [PYTHON, str(BARE / "docx_read.py"), docx_path],
            "python-docx reading every paragraph and cell",
            goal_bare=1.5, before=fresh_store),
        Row("export_command", f"`reviewdesk export` with {many:,} comments",
            [*reviewdesk, "--db", db, "export", _brief_id(db), "-o",
             str(workdir / "export-command.docx"), "--no-appendix"],
            [PYTHON, str(BARE / "docx_comments.py"), docx_path, str(workdir / "bare.docx"),
             str(many)], f"python-docx adding {many:,} comments, ids allocated once",
            # (ours runs first in the first round, so its output is there to read)
            [PYTHON, str(BARE / "zip_roundtrip.py"), str(workdir / "export-command.docx"),
             str(workdir / "floor.docx")],
            "unzip, parse, serialise and zip the export's output", goal_bare=1.5,
            goal_floor=3.0),
        Row("export_command_fewer", f"`reviewdesk export` with {some:,} comments",
            [*reviewdesk, "--db", fewer, "export", _brief_id(fewer), "-o",
             str(workdir / "export-fewer.docx"), "--no-appendix"],
            [PYTHON, str(BARE / "docx_comments.py"), docx_path, str(workdir / "bare.docx"),
             str(some)], f"python-docx adding {some:,} comments, ids allocated once",
            goal_bare=2.0),
        Row("window_command", f"`reviewdesk gui --open BRIEF --screenshot`, {many:,} "
            "annotations", [*reviewdesk, "--db", db, "gui", "--open", _brief_id(db),
                            "--screenshot", str(workdir / "window.png")],
            [PYTHON, str(BARE / "qtextedit.py"), inputs["text"], str(workdir / "bare.png")],
            "PySide6: the text in a QTextEdit, shown and grabbed", goal_bare=3.0,
            env=gui_env),
    ]


def _brief_id(db: str) -> str:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        (brief_id,) = connection.execute("SELECT id FROM brief ORDER BY imported_at").fetchone()
    finally:
        connection.close()
    return str(brief_id)


def measure(row: Row, rounds: int) -> dict[str, Any]:
    """Run the row's commands alternately `rounds` times; medians, spreads and ratios."""
    kinds = {"ours": row.ours, "bare": row.bare}
    if row.floor is not None:
        kinds["floor"] = row.floor
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    wall: dict[str, list[float]] = {kind: [] for kind in kinds}
    peak: dict[str, float] = dict.fromkeys(kinds, 0.0)
    order = list(kinds)
    try:
        for kind in order:  # once each first, not counted: modules compiled, files cached
            if kind == "ours" and row.before is not None:
                row.before()
            cpu_of(kinds[kind], row.env)
        for number in range(rounds):
            for kind in order if number % 2 == 0 else order[::-1]:
                if kind == "ours" and row.before is not None:
                    row.before()
                seconds, elapsed, mb = cpu_of(kinds[kind], row.env)
                cpu[kind].append(seconds)
                wall[kind].append(elapsed)
                peak[kind] = max(peak[kind], mb)
    except RuntimeError as error:
        return {"case": row.name, "what": row.what, "error": str(error)}
    result: dict[str, Any] = {"case": row.name, "what": row.what, "rounds": rounds,
                              "bare": row.bare_what, "floor": row.floor_what}
    for kind in kinds:
        result[f"{kind}_cpu_s"] = round(statistics.median(cpu[kind]), 4)
        result[f"{kind}_spread_s"] = round(max(cpu[kind]) - min(cpu[kind]), 4)
        result[f"{kind}_wall_s"] = round(statistics.median(wall[kind]), 4)
        result[f"{kind}_peak_mb"] = round(peak[kind], 1)
    ours = result["ours_cpu_s"]
    met = True
    for kind, goal in (("bare", row.goal_bare), ("floor", row.goal_floor)):
        if kind not in kinds:
            continue
        ratio = round(ours / result[f"{kind}_cpu_s"], 2) if result[f"{kind}_cpu_s"] else None
        result[f"ratio_{kind}"] = ratio
        result[f"goal_{kind}"] = goal
        if goal is not None and ratio is not None:
            met = met and ratio <= goal
    result["met"] = met
    return result


def print_rows(results: list[dict[str, Any]]) -> None:
    print(f"{'command':<21} {'ours':>7} {'bare':>7} {'ratio':>6} {'goal':>5} "
          f"{'floor':>7} {'ratio':>6} {'goal':>5} {'MB':>5}  met")
    for row in results:
        if "error" in row:
            print(f"{row['case']:<21} {row['error']}")
            continue
        floor = f"{row['floor_cpu_s']:>7.3f}" if "floor_cpu_s" in row else f"{'-':>7}"
        floor_ratio = f"{row['ratio_floor']:>6}" if "ratio_floor" in row else f"{'-':>6}"
        goal_bare = f"x{row['goal_bare']}" if row.get("goal_bare") else "-"
        met = ("yes" if row["met"] else "NO") if row.get("goal_bare") else "-"
        goal_floor = f"x{row['goal_floor']}" if row.get("goal_floor") else "-"
        print(f"{row['case']:<21} {row['ours_cpu_s']:>7.3f} {row['bare_cpu_s']:>7.3f} "
              f"{row['ratio_bare']:>6} {goal_bare:>5} {floor} {floor_ratio} {goal_floor:>5} "
              f"{row['ours_peak_mb']:>5.0f}  {met}")
    print("(CPU seconds, user + system, median of the rounds; each command a process of its "
          "own, alternating with its baselines)")


__all__ = ["Row", "measure", "print_rows", "rows_for"]
