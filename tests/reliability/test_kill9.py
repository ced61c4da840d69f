"""Every edit the app has acknowledged survives the process being killed with -9.

A writer process makes a random stream of edits through the real services and prints a line
before each call (the intent) and after it returns, that is after its commit (the ack). The
test kills it with SIGKILL at a random moment, twenty times over one database file, and after
each kill checks the file's integrity and that every acknowledged edit is there with the
acknowledged value. The one edit in flight at the kill may have landed or not.

Set RELIABILITY_SEED to replay a run's choices (the kill moments still vary with timing).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.tracking import recommendations_of, references_of
from reviewdesk.storage.store import Store

ROUNDS = 20

WRITER = r"""
import json, random, sys
from pathlib import Path

from reviewdesk.services.annotations import (add_reply, annotate, delete_annotation,
                                             list_annotations, update_annotation)
from reviewdesk.services.briefs import import_files
from reviewdesk.services.tracking import (recommendations_of, references_of,
                                          set_reference_check, update_recommendation)
from reviewdesk.storage.store import Store

QUOTES = ["shared quota", "joint patrol", "closed season", "catch data", "second patrol boat",
          "fishing towns", "port of Alby", "argued about quotas"]
TAGS = ["Indicator", "Indicator › security", "Reason", "Claim", "Risk", "Question"]
REVIEWERS = ["Mira Okafor", "Tomas Lindqvist", "Ana Bermúdez"]
WORDS = ["perch", "quota", "patrol", "harbour", "season", "nets", "council", "tariff", "ledger"]
KINDS = ["annotate", "reply", "comment", "status", "delete", "recommendation", "reference"]
WEIGHTS = [30, 20, 20, 10, 8, 6, 6]
REC_STATES = ["proposed", "accepted", "rejected", "in_progress", "done", "deferred"]
CHECKS = ["unchecked", "verified", "problem"]

db, brief_file, seed = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
store = Store(db)
brief = import_files(store, [brief_file])[0].id
notes = [view.id for view in list_annotations(store, brief)]
recommendations = [t.recommendation.id for t in recommendations_of(store, brief)]
references = [t.reference.id for t in references_of(store, brief)]


def say(**line):
    print(json.dumps(line), flush=True)


