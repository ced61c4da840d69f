"""`reviewdesk doctor`: check a database without writing to it (its pages, its schema against
the revision it records, its foreign keys), list the copies made beside it, and put the newest
good copy back in place of a damaged database."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from reviewdesk.errors import StoreError
from reviewdesk.storage.health import Condition, Finding, examine_file, orphan_rows
from reviewdesk.storage.recovery import Copy, copies_of, doctor_command, examine_copy
from reviewdesk.storage.restore import Restored, restore_copy
from reviewdesk.storage.schema_check import head_revision

# What --restore may replace: a file this ReviewDesk can tell is broken. A newer ReviewDesk's
# database, or another program's file, is left alone.
_RESTORABLE = (Condition.DAMAGED, Condition.NOT_A_DATABASE, Condition.SCHEMA_MISMATCH)


@dataclass(frozen=True)
class CopyHealth:
    """A copy beside the database, and what is wrong with it (None: it is good)."""

    copy: Copy
    revision: str | None
    problem: str | None

    @property
    def good(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class Diagnosis:
    """What the doctor found. `problems` are clauses for people, empty when healthy."""

    database: Path
    exists: bool
    size: int
    check: str
    finding: Finding | None
    problems: tuple[str, ...]
    copies: tuple[CopyHealth, ...]
    head: str = field(default_factory=head_revision)
    restored: Restored | None = None

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def revision(self) -> str | None:
        """The schema revision the database records; None when there is none or it cannot be
        read."""
        return self.finding.revision if self.finding else None

    @property
    def findings(self) -> tuple[str, ...]:
        """Every finding behind the problems, as SQLite or the schema check put it."""
        return self.finding.details if self.finding else ()

    @property
    def newest_good_copy(self) -> Copy | None:
        return next((health.copy for health in self.copies if health.good), None)

    @property
    def restorable(self) -> bool:
        """Whether --restore may replace the database: a file this ReviewDesk can tell is
        broken, or a missing one. A newer ReviewDesk's database, or another program's file,
        is left alone."""
        if self.healthy:
            return False
        return self.finding is None or self.finding.condition in (*_RESTORABLE,
                                                                   Condition.SOUND)

    def error(self) -> StoreError:
        """The one sentence for a database the doctor found a problem with."""
        path = self.database
        copy = self.newest_good_copy
        if not self.restorable:
            advice = ""
        elif copy is None and not self.exists:
            advice = ", nor a good copy of one beside it to restore"
        elif copy is None:
            advice = "; there is no good copy beside it to restore, so it was left as it is"
        else:
            advice = (f"; '{doctor_command(path)} --restore' puts back the newest good copy, "
                      f"{copy.path.name}, made {made_text(copy.made)}"
                      + (", and keeps the damaged file aside" if self.exists else ""))
        if not self.exists:
            return StoreError(f"{self.problems[0]}{advice}")
        return StoreError(f"{path} {self.problems[0]}{advice}")

    def to_dict(self) -> dict[str, Any]:
        """The diagnosis as `reviewdesk doctor --json` prints it; paths and times as strings."""
        restored = None
        if self.restored is not None:
            restored = {"from": str(self.restored.copy.path),
                        "made": self.restored.copy.made.isoformat(),
                        "kept_aside": [str(path) for path in self.restored.kept_aside]}
        return {"database": str(self.database), "exists": self.exists, "size": self.size,
                "revision": self.revision, "head": self.head, "check": self.check,
                "healthy": self.healthy, "problems": list(self.problems),
                "findings": list(self.findings),
                "copies": [{"path": str(h.copy.path), "made": h.copy.made.isoformat(),
                            "reason": h.copy.reason, "revision": h.revision, "good": h.good,
                            "problem": h.problem} for h in self.copies],
                "restored": restored}


def diagnose(database: Path, *, full: bool = True) -> Diagnosis:
    """Check `database` and the copies beside it, reading only. `full` runs SQLite's
    integrity_check (every index against its table too) instead of quick_check."""
    check = "integrity_check" if full else "quick_check"
    copies = tuple(_copy_health(copy) for copy in copies_of(database))
    if not database.is_file():
        if database.exists():
            raise StoreError(f"{database} is a folder, not a database file")
        return Diagnosis(database, False, 0, check, None,
                         (f"there is no database at {database}",), copies)
    finding = examine_file(database, full=full)
    orphans = orphan_rows(database) if finding.condition == Condition.SOUND else []
    problems = _problems(finding)
    if orphans:
        problems.append(f"has {_rows(len(orphans))} that refer to rows that do not exist "
                        f"(in {', '.join(sorted(set(orphans)))})")
    return Diagnosis(database, True, database.stat().st_size, check, finding, tuple(problems),
                     copies)


def doctor(database: Path, *, full: bool = True, restore: bool = False) -> Diagnosis:
    """Check `database` and, with `restore`, put the newest good copy in place of it when the
    check finds a problem; then check again. Without a good copy, or for a database that is
    not one to replace (see Diagnosis.restorable), nothing is changed."""
    diagnosis = diagnose(database, full=full)
    copy = diagnosis.newest_good_copy
    if not restore or not diagnosis.restorable or copy is None:
        return diagnosis
    restored = restore_copy(database, copy)
    return replace(diagnose(database, full=full), restored=restored)


def _copy_health(copy: Copy) -> CopyHealth:
    finding = examine_copy(copy)
    return CopyHealth(copy, finding.revision,
                      None if finding.condition == Condition.SOUND else
                      (_problems(finding) or ["it is empty"])[0])


def _problems(finding: Finding) -> list[str]:
    details = finding.details
    match finding.condition:
        case Condition.DAMAGED:
            return [f"is damaged; SQLite found: {_first(details)}"]
        case Condition.NOT_A_DATABASE:
            return [f"is not a database SQLite recognises ({_first(details)})"]
        case Condition.SCHEMA_MISMATCH:
            said = (f"records schema revision {finding.revision} but "
                    if finding.revision else "")
            more = len(details) - 3
            return [said + ", ".join(details[:3])
                    + (f" and {more} more difference{'s' if more > 1 else ''}" if more > 0
                       else "")]
        case Condition.NEWER:
            return [f"was written by a newer ReviewDesk (schema revision {finding.revision}); "
                    "update ReviewDesk to use it"]
        case Condition.FOREIGN:
            return ["is an SQLite file of another program, not a ReviewDesk database"]
        case _:
            return []


def _first(details: tuple[str, ...]) -> str:
    more = len(details) - 1
    return details[0] + (f" (and {more} more finding{'s' if more > 1 else ''})" if more else "")


def _rows(count: int) -> str:
    return f"{count} row{'s' if count != 1 else ''}"


def made_text(moment: datetime) -> str:
    """When a copy was made, as the doctor prints it: '2024-05-01 14:30 UTC'."""
    return f"{moment:%Y-%m-%d %H:%M} UTC"
