"""Two programs editing one database at once: both wait their turn, none loses a write, and
a write that cannot get its turn in time is one clear sentence, never a crash.

The processes are real (the store's lock is per file, across processes), started together
through a barrier file; each prints a JSON line after every edit the service acknowledged.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from reviewdesk import cli
from reviewdesk.errors import StoreBusyError, StoreError
from reviewdesk.services.annotations import annotate, list_annotations, update_annotation
from reviewdesk.services.briefs import import_files, list_briefs
from reviewdesk.services.tracking import recommendation_history, recommendations_of
from reviewdesk.storage import engine
from reviewdesk.storage.store import Store

# Bound for any one process: a hang fails the test instead of stalling it.
PROCESS_TIMEOUT = 120
EDITS_PER_WRITER = 250

PRELUDE = r"""
import json, random, sys, time
from pathlib import Path


def say(**line):
    print(json.dumps(line), flush=True)


def wait_for(path):
    deadline = time.monotonic() + 60
    while not path.exists():
        if time.monotonic() > deadline:
            sys.exit(f"{path} never appeared")
        time.sleep(0.001)
"""

# argv: db, brief id, shared annotation id, recommendation id, name, edits, barrier, seed
WRITER = PRELUDE + r"""
from reviewdesk.services.annotations import (add_reply, annotate, delete_annotation,
                                             update_annotation)
from reviewdesk.services.tracking import update_recommendation
from reviewdesk.storage.store import Store

db, brief, shared, recommendation, name = sys.argv[1:6]
edits, barrier, seed = int(sys.argv[6]), Path(sys.argv[7]), sys.argv[8]
rng = random.Random(seed)
who = f"Writer {name}"
quotes = ["shared quota", "joint patrol", "closed season", "catch data", "fishing towns"]
tags = ["Indicator", "Indicator › economic", "Reason", "Risk", "Question"]
kinds = ["annotate", "shared reply", "shared comment", "reply", "comment", "status",
         "delete", "recommendation"]
weights = [25, 20, 10, 10, 12, 8, 7, 8]
store = Store(Path(db))
mine = []
say(phase="ready")
wait_for(barrier)
for serial in range(edits):
    kind = rng.choices(kinds, weights)[0]
    if kind in ("reply", "comment", "status", "delete") and not mine:
        kind = "annotate"
    if kind == "annotate":
        view = annotate(store, brief, rng.choice(quotes), tag=rng.choice(tags),
                        comment=f"{name} {serial}", reviewer=who)
        mine.append(view.id)
        say(phase="ack", kind=kind, id=view.id, tag=view.tag, reviewer=view.reviewer,
            comment=view.comment, status=view.status.value, quote=view.quote)
    elif kind in ("reply", "shared reply"):
        target = shared if kind == "shared reply" else rng.choice(mine)
        reply = add_reply(store, target, f"{name} says {serial}", who)
        say(phase="ack", kind="reply", id=reply.id, annotation=target, text=reply.text)
    elif kind in ("comment", "shared comment"):
        target = shared if kind == "shared comment" else rng.choice(mine)
        update_annotation(store, target, comment=f"{name} edit {serial}")
        say(phase="ack", kind="comment", id=target, value=f"{name} edit {serial}")
    elif kind == "status":
        target, status = rng.choice(mine), rng.choice(["open", "resolved"])
        update_annotation(store, target, status=status)
        say(phase="ack", kind=kind, id=target, value=status)
    elif kind == "delete":
        target = mine.pop(rng.randrange(len(mine)))
        delete_annotation(store, target)
        say(phase="ack", kind=kind, id=target)
    else:
        status = rng.choice(["proposed", "accepted", "rejected", "in_progress", "done"])
        update_recommendation(store, recommendation, reviewer=who, status=status)
        say(phase="ack", kind=kind, id=recommendation, value=status)
say(phase="done")
"""

# argv: db, go file, release file. Holds the write lock from "holding" until release.
HOLDER = PRELUDE + r"""
from reviewdesk.storage.store import Store