def words(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


say(phase="ready", brief=brief)
serial = 0
while True:
    serial += 1
    kind = rng.choices(KINDS, WEIGHTS)[0]
    if kind in ("reply", "comment", "status", "delete") and not notes:
        kind = "annotate"
    if kind == "annotate":
        quote, tag, who = rng.choice(QUOTES), rng.choice(TAGS), rng.choice(REVIEWERS)
        comment = f"{seed}/{serial}: {words(rng.randint(0, 6))}"
        say(phase="intent", kind=kind)
        view = annotate(store, brief, quote, tag=tag, comment=comment, reviewer=who)
        notes.append(view.id)
        say(phase="ack", kind=kind, id=view.id, tag=view.tag, reviewer=view.reviewer,
            comment=view.comment, status=view.status.value, quote=view.quote)
    elif kind == "reply":
        target, text = rng.choice(notes), f"reply {seed}/{serial}: {words(rng.randint(1, 8))}"
        say(phase="intent", kind=kind, annotation=target)
        reply = add_reply(store, target, text, rng.choice(REVIEWERS))
        say(phase="ack", kind=kind, id=reply.id, annotation=target, text=reply.text)
    elif kind == "comment":
        target = rng.choice(notes)
        # Sometimes long, sometimes empty: the stored text must be exactly the last one.
        text = rng.choice(["", f"edit {seed}/{serial}: {words(rng.randint(1, 300))}",
                           f"edit {seed}/{serial} – “{words(2)}”"])
        say(phase="intent", kind=kind, id=target, value=text)
        update_annotation(store, target, comment=text)
        say(phase="ack", kind=kind, id=target, value=text)
    elif kind == "status":
        target, status = rng.choice(notes), rng.choice(["open", "resolved"])
        say(phase="intent", kind=kind, id=target, value=status)
        update_annotation(store, target, status=status)
        say(phase="ack", kind=kind, id=target, value=status)
    elif kind == "delete":
        target = notes.pop(rng.randrange(len(notes)))
        say(phase="intent", kind=kind, id=target)
        delete_annotation(store, target)
        say(phase="ack", kind=kind, id=target)
    elif kind == "recommendation":
        target, status = rng.choice(recommendations), rng.choice(REC_STATES)
        say(phase="intent", kind=kind, id=target, value=status)
        update_recommendation(store, target, reviewer=rng.choice(REVIEWERS), status=status)
        say(phase="ack", kind=kind, id=target, value=status)
    else:
        target, check = rng.choice(references), rng.choice(CHECKS)
        say(phase="intent", kind=kind, id=target, value=check)
        set_reference_check(store, target, check)
        say(phase="ack", kind=kind, id=target, value=check)
"""


@dataclass
class Expected:
    """What the acknowledged edits say the database holds (only what they say: an edit that
    committed but was not acknowledged before the kill may have added more)."""

    annotations: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> field -> value
    replies: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (annotation, text)
    recommendations: dict[str, str] = field(default_factory=dict)  # id -> status
    references: dict[str, str] = field(default_factory=dict)  # id -> check
    acknowledged: int = 0

    def apply(self, line: dict[str, Any]) -> None:
        self.acknowledged += 1
        kind, id_ = line["kind"], line["id"]
        if kind == "annotate":
            self.annotations[id_] = {"exists": True, "tag": line["tag"],
                                     "reviewer": line["reviewer"], "comment": line["comment"],
                                     "status": line["status"], "quote": line["quote"]}
        elif kind == "reply":
            self.replies[id_] = (line["annotation"], line["text"])
            self.annotations.setdefault(line["annotation"], {})["exists"] = True
        elif kind in ("comment", "status"):
            self.annotations.setdefault(id_, {}).update({"exists": True, kind: line["value"]})
        elif kind == "delete":
            self.annotations[id_] = {"exists": False}
            self.replies = {r: (a, t) for r, (a, t) in self.replies.items() if a != id_}
        elif kind == "recommendation":
            self.recommendations[id_] = line["value"]
        else:
            self.references[id_] = line["value"]


def _parse(lines: list[str]) -> tuple[str | None, list[dict[str, Any]], dict[str, Any] | None]:
    """(brief id if the writer got ready, the acks in order, the intent left without an ack)."""
    brief, acks, pending = None, [], None
    for text in lines:
        line = json.loads(text)
        if line["phase"] == "ready":
            brief = line["brief"]
        elif line["phase"] == "intent":
            pending = line
        else:
            acks.append(line)
            pending = None
    return brief, acks, pending


def _moments(rng: random.Random) -> list[str]:
    """When each round kills: after some edits at once, after some edits and a pause of up
    to 50 ms (often inside the next commit), a while after start-up, or during start-up
    (opening the store, importing the brief again). The first round always gets going."""
    moments = ["lines", "lines+sleep", "lines+sleep", "time", "startup"] * (ROUNDS // 5)
    rng.shuffle(moments)
    first = next(index for index, moment in enumerate(moments) if moment != "startup")
    moments[0], moments[first] = moments[first], moments[0]
    return moments


def _run_round(db_path: Path, brief_file: Path, seed: str, rng: random.Random,
               moment: str) -> tuple[list[str], str]:
    """Start a writer, kill it at `moment` (varied by `rng`); its complete stdout lines and
    its stderr."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(brief_file),
                                seed], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8")
    # A writer that hangs must fail the test, not stall it.
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    assert process.stdout is not None and process.stderr is not None
    lines: list[str] = []
    try:
        if moment == "startup":  # while it starts, opens the store, (re)imports the brief
            time.sleep(rng.uniform(0.0, 1.5))
        else:
            wanted = 1 + (rng.randint(1, 80) if moment.startswith("lines") else 0)
            while len(lines) < wanted:
                line = process.stdout.readline()
                assert line.endswith("\n"), (
                    f"seed {seed}: the writer stopped by itself:\n{process.stderr.read()}")
                lines.append(line)
            if moment == "lines+sleep":  # lands anywhere in the next edits, often mid-commit
                time.sleep(rng.uniform(0.0, 0.05))
            elif moment == "time":
                time.sleep(rng.uniform(0.0, 0.3))
        process.send_signal(signal.SIGKILL)
        rest = process.stdout.read()
        errors = process.stderr.read()
        process.wait()
    finally:
        watchdog.cancel()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL, (
        f"seed {seed}: the writer ended with {process.returncode}, not by the kill:\n{errors}")
    # What it printed before it died was acknowledged too; a cut-off last line was not.
    lines += rest.split("\n")[:-1]
    return lines, errors


