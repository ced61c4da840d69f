"""A file that must not be opened is refused in one sentence that says how to recover: the
copies ReviewDesk makes beside a database (before a migration and before a bundle merge),
which of them are good, and the doctor command that restores the newest good one."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import UTC, datetime
from glob import escape
from pathlib import Path

from reviewdesk.errors import StoreCorruptError, StoreError, StoreSchemaError
from reviewdesk.storage.health import Condition, Finding, examine_file

# engine.backup_copy names a copy `<db>.<label>-<UTC time>.bak`.
_COPY_NAME = re.compile(r"(?P<label>.+)-(?P<stamp>\d{8}T\d{6}Z)")


@dataclass(frozen=True)
class Copy:
    """A copy beside the database: when it was made and why."""

    path: Path
    made: datetime
    reason: str


def copies_of(path: Path) -> list[Copy]:
    """The copies made beside `path`, newest first."""
    copies = []
    for candidate in path.parent.glob(f"{escape(path.name)}.*.bak"):
        if candidate.is_file():
            copies.append(_copy(path, candidate))
    return sorted(copies, key=lambda copy: (copy.made, copy.path.name), reverse=True)


def _copy(database: Path, candidate: Path) -> Copy:
    name = candidate.name[len(database.name) + 1:-len(".bak")]
    match = _COPY_NAME.fullmatch(name)
    if match is None:
        made = datetime.fromtimestamp(candidate.stat().st_mtime, UTC)
        return Copy(candidate, made, name)
    made = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    label = match["label"]
    if label.startswith("before-bundle"):
        reason = "before merging a bundle"
    elif label.startswith("before-"):
        reason = f"before upgrading to schema {label.removeprefix('before-')}"
    else:
        reason = label
    return Copy(candidate, made, reason)


def examine_copy(copy: Copy, *, full: bool = False) -> Finding:
    """A copy is good when its pages are sound and its tables are those of a revision this
    ReviewDesk knows. No one writes to a copy, so it is read as immutable: nothing (no lock
    file, no -wal) is made beside it."""
    try:
        return examine_file(copy.path, full=full, immutable=True)
    except StoreError as error:
        return Finding(Condition.DAMAGED, (str(error),))


def newest_good_copy(path: Path) -> Copy | None:
    for copy in copies_of(path):
        if examine_copy(copy).condition == Condition.SOUND:
            return copy
    return None


def check_before_opening(path: Path) -> None:
    """Refuse a damaged file, or one whose tables are not the revision it records, before
    anything writes to it: the switch to WAL, a migration, or the checkpoint on closing."""
    if not path.exists():
        return
    finding = examine_file(path)
    if not finding.usable:
        raise refusal(path, finding)


def refusal(path: Path, finding: Finding) -> StoreError:
    """The one-sentence error for a file that must not be opened."""
    match finding.condition:
        case Condition.NEWER:
            return StoreError(f"{path} was written by a newer ReviewDesk; update the app to "
                              "open it")
        case Condition.FOREIGN:
            return StoreError(f"{path} is an SQLite file but not a ReviewDesk database")
        case Condition.SCHEMA_MISMATCH:
            return StoreSchemaError(schema_sentence(path, finding))
        case _:
            return StoreCorruptError(damaged_sentence(path, finding.condition))


def damaged_sentence(path: Path, condition: Condition = Condition.DAMAGED) -> str:
    what = ("is not a ReviewDesk database, or it is damaged" if
            condition == Condition.NOT_A_DATABASE else
            "is damaged (SQLite found broken pages in it)")
    return f"{path} {what}, and nothing was written to it; {recovery_advice(path)}"


def schema_sentence(path: Path, finding: Finding) -> str:
    shown = list(finding.details[:3])
    more = len(finding.details) - len(shown)
    if more:
        shown.append(f"{more} more difference{'s' if more > 1 else ''}")
    listed = ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else shown[0]
    recorded = (f"records schema revision {finding.revision} but {listed}"
                if finding.revision else listed)
    return (f"{path} {recorded}, so ReviewDesk did not upgrade or change it; "
            f"{recovery_advice(path)}")


def doctor_command(path: Path) -> str:
    return f"reviewdesk --db {shlex.quote(str(path))} doctor"


def recovery_advice(path: Path) -> str:
    """How to get a usable database back: the doctor command, and the copy it would use."""
    copy = newest_good_copy(path)
    if copy is None:
        return ("there is no good copy beside it to restore (ReviewDesk makes one before each "
                f"upgrade and bundle merge); '{doctor_command(path)}' shows what is wrong")
    return (f"'{doctor_command(path)} --restore' puts back the newest good copy, "
            f"{copy.path.name}, made {copy.made:%Y-%m-%d %H:%M} UTC, and keeps the damaged "
            "file aside")