store = Store(Path(sys.argv[1]))
wait_for(Path(sys.argv[2]))
with store.transaction() as tx:
    tx.settings.set("holder", "was here")  # a write: the lock is surely ours
    say(phase="holding")
    wait_for(Path(sys.argv[3]))
say(phase="released")
"""

# argv: db, brief id, go file, stop file. Annotates until the stop file appears.
EDITOR = PRELUDE + r"""
from reviewdesk.services.annotations import annotate
from reviewdesk.storage.store import Store

store = Store(Path(sys.argv[1]))
brief, go, stop = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
say(phase="ready")
wait_for(go)
serial = 0
while serial == 0 or not stop.exists():
    say(phase="attempt", serial=serial)
    view = annotate(store, brief, "joint patrol", tag="Risk", comment=f"waited {serial}",
                    reviewer="Patient Editor")
    say(phase="ack", kind="annotate", id=view.id, comment=view.comment, at=time.monotonic())
    serial += 1
say(phase="done")
"""


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """The processes a test starts; any still running when it ends (it failed) are killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


def _start(processes: list[subprocess.Popen[str]], script: str,
           *args: object) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", script, *map(str, args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               encoding="utf-8")
    processes.append(process)
    return process


def _expect_line(process: subprocess.Popen[str], phase: str) -> dict[str, Any]:
    assert process.stdout is not None
    text = process.stdout.readline()
    assert text, f"the process ended before {phase!r}: {_finish(process)[1]}"
    line: dict[str, Any] = json.loads(text)
    assert line["phase"] == phase, line
    return line


