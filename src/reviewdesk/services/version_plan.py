"""Version planning: which files being opened look like revisions of stored briefs.

Each file is read once and checked against the store: a file whose title matches a stored
brief with other text may be its next version. The app asks the reviewer about each such
file (the next version, a separate brief, or nothing); the command line names the match
and stores the file as a brief of its own. Then everything is stored in one transaction,
from the briefs already read, so a cancelled open or a file that cannot be read leaves the
store as it was."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Union

from reviewdesk.domain.brief import Brief
from reviewdesk.errors import InputError
from reviewdesk.importers import read_brief_file
from reviewdesk.services.briefs import ImportCancelled, ImportResult, Progress, store_read_brief
from reviewdesk.storage.store import Store

if TYPE_CHECKING:
    from reviewdesk.services.versions import VersionResult

# Versions (comparing, carrying annotations) are imported only when a file is one: a
# third of the modules of an import, for files that are mostly new briefs.
OpenResult = Union[ImportResult, "VersionResult"]


class Choice(Enum):
    """What becomes of a file that looks like a revision of a stored brief."""

    VERSION = "version"    # store it as the next version of the stored brief
    SEPARATE = "separate"  # import it as a brief of its own
    CANCEL = "cancel"      # store nothing


@dataclass(slots=True)
class ReadFile:
    """A file read, and the stored brief it may be the next version of."""

    path: Path
    brief: Brief
    encoding: str | None = None  # the encoding its text was read in (None: Word, PDF)
    candidate_id: str | None = None  # the stored brief's latest version
    candidate_title: str = ""
    next_version: int = 0
    choice: Choice = Choice.SEPARATE


def version_candidate(store: Store, brief: Brief) -> tuple[str, str] | None:
    """A stored brief this newly read file looks like a revision of (same title, other
    text): (its latest version's id, title), or None."""
    wanted = _key(brief.title)
    with store.transaction() as tx:
        for summary in tx.briefs.summaries():
            if _key(summary.title) != wanted:
                continue
            family = tx.briefs.family(summary.id)
            latest = family[-1][0]
            found = tx.briefs.title_and_text(latest)
            if found is not None and found[1] != brief.text:
                return latest, found[0]
    return None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_files(store: Store, paths: Sequence[Path],
               progress: Progress | None = None) -> list[ReadFile]:
    """Read every file and look for the stored brief each may revise; a file with such a
    candidate is planned as its next version (its choice is VERSION)."""
    found: list[ReadFile] = []
    planned: dict[str, int] = {}  # a file earlier in this open may be a version already
    for done, path in enumerate(paths):
        if progress is not None and not progress(done, len(paths), path):
            raise ImportCancelled("the import was cancelled; nothing was added")
        brief_file = read_brief_file(path)
        read = ReadFile(path, brief_file.brief, brief_file.encoding)
        candidate = version_candidate(store, read.brief)
        if candidate is not None:
            from reviewdesk.services.versions import versions_of

            read.candidate_id, read.candidate_title = candidate
            latest = planned.get(candidate[0]) or versions_of(store, candidate[0])[-1].version
            read.next_version = planned[candidate[0]] = latest + 1
            read.choice = Choice.VERSION
        found.append(read)
    return found


def store_files(store: Store, files: Sequence[ReadFile]) -> list[OpenResult]:
    """Store the files read, each as chosen, in one transaction."""
    from reviewdesk.services.versions import store_version

    results: list[OpenResult] = []
    with store.transaction() as tx:
        for read in files:
            if read.choice == Choice.VERSION and read.candidate_id is not None:
                results.append(store_version(tx, read.brief, read.candidate_id, read.path))
            else:
                results.append(store_read_brief(tx, read.path, read.brief, read.encoding))
    return results


def import_as_briefs(store: Store, paths: Sequence[Path],
                     progress: Progress | None = None) -> list[tuple[ImportResult, ReadFile]]:
    """Import every file as import_files does (each a brief of its own: nothing is linked
    as a version without being asked), each with its plan, which names the stored brief it
    looks like a revision of (candidate_id, candidate_title), if any."""
    if not paths:
        raise InputError("name at least one file to import")
    planned = read_files(store, paths, progress)
    with store.transaction() as tx:
        return [(store_read_brief(tx, read.path, read.brief, read.encoding), read)
                for read in planned]
