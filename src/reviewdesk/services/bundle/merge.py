"""The rule every copy merges by, "the later edit wins": of two versions of one item, keep
the one with the higher revision (every edit raises it, so an edit made after seeing
another version beats it), then the later `modified` time, then the larger content hash;
the same answer in every copy, whatever order bundles meet in. The fields each kind of
item has edited are data here; reference checks and recommendation decisions are merged
by one routine, taken only from a signer this database trusts as a lead."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from reviewdesk.domain.ids import as_utc
from reviewdesk.services.bundle.format import time_text
from reviewdesk.services.bundle.plan import MergePlan

OLDEST = datetime.min.replace(tzinfo=UTC)

# The fields of an annotation that reviewers edit; the rest never change once written.
ANNOTATION_FIELDS = ("tag_id", "comment", "status", "exact", "prefix", "suffix", "start",
                     "end", "anchor_state", "anchor_score", "date")


@dataclass(frozen=True, slots=True)
class Decided:
    """A kind of entry whose fields a lead decides: the fields edited, what an entry left
    undecided looks like (for one a non-lead's bundle brings), and whether a trigger
    stamps the time of a reviewer's edit (so a merge moves the time out of its way)."""

    table: str
    fields: tuple[str, ...]
    undecided: Mapping[str, Any]
    stamped: bool


REFERENCES = Decided("reference", ("check_status", "note"),
                     {"check_status": "unchecked", "note": "", "modified": None,
                      "revision": 0}, stamped=True)
RECOMMENDATIONS = Decided("recommendation",
                          ("addressee", "priority", "status", "owner", "due", "note"),
                          {"status": "proposed", "owner": "", "due": None, "note": "",
                           "revision": 0}, stamped=False)


def merge_decided(plan: MergePlan, kind: Decided) -> tuple[int, int]:
    """Merge the bundle's entries of `kind`: new ones are added (undecided, when the
    signer does not decide), and a rival version wins by the rule. How many were added,
    and how many took the bundle's fields."""
    local = plan.local[kind.table]
    blocks = plan.blocks()
    added = []
    taken = 0
    for entry in plan.tables[kind.table]:
        mine = local.get(entry["id"])
        if mine is None:
            added.append(_new_entry(plan, kind, entry, blocks))
            continue
        ours = values(mine, kind.fields)
        theirs = values(entry, kind.fields)
        our_time, their_time = moment(mine["modified"]), entry["modified"]
        if ours == theirs:
            if plan.standing.decides:
                catch_up(plan, kind.table, mine, entry, our_time, their_time)
            continue
        if wins((entry["revision"], their_time, theirs), (mine["revision"], our_time, ours)):
            if not plan.standing.decides:
                plan.report.decisions_left_out += 1
                continue
            if kind.stamped:
                # Move the time first: the trigger that stamps a reviewer's check leaves an
                # update alone when it sets a time of its own.
                plan.rows.update(kind.table, entry["id"], {"modified": OLDEST})
            plan.rows.update(kind.table, entry["id"],
                             {**dict(zip(kind.fields, theirs, strict=True)),
                              "modified": their_time, "revision": entry["revision"]})
            taken += 1
    plan.rows.insert(kind.table, added)
    return len(added), taken


def _new_entry(plan: MergePlan, kind: Decided, entry: Mapping[str, Any],
               blocks: set[str]) -> dict[str, Any]:
    """An entry new here: on its block if this database has it, undecided if its
    decision is not taken."""
    row = dict(entry)
    if row["block_id"] not in blocks:
        row["block_id"] = None
    if not plan.standing.decides and row["revision"]:
        row.update(kind.undecided)
        plan.report.decisions_left_out += 1
    return row


def catch_up(plan: MergePlan, table: str, mine: Mapping[str, Any], theirs: Mapping[str, Any],
             our_time: datetime | None, their_time: datetime | None) -> None:
    """The same content in both copies: keep the higher revision and (unless it was
    a time from the future) the later time, so every copy ends up the same."""
    changed: dict[str, Any] = {}
    if theirs["revision"] > mine["revision"]:
        changed["revision"] = theirs["revision"]
    if (their_time or OLDEST) > (our_time or OLDEST) \
            and (table, theirs["id"]) not in plan.clamped.rows:
        changed["modified"] = their_time
    if changed:
        if table == REFERENCES.table and "modified" in changed:
            plan.rows.update(table, theirs["id"], {"modified": OLDEST})
        plan.rows.update(table, theirs["id"], changed)


def wins(theirs: tuple[int, datetime | None, Sequence[Any]],
         ours: tuple[int, datetime | None, Sequence[Any]]) -> bool:
    """Whether the bundle's version beats ours: the higher revision, then the later edit,
    then the larger hash of the content (the same answer in every copy, whichever side it
    is merged from)."""
    return ((theirs[0], theirs[1] or OLDEST, _digest(theirs[2]))
            > (ours[0], ours[1] or OLDEST, _digest(ours[2])))


def _digest(fields: Iterable[Any]) -> str:
    text = json.dumps([_plain(value) for value in fields], ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return time_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def values(row: Mapping[str, Any], fields: Sequence[str]) -> tuple[Any, ...]:
    """The row's values of `fields`, in their order."""
    return tuple(row[name] for name in fields)


def moment(value: datetime | None) -> datetime | None:
    """A stored time in UTC (None stays None)."""
    return None if value is None else as_utc(value).astimezone(UTC)