def _finish(process: subprocess.Popen[str]) -> tuple[list[dict[str, Any]], str]:
    """Wait for the process to end; its JSON lines and its stderr. (Read through the pipes'
    file objects, not communicate(): that would skip what readline() has buffered.)"""
    assert process.stdout is not None and process.stderr is not None
    with ThreadPoolExecutor(2) as pool:
        out, err = pool.submit(process.stdout.read), pool.submit(process.stderr.read)
        try:
            process.wait(PROCESS_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            pytest.fail(f"a process hung:\n{err.result()}")
    return [json.loads(line) for line in out.result().splitlines()], err.result()


def _assert_clean(err: str, who: str) -> None:
    assert "locked" not in err.lower(), f"{who}:\n{err}"
    assert "Traceback" not in err and "Error" not in err, f"{who}:\n{err}"
    assert err == "", f"{who} wrote to stderr:\n{err}"


@pytest.fixture
def review(db_path: Path, brief_file: Path) -> tuple[str, str, str]:
    """The brief imported, one annotation both writers share, and a recommendation."""
    with Store(db_path) as store:
        [result] = import_files(store, [brief_file])
        shared = annotate(store, result.id, "Lake Corrin", tag="Claim", reviewer="Host")
        recommendation = recommendations_of(store, result.id)[0].recommendation.id
    return result.id, shared.id, recommendation


# -- (a) two writers, hundreds of edits each ------------------------------------------------


@pytest.mark.slow
def test_two_writers_lose_nothing(db_path: Path, tmp_path: Path,
                                  review: tuple[str, str, str],
                                  processes: list[subprocess.Popen[str]]) -> None:
    brief, shared, recommendation = review
    seed = os.environ.get("RELIABILITY_SEED") or str(random.randrange(2**32))
    barrier = tmp_path / "go"
    writers = {name: _start(processes, WRITER, db_path, brief, shared, recommendation, name,
                            EDITS_PER_WRITER, barrier, f"{seed}-{name}") for name in "AB"}
    for process in writers.values():
        _expect_line(process, "ready")
    barrier.touch()
    # Both read at once: a writer blocked on a full pipe would stop competing.
    with ThreadPoolExecutor(2) as pool:
        finished = {name: pool.submit(_finish, process) for name, process in writers.items()}
    acks: dict[str, list[dict[str, Any]]] = {}
    for name, process in writers.items():
        lines, err = finished[name].result()
        _assert_clean(err, f"seed {seed}: writer {name}")
        assert process.returncode == 0, f"seed {seed}: writer {name}"
        assert lines[-1] == {"phase": "done"}, f"seed {seed}: writer {name}"
        acks[name] = [line for line in lines if line["phase"] == "ack"]
        assert len(acks[name]) == EDITS_PER_WRITER, f"seed {seed}: writer {name}"

    with Store(db_path) as store:
        views = {view.id: view for view in list_annotations(store, brief)}
        status = {t.recommendation.id: t.recommendation.status.value
                  for t in recommendations_of(store, brief)}[recommendation]
        history = [e for e in recommendation_history(store, recommendation)
                   if e.changed == "status"]
    where = f"seed {seed}"

    # Exactly the annotations acknowledged: every one made and not deleted, nothing else.
    made = {a["id"]: a for name in "AB" for a in acks[name] if a["kind"] == "annotate"}
    deleted = {a["id"] for name in "AB" for a in acks[name] if a["kind"] == "delete"}
    assert set(views) == {shared} | (set(made) - deleted), where
    for id_ in set(made) - deleted:
        view, ack = views[id_], made[id_]
        assert (view.tag, view.reviewer, view.quote) == (ack["tag"], ack["reviewer"],
                                                         ack["quote"]), where
    # Each writer's own annotations: the last acknowledged comment and status, every reply.
    for name in "AB":
        last: dict[tuple[str, str], str] = {}
        replies: dict[str, set[str]] = {}
        for ack in acks[name]:
            if ack["kind"] in ("comment", "status"):
                last[ack["kind"], ack["id"]] = ack["value"]
            elif ack["kind"] == "reply":
                replies.setdefault(ack["annotation"], set()).add(ack["text"])
        for (kind, id_), value in last.items():
            if id_ in views and id_ != shared:
                stored = views[id_].comment if kind == "comment" else views[id_].status.value
                assert stored == value, f"{where}: {name}'s {kind} of {id_}"
        for id_, texts in replies.items():
            if id_ in views:
                assert texts <= {r.text for r in views[id_].replies}, f"{where}: {name}"
    # The shared annotation: both writers' replies, and the comment one of them gave last.
    shared_replies = Counter(a["text"] for name in "AB" for a in acks[name]
                             if a["kind"] == "reply" and a["annotation"] == shared)
    assert Counter(r.text for r in views[shared].replies) == shared_replies, where
    last_comments = {name: [a["value"] for a in acks[name]
                            if a["kind"] == "comment" and a["id"] == shared][-1:]
                     for name in "AB"}
    given = [value for values in last_comments.values() for value in values]
    assert views[shared].comment in given or not given, where
    # The recommendation's history is one unbroken chain: no update read a stale status.
    chain = [(e.old, e.new) for e in history]
    assert all(before[1] == after[0] for before, after in pairwise(chain)), where
    assert not chain or chain[-1][1] == status, where
    acknowledged = {a["value"] for name in "AB" for a in acks[name]
                    if a["kind"] == "recommendation"}
    assert {new for _, new in chain} <= acknowledged, where
    _assert_integrity(db_path)


def _assert_integrity(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


# -- (b) one long write while the other edits ----------------------------------------------


def test_an_edit_waits_for_a_long_write(db_path: Path, tmp_path: Path,
                                        review: tuple[str, str, str],
                                        processes: list[subprocess.Popen[str]]) -> None:
    brief = review[0]
    hold, edit, release, stop = (tmp_path / name for name in ("hold", "edit", "release",
                                                              "stop"))
    holder = _start(processes, HOLDER, db_path, hold, release)
    editor = _start(processes, EDITOR, db_path, brief, edit, stop)
    _expect_line(editor, "ready")
    stop.touch()  # one edit is enough
    hold.touch()
    _expect_line(holder, "holding")
    edit.touch()
    _expect_line(editor, "attempt")
    time.sleep(1.0)  # the edit is waiting now; a second is well inside the busy timeout
    released = time.monotonic()  # one clock for all processes
    release.touch()
    editor_lines, editor_err = _finish(editor)
    holder_lines, holder_err = _finish(holder)
    _assert_clean(editor_err, "editor")
    _assert_clean(holder_err, "holder")
    assert holder_lines == [{"phase": "released"}]
    [ack] = [line for line in editor_lines if line["phase"] == "ack"]
    assert editor.returncode == 0 and holder.returncode == 0
    # It waited for the holder's commit rather than failing or slipping in before it.
    assert ack["at"] > released
    with Store(db_path) as store:
        assert ack["id"] in {view.id for view in list_annotations(store, brief)}
        with store.transaction() as tx:
            assert tx.settings.get("holder") == "was here"


def _big_brief(path: Path, rng: random.Random) -> int:
    """A generated Markdown brief of a few thousand paragraphs; how many paragraphs."""
    words = ["river", "basin", "council", "ferry", "grain", "tariff", "levy", "season",
             "permit", "harbour", "ledger", "survey", "sluice", "barge", "quay", "warden"]
    parts = ["# Upper Vell Water Board Review\n"]
    paragraphs = 0
    for section in range(80):
        parts.append(f"\n## Part {section + 1}: the {rng.choice(words)} question\n")
        for number in range(60):
            sentence = " ".join(rng.choice(words) for _ in range(30))
            parts.append(f"\nThe {sentence} (item {section}.{number}).\n")
            paragraphs += 1
    path.write_text("".join(parts), encoding="utf-8")
    return paragraphs


def test_edits_wait_for_a_large_import(db_path: Path, tmp_path: Path,
                                       review: tuple[str, str, str],
                                       processes: list[subprocess.Popen[str]]) -> None:
    brief = review[0]
    big = tmp_path / "upper-vell.md"
    paragraphs = _big_brief(big, random.Random(7))
    go, stop = tmp_path / "go", tmp_path / "stop"
    editor = _start(processes, EDITOR, db_path, brief, go, stop)
    _expect_line(editor, "ready")
    go.touch()
    _expect_line(editor, "attempt")  # editing in a loop from now on
    with ThreadPoolExecutor(1) as pool:
        finished = pool.submit(_finish, editor)  # read as it goes: a full pipe would stop it
        importer = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db_path),
                                   "import", str(big), "--json"], capture_output=True,
                                  text=True, timeout=PROCESS_TIMEOUT)
        stop.touch()
        lines, err = finished.result()
    _assert_clean(err, "editor")
    _assert_clean(importer.stderr, "importer")
    assert importer.returncode == 0 and editor.returncode == 0
    [imported] = json.loads(importer.stdout)
    assert imported["blocks"] > paragraphs
    made = [line["id"] for line in lines if line["phase"] == "ack"]
    assert made and lines[-1] == {"phase": "done"}
    with Store(db_path) as store:
        assert set(made) <= {view.id for view in list_annotations(store, brief)}
        assert len(list_briefs(store)) == 2


