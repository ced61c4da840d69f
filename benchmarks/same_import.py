"""Check that two source trees store the same thing when importing the same files.

    python benchmarks/same_import.py BASE_SRC NEW_SRC WORKDIR FILE...

Each file is imported on its own through the command line (`reviewdesk --db … import FILE`),
once with BASE_SRC first on PYTHONPATH and once with NEW_SRC, each tree into a store of its
own. Then every row of every table is compared, except what is new on every import: ids
(each replaced by a label made from the content of the row it names), timestamps
(DATETIME columns) and the store's own signing key. The command's output is compared
too, ids masked. Prints each difference and exits 1 if there is one. Used when changing how
a brief is read or stored: what is stored must not change."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Each new store makes its own signing key: the key, and the key ids made from it.
KEY = re.compile(r"\b[0-9a-f]{64}\b")
# Ids cut short in what the command prints ("looks like a new version of ... (64790731)").
SHORT_ID = re.compile(r"\([0-9a-f]{8}\)|--version-of [0-9a-f]{8}")
# FTS5's own tables hold the index as binary pages keyed by rowid: compared through the
# virtual table instead.
SHADOW = re.compile(r"^search_index_(data|idx|docsize|config|content)$")


def import_all(src: str, db: Path, files: list[Path]) -> list[str]:
    """The masked output (or error) of importing each file into `db` with `src`."""
    env = dict(os.environ, PYTHONPATH=src, QT_QPA_PLATFORM="offscreen")
    said = []
    for path in files:
        done = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), "import",
                               str(path)], env=env, capture_output=True, text=True)
        said.append(f"{path.name}: exit {done.returncode}\n"
                    + SHORT_ID.sub("ID", UUID.sub("ID", done.stdout + done.stderr)))
    return said


def _tables(connection: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return {name: [(column[1], (column[2] or "").upper()) for column in
                   connection.execute(f'PRAGMA table_info("{name}")')]
            for name in names if not SHADOW.match(name) and name != "alembic_version"}


def canonical_rows(db: Path) -> dict[str, Counter[tuple[object, ...]]]:
    """Every table's rows without timestamps, each id replaced by a label from the content
    of the row it names (refined a few times, so a row's label reflects what it points to)."""
    connection = sqlite3.connect(db)
    tables = _tables(connection)
    rows = {name: [dict(zip([c for c, _ in columns], row, strict=True)) for row in
                   connection.execute(f'SELECT * FROM "{name}"')]
            for name, columns in tables.items()}
    connection.close()
    kept = {name: [c for c, kind in columns if "DATETIME" not in kind]
            for name, columns in tables.items()}
    labels: dict[str, str] = {}

    def plain(value: object) -> object:
        if isinstance(value, str):
            return KEY.sub("KEY", UUID.sub(lambda m: labels.get(m.group(0), "?"), value))
        return value

    for _ in range(4):
        fresh: dict[str, str] = {}
        for name, table in rows.items():
            for row in table:
                if isinstance(row.get("id"), str) and UUID.fullmatch(row["id"]):
                    content = repr([plain(row[c]) for c in kept[name] if c != "id"])
                    fresh[row["id"]] = name + ":" + hashlib.sha256(
                        content.encode()).hexdigest()[:16]
        labels = fresh
    return {name: Counter(tuple(plain(row[c]) for c in kept[name]) for row in table)
            for name, table in rows.items()}


def main() -> int:
    base_src, new_src, workdir = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    files = [Path(name) for name in sys.argv[4:]]
    workdir.mkdir(parents=True, exist_ok=True)
    stores = {}
    outputs = {}
    for label, src in (("base", base_src), ("new", new_src)):
        db = workdir / f"{label}.sqlite3"
        for old in workdir.glob(f"{label}.sqlite3*"):
            old.unlink()
        outputs[label] = import_all(src, db, files)
        stores[label] = canonical_rows(db)
    differences = 0
    for said_base, said_new in zip(outputs["base"], outputs["new"], strict=True):
        if said_base != said_new:
            differences += 1
            print(f"output differs:\n--- base\n{said_base}--- new\n{said_new}")
    for name in sorted(set(stores["base"]) | set(stores["new"])):
        base, new = stores["base"].get(name, Counter()), stores["new"].get(name, Counter())
        if base != new:
            differences += 1
            print(f"table {name}: {sum((base - new).values())} rows only in base, "
                  f"{sum((new - base).values())} only in new")
            for row in list((base - new).elements())[:3]:
                print("  base:", repr(row)[:300])
            for row in list((new - base).elements())[:3]:
                print("  new: ", repr(row)[:300])
    counts = {name: sum(rows.values()) for name, rows in stores["new"].items() if rows}
    print(f"{len(files)} files; rows compared: {counts}")
    print("identical" if not differences else f"{differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