def _check(db_path: Path, brief: str, expected: Expected, pending: dict[str, Any] | None,
           where: str) -> None:
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == [], where
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",), where
    finally:
        connection.close()
    with Store(db_path) as store:
        views = {view.id: view for view in list_annotations(store, brief)}
        recommendations = {t.recommendation.id: t.recommendation.status.value
                           for t in recommendations_of(store, brief)}
        references = {t.reference.id: t.reference.check.value
                      for t in references_of(store, brief)}
    in_flight = (pending or {}).get("kind"), (pending or {}).get("id")
    in_flight_value = (pending or {}).get("value")

    for id_, fields in expected.annotations.items():
        view = views.get(id_)
        if in_flight == ("delete", id_):  # it may have committed before the kill
            fields["exists"] = view is not None
        assert (view is not None) == fields["exists"], (
            f"{where}: annotation {id_} should {'' if fields['exists'] else 'not '}be there")
        if view is None:
            continue
        stored = {"tag": view.tag, "reviewer": view.reviewer, "comment": view.comment,
                  "status": view.status.value, "quote": view.quote}
        for name in ("tag", "reviewer", "comment", "status", "quote"):
            if name not in fields:
                continue  # made by an edit whose ack the kill cut off
            if in_flight == (name, id_) and stored[name] == in_flight_value:
                fields[name] = stored[name]
            assert stored[name] == fields[name], (
                f"{where}: annotation {id_} has {name} {stored[name]!r}, acknowledged "
                f"{fields[name]!r}")
    # Replies go with their annotation, also when its deletion landed unacknowledged.
    gone = {id_ for id_, fields in expected.annotations.items() if not fields["exists"]}
    expected.replies = {r: (a, t) for r, (a, t) in expected.replies.items() if a not in gone}
    for id_, (annotation_id, text) in expected.replies.items():
        replies = {r.id: r.text for r in views[annotation_id].replies}
        assert replies.get(id_) == text, f"{where}: reply {id_} lost or changed"
    for kind, stored_values, wanted in (("recommendation", recommendations,
                                         expected.recommendations),
                                        ("reference", references, expected.references)):
        for id_, value in wanted.items():
            if in_flight == (kind, id_) and stored_values[id_] == in_flight_value:
                wanted[id_] = value = stored_values[id_]
            assert stored_values[id_] == value, (
                f"{where}: {kind} {id_} is {stored_values[id_]!r}, acknowledged {value!r}")


@pytest.mark.slow
def test_acknowledged_edits_survive_kill_9(db_path: Path, brief_file: Path) -> None:
    seed = os.environ.get("RELIABILITY_SEED") or str(random.randrange(2**32))
    rng = random.Random(seed)
    expected = Expected()
    brief: str | None = None
    moments = _moments(rng)
    for round_, moment in enumerate(moments):
        lines, errors = _run_round(db_path, brief_file, f"{seed}-{round_}", rng, moment)
        where = f"seed {seed}, round {round_} (killed at {moment!r})"
        assert errors == "", f"{where}: the writer wrote to stderr:\n{errors}"
        ready, acks, pending = _parse(lines)
        brief = brief or ready
        assert brief is not None, where  # round 0 always gets ready
        for ack in acks:
            expected.apply(ack)
        _check(db_path, brief, expected, pending, where)
    assert expected.acknowledged >= ROUNDS, f"seed {seed}: only {expected.acknowledged} edits"