# -- (c) the command line, twice at once ----------------------------------------------------


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=PROCESS_TIMEOUT)


@pytest.mark.slow
def test_two_command_lines_at_once(tmp_path: Path, brief_file: Path) -> None:
    """Two users' loops of `reviewdesk` commands on one new database file: both create the
    file, import the same brief (it is stored once), annotate it and reply to a note."""
    db = tmp_path / "fresh" / "review.sqlite3"  # not there yet: both create it at once
    barrier = threading.Barrier(2, timeout=PROCESS_TIMEOUT)
    results: dict[str, list[subprocess.CompletedProcess[str]]] = {"A": [], "B": []}
    made: dict[str, list[str]] = {"A": [], "B": []}

    def loop(name: str) -> None:
        barrier.wait()
        run = results[name].append
        run(_cli(db, "import", str(brief_file), "--json"))
        quotes = ["shared quota", "closed season", "catch data"]
        for number, quote in enumerate(quotes):
            result = _cli(db, "annotate", "Lake Corrin", "--quote", quote, "--tag", "Indicator",
                          "--reviewer", f"User {name}", "--comment", f"{name} {number}")
            run(result)
            made[name].append(result.stdout.strip())
            if number == 1:
                run(_cli(db, "reply", made[name][0][:12], "--text", f"{name} again {number}",
                         "--reviewer", f"User {name}"))

    threads = [threading.Thread(target=loop, args=(name,)) for name in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PROCESS_TIMEOUT * 10)
    for name, runs in results.items():
        assert len(runs) == 5, f"user {name}'s loop stopped: {runs[-1:]}"
        for result in runs:
            assert "locked" not in result.stderr.lower(), result.stderr
            assert result.returncode == 0 and result.stderr == "", (result.args, result.stderr)
    imports = [json.loads(results[name][0].stdout)[0] for name in results]
    assert imports[0]["id"] == imports[1]["id"]
    assert sorted(i["already_imported"] for i in imports) == [False, True]
    with Store(db) as store:
        [brief] = list_briefs(store)
        views = {view.id: view for view in list_annotations(store, brief.id)}
    assert set(views) == set(made["A"] + made["B"])
    for name in results:
        assert [r.text for r in views[made[name][0]].replies] == [f"{name} again 1"]
    _assert_integrity(db)


# -- When the lock stays taken past the busy timeout ----------------------------------------


@pytest.fixture
def lock(db_path: Path, monkeypatch: pytest.MonkeyPatch,
         review: tuple[str, str, str]) -> Iterator[Callable[[], sqlite3.Connection]]:
    """Calling it makes another program take the write lock and keep it; the store waits
    only 50 ms for a lock."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    others: list[sqlite3.Connection] = []

    def take() -> sqlite3.Connection:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        others.append(other)
        return other

    yield take
    for other in others:
        other.close()


def test_a_write_that_cannot_wait_long_enough_is_one_sentence(
        db_path: Path, review: tuple[str, str, str],
        lock: Callable[[], sqlite3.Connection]) -> None:
    brief, shared, _ = review
    with Store(db_path) as store:
        other = lock()
        with pytest.raises(StoreBusyError) as raised:
            update_annotation(store, shared, comment="not now")
        message = str(raised.value)
        assert "busy" in message and "try again" in message and str(db_path) in message
        assert "locked" not in message and "\n" not in message
        assert isinstance(raised.value, StoreError)  # shown wherever store errors are
        other.execute("ROLLBACK")
        update_annotation(store, shared, comment="now")  # and trying again works
        assert [v.comment for v in list_annotations(store, brief) if v.id == shared] == ["now"]


def test_opening_a_store_that_stays_locked_is_one_sentence(
        db_path: Path, lock: Callable[[], sqlite3.Connection]) -> None:
    lock()
    with pytest.raises(StoreBusyError, match="busy"):
        Store(db_path)


def test_the_command_line_says_busy_in_one_line(db_path: Path,
                                                lock: Callable[[], sqlite3.Connection],
                                                capsys: pytest.CaptureFixture[str],
                                                private_user_folders: Path) -> None:
    lock()
    code = cli.main(["--db", str(db_path), "annotate", "Lake Corrin", "--quote", "catch data",
                     "--tag", "Risk"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    [line] = err.splitlines()
    assert line.startswith("reviewdesk: error: the database ") and "busy" in line, err
    assert "locked" not in err and "Traceback" not in err
    assert not list(private_user_folders.rglob("crash-*")), "a busy store is not a bug"


def test_two_connections_making_a_new_file_wal_at_once(tmp_path: Path) -> None:
    """SQLite fails one of two connections that switch a new file to WAL at the same moment
    at once, without waiting on the busy timeout; the store's connections wait instead."""
    failures: list[BaseException] = []

    def connect(made: Engine, both: threading.Barrier) -> None:
        try:
            both.wait()
            with made.connect():
                pass
        except Exception as error:
            failures.append(error)

    for attempt in range(150):
        path = tmp_path / f"new-{attempt}.sqlite3"
        both = threading.Barrier(2, timeout=30)
        engines = [engine.make_engine(path) for _ in range(2)]
        threads = [threading.Thread(target=connect, args=(made, both)) for made in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        for made in engines:
            made.dispose()
    assert failures == []


def test_a_failed_transaction_lets_go_of_the_lock(db_path: Path) -> None:
    with Store(db_path) as store:
        with pytest.raises(RuntimeError), store.transaction() as tx:
            tx.settings.set("half", "done")
            raise RuntimeError("stop")
        other = sqlite3.connect(db_path, isolation_level=None, timeout=0)  # no waiting
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()
        with store.transaction() as tx:
            assert tx.settings.get("half") is None
